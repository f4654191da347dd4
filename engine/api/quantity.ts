/**
 * Kubernetes resource.Quantity (k8s.io/apimachinery/pkg/api/resource/quantity.go): a fixed-point
 * number with a suffix, as in `500m`, `1Gi`, `1e3`. Values are kept exactly (BigInt mantissa and a
 * base-10 scale) and printed in the canonical form the API server writes back, so `-o yaml` shows
 * `0.5` as `500m` and `1024Mi` as `1Gi`. The scheduler, kubelet, quota and `kubectl top` all use this.
 */

export type QuantityFormat = "DecimalExponent" | "BinarySI" | "DecimalSI";

const SPLIT_RE = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";

/** The exact error texts of resource.ParseQuantity. */
export const QUANTITY_FORMAT_ERROR = `quantities must match the regular expression '${SPLIT_RE}'`;
export const QUANTITY_NUMERIC_ERROR = "unable to parse numeric part of quantity";
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

export class QuantityParseError extends Error {}

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_BY_EXPONENT = new Map(Object.entries(BINARY_SUFFIXES).map(([s, e]) => [e, s]));

/** Quantities are rounded up to nano precision (scale -9) when parsed. */
const NANO = -9;
/** The int64 fast path of ParseQuantity handles at most this many digits. */
const MAX_INT64_FACTORS = 18;
const MAX_INT64 = (1n << 63n) - 1n;

const TEN = 10n;

function pow10(n: number): bigint {
  return TEN ** BigInt(n);
}

export class Quantity {
  /** value = unscaled × 10^scale */
  private constructor(
    readonly unscaled: bigint,
    readonly scale: number,
    readonly format: QuantityFormat,
    /** The text it was parsed from, kept when that text is already canonical (as the real type does). */
    private readonly original?: string,
  ) {}

  static of(unscaled: bigint | number, scale = 0, format: QuantityFormat = "DecimalSI"): Quantity {
    return new Quantity(BigInt(unscaled), scale, format);
  }

  /** resource.NewMilliQuantity */
  static milli(value: number | bigint, format: QuantityFormat = "DecimalSI"): Quantity {
    return new Quantity(BigInt(value), -3, format);
  }

  static zero(format: QuantityFormat = "DecimalSI"): Quantity {
    return new Quantity(0n, 0, format);
  }

  /** A value from its parts; `original` is text known to be canonical already. */
  static fromParts(unscaled: bigint, scale: number, format: QuantityFormat, original?: string): Quantity {
    return new Quantity(unscaled, scale, format, original);
  }

  static parse(text: string): Quantity {
    return parseQuantity(text);
  }

  isZero(): boolean {
    return this.unscaled === 0n;
  }

  sign(): number {
    return this.unscaled === 0n ? 0 : this.unscaled > 0n ? 1 : -1;
  }

  /** -1, 0 or 1. */
  cmp(other: Quantity): number {
    const [a, b] = aligned(this, other);
    return a === b ? 0 : a < b ? -1 : 1;
  }

  cmpInt(value: number | bigint): number {
    return this.cmp(Quantity.of(value));
  }

  equals(other: Quantity): boolean {
    return this.cmp(other) === 0;
  }

  /** Sum; a zero receiver takes the other's format, as Quantity.Add does. */
  add(other: Quantity): Quantity {
    const [a, b, scale] = alignedWithScale(this, other);
    return new Quantity(a + b, scale, this.isZero() ? other.format : this.format);
  }

  sub(other: Quantity): Quantity {
    const [a, b, scale] = alignedWithScale(this, other);
    return new Quantity(a - b, scale, this.isZero() ? other.format : this.format);
  }

  neg(): Quantity {
    return new Quantity(-this.unscaled, this.scale, this.format);
  }

  mul(factor: number | bigint): Quantity {
    return new Quantity(this.unscaled * BigInt(factor), this.scale, this.format);
  }

  withFormat(format: QuantityFormat): Quantity {
    return new Quantity(this.unscaled, this.scale, format);
  }

  /** ceil(q / 10^scale), rounding away from zero (ScaledValue). */
  scaledValue(scale: number): bigint {
    const shift = this.scale - scale;
    if (shift >= 0) return this.unscaled * pow10(shift);
    const divisor = pow10(-shift);
    const quotient = this.unscaled / divisor;
    const remainder = this.unscaled % divisor;
    if (remainder === 0n) return quotient;
    return this.unscaled > 0n ? quotient + 1n : quotient - 1n;
  }

  /** The value rounded up to an integer (Quantity.Value). */
  value(): number {
    return Number(this.scaledValue(0));
  }

  /** ceil(q × 1000) (Quantity.MilliValue): CPU in millicores. */
  milliValue(): number {
    return Number(this.scaledValue(-3));
  }

  asApproximateFloat64(): number {
    return Number(this.unscaled) * 10 ** this.scale;
  }

  /** The canonical text (Quantity.String / MarshalJSON). */
  toString(): string {
    if (this.original !== undefined) return this.original;
    return canonicalize(this);
  }

  toJSON(): string {
    return this.toString();
  }
}

function alignedWithScale(x: Quantity, y: Quantity): [bigint, bigint, number] {
  const scale = Math.min(x.scale, y.scale);
  return [x.unscaled * pow10(x.scale - scale), y.unscaled * pow10(y.scale - scale), scale];
}

function aligned(x: Quantity, y: Quantity): [bigint, bigint] {
  const [a, b] = alignedWithScale(x, y);
  return [a, b];
}

interface Scanned {
  positive: boolean;
  /** The number as written, sign included (what inf.Dec.SetString reads). */
  value: string;
  num: string;
  denom: string;
  suffix: string;
}

/** parseQuantityString: a permissive scan; the suffix is checked afterwards. */
function scan(str: string): Scanned {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (pos < end) {
    if (str[0] === "-") {
      positive = false;
      pos++;
    } else if (str[0] === "+") {
      pos++;
    }
  }
  while (pos < end && str[pos] === "0") pos++;
  if (pos >= end) return { positive, value: "0", num: "0", denom: "", suffix: "" };
  const isDigit = (c: string) => c >= "0" && c <= "9";
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  let num = str.slice(pos, i);
  if (i >= end) return { positive, value: str, num: num || "0", denom: "", suffix: "" };
  pos = i;
  if (num.length === 0) num = "0";
  let denom = "";
  if (str[pos] === ".") {
    pos++;
    let j = pos;
    while (j < end && isDigit(str[j])) j++;
    denom = str.slice(pos, j);
    if (j >= end) return { positive, value: str, num, denom, suffix: "" };
    pos = j;
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  let k = pos;
  while (k < end && "eEinumkKMGTP".includes(str[k])) k++;
  if (k >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
  pos = k;
  if (str[pos] === "-" || str[pos] === "+") pos++;
  let m = pos;
  while (m < end && isDigit(str[m])) m++;
  if (m >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
  throw new QuantityParseError(QUANTITY_FORMAT_ERROR);
}

/** suffixHandler.interpret: base, exponent and format of a suffix, or undefined. */
function interpret(suffix: string): { base: 2 | 10; exponent: number; format: QuantityFormat } | undefined {
  if (suffix in DECIMAL_SUFFIXES) return { base: 10, exponent: DECIMAL_SUFFIXES[suffix], format: "DecimalSI" };
  if (suffix in BINARY_SUFFIXES) return { base: 2, exponent: BINARY_SUFFIXES[suffix], format: "BinarySI" };
  if (suffix.length > 1 && (suffix[0] === "e" || suffix[0] === "E")) {
    if (!/^[+-]?\d+$/.test(suffix.slice(1))) return undefined;
    const exponent = Number.parseInt(suffix.slice(1), 10);
    return { base: 10, exponent, format: "DecimalExponent" };
  }
  return undefined;
}

/** resource.ParseQuantity: throws QuantityParseError with the real messages. */
export function parseQuantity(str: string): Quantity {
  if (str.length === 0) throw new QuantityParseError(QUANTITY_FORMAT_ERROR);
  if (str === "0") return Quantity.fromParts(0n, 0, "DecimalSI", "0");
  const scanned = scan(str);
  const info = interpret(scanned.suffix);
  if (!info) throw new QuantityParseError(QUANTITY_SUFFIX_ERROR);
  const { num, denom, positive } = scanned;
  let { format } = info;

  // The int64 fast path: it keeps the original text when that text is already canonical.
  let precision = 0;
  let scale = 0;
  let mantissa = 1n;
  if (info.base === 10) {
    scale = info.exponent;
    precision = MAX_INT64_FACTORS - (num.length + denom.length);
  } else if (info.exponent >= 0 && denom.length === 0) {
    mantissa = 1n << BigInt(info.exponent);
    precision = 15 - num.length - Math.trunc((info.exponent * 3) / 10) - 1;
  } else {
    precision = -1;
  }
  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= NANO) {
      const shifted = num + denom;
      const value = BigInt(shifted);
      let result = value * mantissa;
      if (result <= MAX_INT64) {
        if (!positive) result = -result;
        const canonicalText =
          info.base === 2
            ? info.exponent % 10 === 0 && (value & 7n) !== 0n
            : scale % 3 === 0 && !shifted.endsWith("000") && shifted[0] !== "0";
        return Quantity.fromParts(result, scale, format, canonicalText ? str : undefined);
      }
    }
  }

  // The exact (inf.Dec) path.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(scanned.value) && scanned.value !== "0") throw new QuantityParseError(QUANTITY_NUMERIC_ERROR);
  let [unscaled, decScale] = decimalOf(scanned.value);
  if (info.base === 10) {
    decScale += info.exponent;
  } else {
    unscaled *= 1n << BigInt(info.exponent);
  }
  const negative = unscaled < 0n;
  if (negative) unscaled = -unscaled;
  // Non-zero values are rounded up to the smallest representable amount (a nano).
  if (unscaled !== 0n && decScale < NANO) {
    const divisor = pow10(NANO - decScale);
    const q = unscaled / divisor;
    unscaled = unscaled % divisor === 0n ? q : q + 1n;
    decScale = NANO;
  }
  if (format === "BinarySI" && cmpParts(unscaled, decScale, MAX_INT64, 0) > 0) {
    unscaled = MAX_INT64;
    decScale = 0;
  }
  if (format === "BinarySI" && cmpParts(unscaled, decScale, 1n, 0) < 0 && unscaled > 0n) format = "DecimalSI";
  return Quantity.fromParts(negative ? -unscaled : unscaled, decScale, format, undefined);
}

/** A decimal string as (unscaled, scale). */
function decimalOf(text: string): [bigint, number] {
  const negative = text.startsWith("-");
  const body = text.replace(/^[+-]/, "");
  const [intPart, fracPart = ""] = body.split(".");
  const digits = (intPart + fracPart).replace(/^0+(?=\d)/, "") || "0";
  const unscaled = BigInt(digits);
  return [negative ? -unscaled : unscaled, -fracPart.length];
}

function cmpParts(a: bigint, as: number, b: bigint, bs: number): number {
  const scale = Math.min(as, bs);
  const x = a * pow10(as - scale);
  const y = b * pow10(bs - scale);
  return x === y ? 0 : x < y ? -1 : 1;
}

function removeFactors(value: bigint, base: bigint): [bigint, number] {
  let times = 0;
  while (value !== 0n && value % base === 0n) {
    value /= base;
    times++;
  }
  return [value, times];
}

/** Quantity.CanonicalizeBytes: the largest suffix that loses no precision and emits no fraction. */
function canonicalize(q: Quantity): string {
  if (q.isZero()) return "0";
  let format = q.format;
  if (format === "BinarySI") {
    if (q.cmpInt(-1024) > 0 && q.cmpInt(1024) < 0) format = "DecimalSI";
    else if (q.scale < 0 && q.unscaled % pow10(-q.scale) !== 0n) format = "DecimalSI";
  }
  if (format === "BinarySI") {
    const integer = q.scaledValue(0);
    let [amount, exponent] = removeFactors(integer, 1024n);
    // Beyond Ei there is no suffix; keep the mantissa larger instead.
    while (exponent > 6) {
      amount *= 1024n;
      exponent--;
    }
    return `${amount}${BINARY_BY_EXPONENT.get(exponent * 10) ?? ""}`;
  }
  const [unscaledAmount, times] = removeFactors(q.unscaled, TEN);
  let amount = unscaledAmount;
  let exponent = q.scale + times;
  const rest = ((exponent % 3) + 3) % 3;
  if (rest !== 0) {
    amount *= pow10(rest);
    exponent -= rest;
  }
  if (format === "DecimalExponent") return exponent === 0 ? `${amount}` : `${amount}e${exponent}`;
  const suffix = DECIMAL_BY_EXPONENT.get(exponent);
  if (suffix !== undefined) return `${amount}${suffix}`;
  // Outside n…E there is no SI suffix; the exponent form still says the value exactly.
  return `${amount}e${exponent}`;
}

// ---------- helpers for callers that hold quantities as JSON strings ----------

/** Parses a quantity from an API object field (a string, or a bare JSON number). */
export function toQuantity(value: unknown): Quantity {
  if (typeof value === "number") return parseQuantity(numberText(value));
  if (typeof value === "string") return parseQuantity(value.trim());
  throw new QuantityParseError(QUANTITY_FORMAT_ERROR);
}

/** Like toQuantity, but undefined for a missing or malformed value. */
export function tryQuantity(value: unknown): Quantity | undefined {
  if (value === undefined || value === null) return undefined;
  try {
    return toQuantity(value);
  } catch {
    return undefined;
  }
}

/** The canonical text the server would store for a value (`"0.5"` → `"500m"`). */
export function canonicalQuantity(value: unknown): string {
  return toQuantity(value).toString();
}

/** Go's %v of a float for JSON numbers written without quotes (`cpu: 0.5`). */
function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  return String(n).replace("e+", "e");
}

/** Sums a list of quantities (zero when empty). */
export function sumQuantities(values: Quantity[]): Quantity {
  return values.reduce((acc, q) => acc.add(q), Quantity.zero());
}

/** The smaller of two quantities (the first when equal). */
export function minQuantity(a: Quantity, b: Quantity): Quantity {
  return b.cmp(a) < 0 ? b : a;
}

export function maxQuantity(a: Quantity, b: Quantity): Quantity {
  return b.cmp(a) > 0 ? b : a;
}
