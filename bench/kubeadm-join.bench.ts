/**
 * kubeadm reset and join of a worker, as a learner runs them: CPU time of `kubeadm reset -f`, of
 * `kubeadm token create --print-join-command` and of the whole `kubeadm join` (discovery, kubelet
 * start, TLS bootstrap with a signed CSR, registration), with simulated time advancing as the join
 * waits (target: the join under 200 ms of CPU, so a terminal never stalls on it).
 * Run: npx tsx bench/kubeadm-join.bench.ts (or `npm run bench kubeadm-join`). Numbers are reported, never asserted.
 */
import { Environment } from "../engine/cluster/environment";
import "../engine/programs-index";
import { runScript } from "../engine/shell";

async function cpuMs(fn: () => Promise<unknown>): Promise<number> {
  const start = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

async function main(): Promise<void> {
  // The first environment signs the cluster PKI and warms the JIT; keep it out of the numbers.
  Environment.create();
  const runs = 5;
  const totals = { reset: 0, token: 0, join: 0 };
  for (let i = 0; i < runs; i++) {
    const env = Environment.create(undefined, { seed: 11 + i });
    await runScript(env, { host: "controlplane", script: "kubectl delete node node02" });
    totals.reset += await cpuMs(() => runScript(env, { host: "node02", script: "kubeadm reset -f" }));
    let command = "";
    totals.token += await cpuMs(async () => {
      command = (await runScript(env, { host: "controlplane", script: "kubeadm token create --print-join-command" })).stdout.trim();
    });
    let exit = -1;
    totals.join += await cpuMs(async () => {
      exit = (await runScript(env, { host: "node02", script: command })).exitCode;
    });
    if (exit !== 0) console.log(`run ${i}: kubeadm join exited with ${exit}`);
  }
  console.log(`kubeadm reset -f (worker): ${(totals.reset / runs).toFixed(1)} ms CPU`);
  console.log(`kubeadm token create --print-join-command: ${(totals.token / runs).toFixed(1)} ms CPU`);
  console.log(`kubeadm join (discovery, kubelet start, TLS bootstrap, registration): ${(totals.join / runs).toFixed(1)} ms CPU (target < 200 ms)`);
}

void main();
