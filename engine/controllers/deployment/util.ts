import type { PodTemplateSpec } from "kubernetes-types/core/v1";
import type { Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet } from "kubernetes-types/apps/v1";
import { KUBE_NAME_ALPHABET } from "../../util/random";
import { deepEqual, stableStringify } from "../../util/json";

export const HASH_LABEL = "pod-template-hash";
export const REVISION = "deployment.kubernetes.io/revision";
export const REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
export const DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
export const MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";

/** Annotations of a Deployment that are not copied to its ReplicaSets (annotationsToSkip). */
const SKIPPED_ANNOTATIONS = new Set([
  "kubectl.kubernetes.io/last-applied-configuration",
  REVISION,
  REVISION_HISTORY,
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  "deprecated.deployment.rollback.to",
]);

function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  const bytes = Buffer.from(text, "utf8");
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * The pod-template-hash: an FNV-32a hash of the template (and collision count), its decimal digits
 * mapped onto the name alphabet as rand.SafeEncodeString does — so it looks like the real "7d4b9c8f6".
 * The real hash runs over Go's spew dump of the struct; the value differs but is just as stable.
 */
export function computeHash(template: PodTemplateSpec | undefined, collisionCount?: number): string {
  const text = stableStringify(template ?? {}) + (collisionCount !== undefined ? String(collisionCount) : "");
  const digits = String(fnv32a(text));
  return [...digits].map((d) => KUBE_NAME_ALPHABET[d.charCodeAt(0) % KUBE_NAME_ALPHABET.length]).join("");
}

/** Templates equal apart from the pod-template-hash label (EqualIgnoreHash). */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  const strip = (t: PodTemplateSpec | undefined) => {
    const copy = JSON.parse(JSON.stringify(t ?? {})) as PodTemplateSpec;
    if (copy.metadata?.labels) {
      delete copy.metadata.labels[HASH_LABEL];
      if (Object.keys(copy.metadata.labels).length === 0) delete copy.metadata.labels;
    }
    if (copy.metadata && Object.keys(copy.metadata).length === 0) delete copy.metadata;
    return copy;
  };
  return deepEqual(strip(a), strip(b));
}

/** An int-or-percent scaled against `total` (GetScaledValueFromIntOrPercent). */
export function scaledValue(value: number | string | undefined, total: number, roundUp: boolean, fallback: string): number {
  const v = value ?? fallback;
  if (typeof v === "number") return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return Number.parseInt(v, 10) || 0;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

export function replicasOf(d: Deployment): number {
  return d.spec?.replicas ?? 1;
}

export function isRollingUpdate(d: Deployment): boolean {
  return (d.spec?.strategy?.type ?? "RollingUpdate") === "RollingUpdate";
}

/** maxSurge and maxUnavailable resolved for the desired count; both zero is not allowed, so unavailable becomes 1. */
export function fenceposts(d: Deployment): { surge: number; unavailable: number } {
  const desired = replicasOf(d);
  const ru = d.spec?.strategy?.rollingUpdate;
  const surge = scaledValue(ru?.maxSurge as number | string | undefined, desired, true, "25%");
  let unavailable = scaledValue(ru?.maxUnavailable as number | string | undefined, desired, false, "25%");
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export function maxSurge(d: Deployment): number {
  return isRollingUpdate(d) ? fenceposts(d).surge : 0;
}

export function maxUnavailable(d: Deployment): number {
  if (!isRollingUpdate(d) || replicasOf(d) === 0) return 0;
  return Math.min(fenceposts(d).unavailable, replicasOf(d));
}

export const specReplicas = (rs: ReplicaSet | undefined) => rs?.spec?.replicas ?? 0;
export const sumSpec = (rss: (ReplicaSet | undefined)[]) => rss.reduce((n, rs) => n + specReplicas(rs), 0);
export const sumStatus = (rss: (ReplicaSet | undefined)[], field: "replicas" | "readyReplicas" | "availableReplicas") =>
  rss.reduce((n, rs) => n + ((rs?.status?.[field] as number | undefined) ?? 0), 0);

export function revisionOf(rs: ReplicaSet | undefined): number {
  return Number.parseInt(rs?.metadata?.annotations?.[REVISION] ?? "0", 10) || 0;
}

export function createdAt(rs: ReplicaSet): number {
  return Date.parse(rs.metadata?.creationTimestamp ?? "") || 0;
}

export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  return createdAt(a) - createdAt(b) || (a.metadata?.name ?? "").localeCompare(b.metadata?.name ?? "");
}

/** Copies the Deployment's annotations (minus the controller's own) onto a ReplicaSet; true if any changed. */
export function copyAnnotations(d: Deployment, rs: ReplicaSet): boolean {
  const annotations = (rs.metadata!.annotations ??= {});
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) {
    if (SKIPPED_ANNOTATIONS.has(k) || annotations[k] === v) continue;
    annotations[k] = v;
    changed = true;
  }
  return changed;
}

export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const annotations = (rs.metadata!.annotations ??= {});
  let changed = false;
  if (annotations[DESIRED_REPLICAS] !== String(desired)) {
    annotations[DESIRED_REPLICAS] = String(desired);
    changed = true;
  }
  if (annotations[MAX_REPLICAS] !== String(max)) {
    annotations[MAX_REPLICAS] = String(max);
    changed = true;
  }
  return changed;
}

/**
 * SetNewReplicaSetAnnotations: copies annotations, raises the revision, and when an older
 * ReplicaSet becomes current again (a rollback) remembers its previous revisions.
 */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: number, exists: boolean): boolean {
  let changed = copyAnnotations(d, rs);
  const annotations = rs.metadata!.annotations!;
  const oldText = annotations[REVISION];
  const old = Number.parseInt(oldText ?? "0", 10) || 0;
  if (old < newRevision) {
    annotations[REVISION] = String(newRevision);
    changed = true;
    if (oldText !== undefined) {
      const history = annotations[REVISION_HISTORY];
      annotations[REVISION_HISTORY] = history ? `${history},${oldText}` : oldText;
    }
  }
  if (!exists && setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d))) changed = true;
  return changed;
}

export function getCondition(status: DeploymentStatus, type: string): DeploymentCondition | undefined {
  return status.conditions?.find((c) => c.type === type);
}

/** SetDeploymentCondition: same status and reason is a no-op; same status keeps lastTransitionTime; the condition moves to the end. */
export function setCondition(status: DeploymentStatus, condition: DeploymentCondition): void {
  const current = getCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  if (current && current.status === condition.status) condition.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), condition];
}

export function removeCondition(status: DeploymentStatus, type: string): void {
  status.conditions = (status.conditions ?? []).filter((c) => c.type !== type);
  if (status.conditions.length === 0) delete status.conditions;
}

export function newCondition(type: string, status: "True" | "False" | "Unknown", reason: string, message: string, now: string): DeploymentCondition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}
