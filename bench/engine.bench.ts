/**
 * The engine's core costs in CPU time (a shared machine makes wall time mostly measure the
 * neighbours): API reads and writes per object, where a write's time goes, list and watch at
 * scale, environment start from the boot template and its memory, and a snapshot round trip.
 * Run: npx tsx bench/engine.bench.ts (or `npm run bench engine`). Numbers are reported, never asserted.
 */
import { DEFAULT_START_TIME, Environment } from "../engine/cluster/environment";
import { SYSTEM_ADMIN } from "../engine/api/types";
import { podBindingSubresource } from "../engine/scheduler/binding";
import { benchConfigMap, benchPod, coreEnvironment, heapMB } from "./support";

/** CPU milliseconds per call of `fn`, over `count` calls. */
function cpuEach(count: number, fn: (i: number) => void): number {
  const start = process.cpuUsage();
  for (let i = 0; i < count; i++) fn(i);
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000 / count;
}

function report(label: string, ms: number, target?: string): void {
  const text = ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`;
  console.log(`${label}: ${text} CPU${target ? ` (target ${target})` : ""}`);
}

/** The core-only environment, plus pods/binding so binding costs can be measured without a scheduler. */
function bindingEnvironment(seed: number): Environment {
  const env = coreEnvironment(seed);
  env.cluster().apiserver.registerSubresource("", "pods", "binding", podBindingSubresource);
  return env;
}

function api(): void {
  const env = bindingEnvironment(3);
  const client = env.cluster().clientFor(SYSTEM_ADMIN);
  // Warm the JIT on a throwaway batch first.
  cpuEach(500, (i) => client.create(benchConfigMap(`warm-${i}`)));
  report("create ConfigMap", cpuEach(3000, (i) => client.create(benchConfigMap(`cm-${i}`))));
  report("get ConfigMap", cpuEach(30000, (i) => client.get("", "configmaps", "default", `cm-${i % 3000}`)), "< 0.2 ms");
  report("merge-patch ConfigMap (a change)", cpuEach(3000, (i) => client.patch("", "configmaps", "default", `cm-${i}`, { data: { key: `v${i}` } })));
  report("merge-patch ConfigMap (no change)", cpuEach(3000, (i) => client.patch("", "configmaps", "default", `cm-${i}`, { data: { key: `v${i}` } })));
  report("create Pod (defaults, validation, admission)", cpuEach(5000, (i) => client.create(benchPod(`pod-${i}`))));
  report("get Pod", cpuEach(30000, (i) => client.get("", "pods", "default", `pod-${i % 5000}`)), "< 0.2 ms");
  report("patch Pod status (a change)", cpuEach(5000, (i) => client.patchStatus("", "pods", "default", `pod-${i}`, { phase: "Running" })));
  report("bind Pod (pods/binding)", cpuEach(5000, (i) => client.subresource("POST", "", "pods", "default", `pod-${i}`, "binding", { apiVersion: "v1", kind: "Binding", metadata: { name: `pod-${i}` }, target: { name: "node01" } })));
  report("create Event", cpuEach(5000, (i) => client.create({ apiVersion: "v1", kind: "Event", metadata: { name: `ev-${i}`, namespace: "default" }, involvedObject: { kind: "Pod", name: `pod-${i}`, namespace: "default" }, reason: "Scheduled", message: "m", type: "Normal" })));
  for (let i = 5000; i < 10000; i++) client.create(benchPod(`pod-${i}`));
  report("list 10,000 pods (JSON)", cpuEach(10, () => client.list("", "pods", "default")));
  report("list 10,000 pods (Table)", cpuEach(5, () => client.request("GET", "/api/v1/namespaces/default/pods", { accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json" })));
  report("list 10,000 pods with a label selector", cpuEach(10, () => client.list("", "pods", "default", { labelSelector: "shard=3" })));
  report("list 10,000 pods, first page of 500", cpuEach(20, () => client.request("GET", "/api/v1/namespaces/default/pods", { query: { limit: "500" } })));
  const server = env.cluster().apiserver;
  let delivered = 0;
  const watches = Array.from({ length: 100 }, () => {
    const res = server.handle({ method: "GET", path: "/api/v1/namespaces/default/pods", query: new URLSearchParams({ watch: "true", resourceVersion: String(env.cluster().store.currentRevision) }), user: SYSTEM_ADMIN });
    res.watch!.onData(() => delivered++);
    return res.watch!;
  });
  report("create Pod with 100 watchers", cpuEach(500, (i) => client.create(benchPod(`watched-${i}`))));
  console.log(`  events delivered per create: ${delivered / 500}`);
  for (const w of watches) w.close();
}

function memory(): void {
  const before = heapMB();
  const empty = coreEnvironment(5);
  console.log(`memory of an empty core cluster: ${(heapMB() - before).toFixed(2)} MB`);
  const beforePods = heapMB();
  const client = empty.cluster().clientFor(SYSTEM_ADMIN);
  for (let i = 0; i < 5000; i++) client.create(benchPod(`pod-${i}`));
  console.log(`memory of 5,000 pods: ${(heapMB() - beforePods).toFixed(1)} MB`);
}

function environments(): void {
  const first = process.cpuUsage();
  Environment.create();
  const d = process.cpuUsage(first);
  console.log(`first environment in this process (boots, signs the PKI): ${((d.user + d.system) / 1000).toFixed(0)} ms CPU`);
  Environment.create(undefined, { seed: 2 });
  report("Environment.create() of the default lab from the boot template", cpuEach(10, (i) => Environment.create(undefined, { seed: 10 + i })), "< 20 ms");
  // The app starts each environment at wall time: the template is moved by whole seconds and runs the rest.
  report("  the same at a wall-clock start time", cpuEach(10, (i) => Environment.create(undefined, { seed: 30 + i, startTime: DEFAULT_START_TIME + (i + 1) * 3_600_123 + 457 })), "< 20 ms");
  const kept: Environment[] = [];
  const before = heapMB();
  for (let i = 0; i < 5; i++) kept.push(Environment.create(undefined, { seed: 20 + i }));
  console.log(`  retained per environment: ${((heapMB() - before) / 5).toFixed(2)} MB (target < 3 MB)`);
  const env = kept[0];
  report("  snapshot() to JSON text", cpuEach(10, () => JSON.stringify(env.snapshot())));
  const json = JSON.stringify(env.snapshot());
  report("  Environment.restore(JSON.parse(text))", cpuEach(10, () => Environment.restore(JSON.parse(json))));
  const clock = process.cpuUsage();
  env.advanceBy(60_000);
  const m = process.cpuUsage(clock);
  console.log(`  one simulated minute of the idle lab: ${((m.user + m.system) / 1000).toFixed(1)} ms CPU`);
}

api();
memory();
environments();
