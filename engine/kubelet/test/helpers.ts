import type { KubeObject } from "../../api/types";
import type { Cluster } from "../../cluster/cluster";
import { Environment } from "../../cluster/environment";

/** Test helpers: the default lab environment and what `kubectl get pods` would print for a pod. */
export function lab(): Environment {
  return Environment.create();
}

const TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io";

/** The printed row of a pod: NAME, READY, STATUS, RESTARTS, AGE (server-side table, as kubectl gets it). */
export function podRow(cluster: Cluster, namespace: string, name: string): { ready: string; status: string; restarts: string } {
  const response = cluster.admin.request("GET", cluster.admin.path("", "pods", namespace, name), { accept: TABLE });
  const row = (response.body as { rows: { cells: unknown[] }[] }).rows[0].cells;
  return { ready: String(row[1]), status: String(row[2]), restarts: String(row[3]) };
}

export function createPod(cluster: Cluster, pod: Partial<KubeObject> & { metadata: KubeObject["metadata"]; spec: unknown }): KubeObject {
  return cluster.admin.create({ apiVersion: "v1", kind: "Pod", ...pod, metadata: { namespace: "default", ...pod.metadata } } as KubeObject);
}

export function events(cluster: Cluster, namespace: string, name: string): string[] {
  return cluster.store
    .list("/events", namespace)
    .filter((e) => (e.involvedObject as { name?: string }).name === name)
    .map((e) => `${e.reason as string}: ${e.message as string}`);
}

/** Advances until `check` holds (or `limitMs` passes); returns whether it held. */
export function waitFor(env: Environment, check: () => boolean, limitMs = 120_000, stepMs = 1000): boolean {
  const end = env.clock.now() + limitMs;
  while (env.clock.now() < end) {
    if (check()) return true;
    env.advanceBy(stepMs);
  }
  return check();
}
