/**
 * yq (engine/shell/commands/yq.ts: the expression translated to jq and run in the jq worker, YAML
 * read and printed with the `yaml` library): what a learner waits for in
 * `kubectl get pod -n kube-system kube-apiserver-controlplane -o yaml | yq '.spec'` and in an
 * update (`yq '.spec.containers[0].image = "x"'`, printed from its JSON value with the input's
 * nodes reused), against the same line without yq. Target: yq adds < 50 ms per call, as jq.
 * Run: npx tsx bench/yq.bench.ts
 */
import { Environment } from "../engine/cluster/environment";
import { createTerminal } from "../engine/shell";
import { median, processCpuMs as cpuMs } from "./support";

const TARGET_MS = 50;

async function main(): Promise<void> {
  const env = Environment.create();
  const terminal = createTerminal(env);
  await terminal.ready;
  const get = "kubectl get pod -n kube-system kube-apiserver-controlplane -o yaml";
  const lines = {
    read: `${get} | yq '.spec' > /dev/null`,
    update: `${get} | yq '.spec.containers[0].image = "registry.k8s.io/kube-apiserver:v1.33.3"' > /dev/null`,
    plain: `${get} > /dev/null`,
  };
  await terminal.exec("yq -n 1 > /dev/null");
  for (let i = 0; i < 5; i++) await terminal.exec(lines.update);
  const wall: Record<string, number[]> = { read: [], update: [], plain: [] };
  const cpu: Record<string, number[]> = { read: [], update: [], plain: [] };
  // Paired and interleaved, so the load of the shared machine falls on all alike.
  for (let i = 0; i < 30; i++) {
    for (const [key, line] of Object.entries(lines)) {
      const c0 = cpuMs();
      const w0 = performance.now();
      await terminal.exec(line);
      wall[key].push(performance.now() - w0);
      cpu[key].push(cpuMs() - c0);
    }
  }
  for (const key of ["read", "update"]) {
    const added = median(wall[key]) - median(wall.plain);
    console.log(`yq ${key}: ${median(wall[key]).toFixed(2)} ms wall, ${median(cpu[key]).toFixed(2)} ms CPU (median of 30); adds ${added.toFixed(2)} ms wall, ${(median(cpu[key]) - median(cpu.plain)).toFixed(2)} ms CPU: target < ${TARGET_MS} ms ${added < TARGET_MS ? "met" : "NOT met"}`);
  }
  console.log(`${get} alone: ${median(wall.plain).toFixed(2)} ms wall, ${median(cpu.plain).toFixed(2)} ms CPU`);
  process.exit(0);
}

void main();
