import type { Cluster } from "../cluster/cluster";

/**
 * How many requests each pod has served lately, counted as the network model answers HTTP for it.
 * metrics-server's CPU figures grow with it, so a load generator (`while sleep 0.01; do wget -q -O-
 * http://php-apache; done`) drives an HPA the way it does in the Kubernetes walkthrough. Counts
 * are kept in 15-second buckets over the last minute (bounded; derived state, not snapshotted).
 */
const BUCKET_MS = 15_000;
const WINDOW_BUCKETS = 4;

type Buckets = Map<number, number>;
const perCluster = new WeakMap<Cluster, Map<string, Buckets>>();

export function recordRequest(cluster: Cluster, namespace: string, pod: string, at: number): void {
  let pods = perCluster.get(cluster);
  if (!pods) perCluster.set(cluster, (pods = new Map()));
  const key = `${namespace}/${pod}`;
  let buckets = pods.get(key);
  if (!buckets) pods.set(key, (buckets = new Map()));
  const bucket = Math.floor(at / BUCKET_MS);
  buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
  for (const b of buckets.keys()) if (b <= bucket - WINDOW_BUCKETS) buckets.delete(b);
}

/** Requests per second a pod served over the minute before `at`. */
export function requestRate(cluster: Cluster, namespace: string, pod: string, at: number): number {
  const buckets = perCluster.get(cluster)?.get(`${namespace}/${pod}`);
  if (!buckets) return 0;
  const current = Math.floor(at / BUCKET_MS);
  let total = 0;
  for (const [b, n] of buckets) if (b > current - WINDOW_BUCKETS && b <= current) total += n;
  return total / ((WINDOW_BUCKETS * BUCKET_MS) / 1000);
}
