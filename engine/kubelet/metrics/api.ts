import { notFound } from "../../api/errors";
import { matches, parseSelector } from "../../api/selectors/labels";
import type { VirtualResourceHandler } from "../../api/server/apiserver";
import type { KubeObject } from "../../api/types";
import type { Cluster } from "../../cluster/cluster";
import { formatUsage, nodeUsage, podUsage, SCRAPE_MS } from "./usage";

/**
 * metrics.k8s.io/v1beta1 as metrics-server serves it through the aggregator: NodeMetrics and
 * PodMetrics (get, list, label selectors), from the last scrape. An object without two scrapes
 * yet (a pod that just started, a node whose kubelet is down) is missing, as it is for real:
 * `kubectl top pod x` then says "metrics not available yet".
 */
const API_VERSION = "metrics.k8s.io/v1beta1";
const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
const WINDOW = `${SCRAPE_MS / 1000}s`;

function selectorOf(query: URLSearchParams): (labels: Record<string, string> | undefined) => boolean {
  const text = query.get("labelSelector");
  if (!text) return () => true;
  const selector = parseSelector(text);
  return (labels) => matches(selector, labels);
}

function nodeMetrics(cluster: Cluster, node: KubeObject, now: number): KubeObject | undefined {
  const usage = nodeUsage(cluster, node, now);
  if (!usage) return undefined;
  return {
    kind: "NodeMetrics",
    apiVersion: API_VERSION,
    metadata: { name: node.metadata.name, creationTimestamp: rfc3339(now), ...(node.metadata.labels ? { labels: node.metadata.labels } : {}) },
    timestamp: rfc3339(usage.scrape),
    window: WINDOW,
    usage: formatUsage(usage.usage),
  };
}

function podMetrics(cluster: Cluster, pod: KubeObject, now: number): KubeObject | undefined {
  const usage = podUsage(cluster, pod, now);
  if (!usage) return undefined;
  return {
    kind: "PodMetrics",
    apiVersion: API_VERSION,
    metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace, creationTimestamp: rfc3339(now), ...(pod.metadata.labels ? { labels: pod.metadata.labels } : {}) },
    timestamp: rfc3339(usage.scrape),
    window: WINDOW,
    containers: usage.containers.map((c) => ({ name: c.name, usage: formatUsage(c) })),
  };
}

function list(kind: string, items: KubeObject[]) {
  return { status: 200, body: { kind, apiVersion: API_VERSION, metadata: {}, items: items.map(({ kind: _k, apiVersion: _a, ...rest }) => rest) } };
}

export function nodeMetricsHandler(cluster: Cluster): VirtualResourceHandler {
  return (call) => {
    const now = cluster.clock.now();
    if (call.name) {
      const node = cluster.store.get("/nodes", undefined, call.name);
      const metrics = node && nodeMetrics(cluster, node, now);
      if (!metrics) throw notFound({ group: "metrics.k8s.io", resource: "nodemetrics" }, call.name);
      return { status: 200, body: metrics };
    }
    const wanted = selectorOf(call.query);
    const items = cluster.store.list("/nodes").filter((n) => wanted(n.metadata.labels)).map((n) => nodeMetrics(cluster, n, now)).filter((m): m is KubeObject => !!m);
    return list("NodeMetricsList", items);
  };
}

export function podMetricsHandler(cluster: Cluster): VirtualResourceHandler {
  return (call) => {
    const now = cluster.clock.now();
    if (call.name) {
      const pod = cluster.store.get("/pods", call.namespace, call.name);
      const metrics = pod && podMetrics(cluster, pod, now);
      if (!metrics) throw notFound({ group: "metrics.k8s.io", resource: "podmetrics" }, call.name);
      return { status: 200, body: metrics };
    }
    const wanted = selectorOf(call.query);
    const pods = cluster.store.list("/pods", call.namespace).filter((p) => wanted(p.metadata.labels));
    const items = pods.map((p) => podMetrics(cluster, p, now)).filter((m): m is KubeObject => !!m);
    return list("PodMetricsList", items);
  };
}
