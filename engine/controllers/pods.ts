import type { Pod, PodTemplateSpec } from "kubernetes-types/core/v1";
import type { KubeObject, OwnerReference } from "../api/types";

/** Pods as the controllers see them: typed view over the stored JSON. */
export function asPod(obj: KubeObject): Pod {
  return obj as unknown as Pod;
}

export function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
}

/** controller.FilterActivePods: neither finished nor being deleted. */
export function isActive(pod: Pod): boolean {
  return !isTerminal(pod) && !pod.metadata?.deletionTimestamp;
}

export function readyCondition(pod: Pod) {
  return pod.status?.conditions?.find((c) => c.type === "Ready");
}

export function isReady(pod: Pod): boolean {
  return readyCondition(pod)?.status === "True";
}

/** Ready for at least minReadySeconds (podutil.IsPodAvailable). */
export function isAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  const ready = readyCondition(pod);
  if (ready?.status !== "True") return false;
  if (minReadySeconds <= 0) return true;
  const since = Date.parse(ready.lastTransitionTime ?? "");
  return !Number.isNaN(since) && since + minReadySeconds * 1000 <= now;
}

/** When a ready pod becomes available, for requeueing at the right moment. */
export function availableAt(pod: Pod, minReadySeconds: number): number | undefined {
  const ready = readyCondition(pod);
  if (ready?.status !== "True") return undefined;
  const since = Date.parse(ready.lastTransitionTime ?? "");
  return Number.isNaN(since) ? undefined : since + minReadySeconds * 1000;
}

export function controllerRef(obj: { metadata?: { ownerReferences?: OwnerReference[] } }): OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((r) => r.controller === true);
}

export function ownerRefTo(owner: KubeObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

/**
 * A pod built from a controller's template (controller.GetPodFromTemplate): the template's labels,
 * annotations, finalizers and spec, `generateName: <owner>-` and a controller reference.
 */
export function podFromTemplate(template: PodTemplateSpec, owner: KubeObject, generateName = `${owner.metadata.name}-`): KubeObject {
  const meta = template.metadata ?? {};
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      generateName,
      namespace: owner.metadata.namespace,
      ...(meta.labels ? { labels: { ...meta.labels } } : {}),
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
      ownerReferences: [ownerRefTo(owner)],
    },
    spec: JSON.parse(JSON.stringify(template.spec ?? {})),
  };
}

export function restartCount(pod: Pod): number {
  return (pod.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0);
}

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/**
 * ActivePodsWithRanks: the order in which a ReplicaSet gives up pods when scaling down — first
 * unscheduled, then pending, not ready, lower deletion cost, more crowded nodes, ready for less
 * time, restarted more, and finally the newest.
 */
export function compareForDeletion(a: Pod, b: Pod, rank: (p: Pod) => number, now: number): number {
  const assigned = (p: Pod) => (p.spec?.nodeName ? 1 : 0);
  if (assigned(a) !== assigned(b)) return assigned(a) - assigned(b);
  const phase = (p: Pod) => PHASE_RANK[p.status?.phase ?? "Pending"] ?? 0;
  if (phase(a) !== phase(b)) return phase(a) - phase(b);
  if (isReady(a) !== isReady(b)) return isReady(a) ? 1 : -1;
  const cost = (p: Pod) => Number(p.metadata?.annotations?.["controller.kubernetes.io/pod-deletion-cost"] ?? 0) || 0;
  if (cost(a) !== cost(b)) return cost(a) - cost(b);
  if (rank(a) !== rank(b)) return rank(b) - rank(a);
  if (isReady(a) && isReady(b)) {
    const readySince = (p: Pod) => Date.parse(readyCondition(p)?.lastTransitionTime ?? "") || now;
    // Logarithmic buckets: pods ready for a similar time (same power of two of seconds) count as equal.
    const bucket = (p: Pod) => Math.floor(Math.log2(Math.max(1, (now - readySince(p)) / 1000)));
    if (bucket(a) !== bucket(b)) return bucket(a) - bucket(b);
  }
  if (restartCount(a) !== restartCount(b)) return restartCount(b) - restartCount(a);
  const created = (p: Pod) => Date.parse(p.metadata?.creationTimestamp ?? "") || 0;
  const bucket = (p: Pod) => Math.floor(Math.log2(Math.max(1, (now - created(p)) / 1000)));
  if (bucket(a) !== bucket(b)) return bucket(a) - bucket(b);
  return 0;
}
