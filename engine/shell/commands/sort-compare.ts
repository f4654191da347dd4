/**
 * GNU sort's comparisons (coreutils 9.1 sort.c, gnulib filevercmp.c), for the lab's locale
 * C.UTF-8, where collation is code point order: `A` < `B` < `a` < `b`, so `kubectl get pods | sort`
 * keeps the NAME header above the lower-case pod names.
 */

export interface KeySpec {
  /** Fields to skip before the key starts, and characters after that (0-based). */
  startField: number;
  startChar: number;
  /** Fields to skip before the key ends (Infinity: to the end of the line); endChar 0: end of that field. */
  endField: number;
  endChar: number;
  skipStartBlanks: boolean;
  skipEndBlanks: boolean;
  dictionary: boolean;
  nonprinting: boolean;
  fold: boolean;
  numeric: boolean;
  general: boolean;
  human: boolean;
  month: boolean;
  version: boolean;
  random: boolean;
  reverse: boolean;
}

export function emptyKey(): KeySpec {
  return {
    startField: 0,
    startChar: 0,
    endField: Infinity,
    endChar: 0,
    skipStartBlanks: false,
    skipEndBlanks: false,
    dictionary: false,
    nonprinting: false,
    fold: false,
    numeric: false,
    general: false,
    human: false,
    month: false,
    version: false,
    random: false,
    reverse: false,
  };
}

const isBlank = (c: string | undefined) => c === " " || c === "\t";

/** The key's text: sort.c's begfield and limfield. `tab` undefined: fields start at a blank run. */
export function keyText(line: string, key: KeySpec, tab: string | undefined): string {
  const lim = line.length;
  let start = 0;
  for (let n = key.startField; start < lim && n > 0; n--) {
    if (tab !== undefined) {
      while (start < lim && line[start] !== tab) start++;
      if (start < lim) start++;
    } else {
      while (start < lim && isBlank(line[start])) start++;
      while (start < lim && !isBlank(line[start])) start++;
    }
  }
  if (key.skipStartBlanks) while (start < lim && isBlank(line[start])) start++;
  start = Math.min(lim, start + key.startChar);

  let end = lim;
  if (key.endField !== Infinity) {
    end = 0;
    let n = key.endChar === 0 ? key.endField + 1 : key.endField;
    while (end < lim && n-- > 0) {
      if (tab !== undefined) {
        while (end < lim && line[end] !== tab) end++;
        if (end < lim && (n > 0 || key.endChar !== 0)) end++;
      } else {
        while (end < lim && isBlank(line[end])) end++;
        while (end < lim && !isBlank(line[end])) end++;
      }
    }
    if (key.endChar !== 0) {
      if (key.skipEndBlanks) while (end < lim && isBlank(line[end])) end++;
      end = Math.min(lim, end + key.endChar);
    }
  }
  return end > start ? line.slice(start, end) : "";
}

/** Code point order (what C.UTF-8's strcoll gives). UTF-16 order differs only above U+FFFF. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      if ((x >= 0xd800 && x < 0xe000) || (y >= 0xd800 && y < 0xe000)) return (a.codePointAt(i) ?? 0) - (b.codePointAt(i) ?? 0);
      return x - y;
    }
  }
  return a.length - b.length;
}

/** -d keeps blanks and alphanumerics, -i printable characters, -f folds to upper case. */
function filtered(text: string, key: KeySpec): string {
  let out = text;
  if (key.dictionary) out = out.replace(/[^ \t\p{L}\p{N}]/gu, "");
  else if (key.nonprinting) out = out.replace(/[\x00-\x1f\x7f]/g, "");
  return key.fold ? out.replace(/[a-z]/g, (c) => c.toUpperCase()) : out;
}

const NUMBER = /^[ \t]*(-?)(\d*)(?:\.(\d*))?/;

/** -n: leading blanks, an optional minus, digits and a fraction; anything else counts as 0. */
export function numericValue(text: string): number {
  const m = NUMBER.exec(text)!;
  if (!m[2] && !m[3]) return 0;
  const value = Number(`${m[2] || "0"}.${m[3] || "0"}`);
  return m[1] ? -value : value;
}

const UNIT_ORDER: Record<string, number> = { k: 1, K: 1, M: 2, G: 3, T: 4, P: 5, E: 6, Z: 7, Y: 8, R: 9, Q: 10 };

/** -h: a unit suffix outranks the number (1G > 900M), as sort.c's find_unit_order. */
function humanCompare(a: string, b: string): number {
  const order = (text: string) => {
    const m = NUMBER.exec(text)!;
    const unit = UNIT_ORDER[text[m[0].length]] ?? 0;
    return m[1] ? -unit : unit;
  };
  return order(a) - order(b) || numericValue(a) - numericValue(b);
}

const STRTOLD = /^[ \t\n\v\f\r]*([+-]?(?:inf(?:inity)?|nan|0x(?:[0-9a-f]+\.?[0-9a-f]*|\.[0-9a-f]+)(?:p[+-]?\d+)?|(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?))/i;

/** -g: strtold's numbers; text that is no number sorts first, then NaN, then the numbers. */
function generalCompare(a: string, b: string): number {
  const ma = STRTOLD.exec(a);
  const mb = STRTOLD.exec(b);
  if (!ma) return mb ? -1 : 0;
  if (!mb) return 1;
  const x = Number(ma[1].replace(/^([+-]?)inf(inity)?$/i, "$1Infinity").replace(/^[+-]?nan$/i, "NaN"));
  const y = Number(mb[1].replace(/^([+-]?)inf(inity)?$/i, "$1Infinity").replace(/^[+-]?nan$/i, "NaN"));
  if (x < y) return -1;
  if (x > y) return 1;
  if (x === y) return 0;
  return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : -1) : 1;
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

function monthOf(text: string): number {
  const name = text.replace(/^[ \t]+/, "").slice(0, 3).toUpperCase();
  return MONTHS.indexOf(name) + 1;
}

/** filevercmp's character order: digits apart, letters first, `~` before everything, others last. */
function order(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 48 && c <= 57) return 0;
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return c;
  if (c === 126) return -1;
  return c + 256;
}

const isDigit = (s: string, i: number) => i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57;

function verrevcmp(a: string, aLen: number, b: string, bLen: number): number {
  let i = 0;
  let j = 0;
  while (i < aLen || j < bLen) {
    let firstDiff = 0;
    while ((i < aLen && !isDigit(a, i)) || (j < bLen && !isDigit(b, j))) {
      const x = i === aLen ? 0 : order(a, i);
      const y = j === bLen ? 0 : order(b, j);
      if (x !== y) return x - y;
      i++;
      j++;
    }
    while (i < aLen && a[i] === "0") i++;
    while (j < bLen && b[j] === "0") j++;
    while (i < aLen && j < bLen && isDigit(a, i) && isDigit(b, j)) {
      if (!firstDiff) firstDiff = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (i < aLen && isDigit(a, i)) return 1;
    if (j < bLen && isDigit(b, j)) return -1;
    if (firstDiff) return firstDiff;
  }
  return 0;
}

/** The length of a name without its suffixes (`.tar.gz`, `.txt~`), as gnulib's file_prefixlen. */
function prefixLength(s: string): number {
  let prefix = 0;
  for (let i = 0; ; ) {
    if (i === s.length) return prefix;
    i++;
    prefix = i;
    while (i + 1 < s.length && s[i] === "." && /[A-Za-z~]/.test(s[i + 1])) for (i += 2; i < s.length && /[A-Za-z0-9~]/.test(s[i]); i++);
  }
}

/** -V: gnulib's filevercmp (`.` first, then `..`, then hidden names; suffixes compared last). */
export function versionCompare(a: string, b: string): number {
  if (!a) return b ? -1 : 0;
  if (!b) return 1;
  if (a[0] === ".") {
    if (b[0] !== ".") return -1;
    if (a.length === 1) return b.length === 1 ? 0 : -1;
    if (b.length === 1) return 1;
    if (a === "..") return b === ".." ? 0 : -1;
    if (b === "..") return 1;
  } else if (b[0] === ".") return 1;
  const ap = prefixLength(a);
  const bp = prefixLength(b);
  const result = verrevcmp(a, ap, b, bp);
  return result || (ap === a.length && bp === b.length) ? result : verrevcmp(a, a.length, b, b.length);
}

/** -R: equal keys stay together, the order of different ones depends on a salt chosen per run. */
function randomHash(text: string, salt: number): number {
  let h = salt >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** Compares two keys' text as the key's options say (keycompare without the reversal). */
export function compareKeyText(a: string, b: string, key: KeySpec, salt: number): number {
  if (key.random) {
    const x = randomHash(filtered(a, key), salt);
    const y = randomHash(filtered(b, key), salt);
    if (x !== y) return x < y ? -1 : 1;
  }
  if (key.numeric) return Math.sign(numericValue(a) - numericValue(b));
  if (key.human) return Math.sign(humanCompare(a, b));
  if (key.general) return generalCompare(a, b);
  if (key.month) return monthOf(a) - monthOf(b);
  if (key.version) return Math.sign(versionCompare(a, b));
  if (key.dictionary || key.nonprinting || key.fold) return compareText(filtered(a, key), filtered(b, key));
  return compareText(a, b);
}
