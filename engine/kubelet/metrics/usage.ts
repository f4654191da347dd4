import { createHash } from "node:crypto";
import type { KubeObject } from "../../api/types";
import { parseQuantity } from "../../api/quantity";
import type { Cluster } from "../../cluster/cluster";
import { requestRate } from "../../network/load";
import { isKubeletRunning } from "../kubelet";
import { lookupImage, parseImageRef } from "../images";
import type { PodSpec } from "../pod-types";
import { readKubeletStates, type ContainerRecord, type PodRecord, type ReadonlyDeep } from "../state";

/**
 * What the kubelet's resource metrics endpoint reports, as metrics-server scrapes it every 15 s:
 * per-container CPU and working-set memory derived from the image catalogue (what each process
 * uses at rest), the load on it (requests served, a busy loop, `stress --cpu`), capped by the
 * container's CPU limit, with a small deterministic wobble so figures move between scrapes like
 * real ones. Node usage adds the node's own daemons (kubelet, containerd, the OS).
 */
export const SCRAPE_MS = 15_000;

export interface Usage {
  /** nanocores */
  cpu: number;
  /** bytes */
  memory: number;
}

export interface ContainerUsage extends Usage {
  name: string;
}

/** A stable number in [0, 1) from a key and a scrape: the same question always gets the same answer. */
function wobble(key: string, scrape: number): number {
  const h = createHash("sha1").update(`${key}@${scrape}`).digest();
  return h.readUInt32BE(0) / 2 ** 32;
}

/** The last scrape at or before `now` (metrics-server's resolution). */
export function lastScrape(now: number): number {
  return Math.floor(now / SCRAPE_MS) * SCRAPE_MS;
}

function cpuLimitMillis(pod: KubeObject, container: string): number | undefined {
  const spec = pod.spec as PodSpec;
  const c = [...spec.containers, ...(spec.initContainers ?? [])].find((x) => x.name === container);
  const limit = c?.resources?.limits?.cpu;
  return limit === undefined ? undefined : parseQuantity(String(limit)).milliValue();
}

function containerUsage(cluster: Cluster, pod: KubeObject, record: ReadonlyDeep<PodRecord>, c: ReadonlyDeep<ContainerRecord>, scrape: number, servingContainers: number): Usage {
  const proc = c.process!;
  const ref = parseImageRef(proc.image);
  const found = ref ? lookupImage(ref) : undefined;
  const image = found?.found ? found.image : undefined;
  let millis = proc.cpuMillis + (proc.cpuLoadMillis ?? 0);
  if (proc.script?.busyUntil !== undefined && proc.script.busyUntil >= scrape) millis += 1000;
  if (proc.listens.length > 0) millis += (requestRate(cluster, record.namespace, record.name, scrape) * (image?.cpuPerRequestMillis ?? 0.5)) / Math.max(1, servingContainers);
  const w = wobble(c.id ?? c.name, scrape);
  millis *= 0.9 + 0.2 * w;
  const limit = cpuLimitMillis(pod, c.name);
  if (limit !== undefined) millis = Math.min(millis, limit);
  millis = Math.min(millis, 2000);
  const memory = Math.round(proc.memoryMiB * 1024 * 1024 * (0.98 + 0.04 * w));
  return { cpu: Math.round(millis * 1_000_000), memory };
}

/** Per-container usage of a pod, or undefined while metrics-server has no two scrapes of it yet. */
export function podUsage(cluster: Cluster, pod: KubeObject, now: number): { scrape: number; containers: ContainerUsage[] } | undefined {
  const node = (pod.spec as PodSpec).nodeName;
  if (!node) return undefined;
  const host = cluster.hosts.get(node);
  if (!host || !isKubeletRunning(host)) return undefined;
  const state = readKubeletStates(cluster)[node];
  const record = Object.values(state?.pods ?? {}).find((r) => r.namespace === pod.metadata.namespace && r.name === pod.metadata.name);
  if (!record) return undefined;
  const scrape = lastScrape(now);
  const running = Object.values(record.containers).filter((c) => c.state === "running" && c.process && c.kind !== "init");
  // CPU is a rate: it needs two scrapes of the container.
  if (running.length === 0 || running.some((c) => (c.startedAt ?? now) > scrape - SCRAPE_MS)) return undefined;
  const serving = running.filter((c) => c.process!.listens.length > 0).length;
  const order = [...(pod.spec as PodSpec).containers.map((c) => c.name)];
  running.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  return { scrape, containers: running.map((c) => ({ name: c.name, ...containerUsage(cluster, pod, record, c, scrape, serving) })) };
}

/** The node's own use: kubelet, containerd and the OS, more on a control plane (static pods aside). */
const NODE_OVERHEAD = { "control-plane": { cpuMillis: 55, memoryMiB: 640 }, worker: { cpuMillis: 28, memoryMiB: 390 } } as const;

export function nodeUsage(cluster: Cluster, node: KubeObject, now: number): { scrape: number; usage: Usage } | undefined {
  const name = node.metadata.name!;
  const host = cluster.hosts.get(name);
  if (!host || !isKubeletRunning(host)) return undefined;
  const scrape = lastScrape(now);
  const role = host.role === "control-plane" ? "control-plane" : "worker";
  const w = wobble(`node/${name}`, scrape);
  let cpu = NODE_OVERHEAD[role].cpuMillis * (0.9 + 0.2 * w) * 1_000_000;
  let memory = NODE_OVERHEAD[role].memoryMiB * 1024 * 1024 * (0.99 + 0.02 * w);
  for (const pod of cluster.store.list("/pods")) {
    if ((pod.spec as PodSpec).nodeName !== name) continue;
    const usage = podUsage(cluster, pod, now);
    for (const c of usage?.containers ?? []) {
      cpu += c.cpu;
      memory += c.memory;
    }
  }
  return { scrape, usage: { cpu: Math.round(cpu), memory: Math.round(memory) } };
}

/** metrics.k8s.io quantities: CPU in nanocores ("2335512n"), memory in KiB ("12864Ki"). */
export function formatUsage(u: Usage): { cpu: string; memory: string } {
  return { cpu: `${u.cpu}n`, memory: `${Math.round(u.memory / 1024)}Ki` };
}
