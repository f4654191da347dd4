/**
 * Per-command latency of the emulated kubectl on a cluster with 1,000 pods: get, describe and
 * apply, in process (target: p99 < 5 ms). Run: npx tsx bench/kubectl.bench.ts
 */
import { Environment } from "../engine/cluster/environment";
import type { KubeObject } from "../engine/api/types";
import { KubectlBench, splitArgs } from "../engine/kubectl/test/harness";

const PODS = 1000;
const RUNS = 50;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const env = Environment.create();
  const admin = env.cluster().admin;
  for (let i = 0; i < PODS; i++) {
    admin.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: `pod-${String(i).padStart(4, "0")}`, namespace: "default", labels: { app: `app-${i % 10}` } },
      spec: { containers: [{ name: "c", image: "nginx" }] },
    } as KubeObject);
  }
  const bench = new KubectlBench(env);
  bench.write("/root/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bench\ndata:\n  a: \"1\"\n");
  const commands = ["get pods", "get pods -l app=app-3", "get pod pod-0500 -o yaml", "describe pod pod-0500", "apply -f cm.yaml"];
  for (const line of commands) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      await bench.run(splitArgs(line));
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    process.stdout.write(`kubectl ${line.padEnd(28)} p50 ${percentile(times, 50).toFixed(2)} ms   p99 ${percentile(times, 99).toFixed(2)} ms   (${PODS} pods, ${RUNS} runs)\n`);
  }
}

void main();
