import type { Pod } from "kubernetes-types/core/v1";
import type { NodeInfo, PodInfo, SchedulerCache, StaticResults } from "./cache";

/**
 * The scheduling framework's vocabulary: a filter either passes a node or rejects it with reasons.
 * "UnschedulableAndUnresolvable" means preemption cannot help on that node (taints, affinity, cordon).
 */
export type RejectCode = "Unschedulable" | "UnschedulableAndUnresolvable";

export interface Rejection {
  plugin: string;
  code: RejectCode;
  reasons: string[];
}

/** One scheduling attempt's shared state (the framework's CycleState). */
export interface Cycle {
  pod: Pod;
  info: PodInfo;
  cache: SchedulerCache;
  /** Pods a preemption dry run pretends are gone. */
  removed: ReadonlySet<string>;
  /** Higher-or-equal priority pods nominated to nodes (they reserve room there). */
  nominated: Map<string, PodInfo[]>;
  /** Per-plugin pre-computed state. */
  data: Map<string, unknown>;
  /** Filter plugins whose PreFilter said Skip: they would pass every node, so they are not run. */
  skipped: Set<string>;
  /** Memo of static per-node results for pods with the same node selector, node affinity and tolerations. */
  memo: Map<string, StaticResults>;
  /** The key of that memo: the pod's node selector, node affinity and tolerations. */
  signature: string;
}

/** A per-node result that depends only on the pod's static scheduling fields and the Node object. */
export function memoized<T>(cycle: Cycle, node: NodeInfo, name: string, compute: () => T): T {
  const rv = node.node?.metadata?.resourceVersion ?? "";
  let entry = cycle.memo.get(node.name);
  if (!entry || entry.rv !== rv) {
    entry = { rv, values: {} };
    cycle.memo.set(node.name, entry);
  }
  if (name in entry.values) return entry.values[name] as T;
  const value = compute();
  entry.values[name] = value;
  return value;
}

/** What a PreFilter returns when its Filter has nothing to check for this pod (framework.Skip). */
export const SKIP = "Skip";

export interface FilterPlugin {
  name: string;
  /** Rejects the pod outright (for every node), prepares cycle data, or says SKIP. */
  preFilter?(cycle: Cycle): Rejection | typeof SKIP | undefined;
  filter(cycle: Cycle, node: NodeInfo): Rejection | undefined;
}

/** Scores a node 0…100 after normalization; the framework multiplies by the plugin's weight. */
export interface ScorePlugin {
  name: string;
  weight: number;
  /** The score depends only on the pod's node selector, node affinity and tolerations and on the Node object, so it is remembered per node. */
  static?: boolean;
  /** Prepares scoring; returning false means every node would score the same, so the plugin is skipped. */
  preScore?(cycle: Cycle): boolean | void;
  score(cycle: Cycle, node: NodeInfo): number;
  /** Rewrites the raw scores of the feasible nodes in place (the framework's NormalizeScore). */
  normalize?(scores: Float64Array): void;
}

export function reject(plugin: string, code: RejectCode, ...reasons: string[]): Rejection {
  return { plugin, code, reasons };
}

/** Pods on a node, minus those a dry run removed. */
export function* podsOn(cycle: Cycle, node: NodeInfo): Iterable<PodInfo> {
  for (const p of node.pods.values()) if (!cycle.removed.has(p.key)) yield p;
}

/** Pods with (anti-)affinity terms on a node, minus those a dry run removed. */
export function* affinityPodsOn(cycle: Cycle, node: NodeInfo): Iterable<PodInfo> {
  for (const p of node.affinityPods.values()) if (!cycle.removed.has(p.key)) yield p;
}

/** Scales raw scores to 0…100 by the maximum (framework.DefaultNormalizeScore), in place; `reverse` favours low scores. */
export function defaultNormalize(scores: Float64Array, reverse: boolean): void {
  // Loops rather than spreads and maps: this runs per score plugin for every scheduled pod.
  let max = 0;
  for (let i = 0; i < scores.length; i++) if (scores[i] > max) max = scores[i];
  for (let i = 0; i < scores.length; i++) {
    if (max === 0) scores[i] = reverse ? 100 : 0;
    else {
      const n = Math.floor((scores[i] * 100) / max);
      scores[i] = reverse ? 100 - n : n;
    }
  }
}
