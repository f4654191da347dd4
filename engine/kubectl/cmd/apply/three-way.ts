import { applyStrategicMergePatch, listRule } from "../../../api/patch/strategic";
import { deepEqual, isPlainObject } from "../../../util/json";

/**
 * Client-side apply's three-way merge: the patch is the new configuration, plus deletions for
 * what the last-applied configuration had and the new one dropped (null for map keys,
 * `$patch: delete` for list items merged by key). Fields other writers set on the live object and
 * that never appeared in the configuration are left alone.
 */
export function threeWayPatch(original: unknown, modified: Record<string, unknown>, kind: string): Record<string, unknown> {
  const patch = JSON.parse(JSON.stringify(modified)) as Record<string, unknown>;
  addDeletions(original, patch, [], kind);
  return patch;
}

function addDeletions(original: unknown, patch: unknown, path: string[], kind: string): void {
  if (isPlainObject(original) && isPlainObject(patch)) {
    for (const [key, value] of Object.entries(original)) {
      if (!(key in patch)) patch[key] = null;
      else addDeletions(value, patch[key], [...path, key], kind);
    }
    return;
  }
  if (Array.isArray(original) && Array.isArray(patch)) {
    const rule = listRule(path, kind);
    if (!rule?.mergeKey) return;
    const key = rule.mergeKey;
    for (const item of original) {
      if (!isPlainObject(item)) continue;
      const match = patch.find((p) => isPlainObject(p) && p[key] === item[key]);
      if (!match) patch.push({ [key]: item[key], $patch: "delete" });
      else addDeletions(item, match, path, kind);
    }
  }
}

/** Whether applying the patch would change nothing (kubectl then reports `unchanged`). */
export function patchIsNoop(live: unknown, patch: unknown, kind: string): boolean {
  const result = applyStrategicMergePatch(JSON.parse(JSON.stringify(live)), patch, kind);
  return deepEqual(result, live);
}
