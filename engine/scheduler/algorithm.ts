import type { Pod } from "kubernetes-types/core/v1";
import type { SeededRandom } from "../util/random";
import { makePodInfo, podPriority, type NodeInfo, type PodInfo, type SchedulerCache } from "./cache";
import type { Diagnosis } from "./fit-error";
import type { Cycle, FilterPlugin, Rejection, ScorePlugin } from "./framework";
import { interPodAffinityFilter, interPodAffinityScore } from "./plugins/inter-pod-affinity";
import { nodeAffinity, nodePorts, nodeResourcesFit, nodeUnschedulable, taintToleration } from "./plugins/node-filters";
import { balancedAllocation, leastAllocated, nodeAffinityScore, taintTolerationScore } from "./plugins/node-scores";
import { podTopologySpreadFilter, podTopologySpreadScore } from "./plugins/topology-spread";
import { volumeBinding } from "./plugins/volume-binding";

/** The default profile's filters, in the order kube-scheduler runs them (the first rejection per node wins). */
export const FILTERS: FilterPlugin[] = [
  nodeUnschedulable,
  taintToleration,
  nodeAffinity,
  nodePorts,
  nodeResourcesFit,
  volumeBinding,
  podTopologySpreadFilter,
  interPodAffinityFilter,
];

/** The default profile's scores with their weights (ImageLocality is left out: images are not sized here). */
export const SCORES: ScorePlugin[] = [taintTolerationScore, nodeAffinityScore, leastAllocated, podTopologySpreadScore, interPodAffinityScore, balancedAllocation];

const MIN_FEASIBLE_NODES = 100;
const MIN_FEASIBLE_PERCENTAGE = 5;

/** How many feasible nodes to look for before scoring (adaptive percentageOfNodesToScore). */
export function numFeasibleNodesToFind(numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES) return numAllNodes;
  const percentage = Math.max(MIN_FEASIBLE_PERCENTAGE, 50 - Math.floor(numAllNodes / 125));
  return Math.max(MIN_FEASIBLE_NODES, Math.floor((numAllNodes * percentage) / 100));
}

export function newCycle(pod: Pod, cache: SchedulerCache, nominated: Map<string, PodInfo[]>, removed: ReadonlySet<string> = new Set()): Cycle {
  const s = pod.spec;
  const signature = JSON.stringify([s?.nodeSelector, s?.affinity?.nodeAffinity, s?.tolerations]);
  return { pod, info: makePodInfo(pod), cache, removed, nominated, data: new Map(), memo: cache.memoFor(signature) };
}

/** Nominated pods that reserve room for this one: same or higher priority, other than itself. */
export function nominatedFor(cycle: Cycle, all: Map<string, PodInfo[]>): Map<string, PodInfo[]> {
  const mine = podPriority(cycle.pod);
  const out = new Map<string, PodInfo[]>();
  for (const [node, pods] of all) {
    const keep = pods.filter((p) => p.key !== cycle.info.key && p.priority >= mine);
    if (keep.length > 0) out.set(node, keep);
  }
  return out;
}

export function runPreFilters(cycle: Cycle): Rejection | undefined {
  for (const plugin of FILTERS) {
    const rejection = plugin.preFilter?.(cycle);
    if (rejection) return rejection;
  }
  return undefined;
}

export function runFilters(cycle: Cycle, node: NodeInfo): Rejection | undefined {
  for (const plugin of FILTERS) {
    const rejection = plugin.filter(cycle, node);
    if (rejection) return rejection;
  }
  return undefined;
}

export type ScheduleOutcome = { node: string; evaluated: number } | { diagnosis: Diagnosis; evaluated: number };

/**
 * One scheduling cycle: PreFilter, Filter from a rotating start until enough feasible nodes are
 * found, Score, then the best node (ties broken by the seeded random, as selectHost's reservoir).
 */
export function schedulePod(cycle: Cycle, startIndex: number, random: SeededRandom): ScheduleOutcome {
  const nodes = cycle.cache.nodes();
  const diagnosis: Diagnosis = { numAllNodes: nodes.length, nodeToStatus: new Map() };
  if (nodes.length === 0) return { diagnosis, evaluated: 0 };
  const pre = runPreFilters(cycle);
  if (pre) {
    diagnosis.preFilter = pre;
    for (const n of nodes) diagnosis.nodeToStatus.set(n.name, pre);
    return { diagnosis, evaluated: 0 };
  }
  const wanted = numFeasibleNodesToFind(nodes.length);
  const feasible: NodeInfo[] = [];
  let evaluated = 0;
  for (let i = 0; i < nodes.length && feasible.length < wanted; i++) {
    const node = nodes[(startIndex + i) % nodes.length];
    evaluated++;
    const rejection = runFilters(cycle, node);
    if (rejection) diagnosis.nodeToStatus.set(node.name, rejection);
    else feasible.push(node);
  }
  if (feasible.length === 0) return { diagnosis, evaluated };
  if (feasible.length === 1) return { node: feasible[0].name, evaluated };
  const totals = new Array<number>(feasible.length).fill(0);
  for (const plugin of SCORES) {
    if (plugin.preScore?.(cycle, feasible) === false) continue;
    let scores = feasible.map((n) => plugin.score(cycle, n));
    if (plugin.normalize) scores = plugin.normalize(scores);
    scores.forEach((s, i) => (totals[i] += s * plugin.weight));
  }
  let best = 0;
  let ties = 1;
  for (let i = 1; i < feasible.length; i++) {
    if (totals[i] > totals[best]) {
      best = i;
      ties = 1;
    } else if (totals[i] === totals[best]) {
      ties++;
      if (random.int(ties) === 0) best = i;
    }
  }
  return { node: feasible[best].name, evaluated };
}
