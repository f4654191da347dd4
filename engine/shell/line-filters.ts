import type { ExecResult, ResolvedCommandContext } from "just-bash";
import { STREAM_VAR } from "./transform";

/**
 * Filters that answer each typed line as it arrives. A real grep or sed reading a terminal writes
 * to a terminal line-buffered, so `grep err` prints a matching line right after Enter, not at
 * Ctrl-D; wc, sort, uniq and the like print at end of input, as they do here. just-bash runs a
 * command on its whole stdin, so a streaming filter runs once per typed line instead — which is
 * only the same program for forms that keep no state between lines: grep without counts, line
 * numbers, context or a match limit; sed with substitutions and regex-addressed `d`/`p` only.
 */

/** grep options that carry state from line to line (or need the whole input). */
const GREP_STATEFUL_SHORT = "clLqmnbABCzZ";
const GREP_STATEFUL_LONG = ["--count", "--files-with-matches", "--files-without-match", "--quiet", "--silent", "--max-count", "--line-number", "--byte-offset", "--after-context", "--before-context", "--context", "--null-data"];
/** grep short options that take a value (the value is not an option cluster). */
const GREP_VALUED = "efdD";

export function grepIsPerLine(args: readonly string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") return true;
    if (a.startsWith("--")) {
      if (GREP_STATEFUL_LONG.some((o) => a === o || a.startsWith(`${o}=`))) return false;
      if (a === "--file" || a.startsWith("--file=")) return false;
      continue;
    }
    if (!a.startsWith("-") || a.length === 1) continue;
    for (let j = 1; j < a.length; j++) {
      if (GREP_STATEFUL_SHORT.includes(a[j]) || /\d/.test(a[j])) return false;
      // -f FILE reads patterns from a file: fine per line, but keep it simple and whole.
      if (a[j] === "f") return false;
      if (GREP_VALUED.includes(a[j])) {
        if (j === a.length - 1) i++;
        break;
      }
    }
  }
  return true;
}

/** One sed command that looks at the current line only: `s/a/b/g`, `/re/d`, `/re/p`, `/re/s/a/b/`. */
const SED_SUBSTITUTE = String.raw`s([^\\\n])(?:\\.|(?!\1)[^\\\n])*\1(?:\\.|(?!\1)[^\\\n])*\1[gIip0-9]*`;
const SED_REGEX_ADDRESS = String.raw`/(?:\\.|[^/\\\n])*/I?`;
const SED_PER_LINE = new RegExp(String.raw`^\s*(?:${SED_REGEX_ADDRESS}\s*!?\s*)?(?:${SED_SUBSTITUTE}|[dp])\s*$`);

export function sedIsPerLine(args: readonly string[]): boolean {
  const scripts: string[] = [];
  let scriptGiven = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-e" || a === "--expression") {
      scripts.push(args[++i] ?? "");
      scriptGiven = true;
    } else if (a.startsWith("--expression=")) {
      scripts.push(a.slice("--expression=".length));
      scriptGiven = true;
    } else if (a === "-n" || a === "--quiet" || a === "--silent" || a === "-E" || a === "-r" || a === "--regexp-extended") continue;
    else if (a.startsWith("-")) return false;
    else if (!scriptGiven) {
      scripts.push(a);
      scriptGiven = true;
    } else return false;
  }
  if (scripts.length === 0) return false;
  return scripts.every((script) => script.split(/;|\n/).every((command) => SED_PER_LINE.test(command)));
}

/** Whether `name args` (already known to read the terminal) can answer line by line. */
export function answersPerLine(name: string, args: readonly string[]): boolean {
  const base = name.slice(name.lastIndexOf("/") + 1);
  if (base === "grep" || base === "egrep" || base === "fgrep") return grepIsPerLine(args);
  if (base === "sed") return sedIsPerLine(args);
  return false;
}

export interface LineFilterIO {
  /** The next typed line with its "\n"; text without one when input ended after it; "" at end of input. Throws on Ctrl-C. */
  readLine(): Promise<string>;
  /** Shows output on the terminal at once. */
  show(data: string, stream: "stdout" | "stderr"): void;
}

/**
 * Runs `name args` on each typed line as it comes. The filter runs once on no input first, so a
 * bad pattern or script fails at once as it would before reading. Exit status as grep/sed give it
 * for the whole input: grep 0 when a line matched, 1 when none, 2 on an error; 130 on Ctrl-C.
 */
export async function runPerLine(name: string, args: string[], ctx: ResolvedCommandContext, io: LineFilterIO): Promise<ExecResult> {
  const base = name.slice(name.lastIndexOf("/") + 1);
  const isGrep = base !== "sed";
  const letters = `${ctx.env.get(STREAM_VAR) ?? ""}I`;
  const run = (stdin: string) => ctx.exec!(`/usr/bin/${base}`, { cwd: ctx.cwd, stdin, env: { [STREAM_VAR]: letters }, args });
  const probe = await run("");
  if (isGrep ? probe.exitCode > 1 : probe.exitCode !== 0) return probe;
  let matched = false;
  let failed = 0;
  for (;;) {
    let line: string;
    try {
      line = await io.readLine();
    } catch {
      return { stdout: "", stderr: "", exitCode: 130 };
    }
    if (line === "") break;
    const result = await run(line);
    if (result.stdout) io.show(result.stdout, "stdout");
    if (result.stderr) io.show(result.stderr, "stderr");
    if (result.exitCode === 0) matched = true;
    else if (!isGrep || result.exitCode > 1) failed = result.exitCode;
    // A line without its newline: input ended right after it.
    if (!line.endsWith("\n")) break;
  }
  const exitCode = isGrep ? (failed ? failed : matched ? 0 : 1) : failed;
  return { stdout: "", stderr: "", exitCode };
}
