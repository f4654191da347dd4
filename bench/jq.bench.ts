/**
 * jq (jq-web in a worker thread, engine/shell/commands/jq-runner.ts): what a learner waits for in
 * `kubectl get pods -A -o json | jq -r '.items[].metadata.name'` in a terminal of the default lab,
 * against the same line without jq; the CPU the worker thread spends per jq call (process CPU,
 * both threads); the first call's start of the worker; and the process memory the worker adds.
 * Target: jq adds < 50 ms per call (a native jq 1.6 start costs ~20-50 ms of CPU on these machines).
 * Run: npx tsx bench/jq.bench.ts
 */
import { Environment } from "../engine/cluster/environment";
import { createTerminal } from "../engine/shell";
import { median, processCpuMs as cpuMs } from "./support";

const TARGET_MS = 50;


async function main(): Promise<void> {
  const env = Environment.create();
  const terminal = createTerminal(env);
  await terminal.ready;
  const withJq = "kubectl get pods -A -o json | jq -r '.items[].metadata.name' > /dev/null";
  const without = "kubectl get pods -A -o json > /dev/null";
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  await terminal.exec("jq -n 1 > /dev/null");
  const firstMs = performance.now() - t0;
  const rssWorker = process.memoryUsage().rss - rss0;
  for (let i = 0; i < 5; i++) await terminal.exec(withJq);
  const wall = { jq: [] as number[], plain: [] as number[] };
  const cpu = { jq: [] as number[], plain: [] as number[] };
  // Paired and interleaved, so the load of the shared machine falls on both alike.
  for (let i = 0; i < 30; i++) {
    for (const [key, line] of [["jq", withJq], ["plain", without]] as const) {
      const c0 = cpuMs();
      const w0 = performance.now();
      await terminal.exec(line);
      wall[key].push(performance.now() - w0);
      cpu[key].push(cpuMs() - c0);
    }
  }
  const added = median(wall.jq) - median(wall.plain);
  console.log(`jq first call (worker start + wasm compile): ${firstMs.toFixed(1)} ms, process memory added ~${(rssWorker / 1048576).toFixed(0)} MB`);
  console.log(`kubectl get pods -A -o json | jq: ${median(wall.jq).toFixed(2)} ms wall, ${median(cpu.jq).toFixed(2)} ms CPU (median of 30)`);
  console.log(`kubectl get pods -A -o json alone: ${median(wall.plain).toFixed(2)} ms wall, ${median(cpu.plain).toFixed(2)} ms CPU`);
  console.log(`jq adds ${added.toFixed(2)} ms wall, ${(median(cpu.jq) - median(cpu.plain)).toFixed(2)} ms CPU per call: target < ${TARGET_MS} ms ${added < TARGET_MS ? "met" : "NOT met"}`);
  process.exit(0);
}

void main();
