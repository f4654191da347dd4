import type { KubeObject } from "../../../api/types";
import { registerCommand, type CommandContext } from "../../cli/command";
import { usageError } from "../../cli/errors";
import { check } from "../../client/rest";
import { printNodeMetrics, printPodMetrics, type NodeMetrics, type PodMetrics, type Usage } from "./metrics-printer";

/**
 * `kubectl top node|pod`: reads metrics.k8s.io (served while metrics-server runs) as kubectl's
 * TopNodeOptions/TopPodOptions do, with their checks, errors and empty-result messages.
 */
const METRICS = "/apis/metrics.k8s.io/v1beta1";
/** kubectl's metricsCreationDelay: a pod younger than this may simply not have been scraped yet. */
const METRICS_CREATION_DELAY_MS = 2 * 60_000;

function validate(c: CommandContext, name: string | undefined, selectors: boolean, selectorWord: string): void {
  const sortBy = c.flags.string("sort-by");
  if (sortBy && sortBy !== "cpu" && sortBy !== "memory") throw new Error("--sort-by accepts only cpu or memory");
  if (name && selectors) throw new Error(`only one of NAME or ${selectorWord} can be provided`);
}

function requireMetricsApi(c: CommandContext): void {
  if (!c.factory.discovery().hasGroupVersion("metrics.k8s.io/v1beta1")) throw new Error("Metrics API not available");
}

function get(c: CommandContext, path: string, query?: Record<string, string | undefined>): unknown {
  return check(c.factory.rest().request({ method: "GET", path, query }));
}

registerCommand("top node", (c) => {
  if (c.args.length > 1) throw usageError(c.commandPath, "node [NAME | -l label]");
  const name = c.args[0];
  const selector = c.flags.string("selector");
  validate(c, name, !!selector, "--selector");
  requireMetricsApi(c);
  const metrics = name
    ? [get(c, `${METRICS}/nodes/${name}`) as NodeMetrics]
    : (get(c, `${METRICS}/nodes`, { labelSelector: selector || undefined }) as { items: NodeMetrics[] }).items;
  if (metrics.length === 0) throw new Error("metrics not available yet");
  const nodes = name ? [get(c, `/api/v1/nodes/${name}`) as KubeObject] : (get(c, "/api/v1/nodes", { labelSelector: selector || undefined }) as { items: KubeObject[] }).items;
  const available = new Map<string, Usage>();
  const field = c.flags.bool("show-capacity") ? "capacity" : "allocatable";
  for (const node of nodes) available.set(node.metadata.name!, ((node.status as Record<string, Usage> | undefined)?.[field] ?? {}) as Usage);
  c.out(printNodeMetrics(metrics, available, c.flags.bool("no-headers"), c.flags.string("sort-by")));
  return 0;
});

/** Go's time.Duration.String() for a pod's age (kubectl reads it off the clock with nanoseconds). */
function goDuration(ms: number): string {
  const totalSeconds = ms / 1000;
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds - h * 3600 - m * 60;
  const secs = `${Number.isInteger(s) ? s : s.toFixed(3).replace(/0+$/, "")}s`;
  return h > 0 ? `${h}h${m}m${secs}` : m > 0 ? `${m}m${secs}` : secs;
}

/** verifyEmptyMetrics: why no metrics came back — pods too young to be scraped, or metrics missing for an older one. */
function explainEmpty(c: CommandContext, namespace: string, name: string | undefined, labelSelector: string, fieldSelector: string): void {
  const now = c.ctx.environment.clock.now();
  const pods = name
    ? [get(c, `/api/v1/namespaces/${namespace}/pods/${name}`) as KubeObject]
    : (get(c, `/api/v1/namespaces/${namespace}/pods`, { labelSelector: labelSelector || undefined, fieldSelector: fieldSelector || undefined }) as { items: KubeObject[] }).items;
  if (pods.length === 0) return;
  for (const pod of pods) {
    const age = now - Date.parse(pod.metadata.creationTimestamp ?? "");
    if (age > METRICS_CREATION_DELAY_MS) throw new Error(`Metrics not available for pod ${pod.metadata.namespace}/${pod.metadata.name}, age: ${goDuration(age)}`);
  }
  throw new Error("metrics not available yet");
}

registerCommand("top pod", (c) => {
  if (c.args.length > 1) throw usageError(c.commandPath, "pod [NAME | -l label]");
  const name = c.args[0];
  const labelSelector = c.flags.string("selector");
  const fieldSelector = c.flags.string("field-selector");
  validate(c, name, !!labelSelector || !!fieldSelector, "selector");
  const namespace = c.factory.namespace().namespace;
  const allNamespaces = c.flags.bool("all-namespaces");
  requireMetricsApi(c);
  const base = allNamespaces ? `${METRICS}/pods` : `${METRICS}/namespaces/${namespace}/pods`;
  const metrics = name
    ? [get(c, `${base}/${name}`) as PodMetrics]
    : (get(c, base, { labelSelector: labelSelector || undefined, fieldSelector: fieldSelector || undefined }) as { items: PodMetrics[] }).items;
  if (metrics.length === 0) {
    explainEmpty(c, namespace, name, labelSelector, fieldSelector);
    c.err(allNamespaces ? "No resources found\n" : `No resources found in ${namespace} namespace.\n`);
  }
  c.out(
    printPodMetrics(metrics, {
      containers: c.flags.bool("containers"),
      withNamespace: allNamespaces,
      noHeaders: c.flags.bool("no-headers"),
      sortBy: c.flags.string("sort-by"),
      sum: c.flags.bool("sum"),
    }),
  );
  return 0;
});
