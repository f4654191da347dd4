/**
 * C's printf conversions of a double (%f %e %g %E %G %F) as glibc prints them: from the double's
 * exact decimal value, rounded half to even (`%.0f` of 2.5 is 2, of 3.5 is 4; `%.2f` of 0.125 is
 * 0.12). JavaScript's toFixed rounds such ties away from zero. Used by seq -f and printf; printf's
 * arguments are read as x86's 80-bit long double (64-bit mantissa), as bash and coreutils read them
 * (`printf '%.2f' 1.115` is 1.12 there, 1.11 from a double).
 */

/** A value as digits / 10^scale exactly. */
export interface ExactDecimal {
  digits: bigint;
  scale: number;
  negative: boolean;
}

export interface FloatSpec {
  /** One of f F e E g G. */
  conversion: string;
  flags: string;
  width?: number;
  precision?: number;
}

/** The double's exact value as digits / 10^scale (digits without sign). */
function exactDecimal(value: number | ExactDecimal): { digits: bigint; scale: number } {
  if (typeof value !== "number") return value;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(value));
  const bits = view.getBigUint64(0);
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = exponent === 0 ? fraction : fraction | (1n << 52n);
  const power = (exponent === 0 ? 1 : exponent) - 1075;
  if (power >= 0) return { digits: mantissa << BigInt(power), scale: 0 };
  return { digits: mantissa * 5n ** BigInt(-power), scale: -power };
}

/** digits / 10^drop rounded half to even. */
function roundHalfEven(digits: bigint, drop: number): bigint {
  if (drop <= 0) return digits * 10n ** BigInt(-drop);
  const unit = 10n ** BigInt(drop);
  const q = digits / unit;
  const r = digits % unit;
  const twice = r * 2n;
  return twice > unit || (twice === unit && q % 2n === 1n) ? q + 1n : q;
}

function withPoint(digits: string, decimals: number, alternate: boolean): string {
  if (decimals === 0) return alternate ? `${digits}.` : digits;
  const padded = digits.padStart(decimals + 1, "0");
  return `${padded.slice(0, -decimals)}.${padded.slice(-decimals)}`;
}

function fixed(value: number | ExactDecimal, precision: number, alternate: boolean): string {
  const { digits, scale } = exactDecimal(value);
  return withPoint(roundHalfEven(digits, scale - precision).toString(), precision, alternate);
}

/** Mantissa digits (precision + 1 of them) and the decimal exponent, rounded half to even. */
function scientificParts(value: number | ExactDecimal, precision: number): { mantissa: string; exponent: number } {
  const { digits, scale } = exactDecimal(value);
  if (digits === 0n) return { mantissa: "0".repeat(precision + 1), exponent: 0 };
  const length = digits.toString().length;
  let exponent = length - 1 - scale;
  let rounded = roundHalfEven(digits, length - (precision + 1)).toString();
  if (rounded.length > precision + 1) {
    rounded = rounded.slice(0, precision + 1);
    exponent++;
  }
  return { mantissa: rounded, exponent };
}

function scientific(value: number | ExactDecimal, precision: number, alternate: boolean, upper: boolean): string {
  const { mantissa, exponent } = scientificParts(value, precision);
  const e = `${upper ? "E" : "e"}${exponent < 0 ? "-" : "+"}${String(Math.abs(exponent)).padStart(2, "0")}`;
  return `${withPoint(mantissa, precision, alternate)}${e}`;
}

function general(value: number | ExactDecimal, precision: number, alternate: boolean, upper: boolean): string {
  const p = precision === 0 ? 1 : precision;
  const { exponent } = scientificParts(value, p - 1);
  const text = p > exponent && exponent >= -4 ? fixed(value, p - 1 - exponent, alternate) : scientific(value, p - 1, alternate, upper);
  if (alternate) return text;
  // Without #, trailing zeros of the fraction go, and the point with them.
  const e = text.search(/[eE]/);
  const [number, suffix] = e < 0 ? [text, ""] : [text.slice(0, e), text.slice(e)];
  return (number.includes(".") ? number.replace(/0+$/, "").replace(/\.$/, "") : number) + suffix;
}

/** One conversion, with its flags (`-+ #0`), width and precision. */
export function formatFloat(given: number | ExactDecimal, spec: FloatSpec): string {
  const { conversion, flags } = spec;
  const value = typeof given === "number" ? given : given.digits === 0n && given.negative ? -0 : given;
  const precision = spec.precision ?? 6;
  const upper = conversion === conversion.toUpperCase();
  const alternate = flags.includes("#");
  const negative = typeof value === "number" ? value < 0 || Object.is(value, -0) : value.negative;
  let body: string;
  if (typeof value === "number" && !Number.isFinite(value)) body = Number.isNaN(value) ? "nan" : "inf";
  else if (conversion === "f" || conversion === "F") body = fixed(value, precision, alternate);
  else if (conversion === "e" || conversion === "E") body = scientific(value, precision, alternate, upper);
  else body = general(value, precision, alternate, upper);
  if (upper) body = body.toUpperCase();
  const sign = negative && !Number.isNaN(value) ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
  const width = spec.width ?? 0;
  const length = sign.length + body.length;
  if (length >= width) return sign + body;
  if (flags.includes("-")) return sign + body + " ".repeat(width - length);
  if (flags.includes("0") && (typeof value !== "number" || Number.isFinite(value))) return sign + "0".repeat(width - length) + body;
  return " ".repeat(width - length) + sign + body;
}

const bitLength = (n: bigint) => (n === 0n ? 0 : n.toString(2).length);

/**
 * A decimal number's text (`-1.115`, `2.5e3`) as the nearest 80-bit long double, exactly;
 * a hexadecimal integer as itself; undefined for anything else (inf, nan, hexadecimal fractions).
 */
export function longDoubleFromText(text: string): ExactDecimal | undefined {
  const hex = /^[ \t]*([+-]?)0x([0-9a-f]+)$/i.exec(text);
  if (hex) return { digits: BigInt(`0x${hex[2]}`), scale: 0, negative: hex[1] === "-" };
  const m = /^[ \t]*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m || (!m[2] && !m[3])) return undefined;
  const negative = m[1] === "-";
  const power = Number(m[4] ?? 0) - (m[3]?.length ?? 0);
  if (Math.abs(power) > 400) return undefined;
  let num = BigInt(`${m[2] || "0"}${m[3] ?? ""}`);
  let den = 1n;
  if (power >= 0) num *= 10n ** BigInt(power);
  else den = 10n ** BigInt(-power);
  if (num === 0n) return { digits: 0n, scale: 0, negative };
  // Scale to a 64-bit mantissa: value = mantissa * 2^e, 2^63 <= mantissa < 2^64, rounded half to even.
  let e = bitLength(num) - bitLength(den) - 64;
  for (;;) {
    const [n, d] = e >= 0 ? [num, den << BigInt(e)] : [num << BigInt(-e), den];
    let mantissa = n / d;
    if (mantissa >= 1n << 64n) {
      e++;
      continue;
    }
    if (mantissa < 1n << 63n) {
      e--;
      continue;
    }
    const twice = (n % d) * 2n;
    if (twice > d || (twice === d && mantissa % 2n === 1n)) mantissa++;
    if (mantissa === 1n << 64n) {
      mantissa >>= 1n;
      e++;
    }
    return e >= 0 ? { digits: mantissa << BigInt(e), scale: 0, negative } : { digits: mantissa * 5n ** BigInt(-e), scale: -e, negative };
  }
}
