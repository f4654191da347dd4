/**
 * The API server: create and get latency per object, listing 10,000 pods (as JSON and as the
 * Table `kubectl get` asks for), watch fan-out to 100 watchers, and memory of an empty 3-node
 * cluster and of one holding 5,000 pods (targets: empty cluster < 2 MB, get < 0.2 ms in process).
 * Times are process CPU time per operation. Run: npx tsx bench/api.bench.ts (or `npm run bench api`);
 * with `node --expose-gc --import tsx bench/api.bench.ts` the heap numbers are taken after full collections.
 * Numbers are reported, never asserted.
 */
import { Environment } from "../engine/cluster/environment";
import { SYSTEM_ADMIN } from "../engine/api/types";
import { heapMB, benchPod, benchConfigMap, coreEnvironment } from "./support";



/** Milliseconds of this process's CPU time (user + system) per call: other work on a shared machine does not count. */
function timeEach(count: number, fn: (i: number) => void): number {
  const start = process.cpuUsage();
  for (let i = 0; i < count; i++) fn(i);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / count;
}

function report(label: string, value: number, unit: string, target?: string): void {
  console.log(`${label}: ${value.toFixed(unit === "ms" ? 3 : 2)} ${unit}${target ? ` (target ${target})` : ""}`);
}

function main(): void {
  // The first environment of a process signs the cluster PKI and warms the JIT; keep it out of the numbers.
  Environment.create();
  coreEnvironment();

  const before = heapMB();
  const empty = Environment.create(undefined, { seed: 5 });
  report("memory of an empty 3-node cluster (heap delta)", heapMB() - before, "MB", "< 2 MB");
  report("  its snapshot as JSON", JSON.stringify(empty.snapshot()).length / 1024 / 1024, "MB");

  const env = coreEnvironment();
  const client = env.cluster().clientFor(SYSTEM_ADMIN);
  report("create ConfigMap", timeEach(2000, (i) => client.create(benchConfigMap(`cm-${i}`))), "ms");
  report("get ConfigMap", timeEach(20000, (i) => client.get("", "configmaps", "default", `cm-${i % 2000}`)), "ms", "< 0.2 ms");
  report("create Pod (defaults, validation, admission)", timeEach(10000, (i) => client.create(benchPod(`pod-${i}`))), "ms");
  report("get Pod", timeEach(20000, (i) => client.get("", "pods", "default", `pod-${i % 10000}`)), "ms", "< 0.2 ms");

  report("list 10,000 pods (JSON)", timeEach(5, () => client.list("", "pods", "default")), "ms");
  const tableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
  report("list 10,000 pods (Table, as kubectl get)", timeEach(5, () => client.request("GET", "/api/v1/namespaces/default/pods", { accept: tableAccept })), "ms");
  report("list 10,000 pods with a label selector", timeEach(5, () => client.list("", "pods", "default", { labelSelector: "shard=3" })), "ms");
  report("list 10,000 pods, first page of 500", timeEach(20, () => client.request("GET", "/api/v1/namespaces/default/pods", { query: { limit: "500" } })), "ms");

  const server = env.cluster().apiserver;
  let delivered = 0;
  const watches = Array.from({ length: 100 }, () => {
    const res = server.handle({ method: "GET", path: "/api/v1/namespaces/default/pods", query: new URLSearchParams({ watch: "true", resourceVersion: String(env.cluster().store.currentRevision) }), user: SYSTEM_ADMIN });
    res.watch!.onData(() => delivered++);
    return res.watch!;
  });
  const perCreate = timeEach(200, (i) => client.create(benchPod(`watched-${i}`)));
  report("create Pod with 100 watchers", perCreate, "ms");
  report("  events delivered per create", delivered / 200, "events");
  for (const w of watches) w.close();

  const beforePods = heapMB();
  const big = coreEnvironment();
  const bigClient = big.cluster().clientFor(SYSTEM_ADMIN);
  for (let i = 0; i < 5000; i++) bigClient.create(benchPod(`pod-${i}`));
  report("memory of a cluster with 5,000 pods (heap delta)", heapMB() - beforePods, "MB");
  void big;
}

main();
