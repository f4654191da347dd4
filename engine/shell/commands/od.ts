import { latin1FromBytes, type Command } from "just-bash";
import type { ShellFrame } from "../frame";
import { getoptLong, tryHelp, type GetoptTable } from "./getopt-long";
import { shellCommand } from "./index";

/**
 * GNU od (coreutils 9). just-bash's od printed octal for `-t x1`, `-x` and `-An -tx1`, a column too
 * wide for `-c`, and no `*` for repeated lines. This follows od.c: every format's fields share one
 * line width (the widest format's fields + 1 space each), the rest of it spread over the fields as
 * padding; the last partial line is padded with zero bytes to a whole value; a line equal to the
 * one before prints as `*` (unless -v); the final line is the end offset. Checked against the real
 * od in test/od.test.ts.
 */

type Kind = "d" | "o" | "u" | "x" | "f" | "a" | "c";

interface Format {
  kind: Kind;
  /** Bytes per value. */
  size: number;
  /** Characters per value, before padding. */
  width: number;
  /** `z`: the line's printable characters after it, between > and <. */
  chars: boolean;
}

const OCT_DIGITS: Record<number, number> = { 1: 3, 2: 6, 4: 11, 8: 22 };
const HEX_DIGITS: Record<number, number> = { 1: 2, 2: 4, 4: 8, 8: 16 };
const SIGNED_DIGITS: Record<number, number> = { 1: 4, 2: 6, 4: 11, 8: 20 };
const UNSIGNED_DIGITS: Record<number, number> = { 1: 3, 2: 5, 4: 10, 8: 20 };
const FLOAT_WIDTH: Record<number, number> = { 4: 15, 8: 24 };
const INT_SIZES: Record<string, number> = { C: 1, S: 2, I: 4, L: 8 };
const FLOAT_SIZES: Record<string, number> = { F: 4, D: 8 };

/** The traditional options: each adds a format. */
const TRADITIONAL: Record<string, string> = { a: "a", b: "o1", c: "c", D: "u4", d: "u2", F: "fD", e: "fD", f: "fF", X: "x4", H: "x4", i: "dI", I: "dL", L: "dL", l: "dL", O: "o4", B: "o2", o: "o2", s: "d2", h: "x2", x: "x2" };

const NAMES = ["nul", "soh", "stx", "etx", "eot", "enq", "ack", "bel", "bs", "ht", "nl", "vt", "ff", "cr", "so", "si", "dle", "dc1", "dc2", "dc3", "dc4", "nak", "syn", "etb", "can", "em", "sub", "esc", "fs", "gs", "rs", "us", "sp"];
const ESCAPES: Record<number, string> = { 0: "\\0", 7: "\\a", 8: "\\b", 12: "\\f", 10: "\\n", 13: "\\r", 9: "\\t", 11: "\\v" };

class OdError extends Error {}

const quote = (s: string) => `‘${s}’`;

/** Parses one -t argument (several formats may follow each other: `x1z`, `d4c`). */
function parseFormats(spec: string): Format[] {
  const formats: Format[] = [];
  let i = 0;
  while (i < spec.length) {
    const kind = spec[i++] as Kind;
    let size: number;
    if (kind === "a" || kind === "c") size = 1;
    else if (kind === "d" || kind === "o" || kind === "u" || kind === "x") {
      const named = INT_SIZES[spec[i]];
      const digits = /^\d+/.exec(spec.slice(i))?.[0];
      if (named) {
        size = named;
        i++;
      } else if (digits) {
        size = Number(digits);
        i += digits.length;
        if (!OCT_DIGITS[size]) throw new OdError(`invalid type string ${quote(spec)};\nthis system doesn't provide a ${size}-byte integral type`);
      } else size = 4;
    } else if (kind === "f") {
      const named = spec[i] === "L" ? 16 : FLOAT_SIZES[spec[i]];
      const digits = /^\d+/.exec(spec.slice(i))?.[0];
      if (named) {
        size = named;
        i++;
      } else if (digits) {
        size = Number(digits);
        i += digits.length;
        if (size !== 4 && size !== 8 && size !== 16) throw new OdError(`invalid type string ${quote(spec)};\nthis system doesn't provide a ${size}-byte floating point type`);
      } else if (/[A-Za-z]/.test(spec[i] ?? "") && spec[i] !== "z") {
        throw new OdError(`invalid character '${spec[i]}' in type string ${quote(spec)}`);
      } else size = 8;
      if (size === 16) throw new OdError(`long double (-t fL, f16) is not available in Kubecoach yet`);
    } else throw new OdError(`invalid character '${kind}' in type string ${quote(spec)}`);
    const width = kind === "a" || kind === "c" ? 3 : kind === "o" ? OCT_DIGITS[size] : kind === "x" ? HEX_DIGITS[size] : kind === "d" ? SIGNED_DIGITS[size] : kind === "u" ? UNSIGNED_DIGITS[size] : FLOAT_WIDTH[size];
    const chars = spec[i] === "z";
    if (chars) i++;
    formats.push({ kind, size, width, chars });
  }
  return formats;
}

/** -j/-N values: decimal, 0x hex or 0 octal, with GNU's multiplier suffixes. */
function parseCount(text: string, option: string): number {
  const m = /^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)(b|[kKMGT](?:B|iB)?|KB|kB)?$/.exec(text);
  if (!m) throw new OdError(`invalid ${option} argument ${quote(text)}`);
  const base = m[1].startsWith("0x") || m[1].startsWith("0X") ? parseInt(m[1].slice(2), 16) : m[1].length > 1 && m[1].startsWith("0") ? parseInt(m[1], 8) : Number(m[1]);
  const suffix = m[2] ?? "";
  if (suffix === "b") return base * 512;
  if (!suffix) return base;
  const power = "kKMGT".indexOf(suffix[0]);
  const unit = suffix.endsWith("B") && !suffix.endsWith("iB") ? 1000 : 1024;
  return base * unit ** (power <= 1 ? 1 : power);
}

interface Options {
  formats: Format[];
  radix: "o" | "d" | "x" | "n";
  skip: number;
  limit?: number;
  width?: number;
  duplicates: boolean;
  bigEndian: boolean;
  files: string[];
}

/** od.c's getopt table, in its order; the traditional format letters take no argument. */
export const OD_OPTIONS: GetoptTable = {
  program: "od",
  options: [
    { long: "skip-bytes", short: "j", argument: "required" }, { long: "address-radix", short: "A", argument: "required" },
    { long: "read-bytes", short: "N", argument: "required" }, { long: "format", short: "t", argument: "required" },
    { long: "output-duplicates", short: "v" }, { long: "strings", argument: "optional" }, { long: "traditional" },
    { long: "width", short: "w", argument: "optional" }, { long: "endian", argument: "required" }, { long: "help" }, { long: "version" },
    { short: "S", argument: "required" }, ...Object.keys(TRADITIONAL).map((short) => ({ short })),
  ],
};

function parseArgs(args: string[]): Options | { exit: number; out?: string; err?: string } {
  const o: Options = { formats: [], radix: "o", skip: 0, duplicates: false, bigEndian: false, files: [] };
  const option = (name: string, value: string) => {
    switch (name) {
      case "A":
        if (!/^[doxn]/.test(value)) throw new OdError(`invalid output address radix '${value[0] ?? ""}'; it must be one character from [doxn]`);
        o.radix = value[0] as Options["radix"];
        break;
      case "j":
        o.skip = parseCount(value, "--skip-bytes");
        break;
      case "N":
        o.limit = parseCount(value, "--read-bytes");
        break;
      case "t":
        o.formats.push(...parseFormats(value));
        break;
      case "w":
        if (!/^\d+$/.test(value) || Number(value) <= 0) throw new OdError(`invalid --width argument ${quote(value)}`);
        o.width = Number(value);
        break;
      case "endian":
        if (value !== "big" && value !== "little") throw new OdError(`invalid argument ${quote(value)} for ‘--endian’\nValid arguments are:\n  - ‘little’\n  - ‘big’`);
        o.bigEndian = value === "big";
        break;
    }
  };
  const read = getoptLong(args, OD_OPTIONS);
  for (const { key, value, name } of read.options) {
    if (key === "help") return { exit: 0, out: "Usage: od [OPTION]... [FILE]...\n  or:  od [-abcdfilosx]... [FILE] [[+]OFFSET[.][b]]\n(od's full help is not available in Kubecoach yet)\n" };
    if (key === "version") return { exit: 0, out: "od (GNU coreutils) 8.32\n" };
    if (key === "v") o.duplicates = true;
    else if (key === "w") o.width = value === undefined ? 32 : (option("w", value), o.width);
    else if (key === "S") throw new OdError("-S (strings) is not available in Kubecoach yet");
    else if (key === "strings" || key === "traditional") throw new OdError(`${name} is not available in Kubecoach yet`);
    else if (TRADITIONAL[key]) o.formats.push(...parseFormats(TRADITIONAL[key]));
    else option(key, value!);
  }
  if (read.error) return { exit: 1, err: `${read.error}\n${tryHelp("od")}` };
  o.files = read.operands;
  if (o.formats.length === 0) o.formats = parseFormats("o2");
  return o;
}

function lcm(a: number, b: number): number {
  const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y));
  return (a * b) / gcd(a, b);
}

/** C's %.<p>g. */
function formatG(x: number, p: number): string {
  const exp = Number(x.toExponential(p - 1).split("e")[1]);
  if (exp < -4 || exp >= p) {
    const [mantissa, e] = x.toExponential(p - 1).split("e");
    const m = mantissa.includes(".") ? mantissa.replace(/0+$/, "").replace(/\.$/, "") : mantissa;
    const n = Number(e);
    return `${m}e${n < 0 ? "-" : "+"}${String(Math.abs(n)).padStart(2, "0")}`;
  }
  const fixed = x.toFixed(Math.max(0, p - 1 - exp));
  return fixed.includes(".") ? fixed.replace(/0+$/, "").replace(/\.$/, "") : fixed;
}

/** gnulib's ftoastr: the fewest digits (from FLT_DIG/DBL_DIG, or 1 below the normal range) that read back as the same value. */
function floatText(view: DataView, offset: number, size: number, little: boolean): string {
  const x = size === 4 ? view.getFloat32(offset, little) : view.getFloat64(offset, little);
  const negative = (view.getUint8(offset + (little ? size - 1 : 0)) & 0x80) !== 0;
  if (Number.isNaN(x)) return negative ? "-nan" : "nan";
  if (!Number.isFinite(x)) return x < 0 ? "-inf" : "inf";
  if (x === 0) return negative ? "-0" : "0";
  const same = (s: string) => (size === 4 ? Math.fround(Number(s)) : Number(s)) === x;
  const min = size === 4 ? 1.1754943508222875e-38 : 2.2250738585072014e-308;
  for (let p = Math.abs(x) < min ? 1 : size === 4 ? 6 : 15; p <= 17; p++) {
    const s = formatG(x, p);
    if (same(s)) return s;
  }
  return formatG(x, 17);
}

function valueText(format: Format, view: DataView, offset: number, little: boolean): string {
  const { kind, size } = format;
  if (kind === "a") {
    const c = view.getUint8(offset) & 0x7f;
    return c === 127 ? "del" : c <= 32 ? NAMES[c] : String.fromCharCode(c);
  }
  if (kind === "c") {
    const c = view.getUint8(offset);
    return ESCAPES[c] ?? (c >= 32 && c < 127 ? String.fromCharCode(c) : c.toString(8).padStart(3, "0"));
  }
  if (kind === "f") return floatText(view, offset, size, little);
  let value: bigint;
  if (size === 1) value = BigInt(kind === "d" ? view.getInt8(offset) : view.getUint8(offset));
  else if (size === 2) value = BigInt(kind === "d" ? view.getInt16(offset, little) : view.getUint16(offset, little));
  else if (size === 4) value = BigInt(kind === "d" ? view.getInt32(offset, little) : view.getUint32(offset, little));
  else value = kind === "d" ? view.getBigInt64(offset, little) : view.getBigUint64(offset, little);
  if (kind === "o") return value.toString(8).padStart(format.width, "0");
  if (kind === "x") return value.toString(16).padStart(format.width, "0");
  return value.toString();
}

function address(offset: number, radix: Options["radix"]): string {
  if (radix === "n") return "";
  if (radix === "x") return offset.toString(16).padStart(6, "0");
  return offset.toString(radix === "d" ? 10 : 8).padStart(7, "0");
}

/** The dump of `data` (already skipped and limited), starting at byte offset `start`. */
export function dump(data: Uint8Array, o: Pick<Options, "formats" | "radix" | "width" | "duplicates" | "bigEndian">, start: number): string {
  const unit = o.formats.reduce((l, f) => lcm(l, f.size), 1);
  const perLine = o.width ?? (unit < 16 ? unit * Math.floor(16 / unit) : unit);
  // Every format's line is as wide as the widest one's fields with a space before each.
  const lineWidth = Math.max(...o.formats.map((f) => (f.width + 1) * (perLine / f.size)));
  const pad = o.formats.map((f) => lineWidth - f.width * (perLine / f.size));
  const addressWidth = o.radix === "n" ? 0 : o.radix === "x" ? 6 : 7;
  const little = !o.bigEndian;
  let out = "";
  let previous: Uint8Array | undefined;
  let starred = false;
  for (let at = 0; at < data.length; at += perLine) {
    const n = Math.min(perLine, data.length - at);
    const chunk = data.subarray(at, at + n);
    if (!o.duplicates && previous && n === perLine && previous.length === n && chunk.every((b, i) => b === previous![i])) {
      if (!starred) out += "*\n";
      starred = true;
      continue;
    }
    starred = false;
    previous = chunk;
    // A partial last line: zero bytes up to a whole value of every format.
    const block = new Uint8Array(Math.ceil(n / unit) * unit);
    block.set(chunk);
    const view = new DataView(block.buffer);
    o.formats.forEach((f, k) => {
      const fields = perLine / f.size;
      const blank = Math.floor((perLine - n) / f.size);
      let line = k === 0 ? address(start + at, o.radix) : " ".repeat(addressWidth);
      let remaining = pad[k];
      for (let i = fields, p = 0; i > blank; i--, p += f.size) {
        const next = Math.floor((pad[k] * (i - 1)) / fields);
        line += valueText(f, view, p, little).padStart(remaining - next + f.width);
        remaining = next;
      }
      if (f.chars) {
        line += " ".repeat(blank * f.width + Math.floor((pad[k] * blank) / fields));
        line += `  >${[...chunk].map((b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : ".")).join("")}<`;
      }
      out += `${line}\n`;
    });
  }
  if (o.radix !== "n") out += `${address(start + data.length, o.radix)}\n`;
  return out;
}

export function odCommand(frame: ShellFrame): Command {
  return shellCommand(frame, "od", async (args, ctx, io) => {
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs(args);
    } catch (err) {
      io.err.push(`od: ${(err as Error).message}\n`);
      return 1;
    }
    if ("exit" in parsed) {
      if (parsed.out) io.out.push(parsed.out);
      if (parsed.err) io.err.push(parsed.err);
      return parsed.exit;
    }
    const o = parsed;
    if (o.width !== undefined) {
      const unit = o.formats.reduce((l, f) => lcm(l, f.size), 1);
      if (o.width % unit !== 0) {
        io.err.push(`od: warning: invalid width ${o.width}; using ${unit} instead\n`);
        o.width = unit;
      }
    }
    let status = 0;
    // A directory opens (its read fails): od still dumps what the others hold; with nothing opened it prints nothing.
    let opened = 0;
    const parts: Uint8Array[] = [];
    for (const file of o.files.length ? o.files : ["-"]) {
      if (file === "-") {
        parts.push(new Uint8Array(Buffer.from(latin1FromBytes(ctx.stdin), "latin1")));
        opened++;
        continue;
      }
      const path = frame.fs.resolvePath(ctx.cwd, file);
      try {
        if ((await frame.fs.stat(path)).isDirectory) {
          io.err.push(`od: ${file}: Is a directory\n`);
          status = 1;
          opened++;
          continue;
        }
        parts.push(await frame.fs.readFileBuffer(path));
        opened++;
      } catch (err) {
        io.err.push(`od: ${file}: ${(err as { code?: string }).code === "EACCES" ? "Permission denied" : "No such file or directory"}\n`);
        status = 1;
      }
    }
    if (opened === 0) return status;
    const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let offset = 0;
    for (const p of parts) {
      all.set(p, offset);
      offset += p.length;
    }
    if (o.skip > all.length) {
      io.err.push("od: cannot skip past end of combined input\n");
      return 1;
    }
    const end = o.limit === undefined ? all.length : Math.min(all.length, o.skip + o.limit);
    io.out.push(dump(all.subarray(o.skip, end), o, o.skip));
    return status;
  });
}
