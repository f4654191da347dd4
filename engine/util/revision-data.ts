/**
 * The `data` of a DaemonSet's or StatefulSet's ControllerRevision: a strategic patch that replaces
 * the pod template. The controllers build it by encoding the typed object with Go's encoding/json
 * and re-encoding the template through a map (daemon_controller getPatch, stateful_set_utils
 * getPatch), so every object's keys come out sorted, `$patch` first, and the template's metadata
 * carries `creationTimestamp: null` (a zero metav1.Time). kubectl's `rollout undo` encodes the
 * current template the same way and compares the bytes, so both sides here share this one builder.
 */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = sortedKeys(v);
  }
  return out;
}

export function templateRevisionData(template: { metadata?: object } | undefined): Record<string, unknown> {
  const withTimestamp = { ...(template ?? {}), metadata: { creationTimestamp: null, ...(template?.metadata ?? {}) }, $patch: "replace" };
  return { spec: { template: sortedKeys(withTimestamp) } };
}
