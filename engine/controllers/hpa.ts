import type { HorizontalPodAutoscaler, MetricSpec } from "kubernetes-types/autoscaling/v2";
import type { Pod } from "kubernetes-types/core/v1";
import { ApiError } from "../api/errors";
import { tryQuantity } from "../api/quantity";
import type { KubeObject } from "../api/types";
import type { Cluster } from "../cluster/cluster";
import { deepEqual } from "../util/json";
import { splitKey, type ControllerFactory } from "./controller";
import { EventRecorder } from "./events";
import { asPod, isReady } from "./pods";

/** --horizontal-pod-autoscaler-sync-period, tolerance and the default scale-down stabilization window. */
const SYNC_MS = 15_000;
const TOLERANCE = 0.1;
const DOWNSCALE_WINDOW_S = 300;
/** Pods this young whose readiness just changed are not trusted for cpu (cpuInitializationPeriod / delayOfInitialReadinessStatus). */
const CPU_INIT_MS = 5 * 60_000;
const READINESS_DELAY_MS = 30_000;

type Hpa = HorizontalPodAutoscaler & KubeObject;
interface Condition {
  type: string;
  status: string;
  reason: string;
  message: string;
  lastTransitionTime?: string;
}

class MetricError extends Error {}

function milli(value: unknown): number {
  return tryQuantity(value)?.milliValue() ?? 0;
}

function formatMilli(m: number, resource: string): string {
  if (resource === "cpu") return `${Math.round(m)}m`;
  const units = Math.round(m / 1000);
  for (const [suffix, size] of [["Gi", 2 ** 30], ["Mi", 2 ** 20], ["Ki", 2 ** 10]] as const) if (units % size === 0 && units >= size) return `${units / size}${suffix}`;
  return String(units);
}

function requestOf(pod: Pod, resource: string): number {
  let total = 0;
  for (const c of pod.spec?.containers ?? []) {
    const r = c.resources?.requests?.[resource];
    if (r === undefined) throw new MetricError(`missing request for ${resource} in container ${c.name} of Pod ${pod.metadata?.name}`);
    total += milli(r);
  }
  return total;
}

/**
 * The HorizontalPodAutoscaler controller (autoscaling/v2): reads pod metrics from metrics.k8s.io
 * through the API, computes replicas with the real algorithm (10% tolerance, unready and missing
 * pods, min/max, default scaling policies and the five-minute scale-down stabilization window) and
 * writes the target's scale, reporting AbleToScale, ScalingActive and ScalingLimited.
 */
export function hpaController(cluster: Cluster): ControllerFactory {
  return ({ client, clock, random, requeueAfter }) => {
    const recorder = new EventRecorder(client, clock, random, { component: "horizontal-pod-autoscaler" });
    const history = () => cluster.changePluginState<Record<string, { at: number; replicas: number }[]>>("hpaRecommendations", () => ({}));
    return {
      name: "horizontal-pod-autoscaler",
      watches: ["autoscaling/horizontalpodautoscalers"],
      // The real queue lets an HPA through once per sync period whatever happens to it, so a new
      // one is first computed 15 s after creation and edits are picked up at the next sync.
      keysFor(event) {
        if (event.type === "ADDED") requeueAfter(`${event.object.metadata.namespace}/${event.object.metadata.name}`, SYNC_MS);
        return [];
      },
      resync: () => client.server.store.list("autoscaling/horizontalpodautoscalers").map((h) => `${h.metadata.namespace}/${h.metadata.name}`),
      reconcile(key) {
        const { namespace, name } = splitKey(key);
        const obj = client.get("autoscaling", "horizontalpodautoscalers", namespace, name) as Hpa | undefined;
        if (!obj) {
          delete history()[key];
          return;
        }
        requeueAfter(key, SYNC_MS);
        const hpa = obj;
        const now = clock.now();
        const nowText = clock.nowRfc3339();
        const ref = hpa.spec!.scaleTargetRef;
        const group = ref.apiVersion?.includes("/") ? ref.apiVersion.split("/")[0] : "";
        const def = client.server.registry.byKind(group, ref.kind);
        const conditions: Condition[] = [];
        const setStatus = (status: Record<string, unknown>) => {
          const old = (obj.status ?? {}) as { conditions?: Condition[] };
          const merged = conditions.map((c) => {
            const prev = old.conditions?.find((o) => o.type === c.type);
            return { ...c, lastTransitionTime: prev && prev.status === c.status ? prev.lastTransitionTime : nowText };
          });
          const next = { ...status, conditions: merged };
          if (!deepEqual(next, old)) {
            try {
              client.update({ ...obj, status: next }, "status");
            } catch (e) {
              if (!(e instanceof ApiError)) throw e;
            }
          }
        };
        let scale: KubeObject;
        try {
          if (!def) throw new Error(`no matches for kind "${ref.kind}" in group "${group}"`);
          scale = client.subresource("GET", def.group, def.resource, namespace, ref.name, "scale") as KubeObject;
        } catch (e) {
          const message = `the HPA controller was unable to get the target's current scale: ${e instanceof Error ? e.message : String(e)}`;
          recorder.warning(obj, "FailedGetScale", e instanceof Error ? e.message : String(e));
          conditions.push({ type: "AbleToScale", status: "False", reason: "FailedGetScale", message });
          setStatus({ ...(obj.status as object), currentReplicas: (obj.status as { currentReplicas?: number })?.currentReplicas ?? 0, desiredReplicas: 0 });
          return;
        }
        const current = (scale.spec as { replicas?: number }).replicas ?? 0;
        const selector = (scale.status as { selector?: string }).selector ?? "";
        const minReplicas = hpa.spec!.minReplicas ?? 1;
        const maxReplicas = hpa.spec!.maxReplicas;
        conditions.push({ type: "AbleToScale", status: "True", reason: "SucceededGetScale", message: "the HPA controller was able to get the target's current scale" });
        if (current === 0 && minReplicas !== 0) {
          conditions.push({ type: "ScalingActive", status: "False", reason: "ScalingDisabled", message: "scaling is disabled since the replica count of the target is zero" });
          setStatus({ currentReplicas: current, desiredReplicas: 0 });
          return;
        }
        // Outside [min, max] the real controller (reconcileAutoscaler) scales to the bound at once,
        // without reading any metric: a new HPA with minReplicas 2 over one pod scales to 2 even
        // while the metrics API has nothing yet.
        if (current > maxReplicas || current < minReplicas) {
          const bound = current > maxReplicas ? maxReplicas : minReplicas;
          const reason = current > maxReplicas ? "Current number of replicas above Spec.MaxReplicas" : "Current number of replicas below Spec.MinReplicas";
          const old = ((obj.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).filter((c) => c.type !== "AbleToScale");
          let lastScaleTime = (obj.status as { lastScaleTime?: string } | undefined)?.lastScaleTime;
          try {
            client.request("PATCH", client.path(def!.group, def!.resource, namespace, ref.name, "scale"), { body: { spec: { replicas: bound } }, contentType: "application/merge-patch+json" });
            conditions[0] = { type: "AbleToScale", status: "True", reason: "SucceededRescale", message: `the HPA controller was able to update the target scale to ${bound}` };
            recorder.normal(obj, "SuccessfulRescale", `New size: ${bound}; reason: ${reason}`);
            lastScaleTime = nowText;
          } catch (e) {
            const error = e instanceof Error ? e.message : String(e);
            recorder.warning(obj, "FailedRescale", `New size: ${bound}; reason: ${reason}; error: ${error}`);
            conditions[0] = { type: "AbleToScale", status: "False", reason: "FailedUpdateScale", message: `the HPA controller was unable to update the target scale: ${error}` };
          }
          // The other conditions stay as the last metric computation left them.
          conditions.push(...old.map(({ lastTransitionTime: _, ...c }) => c as Condition));
          const previous = obj.status as { currentMetrics?: unknown[] } | undefined;
          setStatus({ ...(lastScaleTime ? { lastScaleTime } : {}), currentReplicas: current, desiredReplicas: bound, ...(previous?.currentMetrics ? { currentMetrics: previous.currentMetrics } : {}) });
          return;
        }
        let proposal = 0;
        let metricName = "";
        const currentMetrics: unknown[] = [];
        try {
          const pods = client.list("", "pods", namespace, { labelSelector: selector }).map(asPod);
          for (const metric of hpa.spec!.metrics ?? [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } } as MetricSpec]) {
            const r = computeResource(metric, pods, current, now, namespace!, selector);
            currentMetrics.push(r.status);
            if (r.replicas > proposal) {
              proposal = r.replicas;
              metricName = r.name;
            }
          }
        } catch (e) {
          const detail = e instanceof Error ? e.message : String(e);
          recorder.warning(obj, "FailedGetResourceMetric", detail);
          recorder.warning(obj, "FailedComputeMetricsReplicas", `invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${detail}`);
          conditions.push({ type: "ScalingActive", status: "False", reason: "FailedGetResourceMetric", message: `the HPA was unable to compute the replica count: ${detail}` });
          setStatus({ ...(obj.status as object), currentReplicas: current, desiredReplicas: (obj.status as { desiredReplicas?: number })?.desiredReplicas ?? 0 });
          return;
        }
        conditions.push({ type: "ScalingActive", status: "True", reason: "ValidMetricFound", message: `the HPA was able to successfully calculate a replica count from ${metricName}` });
        // Scale-down stabilization: the highest recommendation of the last five minutes wins.
        const window = (hpa.spec?.behavior?.scaleDown?.stabilizationWindowSeconds ?? DOWNSCALE_WINDOW_S) * 1000;
        const recs = (history()[key] ?? []).filter((r) => r.at > now - window);
        recs.push({ at: now, replicas: proposal });
        history()[key] = recs;
        let desired = proposal;
        let stabilized = false;
        if (desired < current) {
          const highest = Math.max(...recs.map((r) => r.replicas));
          if (highest > desired) {
            desired = Math.min(current, highest);
            stabilized = desired !== proposal;
          }
        }
        // Default rate limits: up by max(100%, 4 pods) and down by 100% per 15 s.
        if (desired > current) desired = Math.min(desired, Math.max(current * 2, current + 4));
        let limited: Condition = { type: "ScalingLimited", status: "False", reason: "DesiredWithinRange", message: "the desired count is within the acceptable range" };
        if (desired > maxReplicas) {
          desired = maxReplicas;
          limited = { type: "ScalingLimited", status: "True", reason: "TooManyReplicas", message: "the desired replica count is more than the maximum replica count" };
        } else if (desired < minReplicas) {
          desired = minReplicas;
          limited = { type: "ScalingLimited", status: "True", reason: "TooFewReplicas", message: "the desired replica count is less than the minimum replica count" };
        }
        conditions.push(limited);
        let lastScaleTime = (obj.status as { lastScaleTime?: string } | undefined)?.lastScaleTime;
        if (desired !== current) {
          try {
            client.request("PATCH", client.path(def!.group, def!.resource, namespace, ref.name, "scale"), { body: { spec: { replicas: desired } }, contentType: "application/merge-patch+json" });
            conditions[0] = { type: "AbleToScale", status: "True", reason: "SucceededRescale", message: `the HPA controller was able to update the target scale to ${desired}` };
            const direction = desired > current ? "above" : "below";
            recorder.normal(obj, "SuccessfulRescale", desired > current ? `New size: ${desired}; reason: ${metricName} ${direction} target` : `New size: ${desired}; reason: All metrics below target`);
            lastScaleTime = nowText;
          } catch (e) {
            recorder.warning(obj, "FailedRescale", `New size: ${desired}; error: ${e instanceof Error ? e.message : String(e)}`);
            conditions[0] = { type: "AbleToScale", status: "False", reason: "FailedUpdateScale", message: `the HPA controller was unable to update the target scale: ${e instanceof Error ? e.message : String(e)}` };
          }
        } else if (stabilized) {
          conditions[0] = { type: "AbleToScale", status: "True", reason: "ScaleDownStabilized", message: "recent recommendations were higher than current one, applying the highest recent recommendation" };
        } else {
          conditions[0] = { type: "AbleToScale", status: "True", reason: "ReadyForNewScale", message: "recommended size matches current size" };
        }
        setStatus({ ...(lastScaleTime ? { lastScaleTime } : {}), currentReplicas: current, desiredReplicas: desired, ...(currentMetrics.length ? { currentMetrics } : {}) });
      },
    };

    /** The replica count one Resource metric asks for (replica_calculator.GetResourceReplicas). */
    function computeResource(metric: MetricSpec, pods: Pod[], current: number, now: number, namespace: string, selector: string) {
      if (metric.type !== "Resource" && metric.type !== "ContainerResource") throw new MetricError(`metric type ${metric.type} is not available in Kubecoach yet`);
      const spec = metric.type === "Resource" ? metric.resource! : metric.containerResource!;
      const resource = spec.name;
      let metrics: KubeObject[];
      try {
        metrics = client.list("metrics.k8s.io", "pods", namespace, { labelSelector: selector });
      } catch (e) {
        throw new MetricError(
          `failed to get ${resource} utilization: unable to get metrics for resource ${resource}: unable to fetch metrics from resource metrics API: ${e instanceof ApiError && (e.code === 404 || e.code === 405) ? "the server could not find the requested resource (get pods.metrics.k8s.io)" : e instanceof Error ? e.message : String(e)}`,
        );
      }
      const usage = new Map<string, number>();
      for (const m of metrics) {
        const containers = (m.containers as { name: string; usage: Record<string, string> }[] | undefined) ?? [];
        usage.set(m.metadata.name!, containers.filter((c) => metric.type !== "ContainerResource" || c.name === metric.containerResource!.container).reduce((s, c) => s + milli(c.usage[resource]), 0));
      }
      if (usage.size === 0) throw new MetricError(`failed to get ${resource} utilization: unable to get metrics for resource ${resource}: no metrics returned from resource metrics API`);
      const ready: Pod[] = [];
      const unready: Pod[] = [];
      const missing: Pod[] = [];
      for (const p of pods) {
        if (p.metadata?.deletionTimestamp || p.status?.phase === "Failed") continue;
        if (!usage.has(p.metadata!.name!)) {
          missing.push(p);
          continue;
        }
        // A cpu sample from a pod that only just became ready may still show its start-up burst.
        const start = Date.parse(p.status?.startTime ?? "") || now;
        const readySince = Date.parse(p.status?.conditions?.find((c) => c.type === "Ready")?.lastTransitionTime ?? "") || start;
        const fresh = resource === "cpu" && now - start < CPU_INIT_MS && now - readySince < READINESS_DELAY_MS;
        (isReady(p) && !fresh ? ready : unready).push(p);
      }
      const target = spec.target;
      const byValue = target.type === "AverageValue";
      const sumUsage = (ps: Pod[]) => ps.reduce((s, p) => s + (usage.get(p.metadata!.name!) ?? 0), 0);
      const sumRequests = (ps: Pod[]) => ps.reduce((s, p) => s + requestOf(p, resource), 0);
      const targetValue = byValue ? milli(target.averageValue) : (target.averageUtilization ?? 80);
      const ratioFor = (ps: Pod[], extraUsage = 0) =>
        byValue ? (sumUsage(ps) + extraUsage) / ps.length / targetValue : ((sumUsage(ps) + extraUsage) * 100) / sumRequests(ps) / targetValue;
      if (ready.length === 0) throw new MetricError(`did not receive metrics for targeted pods (pods might be unready)`);
      let ratio = ratioFor(ready);
      const utilization = byValue ? sumUsage(ready) / ready.length : Math.round((sumUsage(ready) * 100) / sumRequests(ready));
      const avgValue = sumUsage(ready) / ready.length;
      const status = {
        type: metric.type,
        [metric.type === "Resource" ? "resource" : "containerResource"]: {
          name: resource,
          ...(metric.type === "ContainerResource" ? { container: metric.containerResource!.container } : {}),
          current: byValue ? { averageValue: formatMilli(avgValue, resource) } : { averageUtilization: utilization, averageValue: formatMilli(avgValue, resource) },
        },
      };
      const label = byValue ? `${resource} resource` : `${resource} resource utilization (percentage of request)`;
      let replicas: number;
      if (Math.abs(1 - ratio) <= TOLERANCE && missing.length === 0 && unready.length === 0) replicas = current;
      else {
        // Pods without metrics count as idle when scaling up and as at-target when scaling down; unready ones only hold back growth.
        const up = ratio > 1;
        const fill = (ps: Pod[], level: number) => ps.reduce((s, p) => s + (byValue ? targetValue * level : (requestOf(p, resource) * targetValue * level) / 100), 0);
        const considered = [...ready, ...missing, ...(up ? unready : [])];
        const extra = up ? 0 : fill(missing, 1);
        ratio = considered.length === ready.length ? ratio : ratioFor(considered, extra);
        if (Math.abs(1 - ratio) <= TOLERANCE || (up && ratio < 1) || (!up && ratio > 1)) replicas = current;
        else replicas = Math.ceil(ratio * considered.length);
      }
      return { replicas, name: label, status };
    }
  };
}
