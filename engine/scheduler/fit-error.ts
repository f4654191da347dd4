import type { Rejection } from "./framework";

/** Why no node fitted: per-node rejections, or one PreFilter rejection for all of them. */
export interface Diagnosis {
  numAllNodes: number;
  nodeToStatus: Map<string, Rejection>;
  preFilter?: Rejection;
  /** What preemption (PostFilter) said, e.g. "preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling." */
  postFilterMsg?: string;
}

/**
 * framework.FitError.Error(): "0/3 nodes are available: <count> <reason>, …. <postfilter>", reasons
 * counted across nodes and sorted as strings (so "1 node(s) had …" sorts before "2 Insufficient …").
 */
export function fitErrorMessage(d: Diagnosis): string {
  let msg = `0/${d.numAllNodes} nodes are available:`;
  if (d.preFilter) {
    msg += ` ${d.preFilter.reasons.join(", ")}.`;
  } else {
    const counts = new Map<string, number>();
    for (const status of d.nodeToStatus.values()) for (const r of status.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
    const parts = [...counts].map(([reason, n]) => `${n} ${reason}`).sort(goStringLess);
    if (parts.length > 0) msg += ` ${parts.join(", ")}.`;
  }
  if (d.postFilterMsg) msg += ` ${d.postFilterMsg}`;
  return msg;
}

/** Go's sort.Strings compares bytes; JavaScript's default sort compares UTF-16 units — same for these ASCII texts. */
function goStringLess(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
