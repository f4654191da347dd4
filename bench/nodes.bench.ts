/**
 * Nodes and the control plane: CPU time and memory to start the default 3-node kubeadm-style lab
 * with its system pods Ready (targets: < 20 ms, < 3 MB) at a wall-clock start time, as the app does
 * (and at the boot template's own time, for comparison), and the steady-state cost of a 1,000-pod
 * cluster per simulated minute. Run: npx tsx bench/nodes.bench.ts (or `npm run bench nodes`).
 */
import { DEFAULT_START_TIME, Environment } from "../engine/cluster/environment";
import type { KubeObject } from "../engine/api/types";

const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  gc?.();
  return process.memoryUsage().heapUsed;
};
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);

const cpuMs = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};

/** Environments started `runs` times: CPU ms each and MB retained each (kept alive until measured). */
function starts(runs: number, options: (i: number) => { seed: number; startTime?: number }): { ms: number; bytes: number; env: Environment } {
  const kept: Environment[] = [];
  const before = heap();
  const t = process.cpuUsage();
  for (let i = 0; i < runs; i++) kept.push(Environment.create(undefined, options(i)));
  const ms = cpuMs(t) / runs;
  return { ms, bytes: (heap() - before) / runs, env: kept[0] };
}

function startup(): void {
  const t = process.cpuUsage();
  Environment.create();
  console.log(`first environment in this process (boots, signs the cluster PKI, keeps the boot template): ${cpuMs(t).toFixed(0)} ms CPU`);
  starts(10, (i) => ({ seed: 100 + i })); // warm the JIT
  const runs = 10;
  const atTemplateTime = starts(runs, (i) => ({ seed: 10 + i }));
  // What the app does: each environment starts at wall-clock time, hours and milliseconds away from the template's.
  const atWallClock = starts(runs, (i) => ({ seed: 30 + i, startTime: DEFAULT_START_TIME + (i + 1) * 3_600_123 + 457 }));
  const pods = atWallClock.env.cluster().store.list("/pods");
  const ready = pods.filter((p) => ((p.status as { conditions?: { type: string; status: string }[] }).conditions ?? []).some((c) => c.type === "Ready" && c.status === "True"));
  console.log(`3-node lab, system pods Ready (${ready.length}/${pods.length}), at a wall-clock start time (the app's path): ${atWallClock.ms.toFixed(1)} ms CPU per environment (target < 20 ms), ${mb(atWallClock.bytes)} MB retained (target < 3 MB)`);
  console.log(`  the same at the boot template's own start time: ${atTemplateTime.ms.toFixed(1)} ms CPU, ${mb(atTemplateTime.bytes)} MB retained`);
  console.log(`  snapshot size: ${mb(JSON.stringify(atWallClock.env.snapshot()).length)} MB of JSON`);
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
