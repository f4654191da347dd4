import type { Node, NodeCondition, Pod, Taint } from "kubernetes-types/core/v1";
import { ApiError } from "../api/errors";
import type { KubeObject } from "../api/types";
import { deepEqual } from "../util/json";
import type { ControllerFactory } from "./controller";
import { EventRecorder } from "./events";
import { vouchedUntil } from "./heartbeats";
import { asPod } from "./pods";

/** --node-monitor-grace-period: silence longer than this makes a node Unknown. */
export const NODE_MONITOR_GRACE_MS = 40_000;
/** --node-startup-grace-period: a node that never reported gets this long. */
export const NODE_STARTUP_GRACE_MS = 60_000;

const NOT_READY = "node.kubernetes.io/not-ready";
const UNREACHABLE = "node.kubernetes.io/unreachable";
/** Condition → NoSchedule taint (TaintNodesByCondition). */
const CONDITION_TAINTS: [string, string, string][] = [
  ["MemoryPressure", "True", "node.kubernetes.io/memory-pressure"],
  ["DiskPressure", "True", "node.kubernetes.io/disk-pressure"],
  ["PIDPressure", "True", "node.kubernetes.io/pid-pressure"],
  ["NetworkUnavailable", "True", "node.kubernetes.io/network-unavailable"],
];
const MANAGED = new Set([NOT_READY, UNREACHABLE, "node.kubernetes.io/unschedulable", ...CONDITION_TAINTS.map((c) => c[2])]);

function time(value: string | undefined): number {
  const t = Date.parse(value ?? "");
  return Number.isNaN(t) ? 0 : t;
}

/** The taints the controller wants for the node's conditions, keeping the others as they are. */
function desiredTaints(node: Node, now: string): Taint[] {
  const conditions = node.status?.conditions ?? [];
  const ready = conditions.find((c) => c.type === "Ready");
  const wanted: Taint[] = [];
  if (ready?.status === "False") wanted.push({ key: NOT_READY, effect: "NoSchedule" }, { key: NOT_READY, effect: "NoExecute" });
  if (ready?.status === "Unknown") wanted.push({ key: UNREACHABLE, effect: "NoSchedule" }, { key: UNREACHABLE, effect: "NoExecute" });
  if (node.spec?.unschedulable) wanted.push({ key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" });
  for (const [type, status, key] of CONDITION_TAINTS) if (conditions.some((c) => c.type === type && c.status === status)) wanted.push({ key, effect: "NoSchedule" });
  const current = node.spec?.taints ?? [];
  const kept = current.filter((t) => !MANAGED.has(t.key) || wanted.some((w) => w.key === t.key && w.effect === t.effect));
  for (const w of wanted) {
    if (kept.some((t) => t.key === w.key && t.effect === w.effect)) continue;
    kept.push(w.effect === "NoExecute" ? { ...w, timeAdded: now } : w);
  }
  return kept;
}

/**
 * The node lifecycle controller: a node whose kubelet stops renewing its lease and posting status
 * for 40 s turns Unknown ("Kubelet stopped posting node status."), its pods are marked not ready,
 * and the not-ready / unreachable (NoSchedule and NoExecute) and condition taints follow the
 * node's conditions.
 */
export const nodeLifecycleController: ControllerFactory = ({ client, clock, random, requeueAfter, pendingAt }) => {
  const recorder = new EventRecorder(client, clock, random, { component: "node-controller" });
  // One pending health check per node (it was one per lease renewal: four per node). A renewal
  // only moves a node's deadline later, and a pending check moves itself there when it fires, so
  // a renewal seen while a check is pending needs no reconcile. The check lives on the clock (it
  // survives a snapshot); the renewal time last seen is a cache: empty after a restore, when the
  // first renewal of each node reconciles as before.
  const renewedAt = new Map<string, number>();
  const renewTimeOf = (lease: KubeObject | undefined) => time((lease?.spec as { renewTime?: string } | undefined)?.renewTime);
  const checkPending = (name: string) => (pendingAt?.(name) ?? -Infinity) > clock.now();
  return {
    name: "node-lifecycle-controller",
    watches: ["/nodes", "coordination.k8s.io/leases"],
    keysFor(event) {
      const name = event.object.metadata.name!;
      if (event.typeKey === "/nodes") return event.type === "DELETED" ? [] : [name];
      if (event.object.metadata.namespace !== "kube-node-lease") return [];
      const renewed = renewTimeOf(event.object);
      if (event.type === "MODIFIED" && renewed >= (renewedAt.get(name) ?? Infinity) && checkPending(name)) {
        renewedAt.set(name, renewed);
        return [];
      }
      return [name];
    },
    resync: () => client.server.store.list("/nodes").map((n) => n.metadata.name!),
    reconcile(name) {
      const obj = client.get("", "nodes", undefined, name);
      if (!obj) {
        renewedAt.delete(name);
        return;
      }
      let node = obj as unknown as Node;
      const now = clock.now();
      const lease = client.server.store.get("coordination.k8s.io/leases", "kube-node-lease", name);
      if (lease) renewedAt.set(name, renewTimeOf(lease));
      else renewedAt.delete(name);
      const conditions = node.status?.conditions ?? [];
      const ready = conditions.find((c) => c.type === "Ready");
      // Renewals its kubelet skipped in a quiet stretch (controllers/heartbeats.ts) count as made.
      const vouched = vouchedUntil(client.server.store, name, now) ?? 0;
      const lastProbe = Math.max(renewTimeOf(lease), vouched, ...conditions.map((c) => time(c.lastHeartbeatTime)));
      const grace = ready ? NODE_MONITOR_GRACE_MS : NODE_STARTUP_GRACE_MS;
      const since = lastProbe || time(node.metadata?.creationTimestamp ?? undefined);
      if (now - since > grace && ready?.status !== "Unknown") {
        node = markUnknown(obj);
        if (ready?.status === "True" || !ready) {
          recorder.normal(obj, "NodeNotReady", `Node ${name} status is now: NodeNotReady`);
          markPodsNotReady(name);
        }
      } else if (now - since <= grace) {
        // A check already pending at or before this deadline reschedules itself when it fires.
        const due = since + grace + 1000;
        const pending = pendingAt?.(name);
        if (pending === undefined || pending > due) requeueAfter(name, due - now);
      }
      const taints = desiredTaints(node, clock.nowRfc3339());
      if (!deepEqual(taints, node.spec?.taints ?? [])) {
        try {
          client.patch("", "nodes", undefined, name, { spec: { taints: taints.length ? taints : null } });
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
        }
      }
    },
  };

  function markUnknown(obj: KubeObject): Node {
    const node = obj as unknown as Node;
    const nowText = clock.nowRfc3339();
    const types = ["MemoryPressure", "DiskPressure", "PIDPressure", "Ready"];
    const existing = node.status?.conditions ?? [];
    const conditions: NodeCondition[] = existing.map((c) =>
      types.includes(c.type) ? { ...c, status: "Unknown", reason: "NodeStatusUnknown", message: "Kubelet stopped posting node status.", lastTransitionTime: nowText } : c,
    );
    for (const type of types) {
      if (!existing.some((c) => c.type === type)) {
        conditions.push({ type, status: "Unknown", reason: "NodeStatusNeverUpdated", message: "Kubelet never posted node status.", lastHeartbeatTime: node.metadata?.creationTimestamp, lastTransitionTime: nowText } as NodeCondition);
      }
    }
    try {
      return client.patchStatus("", "nodes", undefined, node.metadata!.name!, { conditions }) as unknown as Node;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      return node;
    }
  }

  function markPodsNotReady(nodeName: string): void {
    const pods = client.server.store.list("/pods").map(asPod).filter((p: Pod) => p.spec?.nodeName === nodeName);
    for (const pod of pods) {
      const conditions = pod.status?.conditions ?? [];
      if (!conditions.some((c) => c.type === "Ready" && c.status === "True")) continue;
      const next = conditions.map((c) => (c.type === "Ready" ? { ...c, status: "False", lastTransitionTime: clock.nowRfc3339() } : c));
      try {
        const updated = client.patchStatus("", "pods", pod.metadata!.namespace, pod.metadata!.name!, { conditions: next });
        recorder.warning(updated, "NodeNotReady", "Node is not ready");
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
      }
    }
  }
};
