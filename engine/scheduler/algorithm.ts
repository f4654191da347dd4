import type { Pod } from "kubernetes-types/core/v1";
import type { SeededRandom } from "../util/random";
import { makePodInfo, podPriority, type NodeInfo, type PodInfo, type SchedulerCache } from "./cache";
import type { Diagnosis } from "./fit-error";
import { SKIP, type Cycle, type FilterPlugin, type Rejection, type ScorePlugin } from "./framework";
import { interPodAffinityFilter, interPodAffinityScore } from "./plugins/inter-pod-affinity";
import { nodeAffinity, nodePorts, nodeResourcesFit, nodeUnschedulable, taintToleration } from "./plugins/node-filters";
import { balancedAllocation, leastAllocated, nodeAffinityScore, taintTolerationScore } from "./plugins/node-scores";
import { podTopologySpreadFilter, podTopologySpreadScore } from "./plugins/topology-spread";
import { volumeBinding } from "./plugins/volume-binding";

/** Filters that read only the pod's static scheduling fields and the Node object; they run first. */
const STATIC_FILTERS: FilterPlugin[] = [nodeUnschedulable, taintToleration, nodeAffinity];

/** Filters that read the pods on the node or the cycle's state. */
const DYNAMIC_FILTERS: FilterPlugin[] = [
  nodePorts,
  nodeResourcesFit,
  volumeBinding,
  podTopologySpreadFilter,
  interPodAffinityFilter,
];

/** The default profile's filters, in the order kube-scheduler runs them (the first rejection per node wins). */
export const FILTERS: FilterPlugin[] = [...STATIC_FILTERS, ...DYNAMIC_FILTERS];

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
  const signature = staticSignature(pod);
  return { pod, info: makePodInfo(pod), cache, removed, nominated, data: new Map(), skipped: new Set(), memo: cache.memoFor(signature), signature };
}

/** Signatures by stored (frozen) spec: a pod retried or a preemption dry run does not stringify it again. */
const signatures = new WeakMap<object, string>();

/** What the static filters read of a pod: pods that share it get the same verdict on every node. */
function staticSignature(pod: Pod): string {
  const s = pod.spec;
  const known = s && Object.isFrozen(s) ? signatures.get(s) : undefined;
  if (known !== undefined) return known;
  const signature = JSON.stringify([s?.nodeSelector, s?.affinity?.nodeAffinity, s?.tolerations]);
  if (s && Object.isFrozen(s)) signatures.set(s, signature);
  return signature;
}

/** Nominated pods that reserve room for this one: same or higher priority, other than itself. */
export function nominatedFor(cycle: Cycle, all: Map<string, PodInfo[]>): Map<string, PodInfo[]> {
  // Nearly every cycle meets no nominations: no priority lookup, and the empty map it was given.
  if (all.size === 0) return all;
  const mine = podPriority(cycle.pod);
  const out = new Map<string, PodInfo[]>();
  for (const [node, pods] of all) {
    const keep = pods.filter((p) => p.key !== cycle.info.key && p.priority >= mine);
    if (keep.length > 0) out.set(node, keep);
  }
  return out;
}

export function runPreFilters(cycle: Cycle): Rejection | undefined {
  cycle.skipped = new Set();
  for (const plugin of FILTERS) {
    const result = plugin.preFilter?.(cycle);
    if (result === SKIP) cycle.skipped.add(plugin.name);
    else if (result) return result;
  }
  return undefined;
}

export function runFilters(cycle: Cycle, node: NodeInfo): Rejection | undefined {
  for (const plugin of FILTERS) {
    if (cycle.skipped.has(plugin.name)) continue;
    const rejection = plugin.filter(cycle, node);
    if (rejection) return rejection;
  }
  return undefined;
}

function runStaticFilters(cycle: Cycle, node: NodeInfo): Rejection | null {
  for (const plugin of STATIC_FILTERS) {
    const rejection = plugin.filter(cycle, node);
    if (rejection) return rejection;
  }
  return null;
}

function runDynamicFilters(cycle: Cycle, node: NodeInfo, filters: FilterPlugin[]): Rejection | undefined {
  for (const plugin of filters) {
    const rejection = plugin.filter(cycle, node);
    if (rejection) return rejection;
  }
  return undefined;
}

// Buffers shared by all cycles (a cycle runs to the end before the next starts): the feasible
// nodes' positions in the node list, and their scores. A cycle on a large cluster keeps hundreds
// of feasible nodes; growing fresh arrays for them on every cycle was a good part of the
// scheduler's garbage.
let positionsBuffer = new Int32Array(256);
let totalsBuffer = new Float64Array(256);
let rawBuffer = new Float64Array(256);

function positionsFor(nodeCount: number): Int32Array {
  if (positionsBuffer.length < nodeCount) positionsBuffer = new Int32Array(nodeCount * 2);
  return positionsBuffer;
}

/** Views of the feasible length, so the normalizers see exactly these nodes' scores. */
function scoreBuffers(length: number): { totals: Float64Array; raw: Float64Array } {
  if (totalsBuffer.length < length) {
    totalsBuffer = new Float64Array(length * 2);
    rawBuffer = new Float64Array(length * 2);
  }
  const totals = totalsBuffer.subarray(0, length);
  totals.fill(0);
  return { totals, raw: rawBuffer.subarray(0, length) };
}

export type ScheduleOutcome = { node: string; evaluated: number } | { diagnosis: Diagnosis; evaluated: number };

/**
 * One scheduling cycle: PreFilter, Filter from a rotating start until enough feasible nodes are
 * found, Score, then the best node (ties broken by the seeded random, as selectHost's reservoir).
 */
export function schedulePod(cycle: Cycle, startIndex: number, random: SeededRandom): ScheduleOutcome {
  const nodes = cycle.cache.nodes();
  // Made only when the pod fits nowhere: nearly every cycle finds a node.
  const newDiagnosis = (): Diagnosis => ({ numAllNodes: nodes.length, nodeToStatus: new Map() });
  if (nodes.length === 0) return { diagnosis: newDiagnosis(), evaluated: 0 };
  const pre = runPreFilters(cycle);
  if (pre) {
    const diagnosis = newDiagnosis();
    diagnosis.preFilter = pre;
    for (const n of nodes) diagnosis.nodeToStatus.set(n.name, pre);
    return { diagnosis, evaluated: 0 };
  }
  const wanted = numFeasibleNodesToFind(nodes.length);
  /** Each feasible node's position in `nodes` (where the static results are kept), in the order found. */
  const positions = positionsFor(nodes.length);
  let feasibleCount = 0;
  // Static filters come first in FILTERS, so a remembered static verdict followed by the dynamic
  // filters gives the same first rejection as running them all.
  const verdicts = cycle.cache.staticVerdictsFor(cycle.signature);
  const dynamic = DYNAMIC_FILTERS.filter((p) => !cycle.skipped.has(p.name));
  const count = nodes.length;
  const start = startIndex % count;
  // The hottest loop of the scheduler (pods × nodes) visits only the nodes the static filters pass,
  // from the first at or after `start`, wrapping around; the nodes skipped count as evaluated.
  const passing = cycle.cache.staticPassingFor(cycle.signature, (i) => runStaticFilters(cycle, nodes[i]));
  const onlyFilter = dynamic.length === 1 ? dynamic[0] : undefined;
  let first = 0;
  for (let lo = 0, hi = passing.length; lo < hi; ) {
    const mid = (lo + hi) >> 1;
    if (passing[mid] < start) lo = first = mid + 1;
    else hi = mid;
  }
  let evaluated = count;
  for (let k = 0; k < passing.length; k++) {
    const j = first + k;
    const index = passing[j < passing.length ? j : j - passing.length];
    const node = nodes[index];
    const rejection = onlyFilter ? onlyFilter.filter(cycle, node) : runDynamicFilters(cycle, node, dynamic);
    if (rejection) continue;
    positions[feasibleCount++] = index;
    if (feasibleCount === wanted) {
      evaluated = index >= start ? index - start + 1 : index + count - start + 1;
      break;
    }
  }
  if (feasibleCount === 0) {
    // No node fits: walk them all again for the status of each (the diagnosis FailedScheduling reports).
    const diagnosis = newDiagnosis();
    for (let i = 0; i < count; i++) {
      const index = (start + i) % count;
      const node = nodes[index];
      const rejection = verdicts[index] ?? runDynamicFilters(cycle, node, dynamic);
      diagnosis.nodeToStatus.set(node.name, rejection!);
    }
    return { diagnosis, evaluated };
  }
  if (feasibleCount === 1) return { node: nodes[positions[0]].name, evaluated };
  const { totals, raw } = scoreBuffers(feasibleCount);
  for (const plugin of SCORES) {
    if (plugin.preScore?.(cycle) === false) continue;
    if (plugin.static) {
      // NaN marks a node not scored yet for this signature.
      const remembered = cycle.cache.staticScoresFor(cycle.signature, plugin.name);
      for (let i = 0; i < feasibleCount; i++) {
        const index = positions[i];
        let score = remembered[index];
        if (score !== score) score = remembered[index] = plugin.score(cycle, nodes[index]);
        raw[i] = score;
      }
    } else if (!plugin.normalize) {
      // Nothing to rescale across the nodes: each score goes straight into the totals.
      const weight = plugin.weight;
      for (let i = 0; i < feasibleCount; i++) totals[i] += plugin.score(cycle, nodes[positions[i]]) * weight;
      continue;
    } else {
      for (let i = 0; i < feasibleCount; i++) raw[i] = plugin.score(cycle, nodes[positions[i]]);
    }
    plugin.normalize?.(raw);
    const weight = plugin.weight;
    for (let i = 0; i < feasibleCount; i++) totals[i] += raw[i] * weight;
  }
  let best = 0;
  let ties = 1;
  for (let i = 1; i < feasibleCount; i++) {
    if (totals[i] > totals[best]) {
      best = i;
      ties = 1;
    } else if (totals[i] === totals[best]) {
      ties++;
      if (random.int(ties) === 0) best = i;
    }
  }
  return { node: nodes[positions[best]].name, evaluated };
}
