/**
 * GNU ls 9.1's command line (glibc getopt_long over ls.c's option table): short options bundled
 * (`-laF`), options after operands, unambiguous abbreviations of long ones (`--almost`), and
 * getopt's and argmatch's messages for what it refuses. Where two options set one thing (-l, -1,
 * -C, -x, -m; -t, -S, -U, -X, -v) the last one given counts.
 */
import { getoptLong, tryHelp, type ArgumentKind, type GetoptTable, type OptionSpec } from "./getopt-long";
import { QUOTING_STYLES, type QuotingStyle } from "./ls-quote";

export type LsFormat = "long" | "one" | "vertical" | "horizontal" | "commas";
export type LsSort = "name" | "none" | "time" | "size" | "extension" | "version" | "width";
export type Indicators = "none" | "slash" | "file-type" | "classify";
type When = "always" | "never" | "auto";

export interface LsOptions {
  operands: string[];
  format?: LsFormat;
  all: boolean;
  almostAll: boolean;
  ignoreBackups: boolean;
  /** -I patterns (always applied) and --hide patterns (not with -a/-A). */
  ignore: string[];
  hide: string[];
  directory: boolean;
  recursive: boolean;
  reverse: boolean;
  sort: LsSort;
  /** -c/-u without -t: sorted by the time unless -l shows it. */
  timeWord: boolean;
  groupDirectoriesFirst: boolean;
  indicators: Indicators;
  classifyWhen: When;
  colour: When;
  /** -L: every file; -H: the operands. */
  dereference: "all" | "operands" | undefined;
  human: "1024" | "1000" | undefined;
  inode: boolean;
  size: boolean;
  owner: boolean;
  group: boolean;
  numeric: boolean;
  context: boolean;
  author: boolean;
  fullTime: boolean;
  timeStyle?: string;
  width?: number;
  tabsize?: number;
  quoting?: QuotingStyle;
  hideControls?: boolean;
  zero: boolean;
}

export type ParseResult = { options: LsOptions } | { error: string; status: number };

const TRY = tryHelp("ls");
const LEFT = "\u2018";
const RIGHT = "\u2019";

/**
 * ls.c's getopt table: long options in its order (glibc lists an ambiguous prefix's candidates in
 * it: `ls --=x` lists them all), keyed by their short letter where they have one.
 */
export const LS_OPTIONS: GetoptTable = {
  program: "ls",
  options: [
    ...long([
      ["all", "a"], ["escape", "b"], ["directory", "d"], ["dired", "D"], ["full-time"], ["group-directories-first"], ["human-readable", "h"],
      ["inode", "i"], ["kibibytes", "k"], ["numeric-uid-gid", "n"], ["no-group", "G"], ["hide-control-chars", "q"], ["reverse", "r"],
      ["size", "s"], ["width", "w", "required"], ["almost-all", "A"], ["ignore-backups", "B"], ["classify", "F", "optional"], ["file-type"],
      ["si"], ["dereference-command-line", "H"], ["dereference-command-line-symlink-to-dir"], ["hide", undefined, "required"],
      ["ignore", "I", "required"], ["indicator-style", undefined, "required"], ["dereference", "L"], ["literal", "N"], ["quote-name", "Q"],
      ["quoting-style", undefined, "required"], ["recursive", "R"], ["format", undefined, "required"], ["show-control-chars"],
      ["sort", undefined, "required"], ["tabsize", "T", "required"], ["time", undefined, "required"], ["time-style", undefined, "required"],
      ["zero"], ["color", undefined, "optional"], ["hyperlink", undefined, "optional"], ["block-size", undefined, "required"], ["context", "Z"],
      ["author"], ["help"], ["version"],
    ]),
    ...[..."abcdfghiklmnopqrstuvxABCDFGHLNQRSUXZ1"].map((short) => ({ short })),
    ...[..."wTI"].map((short) => ({ short, argument: "required" as const })),
  ],
};

/** Long options as [name, the short letter that is their key, argument]. */
function long(rows: [string, string?, ArgumentKind?][]): OptionSpec[] {
  return rows.map(([name, key, argument]) => ({ long: name, ...(key ? { key } : {}), ...(argument ? { argument } : {}) }));
}

const WHEN_WORDS: [string[], When][] = [[["always", "yes", "force"], "always"], [["never", "no", "none"], "never"], [["auto", "tty", "if-tty"], "auto"]];

/** argmatch's refusal: the value, the option, and the valid words (synonyms on one line). */
function invalidArgument(value: string, option: string, groups: string[][]): string {
  const lines = groups.map((g) => `  - ${g.map((w) => `${LEFT}${w}${RIGHT}`).join(", ")}\n`).join("");
  return `ls: invalid argument ${LEFT}${value}${RIGHT} for ${LEFT}${option}${RIGHT}\nValid arguments are:\n${lines}${TRY}`;
}

/** argmatch also takes an unambiguous abbreviation of a word. */
function matchWord(value: string, words: string[]): string | undefined {
  if (words.includes(value)) return value;
  const found = words.filter((w) => w.startsWith(value));
  return value !== "" && found.length === 1 ? found[0] : undefined;
}

function when(value: string, option: string): When | { error: string } {
  const word = matchWord(value, WHEN_WORDS.flatMap(([w]) => w));
  if (!word) return { error: invalidArgument(value, option, WHEN_WORDS.map(([w]) => w)) };
  return WHEN_WORDS.find(([w]) => w.includes(word))![1];
}

/** xstrtoumax's reading of a width: decimal, 0x hex or 0 octal; undefined when invalid. */
export function parseCount(text: string): number | undefined {
  if (!/^\s*(?:0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)$/.test(text)) return undefined;
  const n = Number(text.trim().replace(/^0(?=[0-7])/, "0o"));
  return Number.isSafeInteger(n) ? n : undefined;
}

export function parseLsOptions(args: string[]): ParseResult {
  const o: LsOptions = {
    operands: [], all: false, almostAll: false, ignoreBackups: false, ignore: [], hide: [], directory: false, recursive: false,
    reverse: false, sort: "name", timeWord: false, groupDirectoriesFirst: false, indicators: "none", classifyWhen: "always", colour: "never",
    dereference: undefined, human: undefined, inode: false, size: false, owner: true, group: true, numeric: false, context: false,
    author: false, fullTime: false, zero: false,
  };
  let sortChosen = false;
  const fail = (error: string, status = 2): ParseResult => ({ error, status });

  const apply = (key: string, value: string | undefined, name: string): ParseResult | undefined => {
    switch (key) {
      case "a": case "all": o.all = true; o.almostAll = false; break;
      case "A": case "almost-all": o.almostAll = true; o.all = false; break;
      case "author": o.author = true; break;
      case "b": case "escape": o.quoting = "escape"; break;
      case "B": case "ignore-backups": o.ignoreBackups = true; break;
      case "c": case "u": o.timeWord = true; break;
      case "d": case "directory": o.directory = true; break;
      case "f": o.all = true; o.sort = "none"; sortChosen = true; if (o.format === "long") o.format = undefined; o.size = false; o.colour = "never"; break;
      case "F": case "classify": {
        const w = value === undefined ? "always" : when(value, "--classify");
        if (typeof w === "object") return fail(w.error, 1);
        o.indicators = "classify";
        o.classifyWhen = w;
        break;
      }
      case "file-type": o.indicators = "file-type"; break;
      case "p": o.indicators = "slash"; break;
      case "indicator-style": {
        const words = ["none", "slash", "file-type", "classify"];
        const w = matchWord(value!, words);
        if (!w) return fail(invalidArgument(value!, "--indicator-style", words.map((x) => [x])), 1);
        o.indicators = w as Indicators;
        o.classifyWhen = "always";
        break;
      }
      case "g": o.format = "long"; o.owner = false; break;
      case "o": o.format = "long"; o.group = false; break;
      case "G": case "no-group": o.group = false; break;
      case "h": case "human-readable": o.human = "1024"; break;
      case "si": o.human = "1000"; break;
      case "H": case "dereference-command-line": o.dereference = "operands"; break;
      case "dereference-command-line-symlink-to-dir": o.dereference = undefined; break;
      case "L": case "dereference": o.dereference = "all"; break;
      case "i": case "inode": o.inode = true; break;
      case "I": case "ignore": o.ignore.push(value!); break;
      case "hide": o.hide.push(value!); break;
      case "k": case "kibibytes": break;
      case "l": o.format = "long"; break;
      // -1 has no effect after -l.
      case "1": if (o.format !== "long") o.format = "one"; break;
      case "C": o.format = "vertical"; break;
      case "x": o.format = "horizontal"; break;
      case "m": o.format = "commas"; break;
      case "format": {
        const groups = [["verbose", "long"], ["commas"], ["horizontal", "across"], ["vertical"], ["single-column"]];
        const w = matchWord(value!, groups.flat());
        if (!w) return fail(invalidArgument(value!, "--format", groups), 1);
        o.format = ({ verbose: "long", long: "long", commas: "commas", horizontal: "horizontal", across: "horizontal", vertical: "vertical", "single-column": "one" } as const)[w as "long"];
        break;
      }
      case "n": case "numeric-uid-gid": o.numeric = true; o.format = "long"; break;
      case "N": case "literal": o.quoting = "literal"; break;
      case "q": case "hide-control-chars": o.hideControls = true; break;
      case "show-control-chars": o.hideControls = false; break;
      case "Q": case "quote-name": o.quoting = "c"; break;
      case "quoting-style": {
        const w = matchWord(value!, [...QUOTING_STYLES]);
        if (!w) return fail(invalidArgument(value!, "--quoting-style", QUOTING_STYLES.map((x) => [x])), 1);
        o.quoting = w as QuotingStyle;
        break;
      }
      case "r": case "reverse": o.reverse = true; break;
      case "R": case "recursive": o.recursive = true; break;
      case "s": case "size": o.size = true; break;
      case "S": o.sort = "size"; sortChosen = true; break;
      case "t": o.sort = "time"; sortChosen = true; break;
      case "U": o.sort = "none"; sortChosen = true; break;
      case "v": o.sort = "version"; sortChosen = true; break;
      case "X": o.sort = "extension"; sortChosen = true; break;
      case "sort": {
        const words = ["none", "time", "size", "extension", "version", "width"];
        const w = matchWord(value!, words);
        if (!w) return fail(invalidArgument(value!, "--sort", words.map((x) => [x])), 1);
        o.sort = w as LsSort;
        sortChosen = true;
        break;
      }
      case "time": {
        const groups = [["atime", "access", "use"], ["ctime", "status"], ["mtime", "modification"], ["birth", "creation"]];
        const w = matchWord(value!, groups.flat());
        if (!w) return fail(invalidArgument(value!, "--time", groups), 1);
        o.timeWord = !["mtime", "modification"].includes(w);
        break;
      }
      case "full-time": o.format = "long"; o.fullTime = true; break;
      case "time-style": o.timeStyle = value; break;
      case "group-directories-first": o.groupDirectoriesFirst = true; break;
      case "w": case "width": {
        const n = parseCount(value!);
        if (n === undefined) return fail(`ls: invalid line width: ${LEFT}${value}${RIGHT}\n`);
        o.width = n;
        break;
      }
      case "T": case "tabsize": {
        const n = parseCount(value!);
        if (n === undefined) return fail(`ls: invalid tab size: ${LEFT}${value}${RIGHT}\n`);
        o.tabsize = n;
        break;
      }
      case "Z": case "context": o.context = true; break;
      case "zero": o.zero = true; break;
      case "color": {
        const w = value === undefined ? "always" : when(value, "--color");
        if (typeof w === "object") return fail(w.error, 1);
        o.colour = w;
        break;
      }
      default:
        // -D (--dired), --block-size, --hyperlink, --help, --version: options ls has that the lab does not.
        return fail(`ls: ${name} is not available in Kubecoach\n`);
    }
    return undefined;
  };

  const read = getoptLong(args, LS_OPTIONS);
  for (const { key, value, name } of read.options) {
    const failed = apply(key, value, name);
    if (failed) return failed;
  }
  if (read.error) return fail(`${read.error}\n${TRY}`);
  o.operands = read.operands;
  if (o.timeWord && !sortChosen && o.format !== "long") o.sort = "time";
  return { options: o };
}
