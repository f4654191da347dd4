import type { Pod, PodCondition } from "kubernetes-types/core/v1";
import type { PodDisruptionBudget } from "kubernetes-types/policy/v1";
import type { KubeObject } from "../api/types";
import type { Cluster } from "../cluster/cluster";
import type { Controller, ControllerContext } from "../controllers/controller";
import { splitKey } from "../controllers/controller";
import { EventRecorder } from "../controllers/events";
import { podKey, podPriority, type PodInfo, type SchedulerCache } from "./cache";
import { newCycle, nominatedFor, runFilters, runPreFilters, schedulePod } from "./algorithm";
import type { Cycle } from "./framework";
import { stableStringify } from "../util/json";
import { fitErrorMessage } from "./fit-error";
import { preempt } from "./preemption";
import { DEFAULT_SCHEDULER, runningSchedulers, schedulerNamesOf } from "./running-schedulers";
import { podClaimNames, isWaitForFirstConsumer } from "./plugins/volume-binding";
import { findMatchingVolume } from "../controllers/volumes/matching";
import type { PersistentVolumeClaim } from "kubernetes-types/core/v1";

const INITIAL_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 10_000;
/** Unschedulable pods are retried at least this often even if nothing changes (podMaxInUnschedulablePodsDuration). */
const UNSCHEDULABLE_FLUSH_MS = 5 * 60_000;

/** Which plugins rejected a pod decides which cluster changes can help it (a light form of queueing hints). */
const HELPED_BY: Record<string, string[]> = {
  node: ["*"],
  "pod-deleted": ["NodeResourcesFit", "NodePorts", "InterPodAffinity", "PodTopologySpread", "DefaultPreemption"],
  "pod-labels": ["InterPodAffinity", "PodTopologySpread"],
  "pod-assigned": ["InterPodAffinity", "PodTopologySpread"],
  "/persistentvolumeclaims": ["VolumeBinding"],
  "/persistentvolumes": ["VolumeBinding"],
  "storage.k8s.io/storageclasses": ["VolumeBinding"],
  "/namespaces": ["InterPodAffinity"],
};

/** What the scheduler remembers about a pod that failed to schedule: kept in cluster.extra so it snapshots. */
interface PendingRecord {
  attempts: number;
  lastAttempt: number;
  rejectedBy: string[];
  /** Labels and spec when it failed: an edit that changes them gets a fresh attempt. */
  signature: string;
}

interface SchedulerState {
  nextStartNodeIndex: Record<string, number>;
  pending: Record<string, PendingRecord>;
}

function stateOf(cluster: Cluster): SchedulerState {
  return cluster.changePluginState<SchedulerState>("scheduler", () => ({ nextStartNodeIndex: {}, pending: {} }));
}

function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, INITIAL_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
}

export function schedulerNameOf(pod: Pod): string {
  return pod.spec?.schedulerName || DEFAULT_SCHEDULER;
}

function needsScheduling(pod: Pod): boolean {
  return !pod.spec?.nodeName && !pod.metadata?.deletionTimestamp && pod.status?.phase !== "Succeeded" && pod.status?.phase !== "Failed";
}

function looksLikeScheduler(pod: Pod): boolean {
  return (pod.spec?.containers ?? []).some((c) => (c.image ?? "").includes("kube-scheduler") || [...(c.command ?? []), ...(c.args ?? [])].some((a) => a.includes("kube-scheduler")));
}

export interface SchedulerLoopOptions {
  /** "default": serves default-scheduler; "pods": serves the names of schedulers running as pods. */
  mode: "default" | "pods";
  cache: SchedulerCache;
  cluster: Cluster;
}

/**
 * kube-scheduler as a control loop: pending pods are keys; each reconcile is one scheduling
 * cycle (filter, score, bind through pods/binding) or a failure (FailedScheduling event,
 * PodScheduled=False, preemption, backoff). Unschedulable pods come back when the cluster changes
 * in a way that can help them, or after five minutes.
 */
export function schedulerLoop(options: SchedulerLoopOptions) {
  const { cache, cluster, mode } = options;
  return (ctx: ControllerContext): Controller & { moveUnschedulable(reason: string): void } => {
    const { client, clock, random, requeueAfter } = ctx;
    const name = mode === "default" ? "default-scheduler" : "pod-schedulers";
    const recorders = new Map<string, EventRecorder>();
    const recorderFor = (schedulerName: string, instance: string) => {
      const key = `${schedulerName}|${instance}`;
      let r = recorders.get(key);
      if (!r) {
        r = new EventRecorder(client, clock, random, { component: schedulerName }, { style: "events.k8s.io", reportingInstance: instance });
        recorders.set(key, r);
      }
      return r;
    };
    const readNodeFile = (node: string, path: string) => cluster.hosts.get(node)?.fs.readFileSync(path) ?? undefined;
    const defaultInstance = () => `${DEFAULT_SCHEDULER}-${cluster.spec.nodes.find((n) => n.role === "control-plane")?.name ?? "controlplane"}`;

    /** The scheduler serving this pod in this loop, or undefined if it is not ours (or not running). */
    const servingScheduler = (pod: Pod): { name: string; instance: string } | undefined => {
      const wanted = schedulerNameOf(pod);
      if (mode === "default") return wanted === DEFAULT_SCHEDULER ? { name: wanted, instance: defaultInstance() } : undefined;
      if (wanted === DEFAULT_SCHEDULER) return undefined;
      return runningSchedulers(cluster.store, readNodeFile).get(wanted);
    };

    const ours = (pod: Pod) => (mode === "default" ? schedulerNameOf(pod) === DEFAULT_SCHEDULER : schedulerNameOf(pod) !== DEFAULT_SCHEDULER);

    const pendingPodsFor = (names: string[]) =>
      cluster.store
        .list("/pods")
        .map((o) => o as unknown as Pod)
        .filter((p) => needsScheduling(p) && names.includes(schedulerNameOf(p)))
        .sort((a, b) => podPriority(b) - podPriority(a))
        .map(podKey);

    const moveUnschedulable = (reason: string) => {
      const helped = HELPED_BY[reason] ?? ["*"];
      const state = stateOf(cluster);
      // Only the pods this change can help are sorted, each priority read once: every bind of a
      // labelled pod comes here, and hundreds of pods may be pending. (The sort is stable, so the
      // order is the one sorting them all would give.)
      const keys = Object.keys(state.pending)
        .filter((key) => helped.includes("*") || state.pending[key].rejectedBy.some((p) => helped.includes(p)))
        .map((key) => ({ key, priority: podPriority((cluster.store.get("/pods", splitKey(key).namespace, splitKey(key).name) ?? {}) as Pod) }))
        .sort((a, b) => b.priority - a.priority)
        .map((entry) => entry.key);
      for (const key of keys) {
        const record = state.pending[key];
        const pod = cluster.store.get("/pods", splitKey(key).namespace, splitKey(key).name) as unknown as Pod | undefined;
        if (!pod || !ours(pod)) continue;
        const wait = record.lastAttempt + backoffMs(record.attempts) - clock.now();
        if (wait > 0) requeueAfter(key, wait);
        else cluster.controllers.enqueue(name, key);
      }
    };

    const updateCondition = (pod: Pod, condition: PodCondition | undefined, nominatedNodeName: string | undefined) => {
      const current = pod.status?.conditions ?? [];
      const old = current.find((c) => c.type === "PodScheduled");
      const nominationChanged = (pod.status?.nominatedNodeName ?? "") !== (nominatedNodeName ?? "");
      const same = condition && old && old.status === condition.status && old.reason === condition.reason && old.message === condition.message;
      if ((same || !condition) && !nominationChanged) return;
      const next = condition
        ? {
            ...condition,
            lastProbeTime: null,
            lastTransitionTime: old && old.status === condition.status ? old.lastTransitionTime : clock.nowRfc3339(),
          }
        : undefined;
      const conditions = next ? [...current.filter((c) => c.type !== "PodScheduled"), next] : current;
      client.patchStatus("", "pods", pod.metadata!.namespace, pod.metadata!.name!, {
        conditions,
        nominatedNodeName: nominatedNodeName ?? null,
      });
    };

    /** PreBind for WaitForFirstConsumer claims: pick a static volume or ask the provisioner for one on this node. */
    const prebindVolumes = (pod: Pod, nodeName: string) => {
      const node = cache.nodeInfo(nodeName)?.node;
      for (const claimName of podClaimNames(pod)) {
        const claim = cluster.store.get("/persistentvolumeclaims", pod.metadata!.namespace, claimName) as unknown as PersistentVolumeClaim | undefined;
        if (!claim || claim.spec?.volumeName || !isWaitForFirstConsumer(cluster.store, claim)) continue;
        const pv = findMatchingVolume(cluster.store, claim, { node });
        if (pv) {
          client.patch("", "persistentvolumes", undefined, pv.metadata!.name!, {
            metadata: { annotations: { "pv.kubernetes.io/bound-by-controller": "yes" } },
            spec: { claimRef: { kind: "PersistentVolumeClaim", namespace: claim.metadata!.namespace, name: claim.metadata!.name, uid: claim.metadata!.uid, apiVersion: "v1", resourceVersion: claim.metadata!.resourceVersion } },
          });
        } else if (claim.metadata?.annotations?.["volume.kubernetes.io/selected-node"] !== nodeName) {
          client.patch("", "persistentvolumeclaims", claim.metadata!.namespace, claimName, {
            metadata: { annotations: { "volume.kubernetes.io/selected-node": nodeName } },
          });
        }
      }
    };

    const scheduleOne = (key: string) => {
      const { namespace, name: podName } = splitKey(key);
      const state = stateOf(cluster);
      // A read that only looks, on the hottest path: straight from the store (engine README allows it).
      const obj = cluster.store.get("/pods", namespace, podName);
      const pod = obj as unknown as Pod | undefined;
      if (!pod || !needsScheduling(pod)) {
        delete state.pending[key];
        return;
      }
      // Both loops share the pending records; the other loop's pod (met on a resync) keeps its own.
      if (!ours(pod)) return;
      if ((pod.spec?.schedulingGates ?? []).length > 0) return;
      const scheduler = servingScheduler(pod);
      if (!scheduler) return;
      const record = state.pending[key];
      if (record) {
        const wait = record.lastAttempt + backoffMs(record.attempts) - clock.now();
        if (wait > 0) {
          requeueAfter(key, wait);
          return;
        }
      }
      const recorder = recorderFor(scheduler.name, scheduler.instance);
      const allNominated = cache.nominated();
      const cycle = newCycle(pod, cache, new Map());
      cycle.nominated = nominatedFor(cycle, allNominated);
      const nodes = cache.nodes();
      const start = (state.nextStartNodeIndex[scheduler.name] ?? 0) % Math.max(1, nodes.length);
      // A pod nominated by an earlier preemption tries its node first (evaluateNominatedNode).
      const nominated = pod.status?.nominatedNodeName;
      const nominatedInfo = nominated ? cache.nodeInfo(nominated) : undefined;
      let outcome: ReturnType<typeof schedulePod> | undefined;
      if (nominatedInfo?.node && !runPreFilters(cycle) && !runFilters(cycle, nominatedInfo)) outcome = { node: nominated!, evaluated: 0 };
      // A cycle whose PreFilters ran for the nominated node starts afresh; an untouched one is used as it is.
      outcome ??= schedulePod(nominatedInfo?.node ? newCycleFrom(cycle) : cycle, start, random);
      state.nextStartNodeIndex[scheduler.name] = nodes.length > 0 ? (start + outcome.evaluated) % nodes.length : 0;
      if ("node" in outcome) {
        prebindVolumes(pod, outcome.node);
        try {
          client.subresource("POST", "", "pods", namespace, podName, "binding", {
            apiVersion: "v1",
            kind: "Binding",
            metadata: { name: podName, namespace, uid: pod.metadata!.uid },
            target: { apiVersion: "v1", kind: "Node", name: outcome.node },
          });
        } catch {
          // The pod changed under us (deleted, bound by someone else); its next event decides.
          return;
        }
        delete state.pending[key];
        recorder.normal(obj!, "Scheduled", `Successfully assigned ${namespace}/${podName} to ${outcome.node}`, { action: "Binding" });
        return;
      }
      const diagnosis = outcome.diagnosis;
      let nominatedNode: string | undefined = pod.status?.nominatedNodeName;
      if (diagnosis.numAllNodes > 0) {
        const pdbs = client.list("policy", "poddisruptionbudgets") as unknown as PodDisruptionBudget[];
        const preemption = preempt(cycle, diagnosis, pdbs);
        if (preemption.node) {
          nominatedNode = preemption.node;
          for (const victim of preemption.victims) evictVictim(victim, pod, preemption.node, scheduler.name, recorder);
        } else {
          diagnosis.postFilterMsg = preemption.message;
          if (!preemption.keepNomination) nominatedNode = undefined;
        }
      }
      // With no nodes at all the scheduler reports ErrNoNodesAvailable instead of a FitError.
      const message = diagnosis.numAllNodes === 0 ? "no nodes available to schedule pods" : fitErrorMessage(diagnosis);
      const rejectedBy = [...new Set([...diagnosis.nodeToStatus.values()].map((r) => r.plugin).concat(diagnosis.preFilter ? [diagnosis.preFilter.plugin] : []))];
      state.pending[key] = {
        attempts: (record?.attempts ?? 0) + 1,
        lastAttempt: clock.now(),
        rejectedBy: nominatedNode ? [...rejectedBy, "DefaultPreemption"] : rejectedBy,
        signature: signature(pod),
      };
      recorder.warning(obj!, "FailedScheduling", message, { action: "Scheduling" });
      updateCondition(pod, { type: "PodScheduled", status: "False", reason: "Unschedulable", message }, nominatedNode);
      requeueAfter(key, UNSCHEDULABLE_FLUSH_MS);
    };

    const newCycleFrom = (cycle: Cycle): Cycle => ({ ...cycle, data: new Map() });

    /** The preemption victim gets a DisruptionTarget condition and a Preempted event, then is deleted gracefully. */
    const evictVictim = (victim: PodInfo, preemptor: Pod, node: string, schedulerName: string, recorder: EventRecorder) => {
      const v = victim.pod;
      const conditions = (v.status?.conditions ?? []).filter((c) => c.type !== "DisruptionTarget");
      conditions.push({
        type: "DisruptionTarget",
        status: "True",
        reason: "PreemptionByScheduler",
        message: `${schedulerName}: preempting to accommodate a higher priority pod`,
        lastTransitionTime: clock.nowRfc3339(),
      } as PodCondition);
      try {
        client.patchStatus("", "pods", v.metadata!.namespace, v.metadata!.name!, { conditions });
      } catch {
        return;
      }
      recorder.normal(v as unknown as KubeObject, "Preempted", `Preempted by pod ${preemptor.metadata!.uid} on node ${node}`, { action: "Preempting" });
      client.delete("", "pods", v.metadata!.namespace, v.metadata!.name!);
    };

    return {
      name,
      watches: ["/pods"],
      keysFor(event) {
        const pod = event.object as unknown as Pod;
        const key = podKey(pod);
        if (event.type === "DELETED") {
          delete stateOf(cluster).pending[key];
          return [];
        }
        const keys: string[] = [];
        // A scheduler pod that starts running takes over the pods waiting for it.
        if (mode === "pods" && pod.status?.phase === "Running" && looksLikeScheduler(pod)) {
          const names = schedulerNamesOf(cluster.store, pod, readNodeFile).filter((n) => n !== DEFAULT_SCHEDULER);
          if (names.length > 0) keys.push(...pendingPodsFor(names));
        }
        if (!needsScheduling(pod) || !ours(pod)) return keys;
        // Our own status writes on a pod that failed are not news; an edit of its labels or spec is.
        if (event.type === "MODIFIED" && stateOf(cluster).pending[key]?.signature === signature(pod)) return keys;
        keys.push(key);
        return keys;
      },
      resync: () => pendingPodsFor(mode === "default" ? [DEFAULT_SCHEDULER] : [...runningSchedulers(cluster.store, readNodeFile).keys()]),
      reconcile: scheduleOne,
      moveUnschedulable,
    };
  };
}

function signature(pod: Pod): string {
  return stableStringify([pod.metadata?.labels ?? {}, pod.spec ?? {}]);
}
