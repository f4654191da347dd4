import type { DaemonSet } from "kubernetes-types/apps/v1";
import type { Node, Pod, Toleration } from "kubernetes-types/core/v1";
import { ApiError } from "../api/errors";
import { fromLabelSelector, matches } from "../api/selectors/labels";
import type { KubeObject } from "../api/types";
import { podMatchesNodeSelectorAndAffinity } from "../scheduler/node-selectors";
import { firstUntolerated } from "../scheduler/taints";
import { deepEqual } from "../util/json";
import { splitKey, type ControllerFactory } from "./controller";
import { scaledValue } from "./deployment/util";
import { EventRecorder } from "./events";
import { asPod, controllerRef, isAvailable, isReady, podFromTemplate } from "./pods";
import { currentRevision, pruneRevisions, REVISION_HASH_LABEL } from "./revisions";

/** Tolerations every daemon pod gets (util.AddOrUpdateDaemonPodTolerations). */
export function daemonTolerations(hostNetwork: boolean): Toleration[] {
  const t: Toleration[] = [
    { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" },
    { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute" },
    { key: "node.kubernetes.io/disk-pressure", operator: "Exists", effect: "NoSchedule" },
    { key: "node.kubernetes.io/memory-pressure", operator: "Exists", effect: "NoSchedule" },
    { key: "node.kubernetes.io/pid-pressure", operator: "Exists", effect: "NoSchedule" },
    { key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" },
  ];
  if (hostNetwork) t.push({ key: "node.kubernetes.io/network-unavailable", operator: "Exists", effect: "NoSchedule" });
  return t;
}

/** The daemon pod for one node: the template plus the daemon tolerations and a node-name affinity. */
function daemonPodSpec(ds: DaemonSet, nodeName: string): Pod["spec"] {
  const spec = JSON.parse(JSON.stringify(ds.spec?.template?.spec ?? {})) as NonNullable<Pod["spec"]>;
  const tolerations = spec.tolerations ?? [];
  for (const t of daemonTolerations(!!spec.hostNetwork)) if (!tolerations.some((x) => x.key === t.key && x.effect === t.effect)) tolerations.push(t);
  spec.tolerations = tolerations;
  const affinity = (spec.affinity ??= {});
  const nodeAffinity = (affinity.nodeAffinity ??= {});
  const nameTerm = { matchFields: [{ key: "metadata.name", operator: "In", values: [nodeName] }] };
  nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: [nameTerm] };
  return spec;
}

/** Whether a daemon pod should run on the node: selector/affinity match and its NoSchedule/NoExecute taints tolerated. */
export function shouldRunOn(ds: DaemonSet, node: Node): boolean {
  const probe = { metadata: { name: "probe" }, spec: { ...(ds.spec?.template?.spec ?? { containers: [] }), tolerations: daemonPodSpec(ds, node.metadata!.name!)!.tolerations } } as Pod;
  if (!podMatchesNodeSelectorAndAffinity(probe, node)) return false;
  return !firstUntolerated(node.spec?.taints, probe.spec?.tolerations, ["NoSchedule", "NoExecute"]);
}

/** A node as shouldIgnoreNodeUpdate compares it: without resourceVersion, managedFields (trimmed from the controller-manager's informers) or condition times. */
function nodeLooksApartFromHeartbeats(node: KubeObject): string {
  const status = node.status as { conditions?: { type: string; status: string }[] } | undefined;
  return JSON.stringify([
    { ...node.metadata, resourceVersion: undefined, managedFields: undefined },
    node.spec,
    { ...status, conditions: status?.conditions?.map((c) => [c.type, c.status]) },
  ]);
}

const nodeOfPod = (p: Pod) =>
  p.spec?.nodeName ?? p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]?.matchFields?.find((f) => f.key === "metadata.name")?.values?.[0];

/**
 * The DaemonSet controller: one pod per eligible node (scheduled by the default scheduler through a
 * node-name affinity), daemon tolerations, RollingUpdate within maxUnavailable or OnDelete, and the
 * desired/current/ready/updated/available numbers.
 */
export const daemonSetController: ControllerFactory = ({ client, clock, random, requeueAfter }) => {
  const recorder = new EventRecorder(client, clock, random, { component: "daemonset-controller" });
  const all = () => client.server.store.list("apps/daemonsets").map((d) => `${d.metadata.namespace}/${d.metadata.name}`);
  // shouldIgnoreNodeUpdate: a node update that changes only condition times (a kubelet's status
  // report) wakes no DaemonSet. What each node last looked like apart from those; a cache (empty
  // after a restore, when the first update of each node reconciles as before).
  const nodeLooks = new Map<string, string>();
  return {
    name: "daemonset-controller",
    watches: ["apps/daemonsets", "/pods", "/nodes"],
    keysFor(event) {
      if (event.typeKey === "apps/daemonsets") return [`${event.object.metadata.namespace}/${event.object.metadata.name}`];
      if (event.typeKey === "/nodes") {
        const name = event.object.metadata.name!;
        if (event.type === "DELETED") {
          nodeLooks.delete(name);
          return all();
        }
        const looks = nodeLooksApartFromHeartbeats(event.object);
        const same = event.type === "MODIFIED" && nodeLooks.get(name) === looks;
        nodeLooks.set(name, looks);
        return same ? [] : all();
      }
      const ref = controllerRef(event.object);
      return ref?.kind === "DaemonSet" ? [`${event.object.metadata.namespace}/${ref.name}`] : [];
    },
    resync: all,
    reconcile(key) {
      const { namespace, name } = splitKey(key);
      const obj = client.get("apps", "daemonsets", namespace, name);
      if (!obj || obj.metadata.deletionTimestamp) return;
      const ds = obj as unknown as DaemonSet;
      const selector = fromLabelSelector(ds.spec!.selector);
      const now = clock.now();
      const minReady = ds.spec?.minReadySeconds ?? 0;
      const rev = currentRevision(client, obj, ds.spec?.template);
      const pods = client.server.store
        .list("/pods", namespace)
        .filter((p) => controllerRef(p)?.uid === obj.metadata.uid && matches(selector, p.metadata.labels))
        .map(asPod);
      const nodes = client.server.store.list("/nodes").map((n) => n as unknown as Node);
      const byNode = new Map<string, Pod[]>();
      for (const p of pods) {
        const n = nodeOfPod(p);
        if (n) byNode.set(n, [...(byNode.get(n) ?? []), p]);
      }
      const isCurrent = (p: Pod) => p.metadata?.labels?.[REVISION_HASH_LABEL] === rev.hash;
      const wanted = nodes.filter((n) => shouldRunOn(ds, n));
      let desired = 0;
      let scheduled = 0;
      let misscheduled = 0;
      let ready = 0;
      let available = 0;
      let updated = 0;
      const rolling = (ds.spec?.updateStrategy?.type ?? "RollingUpdate") === "RollingUpdate";
      const maxUnavailable = rolling ? Math.max(1, scaledValue(ds.spec?.updateStrategy?.rollingUpdate?.maxUnavailable as number | string | undefined, wanted.length, true, "1")) : 0;
      let unavailableNow = 0;
      const oldToReplace: Pod[] = [];
      for (const node of nodes) {
        const nodeName = node.metadata!.name!;
        const should = wanted.includes(node);
        const live = (byNode.get(nodeName) ?? []).filter((p) => !p.metadata?.deletionTimestamp);
        if (should) {
          desired++;
          if (live.length === 0) {
            if (!(byNode.get(nodeName) ?? []).some((p) => p.metadata?.deletionTimestamp)) createPod(obj, ds, nodeName, rev);
            unavailableNow++;
            continue;
          }
          scheduled++;
          const [keep, ...extra] = [...live].sort((a, b) => Number(isCurrent(b)) - Number(isCurrent(a)));
          for (const p of extra) deletePod(obj, p);
          if (keep.status?.phase === "Failed") {
            deletePod(obj, keep);
            continue;
          }
          if (isReady(keep)) ready++;
          if (isAvailable(keep, minReady, now)) available++;
          else unavailableNow++;
          if (isCurrent(keep)) updated++;
          else if (rolling) oldToReplace.push(keep);
        } else if (live.length > 0) {
          misscheduled++;
          for (const p of live) deletePod(obj, p);
        }
      }
      // RollingUpdate: replace old pods while no more than maxUnavailable are down (unavailable old ones first).
      const budget = maxUnavailable - unavailableNow;
      const ordered = [...oldToReplace].sort((a, b) => Number(isAvailable(a, minReady, now)) - Number(isAvailable(b, minReady, now)));
      let used = 0;
      for (const p of ordered) {
        if (!isAvailable(p, minReady, now)) deletePod(obj, p);
        else if (used < budget) {
          deletePod(obj, p);
          used++;
        }
      }
      const status: Record<string, unknown> = {
        currentNumberScheduled: scheduled,
        desiredNumberScheduled: desired,
        numberMisscheduled: misscheduled,
        numberReady: ready,
        ...(obj.metadata.generation !== undefined ? { observedGeneration: obj.metadata.generation } : {}),
        ...(updated ? { updatedNumberScheduled: updated } : {}),
        ...(available ? { numberAvailable: available } : {}),
        ...(desired - available > 0 ? { numberUnavailable: desired - available } : {}),
      };
      if (!deepEqual(status, obj.status ?? {})) {
        try {
          client.update({ ...obj, status }, "status");
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
        }
      }
      if (minReady > 0 && ready > available) requeueAfter(key, minReady * 1000);
      const live = new Set(pods.map((p) => `${name}-${p.metadata?.labels?.[REVISION_HASH_LABEL]}`));
      live.add(rev.name);
      pruneRevisions(client, obj, live, ds.spec?.revisionHistoryLimit ?? 10);
    },
  };

  function createPod(owner: KubeObject, ds: DaemonSet, nodeName: string, rev: { hash: string }): void {
    const template = JSON.parse(JSON.stringify(ds.spec?.template ?? {}));
    template.metadata = {
      ...(template.metadata ?? {}),
      labels: { ...(template.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: rev.hash, "pod-template-generation": String(owner.metadata.generation ?? 1) },
    };
    template.spec = daemonPodSpec(ds, nodeName);
    try {
      const pod = client.create(podFromTemplate(template, owner));
      recorder.normal(owner, "SuccessfulCreate", `Created pod: ${pod.metadata.name}`);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      recorder.warning(owner, "FailedCreate", `Error creating: ${e.message}`);
    }
  }

  function deletePod(owner: KubeObject, pod: Pod): void {
    try {
      client.delete("", "pods", pod.metadata!.namespace, pod.metadata!.name!);
      recorder.normal(owner, "SuccessfulDelete", `Deleted pod: ${pod.metadata!.name}`);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }
};
