import { listRule } from "../../api/patch/strategic";
import { deepEqual, isPlainObject } from "../../util/json";

/**
 * apimachinery's CreateTwoWayMergePatch for built-in kinds: the strategic merge patch that turns
 * `original` into `modified`. Commands that change an object on the client (set, rollout
 * pause/resume/restart, edit) send it. Maps carry changed keys and null for removed ones; lists
 * with a merge key carry changed items by key, `$patch: delete` for removed ones and
 * `$setElementOrder` with the new order; other lists are replaced whole.
 */
export function twoWayMergePatch(original: unknown, modified: unknown, kind: string): Record<string, unknown> {
  return diffMaps(asMap(original), asMap(modified), [], kind);
}

function asMap(v: unknown): Record<string, unknown> {
  return isPlainObject(v) ? v : {};
}

function diffMaps(a: Record<string, unknown>, b: Record<string, unknown>, path: string[], kind: string): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(a)) if (!(key in b)) patch[key] = null;
  for (const [key, value] of Object.entries(b)) {
    const before = a[key];
    if (deepEqual(before, value)) continue;
    if (isPlainObject(before) && isPlainObject(value)) {
      const inner = diffMaps(before, value, [...path, key], kind);
      if (Object.keys(inner).length > 0) patch[key] = inner;
      continue;
    }
    if (Array.isArray(before) && Array.isArray(value)) {
      const rule = listRule([...path, key], kind);
      if (rule?.mergeKey && value.every(isPlainObject) && before.every(isPlainObject)) {
        const mergeKey = rule.mergeKey;
        const items = diffKeyedList(before as Record<string, unknown>[], value as Record<string, unknown>[], mergeKey, [...path, key], kind);
        patch[`$setElementOrder/${key}`] = (value as Record<string, unknown>[]).map((item) => ({ [mergeKey]: item[mergeKey] }));
        if (items.length > 0) patch[key] = items;
        continue;
      }
    }
    patch[key] = value === undefined ? null : value;
  }
  return patch;
}

function diffKeyedList(a: Record<string, unknown>[], b: Record<string, unknown>[], mergeKey: string, path: string[], kind: string): unknown[] {
  const out: unknown[] = [];
  for (const item of b) {
    const before = a.find((x) => x[mergeKey] === item[mergeKey]);
    if (!before) out.push(item);
    else if (!deepEqual(before, item)) out.push({ ...diffMaps(before, item, path, kind), [mergeKey]: item[mergeKey] });
  }
  for (const item of a) {
    if (!b.some((x) => x[mergeKey] === item[mergeKey])) out.push({ $patch: "delete", [mergeKey]: item[mergeKey] });
  }
  return out;
}

/** `{}` or nothing: kubectl then reports the object unchanged without sending a request. */
export function isEmptyPatch(patch: Record<string, unknown>): boolean {
  return Object.keys(patch).length === 0;
}
