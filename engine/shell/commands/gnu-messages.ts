/**
 * GNU coreutils' wording where just-bash's commands word an error differently (checked against the
 * machine's coreutils 9.1, sed 4.9 under LANG=C.UTF-8 by test/bash-differential):
 *
 * - a usage error (missing operand, an unknown option) is followed by `Try 'NAME --help' for more
 *   information.`, and sort's failures have status 2;
 * - a value quoted by GNU's quote() is in ‘curly’ quotes in a UTF-8 locale (the lab's LANG);
 * - cp/mv name the operand that lacks a destination, tr names its set, sort and sed say `cannot
 *   read`/`can't read`.
 *
 * Applied to the bundled commands' results (bundled.ts), so every wrapper gets it.
 */
import type { ExecResult } from "just-bash";

/** Lines after which GNU prints the `Try … --help` hint. */
const USAGE_ERROR = /^[\w.-]+: (missing operand|missing file operand|missing destination file operand after .*|missing operand after .*|unrecognized option '.*'|invalid option -- '.'|option requires an argument -- '.'|extra operand .*|you must specify a list of bytes, characters, or fields|invalid mode: .*|invalid floating point argument: .*|invalid Zero increment value: .*)$/;

/** tr's second line after a missing set; the hint follows it. */
const TR_SETS = "Two strings must be given when translating.";

/** Commands whose every failure has status 2 (GNU sort's SORT_FAILURE). */
const STATUS_TWO = new Set(["sort"]);

type Rewrite = (stderr: string, operands: string[], args: string[]) => string;

/** The value of -X VALUE, -XVALUE or --LONG=VALUE (the last one given). */
function optionValue(args: string[], short: string, long: string): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === `-${short}` || a === `--${long}`) value = args[++i];
    else if (a.startsWith(`--${long}=`)) value = a.slice(long.length + 3);
    else if (a.startsWith(`-${short}`)) value = a.slice(2);
  }
  return value;
}

const curly = (pattern: RegExp): Rewrite => (stderr) => stderr.replace(pattern, (_all, before: string, value: string, after: string) => `${before}‘${value}’${after}`);

/** Per command: rewrites of just-bash's wording into GNU's. */
const REWRITES: Record<string, Rewrite[]> = {
  mkdir: [curly(/^(mkdir: cannot create directory )'(.*)'(: .*)$/gm)],
  chmod: [curly(/^(chmod: invalid mode: )'(.*)'()$/gm)],
  seq: [curly(/^(seq: invalid [^:]*: )'(.*)'()$/gm)],
  find: [curly(/^(find: )(?!‘)(.*)(: No such file or directory)$/gm)],
  sort: [(s) => s.replace(/^sort: (?!cannot read: )(.*): No such file or directory$/gm, "sort: cannot read: $1: No such file or directory")],
  sed: [(s) => s.replace(/^sed: (?!can't read )(.*): No such file or directory$/gm, "sed: can't read $1: No such file or directory")],
  head: [
    (s) => s.replace(/^head: (?!cannot open )(.*): No such file or directory$/gm, "head: cannot open '$1' for reading: No such file or directory"),
    (s, _operands, args) => s.replace(/^head: invalid number of (lines|bytes)$/m, (line, what: string) => {
      const short = what === "lines" ? "n" : "c";
      const value = optionValue(args, short, what);
      if (value === undefined) return args[args.length - 1] === `-${short}` ? `head: option requires an argument -- '${short}'` : line;
      return `${line}: ‘${value}’`;
    }),
  ],
  cp: [missingDestination("cp")],
  mv: [missingDestination("mv")],
  tr: [
    (s, operands) =>
      operands.length === 1 ? s.replace(/^tr: missing operand after SET1$/m, `tr: missing operand after ‘${operands[0]}’\nTwo strings must be given when translating.`) : s,
  ],
};

/** `cp`/`mv` with no operand, or one: GNU says which. */
function missingDestination(name: string): Rewrite {
  return (s, operands) => {
    const line = new RegExp(`^${name}: missing destination file operand$`, "m");
    if (operands.length === 0) return s.replace(line, `${name}: missing file operand`);
    if (operands.length === 1) return s.replace(line, `${name}: missing destination file operand after '${operands[0]}'`);
    return s;
  };
}

/** The operands of a command line: its arguments that are not options (before `--`, after it all). */
function operandsOf(args: string[]): string[] {
  const dashes = args.indexOf("--");
  const before = dashes < 0 ? args : args.slice(0, dashes);
  const after = dashes < 0 ? [] : args.slice(dashes + 1);
  return [...before.filter((a) => a === "-" || !a.startsWith("-")), ...after];
}

/** `result` of the bundled command `name` run with `args`, its error messages worded as GNU's. */
export function gnuMessages(name: string, args: string[], result: ExecResult): ExecResult {
  if (!result.stderr || result.exitCode === 0) return result;
  let stderr = result.stderr;
  for (const rewrite of REWRITES[name] ?? []) stderr = rewrite(stderr, operandsOf(args), args);
  const lines = stderr.split("\n");
  const hint = `Try '${name} --help' for more information.`;
  for (let i = lines.length - 1; i >= 0; i--) {
    const explained = lines[i + 1]?.startsWith("Try '") || lines[i + 1] === TR_SETS;
    if (!explained && (USAGE_ERROR.test(lines[i]) && lines[i].startsWith(`${name}: `) || lines[i] === TR_SETS)) lines.splice(i + 1, 0, hint);
  }
  stderr = lines.join("\n");
  // (`sort -c` finding disorder is not a failure: status 1.)
  // (GNU sed's status for an input it cannot read is 2 too.)
  const exitCode = (STATUS_TWO.has(name) && result.exitCode === 1 && !/: disorder: /.test(stderr)) || (name === "sed" && result.exitCode === 1 && /^sed: can't read .*: No such file or directory$/m.test(stderr) && !/expression #|unterminated|unknown command/.test(stderr)) ? 2 : result.exitCode;
  return stderr === result.stderr && exitCode === result.exitCode ? result : { ...result, stderr, exitCode };
}
