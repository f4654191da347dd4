import type { Node, Pod, Taint, Toleration } from "kubernetes-types/core/v1";
import { ApiError } from "../api/errors";
import type { AdmissionPlugin } from "../api/admission/types";
import type { KubeObject } from "../api/types";
import { tolerates } from "../scheduler/taints";
import type { Cluster } from "../cluster/cluster";
import { splitKey, type Controller, type ControllerContext, type ControllerFactory } from "./controller";
import { EventRecorder } from "./events";
import { asPod, isTerminal } from "./pods";

/**
 * When a pod on a node with NoExecute taints must go: now if some taint is not tolerated, at the
 * smallest tolerationSeconds after the taint appeared, or never (tolerated without a limit).
 */
export function evictionTime(pod: Pod, taints: Taint[], observedAt: (taint: Taint) => number = (t) => Date.parse(t.timeAdded ?? "") || 0): number | "now" | undefined {
  const noExecute = taints.filter((t) => t.effect === "NoExecute");
  if (noExecute.length === 0) return undefined;
  let deadline: number | undefined;
  for (const taint of noExecute) {
    const matching = (pod.spec?.tolerations ?? []).filter((t: Toleration) => tolerates(t, taint));
    if (matching.length === 0) return "now";
    const limits = matching.map((t) => t.tolerationSeconds).filter((s): s is number => typeof s === "number");
    // Any matching toleration without tolerationSeconds tolerates the taint for ever.
    if (limits.length < matching.length) continue;
    const added = observedAt(taint);
    const at = added + Math.max(0, Math.min(...limits)) * 1000;
    deadline = deadline === undefined ? at : Math.min(deadline, at);
  }
  return deadline;
}

function hasNoExecuteTaint(node: KubeObject | undefined): boolean {
  const taints = (node?.spec as Node["spec"] | undefined)?.taints;
  if (!taints) return false;
  for (const t of taints) if (t.effect === "NoExecute") return true;
  return false;
}

/** The taint eviction controller: deletes pods from nodes whose NoExecute taints they do not (or no longer) tolerate. */
export function taintEvictionController(cluster: Cluster): ControllerFactory {
  return (ctx) => taintEviction(cluster, ctx);
}

function taintEviction(cluster: Cluster, { client, clock, random, requeueAfter }: ControllerContext): Controller {
  /**
   * When each NoExecute taint was first seen: its timeAdded, or (kubectl taint sets none) the time
   * this controller first saw it, kept in cluster.extra so a restored session counts the same.
   */
  const observed = () => cluster.changePluginState<Record<string, number>>("noExecuteTaintsSeen", () => ({}));
  const observedAt = (node: string) => (taint: Taint) => {
    const stamp = Date.parse(taint.timeAdded ?? "");
    if (!Number.isNaN(stamp)) return stamp;
    const key = `${node}|${taint.key}|${taint.value ?? ""}|${taint.effect}`;
    return (observed()[key] ??= clock.now());
  };
  const recorder = new EventRecorder(client, clock, random, { component: "taint-eviction-controller" });
  const podsOn = (node: string) =>
    client.server.store
      .list("/pods")
      .filter((p) => (p.spec as { nodeName?: string }).nodeName === node)
      .map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
  return {
    name: "taint-eviction-controller",
    watches: ["/nodes", "/pods"],
    keysFor(event) {
      if (event.type === "DELETED") return [];
      if (event.typeKey === "/nodes") {
        const name = event.object.metadata.name!;
        const taints = ((event.object.spec as Node["spec"])?.taints ?? []).filter((t) => t.effect === "NoExecute");
        // Forget taints that are gone, so one put back later counts from then.
        for (const key of Object.keys(observed())) {
          if (key.startsWith(`${name}|`) && !taints.some((t) => key === `${name}|${t.key}|${t.value ?? ""}|${t.effect}`)) delete observed()[key];
        }
        for (const t of taints) observedAt(name)(t);
        return taints.length > 0 ? podsOn(name) : [];
      }
      // Only pods on a node with NoExecute taints can have anything to do (a pod waiting for its
      // tolerationSeconds has a timer that reconciles it anyway); every binding and pod status
      // write passes here, as the real controller's pod update handler skips untainted nodes.
      const nodeName = (event.object.spec as { nodeName?: string }).nodeName;
      if (!nodeName || !hasNoExecuteTaint(client.server.store.get("/nodes", undefined, nodeName))) return [];
      return [`${event.object.metadata.namespace}/${event.object.metadata.name}`];
    },
    resync: () => client.server.store.list("/nodes").flatMap((n) => podsOn(n.metadata.name!)),
    reconcile(key) {
      const { namespace, name } = splitKey(key);
      const obj = client.server.store.get("/pods", namespace, name);
      if (!obj || obj.metadata.deletionTimestamp) return;
      const pod = asPod(obj);
      if (isTerminal(pod) || !pod.spec?.nodeName) return;
      const node = client.server.store.get("/nodes", undefined, pod.spec.nodeName) as unknown as Node | undefined;
      const when = evictionTime(pod, node?.spec?.taints ?? [], observedAt(pod.spec.nodeName));
      if (when === undefined) return;
      if (when !== "now" && when > clock.now()) {
        requeueAfter(key, when - clock.now());
        return;
      }
      evict(obj);
    },
  };

  function evict(pod: KubeObject): void {
    const conditions = ((pod.status as { conditions?: Record<string, unknown>[] } | undefined)?.conditions ?? []).filter((c) => c.type !== "DisruptionTarget");
    conditions.push({ type: "DisruptionTarget", status: "True", lastProbeTime: null, lastTransitionTime: clock.nowRfc3339(), reason: "DeletionByTaintManager", message: "Taint manager: deleting due to NoExecute taint" });
    try {
      client.patchStatus("", "pods", pod.metadata.namespace, pod.metadata.name!, { conditions });
      recorder.normal(pod, "TaintManagerEviction", `Marking for deletion Pod ${pod.metadata.namespace}/${pod.metadata.name}`);
      client.delete("", "pods", pod.metadata.namespace, pod.metadata.name!);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }
}

/**
 * The DefaultTolerationSeconds admission plugin: pods tolerate not-ready and unreachable nodes for
 * 300 s unless they say otherwise, so a dead node's pods are evicted five minutes later.
 */
export const defaultTolerationSeconds: AdmissionPlugin = {
  name: "DefaultTolerationSeconds",
  mutate(attrs) {
    if (attrs.operation !== "CREATE" || attrs.def.group !== "" || attrs.def.resource !== "pods" || attrs.subresource || !attrs.object) return;
    const spec = ((attrs.object.spec ??= {}) as { tolerations?: Toleration[] });
    const tolerations = spec.tolerations ?? [];
    const add: Toleration[] = [];
    for (const key of ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"]) {
      const taint = { key, effect: "NoExecute" };
      if (!tolerations.some((t) => tolerates(t, taint))) add.push({ key, operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 });
    }
    if (add.length > 0) spec.tolerations = [...tolerations, ...add];
  },
};
