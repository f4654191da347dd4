/**
 * Where a bundled just-bash command gives a different result from GNU coreutils in a form people
 * use, the shell corrects that form and leaves the rest to just-bash (checked against coreutils 9.1
 * by test/bash-differential):
 *
 * - `dirname /` (any run of slashes) is `/`, not `.`;
 * - `cut -f` prints a line without the delimiter whole (unless -s), as GNU does; just-bash printed
 *   an empty line;
 * - `head -n -N` / `--lines=-N` prints all but the last N lines of one input;
 * - sed's one-line `1i\text`, `$a\text`, `2c\text` insert `text` (just-bash kept the backslash).
 */
import { decodeBytesToUtf8, type ExecResult, type ResolvedCommandContext } from "just-bash";

type Execute = (args: string[], ctx: ResolvedCommandContext) => Promise<ExecResult>;

export function withGnuCorrections(name: string, run: Execute): Execute {
  if (name === "dirname") return async (args, ctx) => dirname(args, await run(args, ctx));
  if (name === "cut") return async (args, ctx) => cut(args, ctx, await run(args, ctx));
  if (name === "head") return async (args, ctx) => (await headAllBut(args, ctx)) ?? run(args, ctx);
  if (name === "sed") return (args, ctx) => run(sedOneLineText(args), ctx);
  return run;
}

function dirname(args: string[], result: ExecResult): ExecResult {
  const operands = args.filter((a) => !a.startsWith("-") || a === "-");
  if (result.exitCode !== 0 || operands.length !== args.length) return result;
  const lines = result.stdout.split("\n");
  if (lines.length !== operands.length + 1) return result;
  const stdout = lines.map((line, i) => (i < operands.length && /^\/+$/.test(operands[i]) ? "/" : line)).join("\n");
  return { ...result, stdout };
}

/** The input a command reads: its file operands in order, or stdin (undefined: cannot tell). */
async function inputOf(files: string[], ctx: ResolvedCommandContext): Promise<string | undefined> {
  if (files.length === 0 || (files.length === 1 && files[0] === "-")) return decodeBytesToUtf8(ctx.stdin);
  let text = "";
  for (const f of files) {
    if (f === "-") return undefined;
    try {
      text += await ctx.fs.readFile(ctx.fs.resolvePath(ctx.cwd, f));
    } catch {
      return undefined;
    }
  }
  return text;
}

function cutOptions(args: string[]): { delimiter: string; fields: boolean; onlyDelimited: boolean; files: string[] } | undefined {
  let delimiter = "\t";
  let fields = false;
  let onlyDelimited = false;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-d") delimiter = args[++i] ?? "";
    else if (a.startsWith("--delimiter=")) delimiter = a.slice(12);
    else if (a.startsWith("-d")) delimiter = a.slice(2);
    else if (a === "-f") {
      fields = true;
      i++;
    }
    else if (a.startsWith("-f") || a.startsWith("--fields=")) fields = true;
    else if (a === "-s" || a === "--only-delimited") onlyDelimited = true;
    else if (a.startsWith("-") && a !== "-") return undefined;
    else files.push(a);
  }
  return { delimiter, fields, onlyDelimited, files };
}

async function cut(args: string[], ctx: ResolvedCommandContext, result: ExecResult): Promise<ExecResult> {
  const o = cutOptions(args);
  if (result.exitCode !== 0 || !o || !o.fields || o.onlyDelimited || o.delimiter.length !== 1) return result;
  const input = await inputOf(o.files, ctx);
  if (input === undefined || input === "") return result;
  const inLines = input.replace(/\n$/, "").split("\n");
  const outLines = result.stdout.replace(/\n$/, "").split("\n");
  if (inLines.length !== outLines.length || inLines.every((l) => l.includes(o.delimiter))) return result;
  const stdout = outLines.map((line, i) => (inLines[i].includes(o.delimiter) ? line : inLines[i])).join("\n") + "\n";
  return { ...result, stdout };
}

/** `head -n -N` of one input; undefined for every other form (just-bash answers it). */
async function headAllBut(args: string[], ctx: ResolvedCommandContext): Promise<ExecResult | undefined> {
  let count: number | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = a === "-n" ? args[++i] : a.startsWith("--lines=") ? a.slice(8) : a.startsWith("-n") ? a.slice(2) : undefined;
    if (value !== undefined) {
      const m = /^-(\d+)$/.exec(value ?? "");
      if (!m) return undefined;
      count = Number(m[1]);
    } else if (a.startsWith("-") && a !== "-") return undefined;
    else files.push(a);
  }
  if (count === undefined || files.length > 1) return undefined;
  const input = await inputOf(files, ctx);
  if (input === undefined) return undefined;
  const lines = input.split("\n");
  const complete = input.endsWith("\n") ? lines.slice(0, -1) : lines;
  const kept = complete.slice(0, Math.max(0, complete.length - count));
  return { stdout: kept.map((l) => `${l}\n`).join(""), stderr: "", exitCode: 0 };
}

/** A sed address: a line number, `$`, `/regex/`, `first~step`, and a range of two. */
const SED_ADDRESS = String.raw`(?:\d+(?:~\d+)?|\$|/(?:[^/\\]|\\.)*/)`;
/** A whole script that is one `a\text`, `i\text` or `c\text` with the text on the same line. */
const ONE_LINE_TEXT = new RegExp(String.raw`^(\s*(?:${SED_ADDRESS}(?:\s*,\s*${SED_ADDRESS})?)?\s*!?\s*[aic])\\(\S.*)$`, "s");

/**
 * GNU sed's one-line `1i\text` (`$a\text`, `2c\text`): the text follows the backslash on the same
 * line. just-bash's sed kept the backslash in the text; written as GNU's other one-line form
 * (`1i text`) it reads it as GNU does. Only a script that is that one command is rewritten.
 */
function sedOneLineText(args: string[]): string[] {
  const out = [...args];
  let scriptGiven = false;
  for (let i = 0; i < out.length; i++) {
    const a = out[i];
    if (a === "--expression" || /^-[nrEsuz]*e$/.test(a)) {
      scriptGiven = true;
      if (i + 1 < out.length) out[i + 1] = out[i + 1].replace(ONE_LINE_TEXT, "$1 $2");
      i++;
    } else if (a.startsWith("--expression=")) {
      scriptGiven = true;
      out[i] = `--expression=${a.slice(13).replace(ONE_LINE_TEXT, "$1 $2")}`;
    } else if (a === "-f" || a === "--file" || a === "-l" || a === "--line-length") {
      if (a === "-f" || a === "--file") scriptGiven = true;
      i++;
    } else if (a === "--") {
      if (!scriptGiven && i + 1 < out.length) out[i + 1] = out[i + 1].replace(ONE_LINE_TEXT, "$1 $2");
      break;
    } else if (!a.startsWith("-") || a === "-") {
      if (!scriptGiven) out[i] = a.replace(ONE_LINE_TEXT, "$1 $2");
      break;
    }
  }
  return out;
}
