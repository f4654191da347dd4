import { decodeBytesToUtf8, type Command } from "just-bash";
import { typedStdin } from "../bridge";
import type { ShellFrame } from "../frame";
import { compareKeyText, compareText, emptyKey, keyText, type KeySpec } from "./sort-compare";
import { shellCommand } from "./index";

/**
 * GNU sort (coreutils 9.1). just-bash's sort compared lines in a dictionary order (a A b B); the
 * lab's locale is C.UTF-8, whose order is the code points' (A B a b), so the NAME header of
 * `kubectl get pods | sort` landed among the n's. This follows sort.c: keys (-k F[.C][OPTS][,F[.C][OPTS]])
 * and fields (-t), the ordering options per key or for all keys without their own, the last-resort
 * comparison of whole lines (not with -s or -u), -u, -c/-C, -o, -z, and GNU's messages and status 2.
 */

class SortError extends Error {
  constructor(message: string, readonly usage = false) {
    super(message);
  }
}

const ORDERING = "bdfgiMhnRrV";
const LONG_ORDERING: Record<string, string> = {
  "--ignore-leading-blanks": "b",
  "--dictionary-order": "d",
  "--ignore-case": "f",
  "--general-numeric-sort": "g",
  "--ignore-nonprinting": "i",
  "--month-sort": "M",
  "--human-numeric-sort": "h",
  "--numeric-sort": "n",
  "--random-sort": "R",
  "--reverse": "r",
  "--version-sort": "V",
};
const SORT_WORDS: Record<string, string> = { general: "g", human: "h", month: "M", numeric: "n", random: "R", version: "V" };

interface SortOptions {
  global: KeySpec;
  keys: KeySpec[];
  tab?: string;
  unique: boolean;
  stable: boolean;
  check?: "diagnose" | "quiet";
  output?: string;
  zero: boolean;
  files: string[];
}

/** Sets one ordering option letter on a key (-b on a key's start or end position only there). */
function setOption(key: KeySpec, letter: string, position: "start" | "end" | "both"): void {
  switch (letter) {
    case "b":
      if (position !== "end") key.skipStartBlanks = true;
      if (position !== "start") key.skipEndBlanks = true;
      break;
    case "d": key.dictionary = true; break;
    case "f": key.fold = true; break;
    case "g": key.general = true; break;
    case "i": key.nonprinting = true; break;
    case "M": key.month = true; break;
    case "h": key.human = true; break;
    case "n": key.numeric = true; break;
    case "R": key.random = true; break;
    case "r": key.reverse = true; break;
    case "V": key.version = true; break;
  }
}

/** The option letters a key has, in sort.c's key_to_opts order (for the incompatibility message). */
function optionLetters(key: KeySpec, withBlanksAndReverse: boolean): string {
  return [
    withBlanksAndReverse && (key.skipStartBlanks || key.skipEndBlanks) ? "b" : "",
    key.dictionary ? "d" : "",
    key.fold ? "f" : "",
    key.general ? "g" : "",
    key.human ? "h" : "",
    key.nonprinting ? "i" : "",
    key.month ? "M" : "",
    key.numeric ? "n" : "",
    key.random ? "R" : "",
    withBlanksAndReverse && key.reverse ? "r" : "",
    key.version ? "V" : "",
  ].join("");
}

const hasOrdering = (key: KeySpec) => optionLetters(key, true) !== "";

/** One -k argument: POS1[,POS2], each F[.C][OPTS]. */
function parseKey(spec: string): KeySpec {
  const key = emptyKey();
  const invalid = (why: string) => new SortError(`${why}: invalid field specification ‘${spec}’`);
  const start = /^(\d+)(?:\.(\d+))?([A-Za-z]*)/.exec(spec);
  if (!start) throw new SortError(`invalid number at field start: invalid count at start of ‘${spec}’`);
  if (Number(start[1]) === 0) throw invalid("field number is zero");
  if (start[2] !== undefined && Number(start[2]) === 0) throw invalid("character offset is zero");
  key.startField = Number(start[1]) - 1;
  key.startChar = start[2] === undefined ? 0 : Number(start[2]) - 1;
  for (const c of start[3]) {
    if (!ORDERING.includes(c)) throw invalid("stray character in field spec");
    setOption(key, c, "start");
  }
  let rest = spec.slice(start[0].length);
  if (rest.startsWith(",")) {
    const end = /^(\d+)(?:\.(\d+))?([A-Za-z]*)/.exec(rest.slice(1));
    if (!end) throw new SortError(`invalid number after ',': invalid count at start of ‘${rest.slice(1)}’`);
    if (Number(end[1]) === 0) throw invalid("field number is zero");
    key.endField = Number(end[1]) - 1;
    key.endChar = end[2] === undefined ? 0 : Number(end[2]);
    for (const c of end[3]) {
      if (!ORDERING.includes(c)) throw invalid("stray character in field spec");
      setOption(key, c, "end");
    }
    rest = rest.slice(1 + end[0].length);
  }
  if (rest) throw invalid("stray character in field spec");
  return key;
}

function parseArgs(args: string[]): SortOptions {
  const o: SortOptions = { global: emptyKey(), keys: [], unique: false, stable: false, zero: false, files: [] };
  const valued = (name: string, value: string | undefined): void => {
    if (value === undefined) throw new SortError(`option requires an argument -- '${name}'`, true);
    if (name === "k") o.keys.push(parseKey(value));
    else if (name === "o") o.output = value;
    else if (name === "t") {
      if (value === "") throw new SortError("empty tab");
      if (value === "\\0") o.tab = "\0";
      else if ([...value].length > 1) throw new SortError(`multi-character tab ‘${value}’`);
      else o.tab = value;
    }
    // -S (buffer size) and -T (temporary directory) change nothing here.
  };
  let onlyOperands = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (onlyOperands || a === "-" || !a.startsWith("-")) {
      o.files.push(a);
      continue;
    }
    if (a === "--") {
      onlyOperands = true;
      continue;
    }
    if (a.startsWith("--")) {
      const [name, inline] = a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
      if (LONG_ORDERING[name]) setOption(o.global, LONG_ORDERING[name], "both");
      else if (name === "--key" || name === "--output" || name === "--field-separator" || name === "--buffer-size" || name === "--temporary-directory") {
        const value = inline ?? args[++i];
        if (value === undefined) throw new SortError(`option '${name}' requires an argument`, true);
        valued({ "--key": "k", "--output": "o", "--field-separator": "t", "--buffer-size": "S", "--temporary-directory": "T" }[name]!, value);
      } else if (name === "--sort") {
        const letter = SORT_WORDS[inline ?? args[++i] ?? ""];
        if (!letter) throw new SortError(`invalid argument ‘${inline ?? args[i] ?? ""}’ for ‘--sort’`, true);
        setOption(o.global, letter, "both");
      } else if (name === "--unique") o.unique = true;
      else if (name === "--stable") o.stable = true;
      else if (name === "--zero-terminated") o.zero = true;
      else if (name === "--merge" || name.startsWith("--parallel") || name === "--compress-program" || name === "--batch-size") {
        if ((name === "--compress-program" || name === "--batch-size") && inline === undefined) i++;
      } else if (name === "--check") {
        if (inline === undefined || inline === "diagnose-first") o.check = "diagnose";
        else if (inline === "quiet" || inline === "silent") o.check = "quiet";
        else throw new SortError(`invalid argument ‘${inline}’ for ‘--check’\nValid arguments are:\n  - ‘quiet’, ‘silent’\n  - ‘diagnose-first’`, true);
      } else if (name === "--debug" || name === "--files0-from" || name === "--random-source") {
        throw new SortError(`${name} is not available in Kubecoach yet`);
      } else throw new SortError(`unrecognized option '${a}'`, true);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (ORDERING.includes(c)) setOption(o.global, c, "both");
      else if (c === "u") o.unique = true;
      else if (c === "s") o.stable = true;
      else if (c === "z") o.zero = true;
      else if (c === "m") continue;
      else if (c === "c") o.check = "diagnose";
      else if (c === "C") o.check = "quiet";
      else if ("koStT".includes(c)) {
        valued(c, j + 1 < a.length ? a.slice(j + 1) : args[++i]);
        break;
      } else throw new SortError(`invalid option -- '${c}'`, true);
    }
  }
  if (o.keys.length === 0) o.keys.push({ ...emptyKey() });
  // A key without options of its own takes all the global ones (sort.c default_key_compare).
  o.keys = o.keys.map((key) => (hasOrdering(key) ? key : { ...o.global, startField: key.startField, startChar: key.startChar, endField: key.endField, endChar: key.endChar }));
  for (const key of o.keys) {
    if ([key.numeric, key.general, key.human, key.month, key.version || key.random || key.dictionary || key.nonprinting].filter(Boolean).length > 1) {
      throw new SortError(`options '-${optionLetters(key, false)}' are incompatible`);
    }
  }
  if (o.check && o.files.length > 1) throw new SortError(`extra operand '${o.files[1]}' not allowed with -${o.check === "quiet" ? "C" : "c"}`);
  return o;
}

/** sort.c's compare: the keys in turn, then (unless -s or -u) the whole lines, reversed with -r. */
function comparator(o: SortOptions): (a: string, b: string) => number {
  const salt = (Math.random() * 2 ** 32) >>> 0;
  const lastResort = !o.stable && !o.unique;
  return (a, b) => {
    for (const key of o.keys) {
      const diff = compareKeyText(keyText(a, key, o.tab), keyText(b, key, o.tab), key, salt);
      if (diff !== 0) return key.reverse ? -diff : diff;
    }
    if (!lastResort) return 0;
    const diff = compareText(a, b);
    return o.global.reverse ? -diff : diff;
  };
}

export function sortCommand(frame: ShellFrame): Command {
  return shellCommand(frame, "sort", async (args, ctx, io) => {
    let o: SortOptions;
    try {
      o = parseArgs(args);
    } catch (err) {
      if (!(err instanceof SortError)) throw err;
      io.err.push(`sort: ${err.message}\n${err.usage ? "Try 'sort --help' for more information.\n" : ""}`);
      return 2;
    }
    const end = o.zero ? "\0" : "\n";
    const lines: string[] = [];
    const sources = o.files.length ? o.files : ["-"];
    for (const name of sources) {
      let text: string;
      if (name === "-") {
        // At a prompt, sort reads the lines typed until Ctrl-D.
        const typed = await typedStdin(frame.runtime, ctx, "sort", args, io, io.position);
        if (typed?.interrupted) return 130;
        text = typed ? typed.text : decodeBytesToUtf8(ctx.stdin);
      }
      else {
        const path = frame.fs.resolvePath(ctx.cwd, name);
        try {
          if ((await frame.fs.stat(path)).isDirectory) {
            io.err.push(`sort: read failed: ${name}: Is a directory\n`);
            return 2;
          }
          text = await frame.fs.readFile(path);
        } catch (err) {
          io.err.push(`sort: cannot read: ${name}: ${reason(err)}\n`);
          return 2;
        }
      }
      if (text === "") continue;
      const parts = text.split(end);
      if (parts[parts.length - 1] === "") parts.pop();
      for (const p of parts) lines.push(p);
    }
    const compare = comparator(o);

    if (o.check) {
      for (let i = 1; i < lines.length; i++) {
        const diff = compare(lines[i - 1], lines[i]);
        if (diff > 0 || (o.unique && diff === 0)) {
          if (o.check === "diagnose") io.err.push(`sort: ${sources[0]}:${i + 1}: disorder: ${lines[i]}\n`);
          return 1;
        }
      }
      return 0;
    }

    lines.sort(compare);
    const kept = o.unique ? lines.filter((line, i) => i === 0 || compare(lines[i - 1], line) !== 0) : lines;
    const text = kept.map((line) => line + end).join("");
    if (o.output === undefined) io.out.push(text);
    else {
      try {
        await frame.fs.writeFile(frame.fs.resolvePath(ctx.cwd, o.output), text);
      } catch (err) {
        io.err.push(`sort: open failed: ${o.output}: ${reason(err)}\n`);
        return 2;
      }
    }
    return 0;
  });
}

function reason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/EACCES|permission denied/i.test(message)) return "Permission denied";
  if (/EISDIR|is a directory/i.test(message)) return "Is a directory";
  if (/ENOTDIR|not a directory/i.test(message)) return "Not a directory";
  return "No such file or directory";
}
