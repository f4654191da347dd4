/**
 * Stored objects are deeply frozen: readers get them without a copy (fast lists of thousands of
 * pods) and any code that tries to change one in place fails loudly instead of corrupting the store.
 */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** A mutable deep copy of JSON data (the store's objects are plain JSON), exactly as a JSON round trip makes it. */
export function clone<T>(value: T): T {
  if (value === undefined) return value;
  try {
    return copyJson(value, 0) as T;
  } catch (e) {
    if (e !== NOT_PLAIN) throw e;
    return JSON.parse(JSON.stringify(value)) as T;
  }
}

/** Thrown by copyJson for what only JSON.stringify knows how to treat (toJSON, bigint, cycles). */
const NOT_PLAIN = Symbol("not plain JSON");
const MAX_DEPTH = 500;

/**
 * The copy a JSON round trip gives, without the text in between (writes clone every body): keys
 * holding undefined or functions are dropped, such array items become null, as do NaN and ±Infinity.
 */
function copyJson(value: unknown, depth: number): unknown {
  if (value === null) return null;
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) ? (value === 0 ? 0 : value) : null;
    case "object":
      break;
    default:
      throw NOT_PLAIN;
  }
  if (depth > MAX_DEPTH) throw NOT_PLAIN;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      out[i] = item === undefined || typeof item === "function" || typeof item === "symbol" ? null : copyJson(item, depth + 1);
    }
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  if ((proto !== Object.prototype && proto !== null) || typeof (value as { toJSON?: unknown }).toJSON === "function") throw NOT_PLAIN;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined || typeof item === "function" || typeof item === "symbol") continue;
    // Assigning "__proto__" would set the prototype; JSON.parse makes it an own key.
    if (key === "__proto__") throw NOT_PLAIN;
    out[key] = copyJson(item, depth + 1);
  }
  return out;
}
