// One frozen copy of each part of a stored object that many sessions hold alike. A resumed
// session's store is parsed from JSON, so every session of a scenario held its own copy of the
// same ClusterRole rules, managed-fields trees, pod specs and labels (about 10,000 objects and
// arrays per session of the default lab). Stored objects are deeply frozen and nothing is told
// apart by identity that is not told apart by content, so equal parts can be one object.
//
// Parts are found by a hash of their content; equal ones are told by their items, which are
// shared already (children first), so comparing two parts looks at one level only. The table is
// bounded like the string table (engine/util/intern.ts): two generations, the older one dropped
// when the newer one is full; a part still in use comes back at the next restore that holds it.
import { intern } from "./intern";

/** Parts per generation. */
const GENERATION_ENTRIES = 100_000;

type Part = object;
/** A generation: the first part of each hash, and the further parts of hashes two parts share. */
type Generation = { first: Map<number, Part>; more: Map<number, Part[]>; parts: number };
const generation = (): Generation => ({ first: new Map(), more: new Map(), parts: 0 });
let current = generation();
let previous = generation();

/**
 * Replaces, in place, each property of a stored object about to be frozen by the table's equal
 * copy, frozen (strings interned too). The object itself stays the one given: snapshots and the
 * store tell their objects apart by identity. A frozen object is left as it is.
 */
export function shareFrozenParts<T extends object>(obj: T): T {
  if (Object.isFrozen(obj)) return obj;
  const record = obj as Record<string, unknown>;
  for (const key in record) {
    const item = record[key];
    const shared = share(item);
    if (shared !== item) record[key] = shared;
  }
  return obj;
}

// share() reports the hash of what it returned here, and whether it may be shared at all (a part
// that holds a frozen object from elsewhere or a non-JSON value is left out, and so are its parents).
let lastHash = 0;
let lastShareable = true;

function share(value: unknown): unknown {
  switch (typeof value) {
    case "string": {
      const s = intern(value);
      lastHash = stringHash(s);
      lastShareable = true;
      return s;
    }
    case "number":
      lastHash = Math.imul(Math.trunc(value) ^ 0x7f4a7c15, 0x85ebca6b) ^ Math.round((value % 1) * 1e6);
      lastShareable = true;
      return value;
    case "boolean":
      lastHash = value ? 0x1b873593 : 0x2c1b3c6d;
      lastShareable = true;
      return value;
    case "object":
      if (value === null) {
        lastHash = 0x3c6ef372;
        lastShareable = true;
        return value;
      }
      if (Object.isFrozen(value)) break;
      if (Array.isArray(value)) return shareArray(value);
      // Only plain JSON objects: a Date or a Map has no keys to tell it from `{}`.
      if (Object.getPrototypeOf(value) === Object.prototype) return shareRecord(value as Record<string, unknown>);
      break;
  }
  lastShareable = false;
  return value;
}

function shareArray(items: unknown[]): unknown {
  let hash = 0x6a09e667 ^ items.length;
  let shareable = true;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const shared = share(item);
    if (shared !== item) items[i] = shared;
    shareable &&= lastShareable;
    hash = mix(hash, lastHash);
  }
  return settle(items, hash, shareable);
}

function shareRecord(record: Record<string, unknown>): unknown {
  let hash = 0x510e527f;
  let shareable = true;
  for (const key in record) {
    const item = record[key];
    const shared = share(item);
    if (shared !== item) record[key] = shared;
    shareable &&= lastShareable;
    hash = mix(mix(hash, stringHash(key)), lastHash);
  }
  return settle(record, hash, shareable);
}

/** The table's part equal to `part` (its items already shared), or `part` frozen and kept as that. */
function settle(part: Part, hash: number, shareable: boolean): Part {
  lastHash = hash;
  lastShareable = shareable;
  if (!shareable) return part;
  const known = find(current, hash, part);
  if (known) return known;
  const kept = find(previous, hash, part) ?? Object.freeze(part);
  if (current.parts >= GENERATION_ENTRIES) {
    previous = current;
    current = generation();
  }
  const first = current.first.get(hash);
  if (first === undefined) current.first.set(hash, kept);
  else {
    const more = current.more.get(hash);
    if (more) more.push(kept);
    else current.more.set(hash, [kept]);
  }
  current.parts++;
  return kept;
}

function find(table: Generation, hash: number, part: Part): Part | undefined {
  const first = table.first.get(hash);
  if (first === undefined) return undefined;
  if (sameItems(first, part)) return first;
  for (const other of table.more.get(hash) ?? []) if (sameItems(other, part)) return other;
  return undefined;
}

/** Equal JSON parts whose items are shared: the same keys in the same order, the same items. */
function sameItems(a: Part, b: Part): boolean {
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i] || ra[ka[i]!] !== rb[ka[i]!]) return false;
  return true;
}

const mix = (hash: number, value: number) => Math.imul(hash ^ value, 0x9e3779b1) ^ (hash >>> 15);

/**
 * Every character of a short string; of a long one (file contents, certificates) 64 spread over
 * it and its last 16, which tells apart the long strings one scenario's stored objects hold.
 */
function stringHash(s: string): number {
  const n = s.length;
  let hash = Math.imul(n, 0xcc9e2d51);
  const step = n <= 64 ? 1 : n >> 6;
  for (let i = 0; i < n; i += step) hash = mix(hash, s.charCodeAt(i));
  if (step > 1) for (let i = n - 16; i < n; i++) hash = mix(hash, s.charCodeAt(i));
  return hash;
}

/** How many parts the table holds (tests). */
export function sharedPartCount(): number {
  return current.parts + previous.parts;
}
