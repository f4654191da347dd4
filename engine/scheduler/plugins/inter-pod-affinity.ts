import type { AffinityTerm, NodeInfo, PodInfo, SchedulerCache } from "../cache";
import { labelsMatch } from "../cache";
import { affinityPodsOn, podsOn, reject, SKIP, type Cycle, type FilterPlugin, type ScorePlugin } from "../framework";

/** Whether `term` (declared by a pod in `term.namespaces`' terms) selects `target`. */
export function termSelects(cache: SchedulerCache, term: AffinityTerm, target: PodInfo): boolean {
  const ns = target.pod.metadata!.namespace!;
  const inNamespace = term.namespaces.has(ns) || (term.namespaceSelector !== undefined && labelsMatch(term.namespaceSelector, cache.namespaceLabels(ns)));
  return inNamespace && labelsMatch(term.selector, target.pod.metadata?.labels);
}

const pair = (key: string, value: string) => `${key}\u0000${value}`;

interface AffinityState {
  /** Topology pairs where an existing pod's required anti-affinity selects the incoming pod. */
  existingAnti: Map<string, number>;
  /** Per incoming required affinity term: topology pairs holding pods that match all the terms. */
  affinity: Map<string, number>;
  affinityMatchedAnywhere: boolean;
  /** Per incoming required anti-affinity term (index): topology pairs holding matching pods. */
  anti: Map<string, number>[];
}

function computeState(cycle: Cycle): AffinityState {
  const { info, cache } = cycle;
  const state: AffinityState = { existingAnti: new Map(), affinity: new Map(), affinityMatchedAnywhere: false, anti: info.requiredAntiAffinity.map(() => new Map()) };
  const incomingHasTerms = info.requiredAffinity.length + info.requiredAntiAffinity.length > 0;
  if (!incomingHasTerms && !cache.hasAffinityPods) return state;
  const bump = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);
  for (const node of cache.nodes()) {
    const labels = node.labels;
    for (const existing of affinityPodsOn(cycle, node)) {
      if (existing.key === info.key) continue;
      for (const term of existing.requiredAntiAffinity) {
        if (labels[term.topologyKey] !== undefined && termSelects(cache, term, info)) bump(state.existingAnti, pair(term.topologyKey, labels[term.topologyKey]));
      }
    }
    if (!incomingHasTerms) continue;
    for (const existing of podsOn(cycle, node)) {
      if (existing.key === info.key) continue;
      if (info.requiredAffinity.length > 0 && info.requiredAffinity.every((t) => termSelects(cache, t, existing))) {
        state.affinityMatchedAnywhere = true;
        for (const t of info.requiredAffinity) if (labels[t.topologyKey] !== undefined) bump(state.affinity, pair(t.topologyKey, labels[t.topologyKey]));
      }
      info.requiredAntiAffinity.forEach((t, i) => {
        if (labels[t.topologyKey] !== undefined && termSelects(cache, t, existing)) bump(state.anti[i], pair(t.topologyKey, labels[t.topologyKey]));
      });
    }
  }
  return state;
}

/** InterPodAffinity filter: the pod's required (anti-)affinity, and existing pods' required anti-affinity. */
export const interPodAffinityFilter: FilterPlugin = {
  name: "InterPodAffinity",
  preFilter(cycle) {
    const state = computeState(cycle);
    cycle.data.set("InterPodAffinity", state);
    const { info } = cycle;
    const nothingToCheck = info.requiredAffinity.length === 0 && info.requiredAntiAffinity.length === 0 && state.existingAnti.size === 0;
    return nothingToCheck ? SKIP : undefined;
  },
  filter(cycle, node) {
    const state = cycle.data.get("InterPodAffinity") as AffinityState;
    const labels = node.labels;
    const { info } = cycle;
    if (info.requiredAffinity.length > 0) {
      const satisfied = info.requiredAffinity.every((t) => labels[t.topologyKey] !== undefined && (state.affinity.get(pair(t.topologyKey, labels[t.topologyKey])) ?? 0) > 0);
      // The first pod of a group that selects itself may go anywhere its topology keys exist.
      const selfMatch =
        !state.affinityMatchedAnywhere &&
        info.requiredAffinity.every((t) => labels[t.topologyKey] !== undefined && termSelects(cycle.cache, t, info));
      if (!satisfied && !selfMatch) return reject("InterPodAffinity", "UnschedulableAndUnresolvable", "node(s) didn't match pod affinity rules");
    }
    for (let i = 0; i < info.requiredAntiAffinity.length; i++) {
      const t = info.requiredAntiAffinity[i];
      if (labels[t.topologyKey] !== undefined && (state.anti[i].get(pair(t.topologyKey, labels[t.topologyKey])) ?? 0) > 0) {
        return reject("InterPodAffinity", "Unschedulable", "node(s) didn't match pod anti-affinity rules");
      }
    }
    if (state.existingAnti.size === 0) return undefined;
    for (const [k, v] of Object.entries(labels)) {
      if ((state.existingAnti.get(pair(k, v)) ?? 0) > 0) return reject("InterPodAffinity", "Unschedulable", "node(s) didn't satisfy existing pods anti-affinity rules");
    }
    return undefined;
  },
};

/** Weight of an existing pod's required affinity towards the incoming pod (hardPodAffinityWeight). */
const HARD_POD_AFFINITY_WEIGHT = 1;

/** InterPodAffinity score: preferred (anti-)affinity weights summed per topology domain, scaled between min and max. */
export const interPodAffinityScore: ScorePlugin = {
  name: "InterPodAffinity",
  weight: 2,
  preScore(cycle) {
    const { info, cache } = cycle;
    const byPair = new Map<string, number>();
    const incomingHasPreferences = info.preferredAffinity.length + info.preferredAntiAffinity.length > 0;
    cycle.data.set("InterPodAffinityScore", byPair);
    // Most pods of most clusters: nothing to weigh, and nothing made for it (this runs every cycle).
    if (!incomingHasPreferences && !cache.hasAffinityPods) return false;
    const add = (term: AffinityTerm, labels: Record<string, string>, w: number) => {
      const v = labels[term.topologyKey];
      if (v !== undefined) byPair.set(pair(term.topologyKey, v), (byPair.get(pair(term.topologyKey, v)) ?? 0) + w);
    };
    for (const node of cache.nodes()) {
      if (incomingHasPreferences) {
        for (const existing of podsOn(cycle, node)) {
          for (const t of info.preferredAffinity) if (termSelects(cache, t, existing)) add(t, node.labels, t.weight);
          for (const t of info.preferredAntiAffinity) if (termSelects(cache, t, existing)) add(t, node.labels, -t.weight);
        }
      }
      for (const existing of affinityPodsOn(cycle, node)) {
        for (const t of existing.preferredAffinity) if (termSelects(cache, t, info)) add(t, node.labels, t.weight);
        for (const t of existing.preferredAntiAffinity) if (termSelects(cache, t, info)) add(t, node.labels, -t.weight);
        for (const t of existing.requiredAffinity) if (termSelects(cache, t, info)) add(t, node.labels, HARD_POD_AFFINITY_WEIGHT);
      }
    }
    return byPair.size > 0;
  },
  score(cycle, node: NodeInfo) {
    const byPair = cycle.data.get("InterPodAffinityScore") as Map<string, number>;
    if (byPair.size === 0) return 0;
    let score = 0;
    for (const [k, v] of Object.entries(node.labels)) score += byPair.get(pair(k, v)) ?? 0;
    return score;
  },
  normalize(scores) {
    let min = Infinity;
    let max = -Infinity;
    for (const s of scores) {
      if (s < min) min = s;
      if (s > max) max = s;
    }
    const diff = max - min;
    for (let i = 0; i < scores.length; i++) scores[i] = diff > 0 ? Math.floor((100 * (scores[i] - min)) / diff) : 0;
  },
};
