import { defaultNormalize, type ScorePlugin } from "../framework";
import { preferredNodeAffinityScore } from "../node-selectors";
import { isTolerated } from "../taints";

function freeShare(alloc: number, used: number): number {
  return alloc === 0 || used > alloc ? 0 : ((alloc - used) * 100) / alloc;
}

function usedFraction(alloc: number, used: number): number {
  return alloc === 0 ? 0 : Math.min(1, used / alloc);
}

/** NodeResourcesFit with the LeastAllocated strategy: free share of cpu and memory after placing the pod. */
export const leastAllocated: ScorePlugin = {
  name: "NodeResourcesFit",
  weight: 1,
  score(cycle, node) {
    const want = cycle.info.nonZero;
    const cpu = freeShare(node.allocMilliCPU, node.nonZeroMilliCPU + want.milliCPU);
    const mem = freeShare(node.allocMemory, node.nonZeroMemory + want.memory);
    return Math.floor((cpu + mem) / 2);
  },
};

/** NodeResourcesBalancedAllocation: prefers nodes whose cpu and memory use stay even. */
export const balancedAllocation: ScorePlugin = {
  name: "NodeResourcesBalancedAllocation",
  weight: 1,
  score(cycle, node) {
    const want = cycle.info.requests;
    const cpu = usedFraction(node.allocMilliCPU, node.requestedMilliCPU + want.milliCPU);
    const mem = usedFraction(node.allocMemory, node.requestedMemory + want.memory);
    const std = Math.abs(cpu - mem) / 2;
    return Math.floor((1 - std) * 100);
  },
};

/** TaintToleration score: fewer untolerated PreferNoSchedule taints is better. */
export const taintTolerationScore: ScorePlugin = {
  name: "TaintToleration",
  weight: 3,
  static: true,
  score(cycle, node) {
    const taints = node.node?.spec?.taints;
    if (!taints?.length) return 0;
    const tolerations = (cycle.pod.spec?.tolerations ?? []).filter((t) => !t.effect || t.effect === "PreferNoSchedule");
    return taints.filter((t) => t.effect === "PreferNoSchedule" && !isTolerated(tolerations, t)).length;
  },
  normalize: (scores) => defaultNormalize(scores, true),
};

/** NodeAffinity score: sum of matched preferred term weights. */
export const nodeAffinityScore: ScorePlugin = {
  name: "NodeAffinity",
  weight: 2,
  static: true,
  score: (cycle, node) => (cycle.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length ? preferredNodeAffinityScore(cycle.pod, node.node!) : 0),
  normalize: (scores) => defaultNormalize(scores, false),
};
