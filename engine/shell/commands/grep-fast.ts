import { latin1FromBytes, type ExecResult, type ResolvedCommandContext } from "just-bash";

/**
 * GNU grep's common forms, answered with the JavaScript regex engine.
 *
 * just-bash's grep runs every search through its own backtracking-free regex engine, compiled
 * anew on each call: `grep 7` over 200 lines costs more than the rest of `cat f | grep 7 | wc -l`
 * together. The forms typed most (one pattern, standard input or one file, -i -v -c -n -w -x -o
 * -q -E -F) are answered here, byte for byte as GNU grep 3 prints them (test/grep-fast.test.ts
 * compares with the real grep). Everything else — several patterns or files, -r, -l, context,
 * -m, -P, binary or non-ASCII input, back-references, a quantified group — returns undefined and
 * just-bash's grep answers it as before.
 *
 * V8's engine backtracks, so a pattern could take time exponential in a line's length where GNU's
 * DFA takes linear time. Patterns that can (a quantifier on a group, a quantifier on a quantifier,
 * back-references) are never taken; for the others the work is bounded by
 * length × (line length + 1)^(unbounded quantifiers), and a search above WORK_LIMIT is left to
 * just-bash too.
 */

/** Backtracking steps a search may take at worst before the search is left to just-bash. */
const WORK_LIMIT = 20_000_000;

interface Options {
  ignoreCase: boolean;
  invert: boolean;
  count: boolean;
  lineNumbers: boolean;
  word: boolean;
  line: boolean;
  only: boolean;
  quiet: boolean;
  mode: "basic" | "extended" | "fixed";
  pattern: string;
  file?: string;
}

/** A pattern as a JavaScript regex source, with what bounds its backtracking. */
interface Translated {
  source: string;
  /** Unbounded quantifiers (`*`, `+`, `{n,}`). */
  unbounded: number;
  /** The product of the choices bounded quantifiers and alternations add. */
  factor: number;
  /** Every match has the same length: JavaScript's leftmost-first match is GNU's leftmost-longest. */
  fixedLength: boolean;
}

const SHORT_FLAGS: Record<string, (o: Options) => void> = {
  i: (o) => (o.ignoreCase = true),
  v: (o) => (o.invert = true),
  c: (o) => (o.count = true),
  n: (o) => (o.lineNumbers = true),
  w: (o) => (o.word = true),
  x: (o) => (o.line = true),
  o: (o) => (o.only = true),
  q: (o) => (o.quiet = true),
  E: (o) => (o.mode = "extended"),
  F: (o) => (o.mode = "fixed"),
  G: (o) => (o.mode = "basic"),
};

const LONG_FLAGS: Record<string, string> = {
  "--ignore-case": "i",
  "--invert-match": "v",
  "--count": "c",
  "--line-number": "n",
  "--word-regexp": "w",
  "--line-regexp": "x",
  "--only-matching": "o",
  "--quiet": "q",
  "--silent": "q",
  "--extended-regexp": "E",
  "--fixed-strings": "F",
  "--basic-regexp": "G",
};

function parseArgs(args: string[]): Options | undefined {
  const o: Options = { ignoreCase: false, invert: false, count: false, lineNumbers: false, word: false, line: false, only: false, quiet: false, mode: "basic", pattern: "" };
  let pattern: string | undefined;
  const operands: string[] = [];
  let options = true;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!options || arg === "-" || !arg.startsWith("-")) {
      operands.push(arg);
    } else if (arg === "--") {
      options = false;
    } else if (arg === "-e") {
      if (pattern !== undefined || i + 1 >= args.length) return undefined;
      pattern = args[++i];
    } else if (arg.startsWith("--")) {
      const flag = LONG_FLAGS[arg];
      if (!flag) return undefined;
      SHORT_FLAGS[flag](o);
    } else {
      for (const letter of arg.slice(1)) {
        const set = SHORT_FLAGS[letter];
        if (!set) return undefined;
        set(o);
      }
    }
  }
  if (pattern === undefined) pattern = operands.shift();
  if (pattern === undefined || pattern === "" || pattern.includes("\n")) return undefined;
  // Standard input ("-" names it as "(standard input)" only among several files) or one file.
  if (operands.length > 1) return undefined;
  if (operands.length === 1 && operands[0] !== "-") o.file = operands[0];
  o.pattern = pattern;
  return o;
}

const CLASSES: Record<string, string> = {
  alpha: "A-Za-z",
  digit: "0-9",
  alnum: "0-9A-Za-z",
  upper: "A-Z",
  lower: "a-z",
  space: " \\t\\n\\v\\f\\r",
  blank: " \\t",
  punct: "!-\\/:-@\\[-`{-~",
  xdigit: "0-9A-Fa-f",
  cntrl: "\\x00-\\x1f\\x7f",
  print: " -~",
  graph: "!-~",
};

/** A bracket expression from `pattern[start]` (the `[`): its JS class and where it ends, or undefined. */
function bracket(pattern: string, start: number): { source: string; end: number } | undefined {
  let i = start + 1;
  let out = "[";
  if (pattern[i] === "^") {
    out += "^";
    i++;
  }
  let first = true;
  for (; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "]" && !first) return { source: out + "]", end: i };
    first = false;
    if (c === "[") {
      const next = pattern[i + 1];
      if (next === ":") {
        const close = pattern.indexOf(":]", i + 2);
        const cls = close < 0 ? undefined : CLASSES[pattern.slice(i + 2, close)];
        if (cls === undefined) return undefined;
        out += cls;
        i = close + 1;
        continue;
      }
      // Collating elements and equivalence classes: left to just-bash.
      if (next === "." || next === "=") return undefined;
      out += "\\[";
    } else if (c === "\\" || c === "]" || c === "^") {
      // In a POSIX bracket a backslash is itself; a leading `]` is literal.
      out += `\\${c}`;
    } else {
      out += c;
    }
  }
  return undefined;
}

const JS_SPECIAL = /[\\^$.*+?()[\]{}|/-]/;
const escapeChar = (c: string): string => (JS_SPECIAL.test(c) ? `\\${c}` : c);

/**
 * A POSIX basic (GNU grep's default) or extended regular expression as JavaScript source, or
 * undefined for what is left to just-bash: GNU escapes (`\w`, `\<`, `\+` …), back-references,
 * quantified groups, a quantifier following a quantifier or standing where GNU reads it literally.
 */
export function translate(pattern: string, mode: Options["mode"]): Translated | undefined {
  if (mode === "fixed") return { source: [...pattern].map(escapeChar).join(""), unbounded: 0, factor: 1, fixedLength: true };
  const ere = mode === "extended";
  let out = "";
  let unbounded = 0;
  let factor = 1;
  let fixedLength = true;
  /** What the last piece was: a quantifier may follow an atom only. */
  let last: "start" | "atom" | "group" | "quantifier" | "anchor" = "start";
  let depth = 0;
  /** `bounded`: how many counts the quantifier allows (undefined: unbounded; 1 keeps the length fixed). */
  const quantify = (q: string, bounded: number | undefined): boolean => {
    if (last !== "atom") return false;
    out += q;
    if (bounded !== 1) fixedLength = false;
    if (bounded === undefined) unbounded++;
    else factor *= bounded;
    last = "quantifier";
    return true;
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      const next = pattern[++i];
      if (next === undefined) return undefined;
      const literal = ere ? /[.[\]*+?{}()|^$\\/]/.test(next) : /[.[\]*^$\\/]/.test(next);
      if (!literal) return undefined;
      out += escapeChar(next);
      last = "atom";
    } else if (c === "[") {
      const b = bracket(pattern, i);
      if (!b) return undefined;
      out += b.source;
      i = b.end;
      last = "atom";
    } else if (c === ".") {
      // GNU's `.` is any character but the line end; JavaScript's would miss a \r.
      out += "[^\\n]";
      last = "atom";
    } else if (c === "*") {
      // At the start of a BRE `*` is literal; an ERE leading `*` is left to just-bash.
      if (!ere && last === "start" && depth === 0) {
        out += "\\*";
        last = "atom";
      } else if (!quantify("*", undefined)) return undefined;
    } else if (ere && (c === "+" || c === "?")) {
      if (!quantify(c, c === "?" ? 2 : undefined)) return undefined;
    } else if (ere && c === "{") {
      const m = /^\{(\d*)(,?)(\d*)\}/.exec(pattern.slice(i));
      if (!m || (m[1] === "" && m[3] === "" && m[2] === "")) return undefined;
      const min = m[1] === "" ? 0 : Number(m[1]);
      const max = m[3] === "" ? (m[2] ? undefined : min) : Number(m[3]);
      if (max !== undefined && max < min) return undefined;
      if (min > 255 || (max ?? 0) > 255) return undefined;
      if (!quantify(`{${min}${m[2]}${m[3]}}`, max === undefined ? undefined : max - min + 1)) return undefined;
      i += m[0].length - 1;
    } else if (ere && c === "(") {
      out += "(?:";
      depth++;
      last = "start";
    } else if (ere && c === ")") {
      if (depth === 0 || last === "start") return undefined;
      out += ")";
      depth--;
      // A quantifier on a group may backtrack exponentially: a following one is refused above.
      last = "group";
    } else if (ere && c === "|") {
      if (last === "start") return undefined;
      out += "|";
      factor *= 2;
      fixedLength = false;
      last = "start";
    } else if (c === "^" && (ere || i === 0)) {
      out += "^";
      last = ere ? "start" : "anchor";
    } else if (c === "$" && (ere || i === pattern.length - 1)) {
      out += "$";
      last = "anchor";
    } else {
      out += escapeChar(c);
      last = "atom";
    }
  }
  if (depth !== 0 || (ere && last === "start" && out.endsWith("|"))) return undefined;
  return { source: out, unbounded, factor, fixedLength };
}

/** ASCII text without NUL bytes; undefined for anything else (left to just-bash). */
function asciiText(bytes: string): string | undefined {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes.charCodeAt(i);
    if (b === 0 || b > 0x7f) return undefined;
  }
  return bytes;
}

function longestLine(text: string): number {
  let longest = 0;
  let start = 0;
  for (;;) {
    const end = text.indexOf("\n", start);
    const length = (end < 0 ? text.length : end) - start;
    if (length > longest) longest = length;
    if (end < 0) return longest;
    start = end + 1;
  }
}

/**
 * grep's answer for the common forms, or undefined when just-bash's grep must answer (see above).
 * Reads the file operand through the command's filesystem; a missing or unreadable one is left to
 * just-bash, which reports it.
 */
export async function fastGrep(args: string[], ctx: Pick<ResolvedCommandContext, "stdin" | "fs" | "cwd">): Promise<ExecResult | undefined> {
  const o = parseArgs(args);
  if (!o) return undefined;
  const translated = translate(o.pattern, o.mode);
  if (!translated) return undefined;
  // -o prints the match itself: only where the first match found is GNU's longest one.
  if (o.only && (!translated.fixedLength || o.invert || o.count)) return undefined;
  // Bytes as a latin1 string, one character a byte (just-bash's ByteString).
  let bytes: string;
  if (o.file === undefined) {
    bytes = latin1FromBytes(ctx.stdin);
  } else {
    const path = ctx.fs.resolvePath(ctx.cwd, o.file);
    try {
      const stat = await ctx.fs.stat(path);
      if (!stat.isFile) return undefined;
      bytes = ctx.fs.readFileBytes ? latin1FromBytes(await ctx.fs.readFileBytes(path)) : Buffer.from(await ctx.fs.readFileBuffer(path)).toString("latin1");
    } catch {
      return undefined;
    }
  }
  const text = asciiText(bytes);
  if (text === undefined) return undefined;
  if (translated.unbounded > 0 || translated.factor > 1) {
    const work = text.length * translated.factor * Math.pow(longestLine(text) + 1, translated.unbounded);
    if (work > WORK_LIMIT) return undefined;
  }
  let regexes: { line: RegExp; all?: RegExp };
  try {
    regexes = compile(translated, o);
  } catch {
    // What V8 refuses (a reversed range `[z-a]`): just-bash reports it as grep does.
    return undefined;
  }
  return search(text, regexes, o);
}

const WORD = "A-Za-z0-9_";

function compile(t: Translated, o: Options): { line: RegExp; all?: RegExp } {
  let source = t.source;
  if (o.line) source = `^(?:${source})$`;
  else if (o.word) source = `(?<![${WORD}])(?:${source})(?![${WORD}])`;
  const flags = o.ignoreCase ? "i" : "";
  return { line: new RegExp(source, flags), ...(o.only ? { all: new RegExp(source, `${flags}g`) } : {}) };
}

function search(text: string, regexes: { line: RegExp; all?: RegExp }, o: Options): ExecResult {
  const regex = regexes.line;
  const global = regexes.all;
  const lines = text.split("\n");
  // A final newline ends the last line rather than starting an empty one.
  if (lines[lines.length - 1] === "") lines.pop();
  let selected = 0;
  let out = "";
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    if (regex.test(line) === o.invert) continue;
    selected++;
    if (o.quiet) return { stdout: "", stderr: "", exitCode: 0 };
    if (o.count) continue;
    const prefix = o.lineNumbers ? `${n + 1}:` : "";
    if (!global) {
      out += `${prefix}${line}\n`;
      continue;
    }
    global.lastIndex = 0;
    for (let m = global.exec(line); m; m = global.exec(line)) {
      // GNU -o prints only non-empty matches.
      if (m[0] === "") {
        global.lastIndex++;
        continue;
      }
      out += `${prefix}${m[0]}\n`;
    }
  }
  if (o.count) out = `${selected}\n`;
  return { stdout: o.quiet ? "" : out, stderr: "", exitCode: selected > 0 ? 0 : 1 };
}
