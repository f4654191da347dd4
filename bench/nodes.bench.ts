/**
 * Nodes and the control plane: time and memory to start the default 3-node kubeadm-style lab with
 * its system pods Ready (targets: < 20 ms, < 3 MB), and the steady-state cost of a 1,000-pod
 * cluster per simulated minute. Run: npx tsx bench/nodes.bench.ts (or `npm run bench nodes`).
 */
import { Environment } from "../engine/cluster/environment";
import type { KubeObject } from "../engine/api/types";

const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  gc?.();
  return process.memoryUsage().heapUsed;
};
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);

function startup(): void {
  let t = performance.now();
  Environment.create();
  console.log(`first environment in this process (signs the cluster PKI): ${(performance.now() - t).toFixed(1)} ms`);
  const runs = 5;
  const kept: Environment[] = [];
  const before = heap();
  t = performance.now();
  for (let i = 0; i < runs; i++) kept.push(Environment.create());
  const ms = (performance.now() - t) / runs;
  const bytes = (heap() - before) / runs;
  const env = kept[0];
  const pods = env.cluster().store.list("/pods");
  const ready = pods.filter((p) => ((p.status as { conditions?: { type: string; status: string }[] }).conditions ?? []).some((c) => c.type === "Ready" && c.status === "True"));
  console.log(`3-node lab, system pods Ready (${ready.length}/${pods.length}): ${ms.toFixed(1)} ms per environment (target < 20 ms), ${mb(bytes)} MB retained (target < 3 MB)`);
  console.log(`  snapshot size: ${mb(JSON.stringify(env.snapshot()).length)} MB of JSON`);
}

function steadyState(): void {
  const env = Environment.create();
  const admin = env.cluster().admin;
  const PODS = 1000;
  let t = performance.now();
  for (let i = 0; i < PODS; i++) {
    admin.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: `pod-${String(i).padStart(4, "0")}`, namespace: "default", labels: { app: `app-${i % 10}` } },
      spec: { nodeName: i % 2 === 0 ? "node01" : "node02", containers: [{ name: "c", image: i % 3 === 0 ? "busybox" : "nginx:1.27", ...(i % 3 === 0 ? { command: ["sh", "-c", "while true; do echo tick; sleep 30; done"] } : {}), readinessProbe: i % 3 === 0 ? undefined : { httpGet: { path: "/", port: 80 }, periodSeconds: 10 } }] },
    } as KubeObject);
  }
  env.advanceBy(60_000);
  console.log(`1,000 pods created and started: ${(performance.now() - t).toFixed(0)} ms`);
  const before = heap();
  t = performance.now();
  env.advanceBy(60_000);
  const perMinute = performance.now() - t;
  console.log(`1,000-pod cluster, one simulated minute of steady state: ${perMinute.toFixed(0)} ms, heap ${mb(heap() - before)} MB growth, ${env.clock.pendingTimers().length} pending timers`);
}

startup();
steadyState();
