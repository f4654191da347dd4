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

type Arg = "none" | "required";
const LONG: Record<string, { key: string; arg: Arg }> = {
  "after-context": { key: "A", arg: "required" },
  "basic-regexp": { key: "G", arg: "none" },
  "before-context": { key: "B", arg: "required" },
  "binary-files": { key: "binary-files", arg: "required" },
  "byte-offset": { key: "b", arg: "none" },
  context: { key: "C", arg: "required" },
  count: { key: "c", arg: "none" },
  devices: { key: "D", arg: "required" },
  directories: { key: "d", arg: "required" },
  "dereference-recursive": { key: "R", arg: "none" },
  exclude: { key: "exclude", arg: "required" },
  "exclude-from": { key: "exclude-from", arg: "required" },
  "exclude-dir": { key: "exclude-dir", arg: "required" },
  "extended-regexp": { key: "E", arg: "none" },
  file: { key: "f", arg: "required" },
  "files-with-matches": { key: "l", arg: "none" },
  "files-without-match": { key: "L", arg: "none" },
  "fixed-strings": { key: "F", arg: "none" },
  "group-separator": { key: "group-separator", arg: "required" },
  help: { key: "help", arg: "none" },
  include: { key: "include", arg: "required" },
  "ignore-case": { key: "i", arg: "none" },
  "no-ignore-case": { key: "no-ignore-case", arg: "none" },
  "initial-tab": { key: "T", arg: "none" },
  label: { key: "label", arg: "required" },
  "line-buffered": { key: "line-buffered", arg: "none" },
  "line-number": { key: "n", arg: "none" },
  "line-regexp": { key: "x", arg: "none" },
  "max-count": { key: "m", arg: "required" },
  "no-filename": { key: "h", arg: "none" },
  "no-group-separator": { key: "no-group-separator", arg: "none" },
  "no-messages": { key: "s", arg: "none" },
  null: { key: "Z", arg: "none" },
  "null-data": { key: "z", arg: "none" },
  "only-matching": { key: "o", arg: "none" },
  "perl-regexp": { key: "P", arg: "none" },
  quiet: { key: "q", arg: "none" },
  recursive: { key: "r", arg: "none" },
  regexp: { key: "e", arg: "required" },
  "invert-match": { key: "v", arg: "none" },
  silent: { key: "q", arg: "none" },
  text: { key: "a", arg: "none" },
  binary: { key: "U", arg: "none" },
  "unix-byte-offsets": { key: "u", arg: "none" },
  version: { key: "V", arg: "none" },
  "with-filename": { key: "H", arg: "none" },
  "word-regexp": { key: "w", arg: "none" },
};
const SHORT_WITH_ARG = new Set(["A", "B", "C", "D", "X", "d", "e", "f", "m"]);
const SHORT_FLAGS = new Set([..."EFGHIPTUVabchiLlnoqRrsuvwxyZz"]);

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
  const operands: string[] = [];
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
      case "help": o.info ??= "grep: --help is not available in Kubecoach's grep yet; see https://www.gnu.org/software/grep/manual/\n"; return;
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
  let i = 0;
  for (; i < args.length && !o.error; i++) {
    const arg = args[i];
    if (arg === "--") {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const given = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const exact = LONG[given] ? [given] : Object.keys(LONG).filter((name) => name.startsWith(given));
      // Prefixes of one option under two names (--sil, --qui) are not ambiguous.
      const keys = new Set(exact.map((name) => LONG[name].key));
      if (exact.length === 0) {
        fail(`unrecognized option '${arg}'`);
        break;
      }
      if (keys.size > 1) {
        fail(`option '--${given}' is ambiguous; possibilities:${exact.map((n) => ` '--${n}'`).join("")}`);
        break;
      }
      const name = exact[0];
      const spec = LONG[name];
      let value: string | undefined;
      if (spec.arg === "none") {
        if (eq >= 0) {
          fail(`option '--${name}' doesn't allow an argument`);
          break;
        }
      } else if (eq >= 0) value = arg.slice(eq + 1);
      else if (i + 1 < args.length) value = args[++i];
      else {
        fail(`option '--${name}' requires an argument`);
        break;
      }
      set(spec.key, value, `--${name}`);
      continue;
    }
    if (arg.length < 2 || !arg.startsWith("-")) {
      operands.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const c = arg[j];
      if (/\d/.test(c)) {
        // -NUM: context of NUM lines (the digits in a row).
        const run = /^\d+/.exec(arg.slice(j))![0];
        set("C", run, `-${run}`);
        j += run.length - 1;
        continue;
      }
      if (SHORT_WITH_ARG.has(c)) {
        let value = arg.slice(j + 1);
        if (!value) {
          if (i + 1 >= args.length) {
            fail(`option requires an argument -- '${c}'`);
            break;
          }
          value = args[++i];
        }
        set(c, value, `-${c}`);
        break;
      }
      if (!SHORT_FLAGS.has(c)) {
        fail(`invalid option -- '${c}'`);
        break;
      }
      set(c, undefined, `-${c}`);
    }
  }
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
