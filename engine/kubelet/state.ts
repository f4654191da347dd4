import type { Cluster } from "../cluster/cluster";
import type { ProcessState } from "./process/types";
import type { PendingBootstrap } from "./tls-bootstrap";

/**
 * What the kubelet and containerd know about a node that is not an API object: pulled images,
 * sandboxes and containers with their restart back-offs, probe counters and running processes.
 * Kept as plain JSON in `cluster.extra` so it survives snapshots, like containerd's own state dir.
 */
export interface TerminatedInfo {
  exitCode: number;
  reason: string;
  message?: string;
  signal?: number;
  startedAt: number;
  finishedAt: number;
  containerID: string;
}

export interface ProbeState {
  /** Result the kubelet currently acts on. */
  passing: boolean;
  successes: number;
  failures: number;
  /** Next time this probe runs. */
  nextAt: number;
  lastMessage?: string;
}

export interface ContainerRecord {
  name: string;
  kind: "init" | "sidecar" | "app" | "ephemeral";
  restartCount: number;
  state: "waiting" | "running" | "terminated";
  reason?: string;
  message?: string;
  id?: string;
  startedAt?: number;
  finishedAt?: number;
  exitCode?: number;
  signal?: number;
  last?: TerminatedInfo;
  ready: boolean;
  started: boolean;
  /** Normalised image reference and the image ID it resolved to. */
  image?: string;
  imageID?: string;
  /** An image pull in progress, finishing at `until`. */
  pullUntil?: number;
  pullStartedAt?: number;
  /** Image pull back-off: retry not before `pullRetryAt`; the delay doubles up to 5 minutes. */
  pullRetryAt?: number;
  pullBackoffMs?: number;
  pullError?: string;
  pullFailedAt?: number;
  /** Crash-loop back-off (10 s doubling to 5 minutes). */
  restartAt?: number;
  backoffMs?: number;
  lastRestartAt?: number;
  /** The event reason last recorded for a waiting state, so repeats are counted, not re-sent. */
  configError?: string;
  process?: ProcessState;
  probes: { liveness?: ProbeState; readiness?: ProbeState; startup?: ProbeState };
  /** Kill requested (liveness failure, pod deletion): the process stops at `killAt`. */
  killAt?: number;
  killReason?: string;
  /** Environment the process was started with (for `kubectl exec -- env`, /proc/1/environ). */
  env?: Record<string, string>;
  pid?: number;
}

export interface PodRecord {
  uid: string;
  namespace: string;
  name: string;
  createdAt: number;
  sandboxId?: string;
  ip?: string;
  /** Volumes could not be set up; the message the FailedMount event carries. */
  mountError?: string;
  containers: Record<string, ContainerRecord>;
  /** Set when the pod is being deleted: containers are stopped by this time at the latest. */
  killDeadline?: number;
  /** Static pods run from a manifest file; their mirror pod only reflects them. */
  staticSource?: string;
}

export interface PulledImage {
  id: string;
  repoTags: string[];
  repoDigests: string[];
  size: number;
  pinned?: boolean;
}

export interface NodeKubeletState {
  /** Version of the kubelet binary that is running (changes when a newer package is installed and the kubelet restarts). */
  version: string;
  bootId: string;
  machineId: string;
  /** Cluster time the kubelet process last started. */
  startedAt: number;
  images: Record<string, PulledImage>;
  pods: Record<string, PodRecord>;
  /** Next host-side IP to hand out in the node's pod CIDR. */
  nextIp: number;
  nextPid: number;
  /** When node status was last reported (heartbeat), and what was reported. */
  lastReportAt?: number;
  lastReportedHash?: string;
  /** Skipping the heartbeats of a quiet stretch, it vouches for its lease's renewals up to this time (controllers/heartbeats.ts). */
  vouchedUntil?: number;
  /** Static pod manifests the kubelet has seen: file → content hash. */
  staticManifests?: Record<string, string>;
  /** Registered its Node since it last started (a real kubelet registers once per start, not after the Node is deleted). */
  registered?: boolean;
  /** Started without usable client credentials: it must TLS-bootstrap before it can register. */
  awaitingCredentials?: boolean;
  /** The TLS bootstrap in progress (no kubelet.conf yet). */
  bootstrap?: PendingBootstrap;
}

const KEY = "kubelet/nodes";

/** A value that may be read, not changed, at any depth. */
export type ReadonlyDeep<T> = T extends (infer U)[] ? readonly ReadonlyDeep<U>[] : T extends object ? { readonly [K in keyof T]: ReadonlyDeep<T[K]> } : T;

const NO_NODES: Readonly<Record<string, ReadonlyDeep<NodeKubeletState>>> = Object.freeze({});

/**
 * Every node's state, to read: unlike kubeletStates this does not count as a change, so a command
 * that only reads it (kubectl logs, kubectl top) is still saved as one that changed nothing.
 */
export function readKubeletStates(cluster: Cluster): Readonly<Record<string, ReadonlyDeep<NodeKubeletState>>> {
  return (cluster.extra[KEY] as Record<string, NodeKubeletState> | undefined) ?? NO_NODES;
}

/** Every node's state, to change now (counts as a change of the cluster's plugin state; see Cluster.changePluginState). */
export function kubeletStates(cluster: Cluster): Record<string, NodeKubeletState> {
  return cluster.changePluginState<Record<string, NodeKubeletState>>(KEY, () => ({}));
}

export function nodeState(cluster: Cluster, node: string): NodeKubeletState | undefined {
  return kubeletStates(cluster)[node];
}
