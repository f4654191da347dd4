// The JSON text of a session or environment snapshot, as JSON.stringify writes it, but with the
// cluster store's objects taken from a cache. Stored objects are deeply frozen and replaced (never
// changed) on every write, so an object's JSON stays valid for as long as the object lives: a save
// re-serialises only what changed since the last one (the store is most of a snapshot, and
// JSON.stringify of it most of a save's CPU). The cache is weak: an object gone from every store
// takes its text with it.

const objectJson = new WeakMap<object, string>();

function cachedJson(value: unknown): string {
  if (value === null || typeof value !== "object" || !Object.isFrozen(value)) return JSON.stringify(value);
  let text = objectJson.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    objectJson.set(value, text);
  }
  return text;
}

/** Appends a value's JSON to `out`; the pieces are joined once (joining at every level copies the text again). */
type Writer = (value: unknown, out: string[]) => void;

const plain: Writer = (value, out) => {
  out.push(JSON.stringify(value));
};

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
  out.push(`[${JSON.stringify(pair[0])},`, cachedJson(pair[1]), "]");
});
const environment = objectWith({ clusters: arrayOf(objectWith({ store: objectWith({ objects: storeObjects }) })) });
const session = objectWith({ env: environment });

/**
 * JSON.stringify(snapshot), byte for byte, for a session snapshot ({env: …}), an environment
 * snapshot ({clusters: …}) or anything else (written by JSON.stringify alone).
 */
export function snapshotJson(snapshot: unknown): string {
  const write = !isPlainObject(snapshot) ? undefined : isPlainObject(snapshot.env) ? session : Array.isArray(snapshot.clusters) ? environment : undefined;
  if (!write) return JSON.stringify(snapshot);
  const out: string[] = [];
  write(snapshot, out);
  return out.join("");
}
