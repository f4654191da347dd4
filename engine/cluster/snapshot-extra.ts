// Plugin state (`cluster.extra`: the kubelets' containers and images, signing keys, …) is plain
// mutable JSON of tens of KB that changes far less often than a live session is saved. A cluster
// snapshot hands out the frozen copy it made last time for as long as the live state still equals
// it, so unchanged state costs one comparison instead of a copy, and what reads snapshots later
// (a save's delta against its base, the JSON byte cache) can tell "unchanged" by identity.
import { clone, deepFreeze } from "../util/freeze";

/** What JSON.stringify drops from an object and writes as null in an array. */
function skipped(value: unknown): boolean {
  return value === undefined || typeof value === "function" || typeof value === "symbol";
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && typeof (value as { toJSON?: unknown }).toJSON !== "function";
}

/**
 * Whether `copy` (a plain JSON copy made earlier) is what clone(`live`) would give now, key order
 * included (restored plugin state iterates in that order). False when unsure (values only
 * JSON.stringify knows how to write): the caller copies then.
 */
export function sameAsCopy(live: unknown, copy: unknown, depth = 0): boolean {
  if (live === copy) return live === null || typeof live !== "object" || Object.isFrozen(live);
  if (typeof live === "number") return Number.isFinite(live) ? live === copy : copy === null;
  if (live === null || typeof live !== "object" || copy === null || typeof copy !== "object" || depth > 100) return false;
  if (Array.isArray(live)) {
    if (!Array.isArray(copy) || copy.length !== live.length) return false;
    for (let i = 0; i < live.length; i++) {
      const item: unknown = live[i];
      if (skipped(item) ? copy[i] !== null : !sameAsCopy(item, copy[i], depth + 1)) return false;
    }
    return true;
  }
  if (Array.isArray(copy) || !isPlainObject(live)) return false;
  const copyKeys = Object.keys(copy);
  let n = 0;
  // for…in over the live side (a plain object: its own keys, in Object.keys order) rather than a second array of keys.
  for (const key in live) {
    const item = (live as Record<string, unknown>)[key];
    if (skipped(item)) continue;
    if (copyKeys[n] !== key || !sameAsCopy(item, (copy as Record<string, unknown>)[key], depth + 1)) return false;
    n++;
  }
  return n === copyKeys.length;
}

/** A frozen copy of `live`, sharing the parts of `previous` (an earlier such copy) that are unchanged. */
function frozenCopy(live: unknown, previous: unknown): unknown {
  if (sameAsCopy(live, previous)) return previous;
  // One level down: the kubelets' state is a record per node, of which a change touches one.
  if (live !== null && typeof live === "object" && !Array.isArray(live) && isPlainObject(live) && previous !== null && typeof previous === "object" && !Array.isArray(previous)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(live)) {
      const item = (live as Record<string, unknown>)[key];
      if (skipped(item)) continue;
      const before = (previous as Record<string, unknown>)[key];
      out[key] = sameAsCopy(item, before) ? before : deepFreeze(clone(item));
    }
    return Object.freeze(out);
  }
  return deepFreeze(clone(live));
}

/** One cluster's plugin state as its snapshots give it: frozen, and the same object while unchanged. */
export class PluginStateSnapshots {
  private last: Record<string, unknown> = {};

  /** What clone(extra) gives, deeply frozen, each key's value the previous snapshot's while it is unchanged. */
  take(extra: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(extra)) {
      const live = extra[key];
      if (skipped(live)) continue;
      out[key] = frozenCopy(live, this.last[key]);
    }
    this.last = out;
    return out;
  }
}
