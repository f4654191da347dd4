/**
 * Where a bundled just-bash command gives a different result from GNU coreutils in a form people
 * use, the shell corrects that form and leaves the rest to just-bash (checked against coreutils 9.1
 * by test/bash-differential):
 *
 * - `dirname /` (any run of slashes) is `/`, not `.`;
 * - `cut -f` prints a line without the delimiter whole (unless -s), as GNU does; just-bash printed
 *   an empty line;
 * - `head -n -N` / `--lines=-N` prints all but the last N lines of one input.
 */
import { decodeBytesToUtf8, type ExecResult, type ResolvedCommandContext } from "just-bash";

type Execute = (args: string[], ctx: ResolvedCommandContext) => Promise<ExecResult>;

export function withGnuCorrections(name: string, run: Execute): Execute {
  if (name === "dirname") return async (args, ctx) => dirname(args, await run(args, ctx));
  if (name === "cut") return async (args, ctx) => cut(args, ctx, await run(args, ctx));
  if (name === "head") return async (args, ctx) => (await headAllBut(args, ctx)) ?? run(args, ctx);
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
