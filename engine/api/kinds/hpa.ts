import type { KubeObject } from "../types";

/**
 * HorizontalPodAutoscaler autoscaling/v1 ↔ autoscaling/v2 (storage), after
 * pkg/apis/autoscaling/v1/conversion.go: the CPU utilisation target maps to a Resource metric;
 * metrics v1 cannot express travel in the `autoscaling.alpha.kubernetes.io/*` annotations.
 */

type Json = Record<string, unknown>;

const METRICS_ANNOTATION = "autoscaling.alpha.kubernetes.io/metrics";
const CURRENT_METRICS_ANNOTATION = "autoscaling.alpha.kubernetes.io/current-metrics";
const CONDITIONS_ANNOTATION = "autoscaling.alpha.kubernetes.io/conditions";
const BEHAVIOR_ANNOTATION = "autoscaling.alpha.kubernetes.io/behavior";

interface Metric {
  type?: string;
  resource?: { name?: string; target?: { type?: string; averageUtilization?: number }; current?: { averageUtilization?: number } };
}

function isCpuUtilization(m: Metric): boolean {
  return m.type === "Resource" && m.resource?.name === "cpu" && m.resource?.target?.type === "Utilization" && m.resource.target.averageUtilization !== undefined;
}

function parseAnnotation<T>(annotations: Record<string, string>, key: string): T | undefined {
  const text = annotations[key];
  if (text === undefined) return undefined;
  delete annotations[key];
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

export function hpaToV2(obj: KubeObject): KubeObject {
  if (obj.apiVersion !== "autoscaling/v1") return obj;
  const src = obj as unknown as Json;
  const spec = (src.spec ?? {}) as Json;
  const status = src.status as Json | undefined;
  const annotations = { ...(obj.metadata.annotations ?? {}) };
  const metrics: Metric[] = [];
  if (typeof spec.targetCPUUtilizationPercentage === "number") {
    metrics.push({ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: spec.targetCPUUtilizationPercentage } } });
  }
  metrics.push(...(parseAnnotation<Metric[]>(annotations, METRICS_ANNOTATION) ?? []));
  const behavior = parseAnnotation<Json>(annotations, BEHAVIOR_ANNOTATION);
  const newSpec: Json = { scaleTargetRef: spec.scaleTargetRef, maxReplicas: spec.maxReplicas };
  if (spec.minReplicas !== undefined) newSpec.minReplicas = spec.minReplicas;
  if (metrics.length > 0) newSpec.metrics = metrics;
  if (behavior) newSpec.behavior = behavior;
  const out: Json = { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", metadata: { ...obj.metadata }, spec: newSpec };
  const currentMetrics = parseAnnotation<Json[]>(annotations, CURRENT_METRICS_ANNOTATION);
  const conditions = parseAnnotation<Json[]>(annotations, CONDITIONS_ANNOTATION);
  if (status) {
    const newStatus: Json = {};
    for (const k of ["observedGeneration", "lastScaleTime", "currentReplicas", "desiredReplicas"]) if (status[k] !== undefined) newStatus[k] = status[k];
    const current: Json[] = [];
    if (typeof status.currentCPUUtilizationPercentage === "number") {
      current.push({ type: "Resource", resource: { name: "cpu", current: { averageUtilization: status.currentCPUUtilizationPercentage } } });
    }
    current.push(...(currentMetrics ?? []));
    // autoscaling/v2's currentMetrics has no omitempty: an HPA with none yet says `currentMetrics: null`.
    newStatus.currentMetrics = current.length > 0 ? current : null;
    if (conditions) newStatus.conditions = conditions;
    out.status = newStatus;
  }
  (out.metadata as Json).annotations = Object.keys(annotations).length > 0 ? annotations : undefined;
  if ((out.metadata as Json).annotations === undefined) delete (out.metadata as Json).annotations;
  return out as unknown as KubeObject;
}

export function hpaToV1(obj: KubeObject): KubeObject {
  const src = obj as unknown as Json;
  const spec = (src.spec ?? {}) as Json;
  const status = src.status as Json | undefined;
  const annotations = { ...(obj.metadata.annotations ?? {}) };
  const metrics = (spec.metrics ?? []) as Metric[];
  const cpu = metrics.find(isCpuUtilization);
  const others = metrics.filter((m) => m !== cpu);
  const newSpec: Json = { scaleTargetRef: spec.scaleTargetRef };
  if (spec.minReplicas !== undefined) newSpec.minReplicas = spec.minReplicas;
  newSpec.maxReplicas = spec.maxReplicas;
  if (cpu) newSpec.targetCPUUtilizationPercentage = cpu.resource!.target!.averageUtilization;
  if (others.length > 0) annotations[METRICS_ANNOTATION] = JSON.stringify(others);
  if (spec.behavior) annotations[BEHAVIOR_ANNOTATION] = JSON.stringify(spec.behavior);
  const out: Json = { apiVersion: "autoscaling/v1", kind: "HorizontalPodAutoscaler", metadata: { ...obj.metadata }, spec: newSpec };
  if (status) {
    const newStatus: Json = {};
    for (const k of ["observedGeneration", "lastScaleTime"]) if (status[k] !== undefined) newStatus[k] = status[k];
    // autoscaling/v1 always serialises both replica counts.
    newStatus.currentReplicas = status.currentReplicas ?? 0;
    newStatus.desiredReplicas = status.desiredReplicas ?? 0;
    const current = (status.currentMetrics ?? []) as Metric[];
    const cpuNow = current.find((m) => m.type === "Resource" && m.resource?.name === "cpu" && m.resource.current?.averageUtilization !== undefined);
    if (cpuNow) newStatus.currentCPUUtilizationPercentage = cpuNow.resource!.current!.averageUtilization;
    const otherCurrent = current.filter((m) => m !== cpuNow);
    if (otherCurrent.length > 0) annotations[CURRENT_METRICS_ANNOTATION] = JSON.stringify(otherCurrent);
    if (Array.isArray(status.conditions) && status.conditions.length > 0) annotations[CONDITIONS_ANNOTATION] = JSON.stringify(status.conditions);
    out.status = newStatus;
  }
  if (Object.keys(annotations).length > 0) (out.metadata as Json).annotations = annotations;
  else delete (out.metadata as Json).annotations;
  return out as unknown as KubeObject;
}
