/**
 * The parts of GNU ls 9.1's long format (-l) and of its sizes: the time column in each
 * --time-style (the default switches from "Nov 28 09:06" to "Nov 28  2025" for a time more than
 * six months old or in the future), and sizes and block counts as -h and --si print them.
 */
import { formatDate, GNU_FILE_TIME } from "./date";

/** A Gregorian year's average seconds, halved (ls.c), in milliseconds. */
const SIX_MONTHS_MS = (31_556_952 / 2) * 1000;

export interface TimeFormats {
  recent: string;
  old: string;
}

const STYLES: Record<string, TimeFormats> = {
  "full-iso": { recent: GNU_FILE_TIME, old: GNU_FILE_TIME },
  "long-iso": { recent: "%Y-%m-%d %H:%M", old: "%Y-%m-%d %H:%M" },
  iso: { recent: "%m-%d %H:%M", old: "%Y-%m-%d " },
  locale: { recent: "%b %e %H:%M", old: "%b %e  %Y" },
};

/**
 * The formats a --time-style (or TIME_STYLE) names; a string naming none of them is GNU's error.
 * `posix-` styles are the style itself: the lab's C.UTF-8 is not the POSIX locale.
 */
export function timeFormats(style: string | undefined): TimeFormats | { error: string } {
  if (style === undefined) return STYLES.locale;
  if (style.startsWith("+")) {
    const newline = style.indexOf("\n");
    if (newline < 0) return { recent: style.slice(1), old: style.slice(1) };
    return { old: style.slice(1, newline), recent: style.slice(newline + 1) };
  }
  const named = STYLES[style.replace(/^posix-/, "")];
  if (named) return named;
  return {
    error:
      `ls: invalid argument \u2018${style}\u2019 for \u2018time style\u2019\nValid arguments are:\n` +
      "  - [posix-]full-iso\n  - [posix-]long-iso\n  - [posix-]iso\n  - [posix-]locale\n" +
      "  - +FORMAT (e.g., +%H:%M) for a 'date'-style format\nTry 'ls --help' for more information.\n",
  };
}

/** The time column: recent when within the last six months and not in the future. */
export function formatTime(mtime: number, now: number, formats: TimeFormats): string {
  const recent = now - SIX_MONTHS_MS < mtime && mtime <= now;
  return formatDate(new Date(mtime), recent ? formats.recent : formats.old);
}

/** gnulib human_readable with human_autoscale | human_ceiling: `4.0K`, `12K`, `1.5M`; bytes below one unit as they are. */
export function humanSize(bytes: number, base: 1024 | 1000): string {
  if (bytes < base) return String(bytes);
  const units = base === 1024 ? "KMGTPEZY" : "kMGTPEZY";
  let exponent = 0;
  let value = bytes;
  while (value >= base && exponent < units.length) {
    value /= base;
    exponent++;
  }
  if (value < 10) {
    const tenths = Math.ceil(value * 10 - 1e-9);
    if (tenths < 100) return `${Math.floor(tenths / 10)}.${tenths % 10}${units[exponent - 1]}`;
    return `10${units[exponent - 1]}`;
  }
  const whole = Math.ceil(value - 1e-9);
  if (whole >= base && exponent < units.length) return `1.0${units[exponent]}`;
  return `${whole}${units[exponent - 1]}`;
}

/** A size or block count as -s/-h/--si show it; `blocks512` counts 512-byte blocks. */
export function blockCount(blocks512: number, human: "1024" | "1000" | undefined): string {
  if (human) return humanSize(blocks512 * 512, human === "1024" ? 1024 : 1000);
  return String(Math.ceil(blocks512 / 2));
}

/** The type letter and permission bits of `ls -l` (setuid/setgid/sticky as s/S and t/T). */
export function modeColumn(mode: number, kind: "directory" | "symlink" | "file"): string {
  const format = mode & 0o170000;
  const type =
    kind === "directory" ? "d" : kind === "symlink" ? "l" : format === 0o010000 ? "p" : format === 0o140000 ? "s" : format === 0o060000 ? "b" : format === 0o020000 ? "c" : "-";
  const bit = (mask: number, c: string) => (mode & mask ? c : "-");
  const special = (mask: number, exec: number, set: string, unset: string, plain: string) => (mode & mask ? (mode & exec ? set : unset) : mode & exec ? plain : "-");
  return (
    type +
    bit(0o400, "r") + bit(0o200, "w") + special(0o4000, 0o100, "s", "S", "x") +
    bit(0o040, "r") + bit(0o020, "w") + special(0o2000, 0o010, "s", "S", "x") +
    bit(0o004, "r") + bit(0o002, "w") + special(0o1000, 0o001, "t", "T", "x")
  );
}
