import { decodeBytesToUtf8, type Command, type ResolvedCommandContext } from "just-bash";
import type { ShellFrame } from "../frame";
import { formatDate, GNU_FILE_TIME } from "./date";
import { getoptLong, tryHelp, type ArgumentKind, type GetoptTable } from "./getopt-long";
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

const TRY = `diff: ${tryHelp("diff")}`;
const NOT_YET: Record<string, string> = {
  c: "the context format (-c)", C: "the context format (-C)", y: "side-by-side output (-y)", r: "comparing directories (-r)",
  B: "ignoring blank lines (-B)", N: "treating absent files as empty (-N)",
};

/** diffutils 3.8's getopt table, in its order (`diff --=x` lists it); keyed by the short letter where there is one. */
export const DIFF_OPTIONS: GetoptTable = {
  program: "diff",
  options: [
    ...[
      ["binary"], ["brief", "q"], ["changed-group-format", , "required"], ["color", , "optional"], ["context", "C", "optional"], ["ed", "e"],
      ["exclude", "x", "required"], ["exclude-from", "X", "required"], ["expand-tabs", "t"], ["forward-ed", "f"], ["from-file", , "required"],
      ["help"], ["horizon-lines", , "required"], ["ifdef", "D", "required"], ["ignore-all-space", "w"], ["ignore-blank-lines", "B"],
      ["ignore-case", "i"], ["ignore-file-name-case"], ["ignore-matching-lines", "I", "required"], ["ignore-space-change", "b"],
      ["ignore-tab-expansion", "E"], ["ignore-trailing-space", "Z"], ["inhibit-hunk-merge"], ["initial-tab", "T"], ["label", "L", "required"],
      ["left-column"], ["line-format", , "required"], ["minimal", "d"], ["new-file", "N"], ["new-group-format", , "required"],
      ["new-line-format", , "required"], ["no-dereference"], ["no-ignore-file-name-case"], ["normal"], ["old-group-format", , "required"],
      ["old-line-format", , "required"], ["paginate", "l"], ["palette", , "required"], ["rcs", "n"], ["recursive", "r"],
      ["report-identical-files", "s"], ["sdiff-merge-assist"], ["show-c-function", "p"], ["show-function-line", "F", "required"],
      ["side-by-side", "y"], ["speed-large-files", "H"], ["starting-file", "S", "required"], ["strip-trailing-cr"], ["suppress-blank-empty"],
      ["suppress-common-lines"], ["tabsize", , "required"], ["text", "a"], ["to-file", , "required"], ["unchanged-group-format", , "required"],
      ["unchanged-line-format", , "required"], ["unidirectional-new-file", "P"], ["unified", "U", "optional"], ["version", "v"],
      ["width", "W", "required"], ["-presume-output-tty"],
    ].map(([long, key, argument]) => ({ long: long!, ...(key ? { key } : {}), ...(argument ? { argument: argument as ArgumentKind } : {}) })),
    ...[..."0123456789abBcdeEfhHilnNpPqrstTuvwyZ"].map((short) => ({ short })),
    ...[..."CDFILSUWxX"].map((short) => ({ short, argument: "required" as const })),
  ],
};

function parseDiffOptions(args: string[]): DiffOptions | { error: string } {
  const o: Omit<DiffOptions, "operands"> = { brief: false, reportIdentical: false, lines: {} };
  const read = getoptLong(args, DIFF_OPTIONS);
  for (const { key, value, name } of read.options) {
    if (key === "u") o.context = 3;
    else if (key === "U") {
      // (as before: the short form takes digits only, the long one what Number reads)
      const n = value === undefined ? 3 : name === "-U" ? (/^\d+$/.test(value) ? Number(value) : NaN) : Number(value);
      if (!(Number.isInteger(n) && n >= 0)) return { error: `diff: invalid context length '${value}'\n${TRY}` };
      o.context = n;
    } else if (key === "q") o.brief = true;
    else if (key === "s") o.reportIdentical = true;
    else if (key === "i") o.lines.ignoreCase = true;
    else if (key === "w") o.lines.ignoreAllSpace = true;
    else if (key === "b") o.lines.ignoreSpaceChange = true;
    else if (key === "a" || key === "color" || key === "no-dereference") continue;
    else if (NOT_YET[key] && name.length === 2) return { error: `diff: ${NOT_YET[key]} is not available in Kubecoach yet\n` };
    else return { error: `diff: ${name} is not available in Kubecoach yet\n` };
  }
  if (read.error) return { error: `${read.error}\n${TRY}` };
  const operands = read.operands;
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
