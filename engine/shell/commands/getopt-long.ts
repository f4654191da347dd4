/**
 * glibc's getopt_long, as the GNU tools the lab imitates read their command lines (coreutils 9.1,
 * grep 3.8, findutils, shadow's useradd are all its users): short options in clusters (`-laF`), a
 * short option's argument attached or in the next word (`-w80`, `-w 80`), long options by any
 * unambiguous prefix (`--almost`) with `--name=value` or `--name value`, `--` ending the options,
 * operands and options in any order (permutation) unless the program stops at its first operand
 * (optstring `+`, or POSIXLY_CORRECT in the environment), and glibc 2.36's messages word for word.
 *
 * No npm package reproduces this: `posix-getopt` and `getopts` have no abbreviations or glibc's
 * messages, node's util.parseArgs refuses abbreviations and permutes differently. So the rules are
 * written once here, from glibc's posix/getopt.c behaviour, and checked against the machine's real
 * ls, grep, od, timeout and mktemp (getopt-long.test.ts).
 *
 * The parser only reads: each command applies the options in the order given (so a bad value in an
 * earlier option is reported before a getopt error in a later one, as the real loop does) and
 * decides its own status and help line (`tryHelp`).
 */

export type ArgumentKind = "none" | "required" | "optional";

export interface OptionSpec {
  /** The long name, without the dashes. */
  long?: string;
  /** The short letter. */
  short?: string;
  /** Default none. A short letter with "optional" takes only an attached value (`-F` vs `-Fx`). */
  argument?: ArgumentKind;
  /**
   * What the command switches on (glibc's `val`): defaults to the short letter, else the long name.
   * Long names with one key and one argument kind are one option, so a prefix of both is not
   * ambiguous (`--col` for grep's --color/--colour).
   */
  key?: string;
}

export interface GetoptTable {
  /** The program's name, as getopt prints argv[0]. */
  program: string;
  /** In the program's own table order: glibc lists an ambiguous prefix's candidates in it. */
  options: readonly OptionSpec[];
  /** Options end at the first operand (optstring `+`: env, nohup, timeout, xargs). */
  stopAtOperand?: boolean;
}

export interface ParsedOption {
  key: string;
  value?: string;
  /** As the command names it in its own messages: `-w` or `--width` (the whole long name). */
  name: string;
  /** The argument it came from, and for a short option its place in it (grep's -NUM reads runs). */
  index: number;
  column?: number;
}

export interface GetoptResult {
  /** The options read before an error (all of them when there was none), in the order given. */
  options: ParsedOption[];
  operands: string[];
  /** getopt's own message (one line, no newline), e.g. "ls: invalid option -- 'W'". */
  error?: string;
}

interface Compiled {
  table: GetoptTable;
  shorts: Map<string, OptionSpec>;
  longs: OptionSpec[];
}

const compiled = new WeakMap<GetoptTable, Compiled>();

function compile(table: GetoptTable): Compiled {
  let c = compiled.get(table);
  if (!c) {
    const shorts = new Map<string, OptionSpec>();
    for (const o of table.options) if (o.short !== undefined && !shorts.has(o.short)) shorts.set(o.short, o);
    c = { table, shorts, longs: table.options.filter((o) => o.long !== undefined) };
    compiled.set(table, c);
  }
  return c;
}

const keyOf = (o: OptionSpec): string => o.key ?? o.short ?? o.long!;
const kindOf = (o: OptionSpec): ArgumentKind => o.argument ?? "none";

/** The line a GNU program prints after a getopt error (its usage(EXIT_FAILURE)). */
export function tryHelp(program: string): string {
  return `Try '${program} --help' for more information.\n`;
}

/**
 * Reads `args` as glibc's getopt_long reads them with `table`. `posixly` (POSIXLY_CORRECT is set
 * in the command's environment) stops at the first operand as `+` does.
 */
export function getoptLong(args: readonly string[], table: GetoptTable, posixly = false): GetoptResult {
  const { shorts, longs } = compile(table);
  const program = table.program;
  const options: ParsedOption[] = [];
  const operands: string[] = [];
  const stop = table.stopAtOperand || posixly;
  const result = (error?: string): GetoptResult => (error === undefined ? { options, operands } : { options, operands, error: `${program}: ${error}` });

  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      operands.push(...args.slice(i + 1));
      return result();
    }
    if (arg.length < 2 || arg[0] !== "-") {
      if (stop) {
        operands.push(...args.slice(i));
        return result();
      }
      operands.push(arg);
      continue;
    }
    const at = i;
    if (arg[1] === "-") {
      const eq = arg.indexOf("=");
      const typed = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const found = findLong(longs, typed);
      if (found === undefined) return result(`unrecognized option '${arg}'`);
      if (Array.isArray(found)) return result(`option '${arg}' is ambiguous; possibilities:${found.map((o) => ` '--${o.long}'`).join("")}`);
      const name = `--${found.long}`;
      let value: string | undefined;
      if (eq >= 0) {
        if (kindOf(found) === "none") return result(`option '${name}' doesn't allow an argument`);
        value = arg.slice(eq + 1);
      } else if (kindOf(found) === "required") {
        if (i + 1 >= args.length) return result(`option '${name}' requires an argument`);
        value = args[++i];
      }
      options.push({ key: keyOf(found), name, index: at, ...(value !== undefined ? { value } : {}) });
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const c = arg[j];
      const spec = shorts.get(c);
      if (!spec) return result(`invalid option -- '${c}'`);
      const kind = kindOf(spec);
      if (kind === "none") {
        options.push({ key: keyOf(spec), name: `-${c}`, index: at, column: j });
        continue;
      }
      let value: string | undefined = arg.slice(j + 1);
      if (value === "") {
        if (kind === "optional") value = undefined;
        else if (i + 1 < args.length) value = args[++i];
        else return result(`option requires an argument -- '${c}'`);
      }
      options.push({ key: keyOf(spec), name: `-${c}`, index: at, column: j, ...(value !== undefined ? { value } : {}) });
      break;
    }
  }
  return result();
}

/**
 * glibc's lookup of a long option: an exact name wins; else the one option whose name starts with
 * what was typed. Prefixes matching names that differ from the first match in key or argument
 * kind are ambiguous: the first match and each such other are listed (names equal to the first in
 * both are not). undefined: no match.
 */
function findLong(longs: OptionSpec[], typed: string): OptionSpec | OptionSpec[] | undefined {
  const exact = longs.find((o) => o.long === typed);
  if (exact) return exact;
  let first: OptionSpec | undefined;
  const ambiguous: OptionSpec[] = [];
  for (const o of longs) {
    if (!o.long!.startsWith(typed)) continue;
    if (!first) first = o;
    else if (keyOf(o) !== keyOf(first) || kindOf(o) !== kindOf(first)) {
      if (ambiguous.length === 0) ambiguous.push(first);
      ambiguous.push(o);
    }
  }
  return ambiguous.length > 0 ? ambiguous : first;
}
