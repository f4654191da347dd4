import type { NodeInfo, PodInfo } from "../cache";
import { memoized, podsOn, reject, SKIP, type Cycle, type FilterPlugin } from "../framework";
import { podMatchesNodeSelectorAndAffinity } from "../node-selectors";
import { firstUntolerated, isTolerated } from "../taints";
import { addInto, emptyResources, type Resources } from "../resources";

const UNSCHEDULABLE_TAINT = { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" };
const NO_SCHEDULE_EFFECTS = ["NoSchedule", "NoExecute"];

/** NodeUnschedulable: a cordoned node takes only pods that tolerate node.kubernetes.io/unschedulable. */
export const nodeUnschedulable: FilterPlugin = {
  name: "NodeUnschedulable",
  filter(cycle, node) {
    if (!node.node?.spec?.unschedulable) return undefined;
    return memoized(cycle, node, "unschedulable", () =>
      isTolerated(cycle.pod.spec?.tolerations, UNSCHEDULABLE_TAINT) ? undefined : reject("NodeUnschedulable", "UnschedulableAndUnresolvable", "node(s) were unschedulable"),
    );
  },
};

/** TaintToleration: NoSchedule and NoExecute taints must be tolerated. */
export const taintToleration: FilterPlugin = {
  name: "TaintToleration",
  filter(cycle, node) {
    if (!node.node?.spec?.taints?.length) return undefined;
    return memoized(cycle, node, "taints", () => {
      const taint = firstUntolerated(node.node?.spec?.taints, cycle.pod.spec?.tolerations, NO_SCHEDULE_EFFECTS);
      return taint ? reject("TaintToleration", "UnschedulableAndUnresolvable", `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ""}}`) : undefined;
    });
  },
};

/** NodeAffinity: nodeSelector and required node affinity. */
export const nodeAffinity: FilterPlugin = {
  name: "NodeAffinity",
  filter(cycle, node) {
    return memoized(cycle, node, "affinity", () =>
      podMatchesNodeSelectorAndAffinity(cycle.pod, node.node!) ? undefined : reject("NodeAffinity", "UnschedulableAndUnresolvable", "node(s) didn't match Pod's node affinity/selector"),
    );
  },
};

function portsConflict(wanted: string, used: Map<string, number>): boolean {
  const [protocol, ip, port] = wanted.split("/");
  for (const u of used.keys()) {
    const [p2, ip2, port2] = u.split("/");
    if (p2 !== protocol || port2 !== port) continue;
    if (ip === "0.0.0.0" || ip2 === "0.0.0.0" || ip === ip2) return true;
  }
  return false;
}

/** NodePorts: a hostPort can be used once per node (per protocol and IP). */
export const nodePorts: FilterPlugin = {
  name: "NodePorts",
  preFilter: (cycle) => (cycle.info.hostPorts.length === 0 ? SKIP : undefined),
  filter(cycle, node) {
    if (cycle.info.hostPorts.length === 0) return undefined;
    const used = new Map<string, number>();
    for (const p of podsOn(cycle, node)) for (const hp of p.hostPorts) used.set(hp, 1);
    if (!cycle.info.hostPorts.some((hp) => portsConflict(hp, used))) return undefined;
    return reject("NodePorts", "Unschedulable", "node(s) didn't have free ports for the requested pod ports");
  },
};

/** Requested sums on a node when nominated pods reserve room there or a dry run removed victims. */
function adjustedRequested(cycle: Cycle, node: NodeInfo, nominated: readonly PodInfo[]): { requested: Resources; count: number } {
  const requested = emptyResources();
  let count = 0;
  for (const p of podsOn(cycle, node)) {
    addInto(requested, p.requests);
    count++;
  }
  for (const p of nominated) {
    addInto(requested, p.requests);
    count++;
  }
  return { requested, count };
}

/** NodeResourcesFit: requests of the pods on the node plus this one must fit the node's allocatable. */
export const nodeResourcesFit: FilterPlugin = {
  name: "NodeResourcesFit",
  filter(cycle, node) {
    // Runs for every node of every cycle: the common case (no nominations, no dry run) allocates
    // nothing and reads only the node's own number fields.
    let requestedCPU = node.requestedMilliCPU;
    let requestedMemory = node.requestedMemory;
    let requestedStorage = node.requestedEphemeralStorage;
    let count = node.podCount;
    let requested: Resources | undefined;
    const nominated = cycle.nominated.size > 0 ? cycle.nominated.get(node.name) : undefined;
    if (cycle.removed.size > 0 || (nominated && nominated.length > 0)) {
      ({ requested, count } = adjustedRequested(cycle, node, nominated ?? []));
      requestedCPU = requested.milliCPU;
      requestedMemory = requested.memory;
      requestedStorage = requested.ephemeralStorage;
    }
    const want = cycle.info.requests;
    // A pod that requests nothing fits anywhere the pod count allows (fitsRequest returns early).
    const requestsSomething = cycle.info.requestsSomething;
    let fits =
      count + 1 <= node.allowedPods &&
      (!requestsSomething ||
        (node.allocMilliCPU >= want.milliCPU + requestedCPU &&
          node.allocMemory >= want.memory + requestedMemory &&
          node.allocEphemeralStorage >= want.ephemeralStorage + requestedStorage));
    const names = cycle.info.scalarNames;
    if (fits && requestsSomething && names.length > 0) {
      const alloc = node.allocatable;
      const scalar = (requested ?? node.requested).scalar;
      for (let i = 0; i < names.length; i++) if ((alloc.scalar[names[i]] ?? 0) < want.scalar[names[i]] + (scalar[names[i]] ?? 0)) fits = false;
    }
    // Most nodes fit: the reasons are spelled out only for the ones that do not.
    if (fits) return undefined;
    const alloc = node.allocatable;
    const scalar = (requested ?? node.requested).scalar;
    const reasons: string[] = [];
    if (count + 1 > node.allowedPods) reasons.push("Too many pods");
    if (requestsSomething) {
      if (alloc.milliCPU < want.milliCPU + requestedCPU) reasons.push("Insufficient cpu");
      if (alloc.memory < want.memory + requestedMemory) reasons.push("Insufficient memory");
      if (alloc.ephemeralStorage < want.ephemeralStorage + requestedStorage) reasons.push("Insufficient ephemeral-storage");
      for (const [name, amount] of Object.entries(want.scalar)) {
        if ((alloc.scalar[name] ?? 0) < amount + (scalar[name] ?? 0)) reasons.push(`Insufficient ${name}`);
      }
    }
    return reasons.length > 0 ? reject("NodeResourcesFit", "Unschedulable", ...reasons) : undefined;
  },
};
