import { diffArrays } from "diff";

/**
 * GNU diff's output formats over two texts: the normal format (`2c2`, `10a11`, `< `/`> ` lines) that
 * `diff a b` prints, and the unified format of `diff -u`. The edit script comes from jsdiff (Myers'
 * algorithm, as GNU diff uses); the formats are written here because jsdiff's own patch text is
 * neither (it always prints hunk counts and has no normal format).
 */

export interface DiffLineOptions {
  ignoreCase?: boolean;
  /** -w */
  ignoreAllSpace?: boolean;
  /** -b */
  ignoreSpaceChange?: boolean;
}

interface Text {
  lines: string[];
  /** The last line has no newline after it. */
  noNewline: boolean;
}

const NO_NEWLINE = "\\ No newline at end of file";

function split(text: string): Text {
  if (text === "") return { lines: [], noNewline: false };
  const noNewline = !text.endsWith("\n");
  const lines = (noNewline ? text : text.slice(0, -1)).split("\n");
  return { lines, noNewline };
}

function comparable(options: DiffLineOptions): (line: string) => string {
  return (line) => {
    let l = line;
    if (options.ignoreAllSpace) l = l.replace(/[ \t\r\f\v]+/g, "");
    else if (options.ignoreSpaceChange) l = l.replace(/[ \t\r\f\v]+/g, " ").replace(/ $/, "");
    return options.ignoreCase ? l.toLowerCase() : l;
  };
}

/** One run of changes: lines [a, a+removed) of the first text became [b, b+added) of the second. */
interface Change {
  a: number;
  removed: number;
  b: number;
  added: number;
}

function changes(left: Text, right: Text, options: DiffLineOptions): Change[] {
  const key = comparable(options);
  // A last line without its newline differs from the same line with one, as GNU diff sees it.
  const mark = (t: Text) => t.lines.map((l, i) => (t.noNewline && i === t.lines.length - 1 ? `${key(l)}\u0000` : key(l)));
  const parts = diffArrays(mark(left), mark(right));
  const out: Change[] = [];
  let a = 0;
  let b = 0;
  let current: Change | undefined;
  for (const part of parts) {
    const n = part.count ?? part.value.length;
    if (!part.added && !part.removed) {
      if (current) out.push(current);
      current = undefined;
      a += n;
      b += n;
      continue;
    }
    current ??= { a, removed: 0, b, added: 0 };
    if (part.removed) {
      current.removed += n;
      a += n;
    } else {
      current.added += n;
      b += n;
    }
  }
  if (current) out.push(current);
  return out;
}

export function differs(left: string, right: string, options: DiffLineOptions): boolean {
  return changes(split(left), split(right), options).length > 0;
}

function range(start: number, count: number): string {
  return count <= 1 ? `${start + (count === 0 ? 0 : 1)}` : `${start + 1},${start + count}`;
}

function lines(t: Text, from: number, count: number, prefix: string): string {
  let out = "";
  for (let i = from; i < from + count; i++) {
    out += `${prefix}${t.lines[i]}\n`;
    if (t.noNewline && i === t.lines.length - 1) out += `${NO_NEWLINE}\n`;
  }
  return out;
}

/** `diff a b`. */
export function normalDiff(leftText: string, rightText: string, options: DiffLineOptions): string {
  const left = split(leftText);
  const right = split(rightText);
  let out = "";
  for (const c of changes(left, right, options)) {
    if (c.removed && c.added) out += `${range(c.a, c.removed)}c${range(c.b, c.added)}\n${lines(left, c.a, c.removed, "< ")}---\n${lines(right, c.b, c.added, "> ")}`;
    else if (c.removed) out += `${range(c.a, c.removed)}d${c.b}\n${lines(left, c.a, c.removed, "< ")}`;
    else out += `${c.a}a${range(c.b, c.added)}\n${lines(right, c.b, c.added, "> ")}`;
  }
  return out;
}

/** A hunk's range in GNU's unified header: `start` alone for one line, `start,0` (the line before) for none. */
function unifiedRange(start: number, count: number): string {
  if (count === 1) return `${start + 1}`;
  return count === 0 ? `${start},0` : `${start + 1},${count}`;
}

/** The hunks of `diff -u` / `-U context` (without the --- and +++ header lines). */
export function unifiedHunks(leftText: string, rightText: string, context: number, options: DiffLineOptions): string {
  const left = split(leftText);
  const right = split(rightText);
  const all = changes(left, right, options);
  let out = "";
  let i = 0;
  while (i < all.length) {
    // Changes closer than twice the context share a hunk.
    let j = i;
    while (j + 1 < all.length && all[j + 1].a - (all[j].a + all[j].removed) <= 2 * context) j++;
    const first = all[i];
    const last = all[j];
    const aStart = Math.max(0, first.a - context);
    const bStart = first.b - (first.a - aStart);
    const aEnd = Math.min(left.lines.length, last.a + last.removed + context);
    const bEnd = last.b + last.added + (aEnd - (last.a + last.removed));
    out += `@@ -${unifiedRange(aStart, aEnd - aStart)} +${unifiedRange(bStart, bEnd - bStart)} @@\n`;
    let a = aStart;
    for (let k = i; k <= j; k++) {
      const c = all[k];
      out += lines(left, a, c.a - a, " ");
      out += lines(left, c.a, c.removed, "-");
      out += lines(right, c.b, c.added, "+");
      a = c.a + c.removed;
    }
    out += lines(left, a, aEnd - a, " ");
    i = j + 1;
  }
  return out;
}
