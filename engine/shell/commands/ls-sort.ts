/**
 * GNU ls 9.1's orders: by name in the C.UTF-8 locale's byte order, by time or size (largest and
 * newest first, ties by name), by extension, by version (gnulib filevercmp) or by name width; -r
 * reverses the whole order, --group-directories-first puts directories before the rest, and -U
 * keeps the order the names came in.
 */
import type { FsStat } from "just-bash";
import type { LsSort } from "./ls-options";

interface Sortable {
  name: string;
  st?: FsStat;
  targetSt?: FsStat | null;
}

export interface SortOptions {
  sort: LsSort;
  reverse: boolean;
  /** Directories, and symlinks to them, before the rest. */
  groupDirectoriesFirst: boolean;
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function extension(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot);
}

function keyed(o: SortOptions, a: Sortable, b: Sortable): number {
  switch (o.sort) {
    case "time":
      return (b.st?.mtime.getTime() ?? 0) - (a.st?.mtime.getTime() ?? 0) || byName(a.name, b.name);
    case "size":
      return (b.st?.size ?? 0) - (a.st?.size ?? 0) || byName(a.name, b.name);
    case "extension":
      return byName(extension(a.name), extension(b.name)) || byName(a.name, b.name);
    case "version":
      return fileVersionCompare(a.name, b.name) || byName(a.name, b.name);
    case "width":
      return [...a.name].length - [...b.name].length || byName(a.name, b.name);
    default:
      return byName(a.name, b.name);
  }
}

function isDirectory(f: Sortable): boolean {
  return f.st?.isDirectory === true || f.targetSt?.isDirectory === true;
}

export function compareFiles(a: Sortable, b: Sortable, o: SortOptions): number {
  if (o.sort === "none") return 0;
  if (o.groupDirectoriesFirst) {
    const d = Number(isDirectory(b)) - Number(isDirectory(a));
    if (d !== 0) return d;
  }
  const c = keyed(o, a, b);
  return o.reverse ? -c : c;
}

// ---------- gnulib filevercmp ----------

/** The length of `s` without its suffix: the longest run of `.` + letter-or-tilde + alphanumerics-or-tildes at the end. */
function prefixLength(s: string): number {
  const m = /(?:\.[A-Za-z~][A-Za-z0-9~]*)*$/.exec(s);
  return m ? m.index : s.length;
}

function order(s: string, i: number, end: number): number {
  if (i >= end) return 0;
  const c = s[i];
  if (c >= "0" && c <= "9") return 0;
  if (/[A-Za-z]/.test(c)) return c.charCodeAt(0);
  if (c === "~") return -1;
  return c.charCodeAt(0) + 256;
}

/** Debian's version comparison over s[0..aEnd) and t[0..bEnd). */
function verrevcmp(s: string, aEnd: number, t: string, bEnd: number): number {
  let i = 0;
  let j = 0;
  const digit = (x: string | undefined) => x !== undefined && x >= "0" && x <= "9";
  while (i < aEnd || j < bEnd) {
    let firstDiff = 0;
    while ((i < aEnd && !digit(s[i])) || (j < bEnd && !digit(t[j]))) {
      const ac = order(s, i, aEnd);
      const bc = order(t, j, bEnd);
      if (ac !== bc) return ac - bc;
      i++;
      j++;
    }
    while (s[i] === "0" && i < aEnd) i++;
    while (t[j] === "0" && j < bEnd) j++;
    while (i < aEnd && j < bEnd && digit(s[i]) && digit(t[j])) {
      if (!firstDiff) firstDiff = s.charCodeAt(i) - t.charCodeAt(j);
      i++;
      j++;
    }
    if (i < aEnd && digit(s[i])) return 1;
    if (j < bEnd && digit(t[j])) return -1;
    if (firstDiff) return firstDiff;
  }
  return 0;
}

/** gnulib filevercmp: `.` and `..` first, then hidden names, then versions compared without their suffixes. */
export function fileVersionCompare(a: string, b: string): number {
  if (a === b) return 0;
  if (a === "") return -1;
  if (b === "") return 1;
  if (a === ".") return -1;
  if (b === ".") return 1;
  if (a === "..") return -1;
  if (b === "..") return 1;
  const aHidden = a[0] === ".";
  const bHidden = b[0] === ".";
  if (aHidden && !bHidden) return -1;
  if (!aHidden && bHidden) return 1;
  const skip = aHidden ? 1 : 0;
  const as = a.slice(skip);
  const bs = b.slice(skip);
  const ap = prefixLength(as);
  const bp = prefixLength(bs);
  const result = ap === bp && as.slice(0, ap) === bs.slice(0, bp) ? 0 : verrevcmp(as, ap, bs, bp);
  return result || verrevcmp(as, as.length, bs, bs.length);
}
