import { decodeBytesToUtf8, type Command, type ResolvedCommandContext } from "just-bash";
import type { ShellFrame } from "../frame";
import { formatDate, GNU_FILE_TIME } from "./date";
import { shellCommand } from "./index";
import { differs, normalDiff, unifiedHunks, type DiffLineOptions } from "./diff-format";

/**
 * GNU diff for two files (`-` is stdin): the normal format by default, -u/-U N unified with the
 * files' times, -q, -s, -i, -w, -b. just-bash's prints a unified patch with a "===" banner for
 * everything, which is not what a learner comparing two manifests on the exam sees.
 */
export function diffCommand(frame: ShellFrame): Command {
  return shellCommand(frame, "diff", async (args, ctx, io) => {
    const parsed = parseDiffOptions(args);
    if ("error" in parsed) {
      io.err.push(parsed.error);
      return 2;
    }
    const [leftName, rightName] = parsed.operands;
    const left = await readOperand(ctx, leftName);
    if (typeof left === "string") {
      io.err.push(left);
      return 2;
    }
    const right = await readOperand(ctx, rightName);
    if (typeof right === "string") {
      io.err.push(right);
      return 2;
    }
    const different = differs(left.text, right.text, parsed.lines);
    if (!different) {
      if (parsed.reportIdentical) io.out.push(`Files ${leftName} and ${rightName} are identical\n`);
      return 0;
    }
    if (parsed.brief) {
      io.out.push(`Files ${leftName} and ${rightName} differ\n`);
      return 1;
    }
    if (parsed.context === undefined) {
      io.out.push(normalDiff(left.text, right.text, parsed.lines));
      return 1;
    }
    const now = frame.runtime.environment.clock.now();
    io.out.push(`--- ${leftName}\t${formatDate(new Date(left.mtime ?? now), GNU_FILE_TIME)}\n+++ ${rightName}\t${formatDate(new Date(right.mtime ?? now), GNU_FILE_TIME)}\n`);
    io.out.push(unifiedHunks(left.text, right.text, parsed.context, parsed.lines));
    return 1;
  });
}

interface DiffOptions {
  operands: [string, string];
  /** Lines of context for the unified format; undefined for the normal format. */
  context?: number;
  brief: boolean;
  reportIdentical: boolean;
  lines: DiffLineOptions;
}

const TRY = "diff: Try 'diff --help' for more information.\n";
const NOT_YET: Record<string, string> = {
  c: "the context format (-c)", C: "the context format (-C)", y: "side-by-side output (-y)", r: "comparing directories (-r)",
  B: "ignoring blank lines (-B)", N: "treating absent files as empty (-N)",
};

function parseDiffOptions(args: string[]): DiffOptions | { error: string } {
  const o: Omit<DiffOptions, "operands"> = { brief: false, reportIdentical: false, lines: {} };
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a === "-" || !a.startsWith("-")) {
      operands.push(a);
      continue;
    }
    if (a.startsWith("--")) {
      const [name, value] = a.split(/=(.*)/s);
      if (name === "--unified") o.context = value === undefined ? 3 : Number(value);
      else if (name === "--brief") o.brief = true;
      else if (name === "--report-identical-files") o.reportIdentical = true;
      else if (name === "--ignore-case") o.lines.ignoreCase = true;
      else if (name === "--ignore-all-space") o.lines.ignoreAllSpace = true;
      else if (name === "--ignore-space-change") o.lines.ignoreSpaceChange = true;
      else if (name === "--text" || name === "--color" || name === "--no-dereference") continue;
      else if (name === "--side-by-side" || name === "--context" || name === "--recursive") return { error: `diff: ${name} is not available in Kubecoach yet\n` };
      else return { error: `diff: unrecognized option '${a}'\n${TRY}` };
      if (o.context !== undefined && !(Number.isInteger(o.context) && o.context >= 0)) return { error: `diff: invalid context length '${value}'\n${TRY}` };
      continue;
    }
    for (let k = 1; k < a.length; k++) {
      const f = a[k];
      if (f === "u") o.context = 3;
      else if (f === "U") {
        const value = a.slice(k + 1) || args[++i];
        if (value === undefined) return { error: `diff: option requires an argument -- 'U'\n${TRY}` };
        if (!/^\d+$/.test(value)) return { error: `diff: invalid context length '${value}'\n${TRY}` };
        o.context = Number(value);
        break;
      } else if (f === "q") o.brief = true;
      else if (f === "s") o.reportIdentical = true;
      else if (f === "i") o.lines.ignoreCase = true;
      else if (f === "w") o.lines.ignoreAllSpace = true;
      else if (f === "b") o.lines.ignoreSpaceChange = true;
      else if (f === "a") continue;
      else if (NOT_YET[f]) return { error: `diff: ${NOT_YET[f]} is not available in Kubecoach yet\n` };
      else return { error: `diff: invalid option -- '${f}'\n${TRY}` };
    }
  }
  if (operands.length < 2) return { error: `diff: missing operand after '${operands[0] ?? "diff"}'\n${TRY}` };
  if (operands.length > 2) return { error: `diff: extra operand '${operands[2]}'\n${TRY}` };
  return { ...o, operands: [operands[0], operands[1]] };
}

async function readOperand(ctx: ResolvedCommandContext, name: string): Promise<{ text: string; mtime?: number } | string> {
  if (name === "-") return { text: decodeBytesToUtf8(ctx.stdin) };
  const path = ctx.fs.resolvePath(ctx.cwd, name);
  try {
    const stat = await ctx.fs.stat(path);
    if (stat.isDirectory) return `diff: comparing directories (${name}) is not available in Kubecoach yet\n`;
    return { text: await ctx.fs.readFile(path), mtime: stat.mtime.getTime() };
  } catch (err) {
    const code = (err as { code?: string }).code;
    return `diff: ${name}: ${code === "EACCES" ? "Permission denied" : "No such file or directory"}\n`;
  }
}
