/**
 * GNU xargs (findutils 4.9): its options and how it cuts its input into command lines. Pure
 * functions; xargs.ts runs the command lines.
 */
import { getoptLong, tryHelp, type GetoptTable } from "./getopt-long";

export interface XargsOptions {
  /** Items end at this character instead of at blanks; no quote, backslash or EOF processing. */
  delimiter?: string;
  argFile?: string;
  eofString?: string;
  /** -I/-i: one command per input line, this string replaced in the initial arguments. */
  replace?: string;
  maxLines?: number;
  maxArgs?: number;
  noRunIfEmpty: boolean;
  verbose: boolean;
  /** The command and its initial arguments (`echo` when none is given). */
  command: string[];
  help?: boolean;
  version?: boolean;
  /** Printed before running (GNU's warning for -n before -I). */
  warnings: string[];
}

export type Parsed<T> = T | { error: string; status: number };

const TRY = tryHelp("xargs");

/** xargs.c's getopt table ("+": options end at the command), in its order. */
export const XARGS_OPTIONS: GetoptTable = {
  program: "xargs",
  stopAtOperand: true,
  options: [
    { long: "null", short: "0" }, { long: "arg-file", short: "a", argument: "required" }, { long: "delimiter", short: "d", argument: "required" },
    { long: "eof", key: "e", argument: "optional" }, { long: "replace", key: "i", argument: "optional" },
    { long: "max-lines", key: "l", argument: "optional" }, { long: "max-args", short: "n", argument: "required" },
    { long: "open-tty", short: "o" }, { long: "interactive", short: "p" }, { long: "no-run-if-empty", short: "r" },
    { long: "max-chars", short: "s", argument: "required" }, { long: "verbose", short: "t" }, { long: "show-limits" },
    { long: "exit", short: "x" }, { long: "max-procs", short: "P", argument: "required" }, { long: "process-slot-var", argument: "required" },
    { long: "version" }, { long: "help" },
    { short: "E", argument: "required" }, { short: "I", argument: "required" }, { short: "L", argument: "required" },
    { short: "e", argument: "optional" }, { short: "i", argument: "optional" }, { short: "l", argument: "optional" },
  ],
};

export function parseXargsOptions(args: string[]): Parsed<XargsOptions> {
  const o: XargsOptions = { noRunIfEmpty: false, verbose: false, command: [], warnings: [] };
  const read = getoptLong(args, XARGS_OPTIONS);
  for (const { key, value, name } of read.options) {
    if (key === "help") return { ...o, help: true };
    if (key === "version") return { ...o, version: true };
    if (key === "show-limits" || key === "process-slot-var") return { error: `xargs: ${name} is not available in Kubecoach\n`, status: 1 };
    const err = applyOption(o, key, value);
    if (err) return { error: err, status: 1 };
  }
  if (read.error) return { error: `${read.error}\n${TRY}`, status: 1 };
  o.command = read.operands;
  if (o.command.length === 0) o.command = ["echo"];
  return o;
}

function applyOption(o: XargsOptions, letter: string, value: string | undefined): string | undefined {
  switch (letter) {
    case "0": o.delimiter = "\0"; return;
    case "a": o.argFile = value; return;
    case "d": {
      const d = delimiterOf(value ?? "");
      if (d === undefined) return `xargs: invalid input delimiter specification ${value}: the delimiter must be either a single character or an escape sequence starting with \\.\n`;
      o.delimiter = d;
      return;
    }
    case "E": o.eofString = value; return;
    case "e": o.eofString = value || undefined; return;
    case "I": case "i":
      if (o.maxArgs !== undefined && o.replace === undefined) o.warnings.push("xargs: warning: options --max-args and --replace/-I/-i are mutually exclusive, ignoring previous --max-args value\n");
      o.replace = letter === "i" ? value || "{}" : value;
      o.maxArgs = undefined;
      o.maxLines = 1;
      return;
    case "L": case "l": {
      const n = letter === "l" && value === undefined ? 1 : count(value ?? "", "-L");
      if (typeof n === "string") return n;
      o.maxLines = n;
      o.maxArgs = undefined;
      return;
    }
    case "n": {
      const n = count(value ?? "", "-n");
      if (typeof n === "string") return n;
      o.maxArgs = n;
      if (o.replace === undefined) o.maxLines = undefined;
      return;
    }
    case "P": case "s": {
      // Commands run one after another here (one simulated process at a time); both are checked only.
      const n = count(value ?? "", `-${letter}`, letter === "P" ? 0 : 1);
      return typeof n === "string" ? n : undefined;
    }
    case "r": o.noRunIfEmpty = true; return;
    case "t": o.verbose = true; return;
    case "x": return;
    case "o": case "p": return `xargs: -${letter} (a prompt on the terminal for each command) is not available in Kubecoach yet\n`;
  }
  return undefined;
}

function count(text: string, option: string, min = 1): number | string {
  if (!/^\s*[+-]?\d+$/.test(text)) return `xargs: invalid number "${text}" for ${option} option\n${TRY}`;
  const n = Number(text);
  if (n < min) return `xargs: value ${text} for ${option} option should be >= ${min}\n${TRY}`;
  return n;
}

const ESCAPES: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\", "0": "\0" };

function delimiterOf(spec: string): string | undefined {
  if (spec.length === 1) return spec;
  if (!spec.startsWith("\\")) return undefined;
  if (spec.length === 2 && ESCAPES[spec[1]] !== undefined) return ESCAPES[spec[1]];
  const octal = /^\\([0-7]{1,3})$/.exec(spec);
  if (octal) return String.fromCharCode(parseInt(octal[1], 8));
  const hex = /^\\x([0-9a-fA-F]{1,2})$/.exec(spec);
  return hex ? String.fromCharCode(parseInt(hex[1], 16)) : undefined;
}

/** The input cut into logical lines of items; `error` when the input stopped at a bad quote. */
export interface XargsInput {
  lines: string[][];
  error?: string;
}

export function readXargsInput(text: string, o: XargsOptions): XargsInput {
  if (o.delimiter !== undefined) {
    const items = text.split(o.delimiter);
    if (items[items.length - 1] === "") items.pop();
    if (o.replace !== undefined) return { lines: items.filter((s) => s !== "").map((s) => [s]) };
    return { lines: items.map((s) => [s]) };
  }
  const lines: string[][] = [];
  let current: string[] = [];
  let word = "";
  let inWord = false;
  let quote: string | undefined;
  let lineEndsBlank = false;
  let quoted = false;
  const endWord = (): boolean => {
    if (!inWord) return false;
    const ended = o.eofString !== undefined && word === o.eofString && !quoted;
    if (!ended) current.push(word);
    word = "";
    inWord = false;
    return ended;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === "\n") return { lines, error: `xargs: unmatched ${quote === "'" ? "single" : "double"} quote; by default quotes are special to xargs unless you use the -0 option\n` };
      else word += c;
      continue;
    }
    if (c === "\n") {
      if (endWord()) return { lines };
      // -L: a line ending in a blank goes on on the next line; -I lines never do.
      if (current.length > 0 && (o.replace !== undefined || !lineEndsBlank)) {
        lines.push(current);
        current = [];
      }
      lineEndsBlank = false;
      quoted = false;
      continue;
    }
    const blank = c === " " || c === "\t";
    lineEndsBlank = blank;
    if (blank && (o.replace === undefined || !inWord)) {
      if (endWord()) return { lines };
      quoted = false;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      quoted = true;
      inWord = true;
      continue;
    }
    if (c === "\\" && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
      continue;
    }
    word += c;
    inWord = true;
  }
  if (quote) return { lines, error: `xargs: unmatched ${quote === "'" ? "single" : "double"} quote; by default quotes are special to xargs unless you use the -0 option\n` };
  if (endWord()) return { lines: current.length ? [...lines, current] : lines };
  if (current.length > 0) lines.push(current);
  return { lines };
}

/**
 * The argument lists to run, from the lines read. Only complete command lines run when the input
 * stopped at an error, as GNU xargs runs what it had gathered before the bad quote.
 */
export function xargsCommandLines(input: XargsInput, o: XargsOptions): string[][] {
  const { command } = o;
  if (o.replace !== undefined) {
    const r = o.replace;
    return input.lines.map((line) => command.map((a) => a.split(r).join(line.join(" "))));
  }
  const out: string[][] = [];
  if (o.maxLines !== undefined) {
    for (let i = 0; i < input.lines.length; i += o.maxLines) {
      const group = input.lines.slice(i, i + o.maxLines);
      if (input.error && group.length < o.maxLines) break;
      out.push([...command, ...group.flat()]);
    }
  } else {
    const items = input.lines.flat();
    const size = o.maxArgs ?? Number.POSITIVE_INFINITY;
    for (let i = 0; i < items.length; i += size) {
      const group = items.slice(i, i + size);
      if (input.error && group.length < size) break;
      out.push([...command, ...group]);
    }
  }
  // Without -r the command runs once even for empty input; -I has nothing to put in its place.
  if (out.length === 0 && !o.noRunIfEmpty && o.replace === undefined && !input.error && input.lines.length === 0) out.push([...command]);
  return out;
}
