/**
 * Controllers and scheduler: scheduling throughput for 5,000 pods on 500 nodes with node affinity,
 * tolerations and tainted nodes (target < 1 s), a 100-replica Deployment rolling update to
 * completion, and the memory of those clusters. Run: node --expose-gc --import tsx bench/controllers.bench.ts
 * (or `npm run bench controllers`; without --expose-gc the memory deltas include garbage). Numbers are
 * reported, never asserted.
 */
import { performance } from "node:perf_hooks";
import type { KubeObject } from "../engine/api/types";
import { corePlugin } from "../engine/cluster/core-plugin";
import { Environment } from "../engine/cluster/environment";
import { controllersPlugin } from "../engine/controllers/plugin";
import { fakeKubeletPlugin } from "../engine/controllers/test/fake-kubelet";
import { addNode } from "../engine/controllers/test/harness";
import { heapMB } from "./support";

const NODES = 500;
const PODS = 5000;
const ZONES = ["a", "b", "c", "d"];
/** CPU time since `since`: on a shared machine wall time mostly measures the neighbours. */
function cpuMillis(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

function cluster(kubelet: boolean): Environment {
  const plugins = [corePlugin, controllersPlugin, ...(kubelet ? [fakeKubeletPlugin({ heartbeat: false })] : [])];
  return Environment.create({ clusters: [{ name: "bench", nodes: [] }] }, { seed: 11, plugins, environmentPlugins: [] });
}

function schedulingBench(): void {
  const before = heapMB();
  const env = cluster(false);
  const c = env.cluster();
  for (let i = 0; i < NODES; i++) {
    addNode(c.admin, {
      name: `node-${String(i).padStart(3, "0")}`,
      cpu: "16",
      memory: "64Gi",
      labels: { "topology.kubernetes.io/zone": ZONES[i % ZONES.length], tier: i % 5 === 0 ? "gpu" : "general" },
      ...(i % 10 === 0 ? { taints: [{ key: "dedicated", value: "batch", effect: "NoSchedule" }] } : {}),
    });
  }
  c.controllers.setPaused(["default-scheduler"], true);
  for (let i = 0; i < PODS; i++) {
    const pod: KubeObject = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: `pod-${i}`, namespace: "default", labels: { app: `app-${i % 50}` } },
      spec: {
        containers: [{ name: "c", image: "nginx", resources: { requests: { cpu: "100m", memory: "128Mi" } } }],
        tolerations: i % 3 === 0 ? [{ key: "dedicated", operator: "Equal", value: "batch", effect: "NoSchedule" }] : [],
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "topology.kubernetes.io/zone", operator: "In", values: [ZONES[i % 4], ZONES[(i + 1) % 4]] }] }] },
            preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, preference: { matchExpressions: [{ key: "tier", operator: "NotIn", values: ["gpu"] }] } }],
          },
        },
      },
    };
    c.admin.create(pod);
  }
  const start = performance.now();
  const cpu = process.cpuUsage();
  c.controllers.setPaused(["default-scheduler"], false);
  c.settle();
  const ms = performance.now() - start;
  const cpuMs = cpuMillis(cpu);
  const bound = c.store.list("/pods").filter((p) => (p.spec as { nodeName?: string }).nodeName).length;
  console.log(
    `scheduling: ${bound}/${PODS} pods bound on ${NODES} nodes in ${ms.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU (${((bound / cpuMs) * 1000).toFixed(0)} pods per CPU second), including binding writes and Scheduled events; target < 1000 ms: ${bound === PODS && ms < 1000 ? "met" : "NOT met"}`,
  );
  console.log(`memory: ${(heapMB() - before).toFixed(1)} MB for ${NODES} nodes and ${PODS} bound pods with their events`);
}

function rolloutBench(): void {
  const before = heapMB();
  const env = cluster(true);
  const c = env.cluster();
  for (let i = 0; i < 20; i++) addNode(c.admin, { name: `node-${i}`, cpu: "32", memory: "128Gi" });
  const deployment = (image: string): KubeObject => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "default" },
    spec: { replicas: 100, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image }] } } },
  });
  let cpu = process.cpuUsage();
  c.admin.create(deployment("nginx:1.27"));
  env.advanceBy(2000);
  console.log(`deployment: 100 replicas created, scheduled and available in ${cpuMillis(cpu).toFixed(0)} ms CPU`);
  cpu = process.cpuUsage();
  c.admin.patch("apps", "deployments", "default", "web", { spec: { template: { spec: { containers: [{ name: "nginx", image: "nginx:1.28" }] } } } }, "strategic");
  let steps = 0;
  for (; steps < 200; steps++) {
    const d = c.admin.get("apps", "deployments", "default", "web")!;
    const s = d.status as { updatedReplicas?: number; availableReplicas?: number; replicas?: number };
    if (s.updatedReplicas === 100 && s.availableReplicas === 100 && s.replicas === 100) break;
    env.advanceBy(1000);
  }
  const scalings = c.admin.list("", "events", "default").filter((e) => e.reason === "ScalingReplicaSet");
  const ups = scalings.filter((e) => String(e.message).startsWith("Scaled up")).length;
  // One event per scale call, as the real controller (rolling.go). The fake kubelet starts every
  // pod a second after its binding, so pods created together become available together and the
  // controllers (each draining its whole queue in its turn) count them together: a few large steps.
  console.log(
    `rolling update: 100 replicas (25% surge/unavailable) complete after ${steps} s of cluster time in ${cpuMillis(cpu).toFixed(0)} ms CPU (${scalings.length} ScalingReplicaSet events: ${ups} up, ${scalings.length - ups} down)`,
  );
  console.log(`memory: ${(heapMB() - before).toFixed(1)} MB for the 20-node cluster after the rolling update (${c.store.count("/pods")} pods, ${c.store.count("/events")} events)`);
}

schedulingBench();
rolloutBench();
