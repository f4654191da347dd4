/**
 * Seeded pseudo-random source (sfc32). The engine never calls Math.random(): generated names,
 * IPs and jitter all come from here so a session replays identically from its seed and snapshot.
 */
const HEX_DIGITS = "0123456789abcdef";
const HEX_CODES = Array.from(HEX_DIGITS, (c) => c.charCodeAt(0));
const VARIANT_CODES = Array.from("89ab", (c) => c.charCodeAt(0));
/** The UUID being built, dashes in place (one buffer: uuid() is synchronous). */
const UUID_CODES = Array.from("00000000-0000-4000-8000-000000000000", (c) => c.charCodeAt(0));

export class SeededRandom {
  /**
   * sfc32's four words a, b, c, d, as int32 bits. A typed array keeps them as raw 32-bit words: as
   * object fields, values past 2^30 were boxed numbers, and the scheduler draws once per tied node
   * on every cycle (selectHost), so this is one of the engine's hottest functions.
   */
  private readonly words = new Int32Array(4);

  constructor(seed: number | [number, number, number, number]) {
    if (Array.isArray(seed)) this.restoreState(seed);
    else this.reseed(seed);
  }

  /** Restarts the sequence from a seed, in place (everything sharing this source follows). */
  reseed(seed: number): void {
    const w = this.words;
    w[0] = 0x9e3779b9;
    w[1] = 0x243f6a88;
    w[2] = 0xb7e15162;
    w[3] = seed >>> 0;
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  nextUint32(): number {
    const w = this.words;
    const a = w[0];
    const b = w[1];
    const c = w[2];
    const d = (w[3] + 1) | 0;
    const t = (((a + b) | 0) + d) | 0;
    w[0] = b ^ (b >>> 9);
    w[1] = (c + (c << 3)) | 0;
    w[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    w[3] = d;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** Characters from `alphabet`, as Kubernetes' utilrand.String does for generated names. */
  string(length: number, alphabet: string): string {
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[this.int(alphabet.length)];
    return out;
  }

  hex(length: number): string {
    return this.string(length, "0123456789abcdef");
  }

  /** A random (version 4) UUID. */
  uuid(): string {
    // Every created object takes one (a Scheduled event per bound pod): the same draws as ever (32
    // hex digits, the 13th replaced by "4", then the variant digit replacing the 17th), each digit
    // read from the top bits of a draw (floor(u / 2^32 * 16) is u >>> 28), and the text made from
    // character codes in one go instead of 36 string joins.
    const codes = UUID_CODES;
    for (let i = 0, at = 0; i < 32; i++, at++) {
      if (i === 8 || i === 12 || i === 16 || i === 20) at++;
      codes[at] = HEX_CODES[this.nextUint32() >>> 28];
    }
    codes[14] = 0x34;
    codes[19] = VARIANT_CODES[this.nextUint32() >>> 30];
    return String.fromCharCode.apply(null, codes as unknown as number[]);
  }

  restoreState(state: [number, number, number, number]): void {
    // Stored as int32 (ToInt32): the same 32 bits the draws read.
    this.words.set(state);
  }

  state(): [number, number, number, number] {
    const w = this.words;
    return [w[0] >>> 0, w[1] >>> 0, w[2] >>> 0, w[3] >>> 0];
  }
}

/** The alphabet of k8s.io/apimachinery/pkg/util/rand: no vowels, no digits 0, 1, 3 (avoids words). */
export const KUBE_NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
