import { bytesOutput, unsafeBytesFromLatin1, type ExecResult, type ResolvedCommandContext } from "just-bash";
import { runBundled } from "../bundled";

/**
 * `printf '\xff'`, `printf '\377'` and `echo -e '\xff'` write the single byte 0xff; as text it
 * would reach a pipe or file UTF-8 encoded (c3 bf). A byte escape above 0x7f is carried as a
 * private-use character while the command builds its output, and the output is made of bytes again
 * at the end: text UTF-8 encoded, each marked byte as itself. `\xc3\xa9` is then the two bytes of
 * é, as in bash.
 */
const MARK_BASE = 0xe000;

export function byteMark(byte: number): string {
  return byte < 0x80 ? String.fromCharCode(byte) : String.fromCharCode(MARK_BASE + byte);
}

export function hasByteMarks(text: string): boolean {
  return /[\ue080-\ue0ff]/.test(text);
}

/** The output's bytes: marked bytes as themselves, everything else UTF-8. */
export function markedBytes(text: string): Uint8Array {
  const parts: number[] = [];
  let plain = "";
  const flush = () => {
    if (plain) for (const b of Buffer.from(plain, "utf8")) parts.push(b);
    plain = "";
  };
  for (const c of text) {
    const code = c.charCodeAt(0);
    if (c.length === 1 && code >= MARK_BASE + 0x80 && code <= MARK_BASE + 0xff) {
      flush();
      parts.push(code - MARK_BASE);
    } else plain += c;
  }
  flush();
  return Uint8Array.from(parts);
}

/** The bytes as text when they are valid UTF-8 (what the terminal shows as it would), else undefined. */
export function asUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** printf's format escapes: `\xHH` and `\NNN` (octal, without a leading 0). */
const FORMAT_ESCAPE = /\\(?:x([0-9a-fA-F]{1,2})|([0-7]{1,3})|.)/gs;
/** %b's argument escapes: `\xHH`, `\0NNN` and `\NNN`. */
const B_ESCAPE = /\\(?:x([0-9a-fA-F]{1,2})|0([0-7]{0,3})|([1-7][0-7]{0,2})|.)/gs;

function markEscapes(text: string, pattern: RegExp): string {
  return text.replace(pattern, (whole, hex: string | undefined, oct1: string | undefined, oct2: string | undefined) => {
    const value = hex !== undefined ? parseInt(hex, 16) : oct1 !== undefined ? parseInt(oct1 || "0", 8) : oct2 !== undefined ? parseInt(oct2, 8) : -1;
    return value >= 0x80 && value <= 0xff ? byteMark(value) : whole;
  });
}

/**
 * just-bash's printf with byte escapes above 0x7f written as bytes; undefined when there are none
 * (or for `printf -v`, which assigns text), so the common case runs printf unchanged.
 */
export async function printfWithBytes(args: string[], ctx: ResolvedCommandContext): Promise<ExecResult | undefined> {
  if (args.length === 0 || args[0] === "-v") return undefined;
  const start = args[0] === "--" ? 1 : 0;
  const format = args[start];
  if (format === undefined || (!format.includes("\\") && !format.includes("%b"))) return undefined;
  const marked = [...args];
  marked[start] = markEscapes(format, FORMAT_ESCAPE);
  // Arguments are marked only where every conversion is %b: an argument printed with %s keeps its backslashes.
  const conversions = format.match(/%[-+ #0-9.]*[a-zA-Z%]/g) ?? [];
  if (conversions.length > 0 && conversions.every((c) => c === "%b" || c === "%%")) {
    for (let i = start + 1; i < marked.length; i++) marked[i] = markEscapes(marked[i], B_ESCAPE);
  }
  if (!marked.some(hasByteMarks)) return undefined;
  const result = await runBundled("printf", marked, ctx);
  return withBytes(result);
}

/** A result whose stdout may hold byte marks: as text when the bytes are UTF-8, else as bytes. */
export function withBytes(result: ExecResult): ExecResult {
  if (!hasByteMarks(result.stdout)) return result;
  const bytes = markedBytes(result.stdout);
  const text = asUtf8(bytes);
  if (text !== undefined) return { ...result, stdout: text };
  return { ...result, ...bytesOutput(unsafeBytesFromLatin1(Buffer.from(bytes).toString("latin1"))) };
}
