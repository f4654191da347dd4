import { getoptLong, type ArgumentKind, type GetoptTable } from "./getopt-long";

/**
 * GNU grep 3.8's command line, read as its getopt_long reads it: short options in clusters, long
 * options by any unambiguous prefix, options after operands, `--`, `-NUM` for context. Matching
 * options (-E -F -G -P -i -y -w -x, patterns) are kept for the matcher; the rest drive the search
 * (grep-gnu.ts).
 */
export interface GrepOptions {
  /** Patterns from -e, or the first operand; one pattern per line. */
  patterns: string[];
  patternFiles: string[];
  /** Arguments the matcher takes: the last of -E -F -G -P, -i, -w, -x. */
  mode: "-G" | "-E" | "-F" | "-P";
  ignoreCase: boolean;
  word: boolean;
  line: boolean;
  invert: boolean;
  count: boolean;
  filesWith: boolean;
  filesWithout: boolean;
  only: boolean;
  quiet: boolean;
  noMessages: boolean;
  lineNumbers: boolean;
  byteOffset: boolean;
  /** -H true, -h false, else by the number of files. */
  withFilename?: boolean;
  nullAfterName: boolean;
  initialTab: boolean;
  label: string;
  maxCount: number;
  after: number;
  before: number;
  /** Context was asked for (even 0 lines): groups are separated. */
  context: boolean;
  groupSeparator: string | null;
  binaryFiles: "binary" | "text" | "without-match";
  directories: "read" | "skip" | "recurse";
  /** -R: symbolic links met while recursing are followed. */
  dereference: boolean;
  include: string[];
  exclude: string[];
  excludeDir: string[];
  files: string[];
  /** What getopt or an option's value check said instead of running (exit 2). */
  error?: string;
  /** --help / -V: printed text, exit 0. */
  info?: string;
  warnings: string;
}

const USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";
/** Options this grep cannot honour: named plainly rather than ignored. */
const NOT_AVAILABLE = new Set(["z", "null-data", "D", "devices", "exclude-from", "X"]);

/** grep.c's getopt table, in its order (`grep --=x` lists it); -NUM is read from the digit options. */
export const GREP_OPTIONS: GetoptTable = {
  program: "grep",
  options: [
    ...[
      ["basic-regexp", "G"], ["extended-regexp", "E"], ["fixed-regexp", "F"], ["fixed-strings", "F"], ["perl-regexp", "P"],
      ["after-context", "A", "required"], ["before-context", "B", "required"], ["binary-files", "binary-files", "required"],
      ["byte-offset", "b"], ["context", "C", "required"], ["color", "color", "optional"], ["colour", "color", "optional"], ["count", "c"],
      ["devices", "D", "required"], ["directories", "d", "required"], ["exclude", "exclude", "required"],
      ["exclude-from", "exclude-from", "required"], ["exclude-dir", "exclude-dir", "required"], ["file", "f", "required"],
      ["files-with-matches", "l"], ["files-without-match", "L"], ["group-separator", "group-separator", "required"], ["help", "help"],
      ["include", "include", "required"], ["ignore-case", "i"], ["no-ignore-case", "no-ignore-case"], ["initial-tab", "T"],
      ["label", "label", "required"], ["line-buffered", "line-buffered"], ["line-number", "n"], ["line-regexp", "x"],
      ["max-count", "m", "required"], ["no-filename", "h"], ["no-group-separator", "no-group-separator"], ["no-messages", "s"],
      ["null", "Z"], ["null-data", "z"], ["only-matching", "o"], ["quiet", "q"], ["recursive", "r"], ["dereference-recursive", "R"],
      ["regexp", "e", "required"], ["invert-match", "v"], ["silent", "q"], ["text", "a"], ["binary", "U"], ["unix-byte-offsets", "u"],
      ["version", "V"], ["with-filename", "H"], ["word-regexp", "w"],
    ].map(([long, key, argument]) => ({ long, key, argument: (argument ?? "none") as ArgumentKind })),
    ...[..."0123456789EFGHIPTUVabchiLlnoqRrsuvwxyZz"].map((short) => ({ short })),
    ...[..."ABCDXdefm"].map((short) => ({ short, argument: "required" as const })),
  ],
};

export function parseGrepArgs(args: string[]): GrepOptions {
  const o: GrepOptions = {
    patterns: [], patternFiles: [], mode: "-G", ignoreCase: false, word: false, line: false, invert: false, count: false,
    filesWith: false, filesWithout: false, only: false, quiet: false, noMessages: false, lineNumbers: false, byteOffset: false,
    nullAfterName: false, initialTab: false, label: "(standard input)", maxCount: -1, after: -1, before: -1, context: false,
    groupSeparator: "--", binaryFiles: "binary", directories: "read", dereference: false, include: [], exclude: [], excludeDir: [],
    files: [], warnings: "",
  };
  let patternGiven = false;
  let both = -1;
  let matcherGiven = false;
  const fail = (message: string, usage = true) => {
    o.error ??= `grep: ${message}\n${usage ? USAGE : ""}`;
  };
  const set = (key: string, value: string | undefined, shown: string): void => {
    if (NOT_AVAILABLE.has(key)) return fail(`${shown} is not available in Kubecoach's grep yet`, false);
    const context = (target: "A" | "B" | "C") => {
      const n = /^\d+$/.test(value!) ? Number(value) : NaN;
      if (!Number.isSafeInteger(n)) return fail(`${value}: invalid context length argument`, false);
      o.context = true;
      if (target === "A") o.after = n;
      else if (target === "B") o.before = n;
      else both = n;
    };
    switch (key) {
      case "A": case "B": case "C": return context(key);
      case "E": case "F": case "G": case "P":
        // -E, -F and -G override one another; -P with any other is an error.
        if (matcherGiven && (key === "P") !== (o.mode === "-P")) return fail("conflicting matchers specified", false);
        o.mode = `-${key}` as GrepOptions["mode"];
        matcherGiven = true;
        return;
      case "H": o.withFilename = true; return;
      case "h": o.withFilename = false; return;
      case "I": o.binaryFiles = "without-match"; return;
      case "a": o.binaryFiles = "text"; return;
      case "binary-files":
        if (value === "binary" || value === "text" || value === "without-match") o.binaryFiles = value;
        else fail("unknown binary-files type", false);
        return;
      case "T": o.initialTab = true; return;
      case "U": case "line-buffered": return;
      case "u": o.warnings += "grep: warning: --unix-byte-offsets (-u) is obsolete\n"; return;
      case "V": o.info ??= "grep (GNU grep) 3.8\n"; return;
      // A WHEN grep knows was taken before (commands/grep-colour.ts); for any other grep 3.8 prints its help.
      case "color": case "help": o.info ??= "grep: --help is not available in Kubecoach's grep yet; see https://www.gnu.org/software/grep/manual/\n"; return;
      case "Z": o.nullAfterName = true; return;
      case "b": o.byteOffset = true; return;
      case "c": o.count = true; return;
      case "d":
        if (value === "read" || value === "skip" || value === "recurse") o.directories = value;
        else fail(`invalid argument ‘${value}’ for ‘--directories’\nValid arguments are:\n  - ‘read’\n  - ‘recurse’\n  - ‘skip’`);
        return;
      case "e": o.patterns.push(...value!.split("\n")); patternGiven = true; return;
      case "f": o.patternFiles.push(value!); patternGiven = true; return;
      case "i": case "y": o.ignoreCase = true; return;
      case "no-ignore-case": o.ignoreCase = false; return;
      case "L": o.filesWithout = true; o.filesWith = false; return;
      case "l": o.filesWith = true; o.filesWithout = false; return;
      case "m": {
        const n = /^-?\d+$/.test(value!) ? Number(value) : NaN;
        if (Number.isNaN(n)) return fail("invalid max count", false);
        o.maxCount = n < 0 ? -1 : n;
        return;
      }
      case "n": o.lineNumbers = true; return;
      case "o": o.only = true; return;
      case "q": o.quiet = true; return;
      case "R": o.dereference = true; o.directories = "recurse"; return;
      case "r": o.directories = "recurse"; return;
      case "s": o.noMessages = true; return;
      case "v": o.invert = true; return;
      case "w": o.word = true; return;
      case "x": o.line = true; return;
      case "group-separator": o.groupSeparator = value!; return;
      case "no-group-separator": o.groupSeparator = null; return;
      case "label": o.label = value!; return;
      case "include": o.include.push(value!); return;
      case "exclude": o.exclude.push(value!); return;
      case "exclude-dir": o.excludeDir.push(value!); return;
    }
  };
  const read = getoptLong(args, GREP_OPTIONS);
  // -NUM: digits in a row within one argument are one context length, as grep's
  // get_nondigit_option reads them (`-12` is 12; `-1v2` is 1, then 2).
  let digits = "";
  for (let n = 0; n < read.options.length && !o.error; n++) {
    const { key, value, name, index, column } = read.options[n];
    if (!/^\d$/.test(key)) {
      set(key, value, name);
      continue;
    }
    digits += key;
    const next = read.options[n + 1];
    if (next && /^\d$/.test(next.key) && next.index === index && next.column === column! + 1) continue;
    set("C", digits, `-${digits}`);
    digits = "";
  }
  if (read.error) fail(read.error.slice("grep: ".length));
  const operands = read.operands;
  if (both >= 0) {
    if (o.after < 0) o.after = both;
    if (o.before < 0) o.before = both;
  }
  o.after = Math.max(o.after, 0);
  o.before = Math.max(o.before, 0);
  if (o.error || o.info) return o;
  if (!patternGiven) {
    const first = operands.shift();
    if (first === undefined) {
      o.error = USAGE;
      return o;
    }
    o.patterns.push(...first.split("\n"));
  }
  o.files = operands;
  return o;
}
