import type { PodDisruptionBudget } from "kubernetes-types/policy/v1";
import { fromLabelSelector } from "../api/selectors/labels";
import { labelsMatch, podPriority, type NodeInfo, type PodInfo } from "./cache";
import { newCycle, nominatedFor, runFilters, runPreFilters } from "./algorithm";
import { fitErrorMessage, type Diagnosis } from "./fit-error";
import { podsOn, reject, type Cycle, type Rejection } from "./framework";

export interface PreemptionOutcome {
  /** "preemption: …" text for the FitError when no node was made available. */
  message?: string;
  node?: string;
  victims: PodInfo[];
  /** The pod was not eligible: its nomination (if any) stays as it is. */
  keepNomination?: boolean;
}

interface Candidate {
  node: NodeInfo;
  victims: PodInfo[];
  pdbViolations: number;
}

const NOT_HELPFUL = "Preemption is not helpful for scheduling";
const NO_VICTIMS = "No preemption victims found for incoming pod";

function startTime(p: PodInfo): number {
  return Date.parse(p.pod.status?.startTime ?? p.pod.metadata?.creationTimestamp ?? "") || 0;
}

/** More important first: higher priority, then the one that started earlier. */
function moreImportant(a: PodInfo, b: PodInfo): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  return startTime(a) - startTime(b) || a.key.localeCompare(b.key);
}

function fits(cycle: Cycle, node: NodeInfo, removed: Set<string>): Rejection | undefined {
  const dry = newCycle(cycle.pod, cycle.cache, cycle.nominated, removed);
  dry.nominated = nominatedFor(dry, cycle.nominated);
  return runPreFilters(dry) ?? runFilters(dry, node);
}

/** SelectVictimsOnNode: remove every lower-priority pod, then give back as many as still leave room. */
function selectVictims(cycle: Cycle, node: NodeInfo, pdbs: PodDisruptionBudget[]): Candidate | Rejection {
  const mine = podPriority(cycle.pod);
  const potential = [...podsOn(cycle, node)].filter((p) => p.priority < mine);
  if (potential.length === 0) return reject("DefaultPreemption", "UnschedulableAndUnresolvable", NO_VICTIMS);
  const removed = new Set(potential.map((p) => p.key));
  const still = fits(cycle, node, removed);
  if (still) return still;
  potential.sort(moreImportant);
  const allowed = new Map(pdbs.map((pdb) => [pdb, pdb.status?.disruptionsAllowed ?? 0]));
  const violating: PodInfo[] = [];
  const nonViolating: PodInfo[] = [];
  for (const p of potential) {
    let violates = false;
    for (const pdb of pdbs) {
      if (pdb.metadata?.namespace !== p.pod.metadata?.namespace || !pdb.spec?.selector) continue;
      if (!labelsMatch(fromLabelSelector(pdb.spec.selector), p.pod.metadata?.labels)) continue;
      const left = allowed.get(pdb)! - 1;
      allowed.set(pdb, left);
      if (left < 0) violates = true;
    }
    (violates ? violating : nonViolating).push(p);
  }
  const victims: PodInfo[] = [];
  let pdbViolations = 0;
  const reprieve = (p: PodInfo, violatingGroup: boolean) => {
    removed.delete(p.key);
    if (fits(cycle, node, removed)) {
      removed.add(p.key);
      victims.push(p);
      if (violatingGroup) pdbViolations++;
    }
  };
  for (const p of violating) reprieve(p, true);
  for (const p of nonViolating) reprieve(p, false);
  if (victims.length === 0) return reject("DefaultPreemption", "UnschedulableAndUnresolvable", NO_VICTIMS);
  return { node, victims, pdbViolations };
}

/** pickOneNodeForPreemption's tie-breakers, in order. */
function better(a: Candidate, b: Candidate): boolean {
  if (a.pdbViolations !== b.pdbViolations) return a.pdbViolations < b.pdbViolations;
  const highest = (c: Candidate) => Math.max(...c.victims.map((v) => v.priority));
  if (highest(a) !== highest(b)) return highest(a) < highest(b);
  const sum = (c: Candidate) => c.victims.reduce((s, v) => s + v.priority + 2147483648, 0);
  if (sum(a) !== sum(b)) return sum(a) < sum(b);
  if (a.victims.length !== b.victims.length) return a.victims.length < b.victims.length;
  const earliest = (c: Candidate) => Math.min(...c.victims.filter((v) => v.priority === highest(c)).map(startTime));
  return earliest(a) > earliest(b);
}

/**
 * DefaultPreemption's PostFilter: find nodes where evicting lower-priority pods makes room, pick
 * the cheapest, and name its victims. The scheduler then deletes them and nominates the node.
 */
export function preempt(cycle: Cycle, diagnosis: Diagnosis, pdbs: PodDisruptionBudget[]): PreemptionOutcome {
  const pod = cycle.pod;
  if (pod.spec?.preemptionPolicy === "Never") return { message: "preemption: not eligible due to preemptionPolicy=Never.", victims: [], keepNomination: true };
  const nominatedNode = pod.status?.nominatedNodeName;
  if (nominatedNode) {
    const info = cycle.cache.nodeInfo(nominatedNode);
    const mine = podPriority(pod);
    if (info && [...info.pods.values()].some((p) => p.pod.metadata?.deletionTimestamp && p.priority < mine)) {
      return { message: "preemption: not eligible due to a terminating pod on the nominated node.", victims: [], keepNomination: true };
    }
  }
  const nodes = cycle.cache.nodes();
  const statuses = new Map<string, Rejection>();
  const candidates: Candidate[] = [];
  for (const node of nodes) {
    const status = diagnosis.nodeToStatus.get(node.name);
    if (!status || status.code === "UnschedulableAndUnresolvable") {
      statuses.set(node.name, reject("DefaultPreemption", "UnschedulableAndUnresolvable", NOT_HELPFUL));
      continue;
    }
    const result = selectVictims(cycle, node, pdbs);
    if ("victims" in result) candidates.push(result);
    else statuses.set(node.name, result);
  }
  if (candidates.length === 0) {
    const message = fitErrorMessage({ numAllNodes: nodes.length, nodeToStatus: statuses });
    return { message: `preemption: ${message}`, victims: [] };
  }
  let best = candidates[0];
  for (const c of candidates.slice(1)) if (better(c, best)) best = c;
  return { node: best.node.name, victims: best.victims.sort(moreImportant) };
}
