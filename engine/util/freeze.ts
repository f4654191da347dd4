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

/** A mutable deep copy of JSON data (the store's objects are plain JSON). */
export function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
