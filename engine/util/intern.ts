// One copy of each string that many sessions hold alike. A session's snapshot is parsed from JSON
// when it is resumed, and JSON.parse makes every string value a string of its own: label keys and
// values, API groups, image names, timestamps, certificates and file contents (a kubeconfig a dozen
// times) were held once per session, about 600 KB of a resumed session's 1.9 MB. Interned, the
// sessions of one scenario (and the objects every cluster has) share them.
//
// The table is bounded: strings no session holds any longer would otherwise stay in it for good
// (uids, learners' files). It keeps two generations; when the newer one is full the older one is
// dropped, and a string still in use comes back into the table at its next lookup.

/** Entries per generation. */
const GENERATION_ENTRIES = 100_000;
/** Characters per generation (a learner's large files must not keep megabytes alive). */
const GENERATION_CHARS = 8 * 1024 * 1024;
/** Longer strings are left as they are: one of this size is rarely held by many sessions. */
const MAX_LENGTH = 256 * 1024;

let current = new Map<string, string>();
let currentChars = 0;
let previous = new Map<string, string>();

/** The table's copy of `s` (`s` itself when it is the first). */
export function intern(s: string): string {
  if (s.length > MAX_LENGTH) return s;
  const known = current.get(s);
  if (known !== undefined) return known;
  const older = previous.get(s);
  const kept = older ?? s;
  if (current.size >= GENERATION_ENTRIES || currentChars + kept.length > GENERATION_CHARS) {
    previous = current;
    current = new Map();
    currentChars = 0;
  }
  current.set(kept, kept);
  currentChars += kept.length;
  return kept;
}

/**
 * Replaces, in place, every string in a JSON value (objects' values and arrays' items; keys are
 * JSON.parse's own, already shared) by its interned copy. Frozen parts are left as they are.
 * Returns the value itself, or its interned copy when it is a string.
 */
export function internStrings<T>(value: T): T {
  if (typeof value === "string") return intern(value) as T;
  if (value !== null && typeof value === "object") internIn(value as object);
  return value;
}

function internIn(node: object): void {
  if (Object.isFrozen(node)) return;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const item: unknown = node[i];
      if (typeof item === "string") node[i] = intern(item);
      else if (item !== null && typeof item === "object") internIn(item);
    }
    return;
  }
  const record = node as Record<string, unknown>;
  for (const key in record) {
    const item = record[key];
    if (typeof item === "string") record[key] = intern(item);
    else if (item !== null && typeof item === "object") internIn(item);
  }
}

/** How many strings the table holds (tests). */
export function internedCount(): number {
  return current.size + previous.size;
}
