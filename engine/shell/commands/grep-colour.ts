import { translate } from "./grep-fast";
import { takeColourOption, type ColourOptionRules } from "./colour-option";

/**
 * GNU grep 3.8's `--color[=WHEN]` (and `--colour`), with GREP_COLORS' defaults: matches 01;31,
 * file names 35, line numbers and byte offsets 32, separators (`:` `-` `--`) 36, each coloured
 * span followed by `\e[m\e[K` as GNU writes it.
 *
 * just-bash's grep knows no colour, so the option is taken off the arguments, grep runs as before,
 * and its uncoloured output is coloured here: the prefixes grep wrote are known from the options,
 * and the matches are found again with the pattern as a JavaScript regex (grep-fast's translation).
 * A pattern that translation refuses (back-references, GNU escapes, -P, -f) leaves the matched
 * text uncoloured; everything else is still coloured.
 */

/** GREP_COLORS' capabilities used here, with GNU's defaults; `ne` drops the `\e[K` after each SGR. */
interface Palette {
  ms: string;
  mc: string;
  fn: string;
  ln: string;
  se: string;
  ne: boolean;
}

const DEFAULTS: Palette = { ms: "01;31", mc: "01;31", fn: "35", ln: "32", se: "36", ne: false };

/**
 * The palette from GREP_COLORS (and the deprecated GREP_COLOR, which GNU 3.8 still honours for
 * matches with a warning). Whole-line colours (sl, cx) and rv are not modelled and are ignored.
 */
export function grepPalette(env: { GREP_COLORS?: string; GREP_COLOR?: string }): { palette: Palette; warning?: string } {
  const palette = { ...DEFAULTS };
  const old = env.GREP_COLOR;
  const fromOld = old !== undefined && /^[0-9;]+$/.test(old);
  if (fromOld) palette.ms = palette.mc = old;
  let overridden = false;
  for (const entry of (env.GREP_COLORS ?? "").split(":")) {
    const eq = entry.indexOf("=");
    const key = eq < 0 ? entry : entry.slice(0, eq);
    const value = entry.slice(eq + 1);
    // GNU stops at the first malformed capability, keeping what it read before.
    if (eq >= 0 && !/^[0-9;]*$/.test(value)) break;
    if (key === "ne" && eq < 0) palette.ne = true;
    else if (eq >= 0 && (key === "ms" || key === "mc" || key === "mt")) {
      if (key !== "mc") palette.ms = value;
      if (key !== "ms") palette.mc = value;
      overridden = true;
    } else if (eq >= 0 && (key === "fn" || key === "ln" || key === "se")) palette[key] = value;
  }
  const warning = fromOld && !overridden ? `grep: warning: GREP_COLOR='${old}' is deprecated; use GREP_COLORS='mt=${old}'\n` : undefined;
  return { palette, ...(warning ? { warning } : {}) };
}

/** `text` in the colour `sgr` as GNU writes it; an empty capability leaves it plain. */
function painter(p: Palette): (sgr: string, text: string) => string {
  const k = p.ne ? "" : "\x1b[K";
  return (sgr, text) => (sgr === "" ? text : `\x1b[${sgr}m${k}${text}\x1b[m${k}`);
}

/**
 * grep's --color/--colour, or a prefix getopt takes for them (--col, --colo, --colou: one option):
 * a bare one is auto; a value of -e/-f/-m/… is never taken for one.
 */
export const GREP_COLOUR_OPTION: ColourOptionRules = { spelling: /^--col(?:o(?:r|ur?)?)?(?:=(.*))?$/, bare: "auto", takesValue: (a) => /^-[^-]*[efmABCdD]$/.test(a) };

/** What of grep's options decides the shape of its output lines and what its matches are. */
interface Shape {
  patterns: string[];
  mode: "basic" | "extended" | "fixed" | "perl";
  ignoreCase: boolean;
  invert: boolean;
  word: boolean;
  line: boolean;
  only: boolean;
  names: "list" | "count" | undefined;
  withFileName: boolean | undefined;
  recursive: boolean;
  lineNumbers: boolean;
  byteOffset: boolean;
  context: boolean;
  fromFile: boolean;
  files: string[];
}

const VALUED_SHORT = "efmABCdD";
const VALUED_LONG = new Set(["--regexp", "--file", "--max-count", "--after-context", "--before-context", "--context", "--directories", "--devices", "--include", "--exclude", "--exclude-from", "--exclude-dir", "--label", "--binary-files", "--group-separator"]);

function shapeOf(args: string[]): Shape {
  const s: Shape = { patterns: [], mode: "basic", ignoreCase: false, invert: false, word: false, line: false, only: false, names: undefined, withFileName: undefined, recursive: false, lineNumbers: false, byteOffset: false, context: false, fromFile: false, files: [] };
  const operands: string[] = [];
  const option = (name: string, value?: string): void => {
    switch (name) {
      case "e": case "--regexp": s.patterns.push(...(value ?? "").split("\n")); break;
      case "f": case "--file": s.fromFile = true; break;
      case "E": case "--extended-regexp": s.mode = "extended"; break;
      case "F": case "--fixed-strings": s.mode = "fixed"; break;
      case "G": case "--basic-regexp": s.mode = "basic"; break;
      case "P": case "--perl-regexp": s.mode = "perl"; break;
      case "i": case "y": case "--ignore-case": s.ignoreCase = true; break;
      case "--no-ignore-case": s.ignoreCase = false; break;
      case "v": case "--invert-match": s.invert = true; break;
      case "w": case "--word-regexp": s.word = true; break;
      case "x": case "--line-regexp": s.line = true; break;
      case "o": case "--only-matching": s.only = true; break;
      case "l": case "L": case "--files-with-matches": case "--files-without-match": s.names = "list"; break;
      case "c": case "--count": s.names = s.names ?? "count"; break;
      case "H": case "--with-filename": s.withFileName = true; break;
      case "h": case "--no-filename": s.withFileName = false; break;
      case "r": case "R": case "--recursive": case "--dereference-recursive": s.recursive = true; break;
      case "n": case "--line-number": s.lineNumbers = true; break;
      case "b": case "--byte-offset": s.byteOffset = true; break;
      case "A": case "B": case "C": case "--after-context": case "--before-context": case "--context": s.context = true; break;
      case "d": case "--directories": s.recursive = s.recursive || value === "recurse"; break;
    }
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = eq < 0 ? a : a.slice(0, eq);
      option(name, eq >= 0 ? a.slice(eq + 1) : VALUED_LONG.has(name) ? args[++i] : undefined);
    } else if (a.startsWith("-") && a.length > 1) {
      if (/^-\d+$/.test(a)) {
        option("C", a.slice(1));
        continue;
      }
      for (let j = 1; j < a.length; j++) {
        if (VALUED_SHORT.includes(a[j])) {
          option(a[j], j + 1 < a.length ? a.slice(j + 1) : args[++i]);
          break;
        }
        option(a[j]);
      }
    } else {
      operands.push(a);
    }
  }
  if (s.patterns.length === 0 && !s.fromFile && operands.length > 0) s.patterns.push(...operands.shift()!.split("\n"));
  s.files = operands.map((f) => (f === "-" ? "(standard input)" : f));
  return s;
}

/** The regex finding what GNU highlights, or undefined where the pattern has no JavaScript equivalent. */
function matcher(s: Shape): RegExp | undefined {
  if (s.fromFile || s.mode === "perl" || s.patterns.length === 0) return undefined;
  const sources: string[] = [];
  for (const p of s.patterns) {
    // GNU's BRE extensions (`a\|b`, `x\+`), which grep-fast leaves to just-bash, as the same ERE.
    const t = translate(p, s.mode) ?? (s.mode === "basic" ? translate(basicAsExtended(p), "extended") : undefined);
    if (!t) return undefined;
    sources.push(`(?:${t.source})`);
  }
  let source = sources.join("|");
  if (s.line) source = `^(?:${source})$`;
  else if (s.word) source = `(?<![A-Za-z0-9_])(?:${source})(?![A-Za-z0-9_])`;
  try {
    return new RegExp(source, s.ignoreCase ? "gi" : "g");
  } catch {
    return undefined;
  }
}

/**
 * A basic regular expression as the extended one it means: GNU's `\|` `\+` `\?` `\(` `\)` `\{` `\}`
 * lose their backslash, the characters they stand for unescaped are literal; brackets are kept whole.
 */
export function basicAsExtended(pattern: string): string {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "[") {
      // To the closing bracket: a `]` first (after an optional `^`) is a member, `[:…:]` a class.
      let j = i + 1;
      if (pattern[j] === "^") j++;
      if (pattern[j] === "]") j++;
      while (j < pattern.length && pattern[j] !== "]") {
        if (pattern[j] === "[" && ":.=".includes(pattern[j + 1])) {
          const close = pattern.indexOf(`${pattern[j + 1]}]`, j + 2);
          j = close < 0 ? pattern.length : close + 2;
        } else j++;
      }
      out += pattern.slice(i, j + 1);
      i = j;
    } else if (c === "\\" && i + 1 < pattern.length) {
      const next = pattern[++i];
      out += "|+?(){}".includes(next) ? next : `\\${next}`;
    } else if (c === "^" || c === "$") {
      // Anchors only where a BRE reads them so: at the pattern's or a group's or branch's edge.
      const edge = c === "^" ? i === 0 || /\\[(|]$/.test(pattern.slice(0, i)) : i === pattern.length - 1 || /^\\[)|]/.test(pattern.slice(i + 1));
      out += edge ? c : `\\${c}`;
    } else {
      out += "|+?(){}".includes(c) ? `\\${c}` : c;
    }
  }
  return out;
}

function paintMatches(text: string, regex: RegExp | undefined, paint: (text: string) => string): string {
  if (!regex) return text;
  let out = "";
  let at = 0;
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m; m = regex.exec(text)) {
    // GNU highlights non-empty matches only.
    if (m[0] === "") {
      regex.lastIndex++;
      continue;
    }
    out += text.slice(at, m.index) + paint(m[0]);
    at = m.index + m[0].length;
  }
  return out + text.slice(at);
}

/**
 * The arguments with a `--color=auto` (or bare `--color`) decided: `always` when grep's stdout is
 * the terminal, as GNU's isatty test decides; other arguments unchanged.
 */
export function decideAutoColour(args: string[], toTerminal: boolean): string[] {
  const taken = takeColourOption(args, GREP_COLOUR_OPTION);
  if (taken?.when !== "auto") return args;
  return [toTerminal ? "--color=always" : "--color=never", ...taken.args];
}

/**
 * grep's uncoloured stdout for `args` (without colour options) as GNU writes it with
 * `--color=always`.
 */
export function colourGrepOutput(stdout: string, args: string[], palette: Palette = DEFAULTS): string {
  const s = shapeOf(args);
  const paint = painter(palette);
  // With -v the matches are in context lines (mc), otherwise in selected ones (ms).
  const match = s.invert ? palette.mc : palette.ms;
  const regex = s.names ? undefined : matcher(s);
  const showNames = s.withFileName ?? (s.recursive || s.files.length > 1);
  // Longest first, so `a:b` is found before `a` when both are operands.
  const known = [...s.files].sort((a, b) => b.length - a.length);
  const lines = stdout.split("\n");
  const last = lines.pop();
  const out = lines.map((line) => {
    if (s.names === "list") return paint(palette.fn, line);
    if (s.context && line === "--") return paint(palette.se, line);
    let prefix = "";
    let rest = line;
    if (showNames) {
      const name = known.find((f) => rest.startsWith(f) && (rest[f.length] === ":" || (s.context && rest[f.length] === "-"))) ?? (s.recursive ? /^[^:]*/.exec(rest)![0] : undefined);
      if (name === undefined || rest.length === name.length) return line;
      prefix += paint(palette.fn, name) + paint(palette.se, rest[name.length]);
      rest = rest.slice(name.length + 1);
    }
    if (s.names === "count") return prefix + rest;
    for (const wanted of [s.lineNumbers, s.byteOffset]) {
      if (!wanted) continue;
      const m = /^(\d+)([:-])/.exec(rest);
      if (!m) return line;
      prefix += paint(palette.ln, m[1]) + paint(palette.se, m[2]);
      rest = rest.slice(m[0].length);
    }
    if (s.only) return prefix + (rest === "" ? rest : paint(match, rest));
    // GNU highlights the matching lines: selected ones, or with -v the context lines. The others
    // hold no match, so every line can be searched without telling the two apart.
    return prefix + paintMatches(rest, regex, (m) => paint(match, m));
  });
  return [...out, last].join("\n");
}
