// The JSON of a session or environment snapshot, byte for byte as JSON.stringify writes it, but
// built as bytes for the compressor with the cluster store's objects taken from a cache.
// Stored objects are deeply frozen and replaced (never changed) on every write, so an object's
// JSON stays valid for as long as the object lives: a save re-serialises only what changed since
// the last one (the store is most of a snapshot, and JSON.stringify of it most of a save's CPU).
// The cache is weak (an object gone from every store takes its bytes with it) and holds bytes
// outside the JavaScript heap; the snapshot is assembled in chunks rather than as one large
// string, so a save leaves little for the garbage collector of a server holding many sessions.

const objectBytes = new WeakMap<object, Buffer>();

function exactBytes(text: string): Buffer {
  // Its own memory: a slice of Node's shared pool would keep the whole pool slab alive.
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  bytes.write(text);
  return bytes;
}

function ownCopy(bytes: Buffer): Buffer {
  const copy = Buffer.allocUnsafeSlow(bytes.length);
  bytes.copy(copy);
  return copy;
}

/** Collects JSON text and bytes; small text is gathered into chunks before it becomes bytes. */
class Output {
  private readonly chunks: Buffer[] = [];
  private text: string[] = [];
  private textLength = 0;

  push(text: string): void {
    this.text.push(text);
    this.textLength += text.length;
    if (this.textLength > 16 * 1024) this.flushText();
  }

  pushBytes(bytes: Buffer): void {
    this.flushText();
    this.chunks.push(bytes);
  }

  finish(): Buffer {
    this.flushText();
    return Buffer.concat(this.chunks);
  }

  private flushText(): void {
    if (this.text.length === 0) return;
    this.chunks.push(Buffer.from(this.text.join(""), "utf8"));
    this.text = [];
    this.textLength = 0;
  }
}

function pushCached(value: unknown, out: Output): void {
  if (value === null || typeof value !== "object" || !Object.isFrozen(value)) return out.push(JSON.stringify(value));
  let bytes = objectBytes.get(value);
  if (bytes === undefined) {
    bytes = exactBytes(JSON.stringify(value));
    objectBytes.set(value, bytes);
  }
  out.pushBytes(bytes);
}

type Writer = (value: unknown, out: Output) => void;

const plain: Writer = (value, out) => out.push(JSON.stringify(value));

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) && (value as { toJSON?: unknown }).toJSON === undefined;
}

/** An object with some keys written by `special` and the others by JSON.stringify, in key order. */
function objectWith(special: Record<string, Writer>): Writer {
  return (value, out) => {
    if (!isPlainObject(value)) return plain(value, out);
    let first = true;
    for (const key of Object.keys(value)) {
      const v = value[key];
      // Skipped as JSON.stringify skips them.
      if (v === undefined || typeof v === "function" || typeof v === "symbol") continue;
      out.push(`${first ? "{" : ","}${JSON.stringify(key)}:`);
      first = false;
      (Object.hasOwn(special, key) ? special[key] : plain)(v, out);
    }
    out.push(first ? "{}" : "}");
  };
}

function arrayOf(item: Writer): Writer {
  return (value, out) => {
    if (!Array.isArray(value)) return plain(value, out);
    out.push("[");
    value.forEach((v, i) => {
      if (i > 0) out.push(",");
      if (v === undefined || typeof v === "function" || typeof v === "symbol") out.push("null");
      else item(v, out);
    });
    out.push("]");
  };
}

/** The store's [typeKey, object] pairs. */
const storeObjects: Writer = arrayOf((pair, out) => {
  if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== "string") return plain(pair, out);
  out.push(`[${JSON.stringify(pair[0])},`);
  pushCached(pair[1], out);
  out.push("]");
});
/**
 * `write`, with the bytes of a frozen value kept for the next save: a host's filesystem snapshot
 * is the same frozen object until the host changes (engine/hosts/filesystem.ts), so an unchanged
 * host costs a save nothing.
 */
function cachedWith(write: Writer): Writer {
  return (value, out) => {
    if (value === null || typeof value !== "object" || !Object.isFrozen(value)) return write(value, out);
    let bytes = objectBytes.get(value);
    if (bytes === undefined) {
      const own = new Output();
      write(value, own);
      const built = own.finish();
      // A small concatenation may sit in Node's shared pool: keep a copy of its own instead.
      bytes = built.length < 4096 ? ownCopy(built) : built;
      objectBytes.set(value, bytes);
    }
    out.pushBytes(bytes);
  };
}

// Host filesystems entry by entry (small strings, not one large one per host), each host's kept.
const hosts = arrayOf(objectWith({ fs: cachedWith(objectWith({ entries: arrayOf(plain) })) }));
const environment = objectWith({ clusters: arrayOf(objectWith({ store: objectWith({ objects: storeObjects }) })), hosts });
const session = objectWith({ env: environment });
/** A save's delta (lib/session/snapshot-delta.ts): its changed store objects are [typeKey, object] pairs among runs of positions. */
const delta = objectWith({ session, objects: arrayOf(storeObjects) });

/**
 * Buffer.from(JSON.stringify(snapshot)), for a session snapshot ({env: …}), an environment
 * snapshot ({clusters: …}) or anything else (written by JSON.stringify alone).
 */
export function snapshotBytes(snapshot: unknown): Buffer {
  const write = !isPlainObject(snapshot) ? undefined : isPlainObject(snapshot.env) ? session : Array.isArray(snapshot.clusters) ? environment : undefined;
  if (!write) return Buffer.from(JSON.stringify(snapshot), "utf8");
  const out = new Output();
  write(snapshot, out);
  return out.finish();
}

/**
 * Buffer.from(JSON.stringify(delta)) for a session snapshot's delta against its base: the store
 * objects changed since the base are written again at every save until the next base, from the
 * cache after the first time.
 */
export function snapshotDeltaBytes(value: unknown): Buffer {
  if (!isPlainObject(value)) return Buffer.from(JSON.stringify(value), "utf8");
  const out = new Output();
  delta(value, out);
  return out.finish();
}
