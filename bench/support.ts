/** What the engine benchmarks share: heap measurement, a core-only environment and sample objects. */
import type { KubeObject } from "../engine/api/types";
import { corePlugin } from "../engine/cluster/core-plugin";
import { Environment } from "../engine/cluster/environment";

const gc = (globalThis as { gc?: () => void }).gc;

/** Heap in MB after two collections (when node runs with --expose-gc), so numbers compare between runs. */
export function heapMB(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/** An environment with only the API server's core (no controllers, scheduler or kubelets), for API numbers. */
export function coreEnvironment(seed = 3): Environment {
  const env = Environment.create(undefined, { seed, plugins: [corePlugin], environmentPlugins: [] });
  env.cluster().admin.create({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "default", namespace: "default" } });
  return env;
}

export const benchPod = (name: string): KubeObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "default", labels: { app: "bench", shard: String(name.length % 7) } },
  spec: { containers: [{ name: "web", image: "nginx:1.27", ports: [{ containerPort: 80 }], resources: { requests: { cpu: "100m", memory: "64Mi" } } }] },
});

export const benchConfigMap = (name: string): KubeObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "default" }, data: { key: "value" } });

/** CPU milliseconds (user + system) that `fn` took. */
export function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

/** The process's CPU milliseconds so far (user + system), for timing awaited work by difference. */
export function processCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** A duration in milliseconds with three decimals. */
export const ms3 = (n: number): string => `${n.toFixed(3)} ms`;
