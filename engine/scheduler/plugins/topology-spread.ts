import type { TopologySpreadConstraint } from "kubernetes-types/core/v1";
import { fromLabelSelector, type LabelSelectorObject, type Selector } from "../../api/selectors/labels";
import { labelsMatch, type NodeInfo } from "../cache";
import { podsOn, reject, SKIP, type Cycle, type FilterPlugin, type ScorePlugin } from "../framework";
import { podMatchesNodeSelectorAndAffinity } from "../node-selectors";
import { firstUntolerated } from "../taints";

interface Constraint {
  maxSkew: number;
  topologyKey: string;
  selector: Selector;
  minDomains: number;
  honorAffinity: boolean;
  honorTaints: boolean;
}

interface SpreadState {
  constraints: Constraint[];
  /** System default constraints: a node needs only the keys it is scored on (requireAllTopologies is off). */
  systemDefaulted?: boolean;
  /** Per constraint: matching pod count per topology value, over eligible nodes. */
  counts: Map<string, number>[];
  eligible: Set<string>;
}

function constraintsOf(cycle: Cycle, when: "DoNotSchedule" | "ScheduleAnyway"): Constraint[] {
  const pod = cycle.pod;
  const labels = pod.metadata?.labels ?? {};
  return (pod.spec?.topologySpreadConstraints ?? [])
    .filter((c: TopologySpreadConstraint) => c.whenUnsatisfiable === when)
    .map((c) => {
      const selector = c.labelSelector ? fromLabelSelector(c.labelSelector) : [{ key: "\u0000never", operator: "exists" as const, values: [] }];
      // matchLabelKeys adds the pod's own values for those keys (e.g. pod-template-hash).
      for (const key of c.matchLabelKeys ?? []) if (labels[key] !== undefined) selector.push({ key, operator: "=", values: [labels[key]] });
      return {
        maxSkew: c.maxSkew,
        topologyKey: c.topologyKey,
        selector,
        minDomains: c.minDomains ?? 1,
        honorAffinity: (c.nodeAffinityPolicy ?? "Honor") === "Honor",
        honorTaints: c.nodeTaintsPolicy === "Honor",
      };
    });
}

/**
 * The scheduler's default spreading (PodTopologySpread systemDefaults: hostname maxSkew 3 and zone
 * maxSkew 5, ScheduleAnyway) for pods that set no constraints, selecting the pods of the same
 * ReplicaSet, ReplicationController or StatefulSet.
 */
function systemDefaults(cycle: Cycle): Constraint[] {
  const pod = cycle.pod;
  const ref = pod.metadata?.ownerReferences?.find((r) => r.controller);
  const typeKey = ref && { ReplicaSet: "apps/replicasets", StatefulSet: "apps/statefulsets", ReplicationController: "/replicationcontrollers" }[ref.kind];
  if (!ref || !typeKey) return [];
  const owner = cycle.cache.store.get(typeKey, pod.metadata!.namespace, ref.name);
  const sel = (owner?.spec as { selector?: unknown } | undefined)?.selector;
  if (!sel) return [];
  const selector =
    ref.kind === "ReplicationController"
      ? Object.entries(sel as Record<string, string>).map(([key, v]) => ({ key, operator: "=" as const, values: [v] }))
      : fromLabelSelector(sel as LabelSelectorObject);
  const base = { selector, minDomains: 1, honorAffinity: true, honorTaints: false };
  return [
    { ...base, maxSkew: 3, topologyKey: "kubernetes.io/hostname" },
    { ...base, maxSkew: 5, topologyKey: "topology.kubernetes.io/zone" },
  ];
}

function count(cycle: Cycle, constraints: Constraint[], systemDefaulted = false): SpreadState {
  const state: SpreadState = { constraints, counts: constraints.map(() => new Map()), eligible: new Set(), systemDefaulted };
  if (constraints.length === 0) return state;
  const namespace = cycle.pod.metadata!.namespace;
  // The cache keeps matching counts per node; a preemption dry run (pods pretended gone) counts itself.
  const perNode = cycle.removed.size === 0 ? constraints.map((c) => cycle.cache.matchingPodsPerNode(namespace, c.selector)) : undefined;
  for (const node of cycle.cache.nodes()) {
    const labels = node.labels;
    if (!systemDefaulted && !constraints.every((c) => labels[c.topologyKey] !== undefined)) continue;
    constraints.forEach((c, i) => {
      if (labels[c.topologyKey] === undefined) return;
      if (c.honorAffinity && !podMatchesNodeSelectorAndAffinity(cycle.pod, node.node!)) return;
      if (c.honorTaints && firstUntolerated(node.node?.spec?.taints, cycle.pod.spec?.tolerations, ["NoSchedule", "NoExecute"])) return;
      state.eligible.add(node.name);
      const value = labels[c.topologyKey];
      let n = state.counts[i].get(value) ?? 0;
      if (perNode) n += perNode[i].get(node.name) ?? 0;
      else {
        for (const p of podsOn(cycle, node)) {
          if (p.pod.metadata?.namespace === namespace && !p.pod.metadata?.deletionTimestamp && labelsMatch(c.selector, p.pod.metadata?.labels)) n++;
        }
      }
      state.counts[i].set(value, n);
    });
  }
  return state;
}

/** PodTopologySpread filter: DoNotSchedule constraints must keep the skew within maxSkew. */
export const podTopologySpreadFilter: FilterPlugin = {
  name: "PodTopologySpread",
  preFilter(cycle) {
    const state = count(cycle, constraintsOf(cycle, "DoNotSchedule"));
    cycle.data.set("PodTopologySpread", state);
    return state.constraints.length === 0 ? SKIP : undefined;
  },
  filter(cycle, node) {
    const state = cycle.data.get("PodTopologySpread") as SpreadState;
    if (state.constraints.length === 0) return undefined;
    const labels = node.labels;
    if (!state.constraints.every((c) => labels[c.topologyKey] !== undefined)) {
      return reject("PodTopologySpread", "UnschedulableAndUnresolvable", "node(s) didn't match pod topology spread constraints (missing required label)");
    }
    for (let i = 0; i < state.constraints.length; i++) {
      const c = state.constraints[i];
      const counts = state.counts[i];
      const selfMatch = labelsMatch(c.selector, cycle.pod.metadata?.labels) ? 1 : 0;
      const values = [...counts.values()];
      const min = values.length < c.minDomains || values.length === 0 ? 0 : Math.min(...values);
      const skew = (counts.get(labels[c.topologyKey]) ?? 0) + selfMatch - min;
      if (skew > c.maxSkew) return reject("PodTopologySpread", "Unschedulable", "node(s) didn't match pod topology spread constraints");
    }
    return undefined;
  },
};

/** PodTopologySpread score: ScheduleAnyway constraints prefer domains with fewer matching pods. */
export const podTopologySpreadScore: ScorePlugin = {
  name: "PodTopologySpread",
  weight: 2,
  preScore(cycle) {
    const explicit = (cycle.pod.spec?.topologySpreadConstraints ?? []).length > 0;
    const state = explicit ? count(cycle, constraintsOf(cycle, "ScheduleAnyway")) : count(cycle, systemDefaults(cycle), true);
    // Constraints on keys no node carries cannot tell nodes apart.
    const used = state.constraints.filter((_, i) => state.counts[i].size > 0);
    cycle.data.set("PodTopologySpreadScore", state);
    return used.length > 0;
  },
  score(cycle, node: NodeInfo) {
    const state = cycle.data.get("PodTopologySpreadScore") as SpreadState;
    if (state.constraints.length === 0) return 0;
    const labels = node.labels;
    if (!state.systemDefaulted && !state.constraints.every((c) => labels[c.topologyKey] !== undefined)) return -1;
    let score = 0;
    state.constraints.forEach((c, i) => {
      if (labels[c.topologyKey] === undefined || state.counts[i].size === 0) return;
      const weight = Math.log(state.counts[i].size + 2);
      score += ((state.counts[i].get(labels[c.topologyKey]) ?? 0) + c.maxSkew - 1) * weight;
    });
    return Math.round(score);
  },
  normalize(scores) {
    // Nodes without the topology labels (-1) score 0; the rest favour the least crowded domains.
    let min = Infinity;
    let max = -Infinity;
    for (const s of scores) {
      if (s < 0) continue;
      if (s < min) min = s;
      if (s > max) max = s;
    }
    if (max < 0) {
      scores.fill(0);
      return;
    }
    for (let i = 0; i < scores.length; i++) scores[i] = scores[i] < 0 ? 0 : max === 0 ? 100 : Math.floor((100 * (max + min - scores[i])) / max);
  },
};
