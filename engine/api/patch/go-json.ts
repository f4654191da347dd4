/**
 * The error texts of Go's encoding/json (and sigs.k8s.io/json, its fork the API server decodes
 * with) for a body that is not JSON. Go validates the whole input with its scanner before decoding,
 * so a syntax error is reported before any type mismatch, with the offending byte quoted Go's way:
 *
 *   invalid character 'o' in literal null (expecting 'u')
 *   unexpected end of JSON input
 *
 * The scanner works on bytes, as Go's does, so a multi-byte character is reported by its first byte.
 */
const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** Nesting deeper than Go's own limit (10000) is refused the way Go words it. */
const MAX_DEPTH = 10000;

class SyntaxError extends Error {}

/** Go's quoteChar: how the scanner names a byte in its messages. */
export function goQuoteChar(c: number): string {
  if (c === 0x27) return "'\\''";
  if (c === QUOTE) return "'\"'";
  const escapes: Record<number, string> = { 0x07: "\\a", 0x08: "\\b", 0x0c: "\\f", 0x0a: "\\n", 0x0d: "\\r", 0x09: "\\t", 0x0b: "\\v", 0x5c: "\\\\" };
  if (escapes[c]) return `'${escapes[c]}'`;
  if (c < 0x20 || c === 0x7f) return `'\\x${c.toString(16).padStart(2, "0")}'`;
  // A byte ≥ 0x80 becomes the rune U+0080–U+00FF; strconv.Quote escapes the unprintable ones.
  if ((c >= 0x80 && c <= 0xa0) || c === 0xad) return `'\\u00${c.toString(16).padStart(2, "0")}'`;
  return `'${String.fromCharCode(c)}'`;
}

class Scanner {
  private i = 0;
  constructor(private readonly b: Uint8Array) {}

  check(): void {
    this.ws();
    this.value("looking for beginning of value", 0);
    this.ws();
    if (this.i < this.b.length) this.fail("after top-level value");
  }

  private fail(context: string): never {
    throw new SyntaxError(`invalid character ${goQuoteChar(this.b[this.i])} ${context}`);
  }

  private peek(): number {
    if (this.i >= this.b.length) throw new SyntaxError("unexpected end of JSON input");
    return this.b[this.i];
  }

  private ws(): void {
    while (this.i < this.b.length && WHITESPACE.has(this.b[this.i])) this.i++;
  }

  private value(context: string, depth: number): void {
    const c = this.peek();
    if (c === 0x7b) return this.object(depth + 1);
    if (c === 0x5b) return this.array(depth + 1);
    if (c === QUOTE) return this.string();
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
    if (c === 0x74) return this.literal("true");
    if (c === 0x66) return this.literal("false");
    if (c === 0x6e) return this.literal("null");
    this.fail(context);
  }

  private object(depth: number): void {
    if (depth > MAX_DEPTH) throw new SyntaxError("exceeded max depth");
    this.i++;
    this.ws();
    if (this.peek() === 0x7d) {
      this.i++;
      return;
    }
    for (;;) {
      if (this.peek() !== QUOTE) this.fail("looking for beginning of object key string");
      this.string();
      this.ws();
      if (this.peek() !== 0x3a) this.fail("after object key");
      this.i++;
      this.ws();
      this.value("looking for beginning of value", depth);
      this.ws();
      const c = this.peek();
      this.i++;
      if (c === 0x7d) return;
      if (c !== 0x2c) {
        this.i--;
        this.fail("after object key:value pair");
      }
      this.ws();
    }
  }

  private array(depth: number): void {
    if (depth > MAX_DEPTH) throw new SyntaxError("exceeded max depth");
    this.i++;
    this.ws();
    if (this.peek() === 0x5d) {
      this.i++;
      return;
    }
    for (;;) {
      this.value("looking for beginning of value", depth);
      this.ws();
      const c = this.peek();
      this.i++;
      if (c === 0x5d) return;
      if (c !== 0x2c) {
        this.i--;
        this.fail("after array element");
      }
      this.ws();
    }
  }

  private string(): void {
    this.i++;
    for (;;) {
      const c = this.peek();
      if (c === QUOTE) {
        this.i++;
        return;
      }
      if (c < 0x20) this.fail("in string literal");
      this.i++;
      if (c !== BACKSLASH) continue;
      const e = this.peek();
      if (e === 0x75) {
        this.i++;
        for (let k = 0; k < 4; k++) {
          const h = this.peek();
          const hex = (h >= 0x30 && h <= 0x39) || (h >= 0x61 && h <= 0x66) || (h >= 0x41 && h <= 0x46);
          if (!hex) this.fail("in \\u hexadecimal character escape");
          this.i++;
        }
      } else if ([0x62, 0x66, 0x6e, 0x72, 0x74, BACKSLASH, 0x2f, QUOTE].includes(e)) {
        this.i++;
      } else {
        this.fail("in string escape code");
      }
    }
  }

  private digits(): void {
    while (this.i < this.b.length && this.b[this.i] >= 0x30 && this.b[this.i] <= 0x39) this.i++;
  }

  private isDigit(): boolean {
    const c = this.peek();
    return c >= 0x30 && c <= 0x39;
  }

  private number(): void {
    if (this.b[this.i] === 0x2d) {
      this.i++;
      if (!this.isDigit()) this.fail("in numeric literal");
    }
    if (this.b[this.i] === 0x30) this.i++;
    else this.digits();
    if (this.i < this.b.length && this.b[this.i] === 0x2e) {
      this.i++;
      if (!this.isDigit()) this.fail("after decimal point in numeric literal");
      this.digits();
    }
    if (this.i < this.b.length && (this.b[this.i] === 0x65 || this.b[this.i] === 0x45)) {
      this.i++;
      if (this.peek() === 0x2b || this.peek() === 0x2d) this.i++;
      if (!this.isDigit()) this.fail("in exponent of numeric literal");
      this.digits();
    }
  }

  private literal(word: string): void {
    this.i++;
    for (const expected of word.slice(1)) {
      if (this.peek() !== expected.charCodeAt(0)) this.fail(`in literal ${word} (expecting '${expected}')`);
      this.i++;
    }
  }
}

/** Go's error for a body that is not valid JSON, or undefined when it is. */
export function goJsonSyntaxError(body: string | Uint8Array): string | undefined {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  try {
    new Scanner(bytes).check();
    return undefined;
  } catch (e) {
    if (e instanceof SyntaxError) return e.message;
    // Nesting deep enough to exhaust the JS stack (Go allows 10000 levels): left to the JSON parser.
    if (e instanceof RangeError) return undefined;
    throw e;
  }
}

/** The name Go's UnmarshalTypeError gives a decoded JSON value. */
export function goJsonKind(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (value === null) return "null";
  if (typeof value === "object") return "object";
  if (typeof value === "boolean") return "bool";
  return typeof value;
}
