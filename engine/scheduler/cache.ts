import type { ContainerPort, Node, Pod, PodAffinityTerm } from "kubernetes-types/core/v1";
import type { ObjectStore, StoreEvent } from "../api/store";
import type { KubeObject } from "../api/types";
import { fromLabelSelector, matches, type Selector } from "../api/selectors/labels";
import { addInto, allowedPods, emptyResources, fromResourceList, podRequests, type Resources } from "./resources";
import type { Rejection } from "./framework";

/** A pod affinity term made ready to evaluate: its selector parsed and its namespaces resolved. */
export interface AffinityTerm {
  selector: Selector;
  /** Explicit namespaces (the owner's own when neither namespaces nor namespaceSelector is set). */
  namespaces: Set<string>;
  /** When set, namespaces whose labels match also count. */
  namespaceSelector?: Selector;
  topologyKey: string;
  weight: number;
}

/** Per-node results of the static filters and scores for one pod signature, valid for one node resourceVersion. */
export interface StaticResults {
  rv: string;
  values: Record<string, unknown>;
}

/**
 * Per node (by position in `nodes()`), the verdict of the filters that depend only on the pod's
 * static fields and the Node object: a rejection, null for a pass, undefined while not yet computed.
 */
interface StaticVerdicts {
  generation: number;
  verdicts: (Rejection | null | undefined)[];
  /** Static scores by plugin name, aligned with `nodes()` the same way (NaN while not computed). */
  scores: Map<string, Float64Array>;
  /** Positions of the nodes every static filter passes, ascending, once all verdicts are known. */
  passing?: Int32Array;
}

/** What the scheduler keeps about a pod that sits on a node. */
export interface PodInfo {
  key: string;
  pod: Pod;
  requests: Resources;
  /** Whether any request is non-zero (a pod requesting nothing fits wherever the pod count allows). */
  requestsSomething: boolean;
  /** Names of the extended resources requested (`requests.scalar`), for loops that run per node. */
  scalarNames: readonly string[];
  nonZero: Resources;
  priority: number;
  hostPorts: string[];
  requiredAntiAffinity: AffinityTerm[];
  preferredAffinity: AffinityTerm[];
  preferredAntiAffinity: AffinityTerm[];
  requiredAffinity: AffinityTerm[];
}

/** A node and the pods the scheduler counts on it (assigned and not finished), with their sums. */
export class NodeInfo {
  node?: Node;
  allocatable: Resources = emptyResources();
  allowedPods = 0;
  requested: Resources = emptyResources();
  nonZeroRequested: Resources = emptyResources();
  readonly pods = new Map<string, PodInfo>();
  /** The subset of `pods` that declare any pod (anti-)affinity, so pods without any cost nothing to check. */
  readonly affinityPods = new Map<string, PodInfo>();
  readonly usedPorts = new Map<string, number>();
  /*
   * The numbers the filter and score loops read for every node of every cycle, copied from the
   * objects above into plain fields of this one object: reading them touches one object per node
   * instead of four (between two cycles the API write path pushes these out of the CPU caches).
   */
  allocMilliCPU = 0;
  allocMemory = 0;
  allocEphemeralStorage = 0;
  requestedMilliCPU = 0;
  requestedMemory = 0;
  requestedEphemeralStorage = 0;
  nonZeroMilliCPU = 0;
  nonZeroMemory = 0;
  podCount = 0;

  constructor(readonly name: string) {}

  setNode(node: Node | undefined): void {
    this.node = node;
    this.allocatable = fromResourceList(node?.status?.allocatable);
    this.allowedPods = allowedPods(node?.status?.allocatable);
    this.allocMilliCPU = this.allocatable.milliCPU;
    this.allocMemory = this.allocatable.memory;
    this.allocEphemeralStorage = this.allocatable.ephemeralStorage;
  }

  addPod(info: PodInfo): void {
    this.pods.set(info.key, info);
    if (hasAffinity(info)) this.affinityPods.set(info.key, info);
    addInto(this.requested, info.requests);
    addInto(this.nonZeroRequested, info.nonZero);
    this.sumsChanged();
    for (const p of info.hostPorts) this.usedPorts.set(p, (this.usedPorts.get(p) ?? 0) + 1);
  }

  removePod(key: string): void {
    const info = this.pods.get(key);
    if (!info) return;
    this.pods.delete(key);
    this.affinityPods.delete(key);
    addInto(this.requested, info.requests, -1);
    addInto(this.nonZeroRequested, info.nonZero, -1);
    this.sumsChanged();
    for (const p of info.hostPorts) {
      const n = (this.usedPorts.get(p) ?? 1) - 1;
      if (n <= 0) this.usedPorts.delete(p);
      else this.usedPorts.set(p, n);
    }
  }

  get labels(): Record<string, string> {
    return this.node?.metadata?.labels ?? {};
  }

  private sumsChanged(): void {
    this.requestedMilliCPU = this.requested.milliCPU;
    this.requestedMemory = this.requested.memory;
    this.requestedEphemeralStorage = this.requested.ephemeralStorage;
    this.nonZeroMilliCPU = this.nonZeroRequested.milliCPU;
    this.nonZeroMemory = this.nonZeroRequested.memory;
    this.podCount = this.pods.size;
  }
}

export function hasAffinity(info: PodInfo): boolean {
  return info.requiredAffinity.length + info.requiredAntiAffinity.length + info.preferredAffinity.length + info.preferredAntiAffinity.length > 0;
}

export function podKey(pod: { metadata?: { namespace?: string; name?: string } }): string {
  return `${pod.metadata?.namespace}/${pod.metadata?.name}`;
}

export function isTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === "Succeeded" || phase === "Failed";
}

export function podPriority(pod: Pod): number {
  return pod.spec?.priority ?? 0;
}

/** hostPort claims as "protocol/hostIP/port" (an empty hostIP is 0.0.0.0 and conflicts with every IP). */
function hostPorts(pod: Pod): string[] {
  const out: string[] = [];
  // Two loops rather than one over a joined list: every cycle and every placed pod comes here.
  for (const c of pod.spec?.containers ?? []) addHostPorts(c.ports, out);
  for (const c of pod.spec?.initContainers ?? []) addHostPorts(c.ports, out);
  return out;
}

function addHostPorts(ports: ContainerPort[] | undefined, out: string[]): void {
  if (!ports) return;
  for (const p of ports) if (p.hostPort) out.push(`${p.protocol ?? "TCP"}/${p.hostIP || "0.0.0.0"}/${p.hostPort}`);
}

export function affinityTerm(owner: Pod, term: PodAffinityTerm, weight = 0): AffinityTerm {
  const namespaces = new Set(term.namespaces ?? []);
  const namespaceSelector = term.namespaceSelector ? fromLabelSelector(term.namespaceSelector) : undefined;
  if (namespaces.size === 0 && !namespaceSelector) namespaces.add(owner.metadata!.namespace!);
  // A term without a labelSelector matches no pods.
  const selector = term.labelSelector ? fromLabelSelector(term.labelSelector) : [{ key: "\u0000never", operator: "exists" as const, values: [] }];
  return { selector, namespaces, namespaceSelector, topologyKey: term.topologyKey, weight };
}

interface RequestSums {
  initContainers: unknown;
  overhead: unknown;
  requests: Resources;
  nonZero: Resources;
  requestsSomething: boolean;
  scalarNames: readonly string[];
}

/**
 * A pod's request sums by its (frozen, stored) containers list: binding and status writes copy the
 * pod but keep that list, so a pod's sums are computed once rather than on every cycle and update.
 */
const requestSums = new WeakMap<object, RequestSums>();

/** Sums shared between pod infos must never be added into. */
function frozenResources(r: Resources): Resources {
  Object.freeze(r.scalar);
  return Object.freeze(r);
}

function requestSumsOf(pod: Pod): RequestSums {
  const spec = pod.spec;
  const containers = spec?.containers;
  const cached = containers && Object.isFrozen(containers) ? requestSums.get(containers) : undefined;
  if (cached && cached.initContainers === spec?.initContainers && cached.overhead === spec?.overhead) return cached;
  const requests = frozenResources(podRequests(pod));
  const sums: RequestSums = {
    initContainers: spec?.initContainers,
    overhead: spec?.overhead,
    requests,
    nonZero: frozenResources(podRequests(pod, true)),
    requestsSomething: requests.milliCPU > 0 || requests.memory > 0 || requests.ephemeralStorage > 0 || Object.keys(requests.scalar).length > 0,
    scalarNames: Object.freeze(Object.keys(requests.scalar)),
  };
  if (containers && Object.isFrozen(containers)) requestSums.set(containers, sums);
  return sums;
}

export function makePodInfo(pod: Pod): PodInfo {
  const a = pod.spec?.affinity;
  const sums = requestSumsOf(pod);
  return {
    key: podKey(pod),
    pod,
    requests: sums.requests,
    requestsSomething: sums.requestsSomething,
    scalarNames: sums.scalarNames,
    nonZero: sums.nonZero,
    priority: podPriority(pod),
    hostPorts: hostPorts(pod),
    requiredAffinity: (a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => affinityTerm(pod, t)),
    requiredAntiAffinity: (a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => affinityTerm(pod, t)),
    preferredAffinity: (a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => affinityTerm(pod, t.podAffinityTerm, t.weight)),
    preferredAntiAffinity: (a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => affinityTerm(pod, t.podAffinityTerm, t.weight)),
  };
}

/**
 * The scheduler's view of the cluster, kept current from store events like an informer cache:
 * nodes with the pods assigned to them and the sums the filters need. It is derived data only —
 * when the store was replaced (a snapshot restore) it rebuilds itself from the store.
 */
export class SchedulerCache {
  private readonly infos = new Map<string, NodeInfo>();
  private readonly assignedTo = new Map<string, string>();
  private seenRevision = -1;
  private sortedInfos?: NodeInfo[];
  /** Bumped whenever a Node object or the set of nodes changes: static verdicts hold for one generation. */
  private nodeGeneration = 0;
  /** How many assigned pods declare pod (anti-)affinity: with none, the affinity plugins have nothing to look at. */
  private affinityPodCount = 0;
  private readonly staticVerdicts = new Map<string, StaticVerdicts>();
  /** Unassigned pods that preemption nominated to a node (they reserve room there). */
  private readonly nominatedByKey = new Map<string, PodInfo>();
  /**
   * Results of the filters that depend only on the pod's static scheduling fields and the node
   * object (cordon, taints, node selector/affinity), per pod signature and node resourceVersion:
   * replicas of one workload share them, which keeps a 500-node cluster cheap to schedule into.
   */
  private readonly staticResults = new Map<string, Map<string, StaticResults>>();
  /**
   * Per (namespace, label selector) asked for by PodTopologySpread: how many counted pods of that
   * namespace, not being deleted, match on each node. Kept current as pods come and go, so a
   * cycle reads a count per node instead of matching every pod of the cluster (which made
   * scheduling a big ReplicaSet's replicas quadratic). Bounded: past the limit it starts afresh.
   */
  private readonly matchingCounts = new Map<string, MatchingCount>();
  /** Cluster changes that may make unschedulable pods schedulable, noted for the scheduler's queue. */
  onClusterChange?: (reason: string) => void;

  constructor(readonly store: ObjectStore) {
    store.subscribe((event) => this.observe(event));
  }

  /** Every node known (with a Node object), in name order. The array is shared: do not change it. */
  nodes(): readonly NodeInfo[] {
    this.ensureFresh();
    this.sortedInfos ??= [...this.infos.values()].filter((i) => i.node).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return this.sortedInfos;
  }

  /** Whether any assigned pod declares pod affinity or anti-affinity. */
  get hasAffinityPods(): boolean {
    this.ensureFresh();
    return this.affinityPodCount > 0;
  }

  /**
   * The static verdicts of one pod signature, aligned with `nodes()`: replicas of a workload share
   * them, so a node's taints and labels are matched once per workload rather than once per pod.
   */
  staticVerdictsFor(signature: string): (Rejection | null | undefined)[] {
    return this.staticEntry(signature).verdicts;
  }

  /**
   * Positions (in `nodes()`) of the nodes the static filters pass for this signature, ascending;
   * `verdictOf` fills the verdicts not yet known. The filter loop then visits only these nodes.
   */
  staticPassingFor(signature: string, verdictOf: (position: number) => Rejection | null): Int32Array {
    const entry = this.staticEntry(signature);
    if (entry.passing) return entry.passing;
    const verdicts = entry.verdicts;
    const passing: number[] = [];
    for (let i = 0; i < verdicts.length; i++) {
      let verdict = verdicts[i];
      if (verdict === undefined) verdict = verdicts[i] = verdictOf(i);
      if (verdict === null) passing.push(i);
    }
    return (entry.passing = Int32Array.from(passing));
  }

  /** The remembered scores of a static score plugin for one pod signature, aligned with `nodes()` (NaN: not yet scored). */
  staticScoresFor(signature: string, plugin: string): Float64Array {
    const entry = this.staticEntry(signature);
    let scores = entry.scores.get(plugin);
    if (!scores) entry.scores.set(plugin, (scores = new Float64Array(entry.verdicts.length).fill(NaN)));
    return scores;
  }

  private staticEntry(signature: string): StaticVerdicts {
    const nodes = this.nodes();
    let entry = this.staticVerdicts.get(signature);
    if (!entry || entry.generation !== this.nodeGeneration) {
      if (!entry && this.staticVerdicts.size >= 2000) this.staticVerdicts.clear();
      entry = { generation: this.nodeGeneration, verdicts: new Array(nodes.length).fill(undefined), scores: new Map() };
      this.staticVerdicts.set(signature, entry);
    }
    return entry;
  }

  nodeInfo(name: string): NodeInfo | undefined {
    this.ensureFresh();
    return this.infos.get(name);
  }

  /** Pods on every node, for affinity and topology spread checks. */
  *allPods(): Iterable<[NodeInfo, PodInfo]> {
    for (const info of this.nodes()) for (const p of info.pods.values()) yield [info, p];
  }

  /** Pods nominated to nodes by preemption, by node. */
  nominated(): Map<string, PodInfo[]> {
    this.ensureFresh();
    const out = new Map<string, PodInfo[]>();
    for (const info of this.nominatedByKey.values()) {
      const node = info.pod.status!.nominatedNodeName!;
      out.set(node, [...(out.get(node) ?? []), info]);
    }
    return out;
  }

  /** The memo table of one pod signature: node name → results computed for that node's resourceVersion. */
  memoFor(signature: string): Map<string, StaticResults> {
    let perNode = this.staticResults.get(signature);
    if (!perNode) {
      if (this.staticResults.size >= 2000) this.staticResults.clear();
      perNode = new Map();
      this.staticResults.set(signature, perNode);
    }
    return perNode;
  }

  /**
   * Counted pods per node name that are in `namespace`, not being deleted, and match `selector`
   * (the pods PodTopologySpread counts). The map is shared and kept current: do not change it.
   */
  matchingPodsPerNode(namespace: string | undefined, selector: Selector): ReadonlyMap<string, number> {
    this.ensureFresh();
    const key = `${namespace ?? ""}\u0000${JSON.stringify(selector)}`;
    let entry = this.matchingCounts.get(key);
    if (!entry) {
      if (this.matchingCounts.size >= MATCHING_COUNT_LIMIT) this.matchingCounts.clear();
      entry = { namespace, selector, perNode: new Map() };
      for (const info of this.infos.values()) for (const p of info.pods.values()) countMatching(entry, info.name, p.pod, 1);
      this.matchingCounts.set(key, entry);
    }
    return entry.perNode;
  }

  namespaceLabels(name: string): Record<string, string> {
    return this.store.get("/namespaces", undefined, name)?.metadata.labels ?? {};
  }

  private ensureFresh(): void {
    if (this.seenRevision === this.store.currentRevision) return;
    this.infos.clear();
    this.assignedTo.clear();
    this.nominatedByKey.clear();
    this.matchingCounts.clear();
    this.nodesChanged();
    this.affinityPodCount = 0;
    for (const node of this.store.list("/nodes")) this.info(node.metadata.name!).setNode(node as unknown as Node);
    for (const pod of this.store.list("/pods")) {
      this.placePod(pod as unknown as Pod);
      this.noteNomination(pod as unknown as Pod, false);
    }
    this.seenRevision = this.store.currentRevision;
  }

  private info(name: string): NodeInfo {
    let info = this.infos.get(name);
    if (!info) {
      info = new NodeInfo(name);
      this.infos.set(name, info);
    }
    return info;
  }

  private observe(event: StoreEvent): void {
    const fresh = this.seenRevision === event.rv - 1;
    if (event.typeKey === "/nodes") this.observeNode(event, fresh);
    else if (event.typeKey === "/pods") this.observePod(event, fresh);
    else if (VOLUME_AND_NAMESPACE_TYPES.has(event.typeKey)) {
      this.onClusterChange?.(event.typeKey);
    }
    if (fresh) this.seenRevision = event.rv;
  }

  private observeNode(event: StoreEvent, fresh: boolean): void {
    const name = event.object.metadata.name!;
    const before = this.infos.get(name)?.node;
    if (fresh) {
      if (event.type === "DELETED") {
        this.info(name).setNode(undefined);
        if (this.info(name).pods.size === 0) this.infos.delete(name);
      } else {
        this.info(name).setNode(event.object as unknown as Node);
      }
      this.nodesChanged();
    }
    if (event.type === "ADDED" || (event.type === "MODIFIED" && schedulingRelevantChange(before, event.object as unknown as Node))) {
      this.onClusterChange?.("node");
    }
  }

  private observePod(event: StoreEvent, fresh: boolean): void {
    const pod = event.object as unknown as Pod;
    const key = podKey(pod);
    const previousNode = this.assignedTo.get(key);
    const previous = previousNode ? this.infos.get(previousNode)?.pods.get(key)?.pod : undefined;
    if (fresh) {
      if (previousNode) {
        const node = this.infos.get(previousNode);
        if (node?.affinityPods.has(key)) this.affinityPodCount--;
        const removed = node?.pods.get(key);
        if (removed) for (const entry of this.matchingCounts.values()) countMatching(entry, previousNode, removed.pod, -1);
        node?.removePod(key);
        this.assignedTo.delete(key);
      }
      if (event.type !== "DELETED") this.placePod(pod);
      this.noteNomination(pod, event.type === "DELETED");
    }
    const nowCounted = event.type !== "DELETED" && !!pod.spec?.nodeName && !isTerminal(pod);
    // An assigned pod going away frees room; a label change can satisfy affinity or spread rules.
    if (previousNode && !nowCounted) this.onClusterChange?.("pod-deleted");
    else if (previous && nowCounted && JSON.stringify(previous.metadata?.labels ?? {}) !== JSON.stringify(pod.metadata?.labels ?? {})) this.onClusterChange?.("pod-labels");
    else if (!previousNode && nowCounted && (pod.spec?.affinity?.podAffinity || pod.metadata?.labels)) this.onClusterChange?.("pod-assigned");
  }

  private noteNomination(pod: Pod, deleted: boolean): void {
    const key = podKey(pod);
    if (!deleted && pod.status?.nominatedNodeName && !pod.spec?.nodeName && !pod.metadata?.deletionTimestamp) this.nominatedByKey.set(key, makePodInfo(pod));
    else this.nominatedByKey.delete(key);
  }

  private placePod(pod: Pod): void {
    const nodeName = pod.spec?.nodeName;
    if (!nodeName || isTerminal(pod)) return;
    const info = makePodInfo(pod);
    this.info(nodeName).addPod(info);
    for (const entry of this.matchingCounts.values()) countMatching(entry, nodeName, pod, 1);
    if (hasAffinity(info)) this.affinityPodCount++;
    this.assignedTo.set(podKey(pod), nodeName);
  }

  private nodesChanged(): void {
    this.sortedInfos = undefined;
    this.nodeGeneration++;
  }
}

/** Types whose changes can help pods that volume binding or namespace selectors rejected (every write of any type is checked). */
const VOLUME_AND_NAMESPACE_TYPES: ReadonlySet<string> = new Set(["/persistentvolumeclaims", "/persistentvolumes", "storage.k8s.io/storageclasses", "/namespaces"]);

interface MatchingCount {
  namespace: string | undefined;
  selector: Selector;
  perNode: Map<string, number>;
}

const MATCHING_COUNT_LIMIT = 256;

function countMatching(entry: MatchingCount, nodeName: string, pod: Pod, delta: 1 | -1): void {
  const m = pod.metadata;
  if (m?.namespace !== entry.namespace || m?.deletionTimestamp || !matches(entry.selector, m?.labels)) return;
  const n = (entry.perNode.get(nodeName) ?? 0) + delta;
  if (n === 0) entry.perNode.delete(nodeName);
  else entry.perNode.set(nodeName, n);
}

/** Node updates that can change a scheduling decision (not heartbeats or image lists). */
function schedulingRelevantChange(before: Node | undefined, after: Node): boolean {
  if (!before) return true;
  const pick = (n: Node) =>
    JSON.stringify([n.metadata?.labels, n.spec?.taints, n.spec?.unschedulable, n.status?.allocatable, (n.status?.conditions ?? []).map((c) => [c.type, c.status])]);
  return pick(before) !== pick(after);
}

export function asPod(obj: KubeObject): Pod {
  return obj as unknown as Pod;
}

export function labelsMatch(selector: Selector, labels: Record<string, string> | undefined): boolean {
  return matches(selector, labels);
}
