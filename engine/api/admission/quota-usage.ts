import { Quantity, tryQuantity } from "../quantity";
import type { KubeObject } from "../types";

/**
 * What one object counts against a ResourceQuota (pkg/quota/v1/evaluator/core, v1.33): pods by
 * their requests and limits (terminal pods count nothing), services by type, claims by storage,
 * and `count/<resource>[.<group>]` for any namespaced resource. Scopes select which pods count.
 */

type Json = Record<string, unknown>;
export type Usage = Record<string, Quantity>;

const ONE = Quantity.of(1);

/** Resources a quota tracks by counting objects of a type (besides the generic count/ names). */
const LEGACY_COUNTS: Record<string, string> = {
  "/pods": "pods",
  "/services": "services",
  "/secrets": "secrets",
  "/configmaps": "configmaps",
  "/persistentvolumeclaims": "persistentvolumeclaims",
  "/replicationcontrollers": "replicationcontrollers",
  "/resourcequotas": "resourcequotas",
};

export function countResourceName(group: string, resource: string): string {
  return group ? `count/${resource}.${group}` : `count/${resource}`;
}

function add(usage: Usage, name: string, q: Quantity | undefined): void {
  if (!q) return;
  usage[name] = usage[name] ? usage[name].add(q) : q;
}

function containerSum(spec: Json, field: "requests" | "limits", name: string): Quantity | undefined {
  let sum: Quantity | undefined;
  for (const c of (spec.containers ?? []) as Json[]) {
    const q = tryQuantity((((c.resources as Json | undefined)?.[field] ?? {}) as Json)[name]);
    if (q) sum = sum ? sum.add(q) : q;
  }
  for (const c of (spec.initContainers ?? []) as Json[]) {
    const q = tryQuantity((((c.resources as Json | undefined)?.[field] ?? {}) as Json)[name]);
    if (q && (!sum || q.cmp(sum) > 0)) sum = q;
  }
  return sum;
}

export function isTerminalPod(pod: KubeObject): boolean {
  const phase = (pod.status as Json | undefined)?.phase;
  return phase === "Succeeded" || phase === "Failed";
}

export function podUsage(pod: KubeObject): Usage {
  const usage: Usage = {};
  if (isTerminalPod(pod)) return usage;
  const spec = (pod.spec ?? {}) as Json;
  usage.pods = ONE;
  usage["count/pods"] = ONE;
  for (const name of ["cpu", "memory", "ephemeral-storage"]) {
    const req = containerSum(spec, "requests", name);
    const lim = containerSum(spec, "limits", name);
    if (req) {
      usage[name] = req;
      usage[`requests.${name}`] = req;
    }
    if (lim) usage[`limits.${name}`] = lim;
  }
  return usage;
}

export function objectUsage(group: string, resource: string, obj: KubeObject): Usage {
  if (group === "" && resource === "pods") return podUsage(obj);
  const usage: Usage = { [countResourceName(group, resource)]: ONE };
  const legacy = LEGACY_COUNTS[`${group}/${resource}`];
  if (legacy) usage[legacy] = ONE;
  if (group === "" && resource === "services") {
    const spec = (obj.spec ?? {}) as Json;
    if (spec.type === "NodePort" || spec.type === "LoadBalancer") usage["services.nodeports"] = Quantity.of(((spec.ports ?? []) as Json[]).length);
    if (spec.type === "LoadBalancer") usage["services.loadbalancers"] = ONE;
  }
  if (group === "" && resource === "persistentvolumeclaims") {
    const spec = (obj.spec ?? {}) as Json;
    const storage = tryQuantity((((spec.resources as Json | undefined)?.requests ?? {}) as Json).storage);
    if (storage) usage["requests.storage"] = storage;
    const cls = typeof spec.storageClassName === "string" ? spec.storageClassName : "";
    if (cls) {
      usage[`${cls}.storageclass.storage.k8s.io/persistentvolumeclaims`] = ONE;
      if (storage) usage[`${cls}.storageclass.storage.k8s.io/requests.storage`] = storage;
    }
  }
  return usage;
}

interface ScopeSelector {
  matchExpressions?: { scopeName: string; operator: string; values?: string[] }[];
}

function isBestEffort(pod: KubeObject): boolean {
  const spec = (pod.spec ?? {}) as Json;
  return [...((spec.containers ?? []) as Json[]), ...((spec.initContainers ?? []) as Json[])].every((c) => {
    const r = (c.resources ?? {}) as Json;
    return Object.keys((r.requests ?? {}) as Json).length === 0 && Object.keys((r.limits ?? {}) as Json).length === 0;
  });
}

function scopeMatches(scope: string, pod: KubeObject, operator = "Exists", values: string[] = []): boolean {
  const spec = (pod.spec ?? {}) as Json;
  switch (scope) {
    case "Terminating":
      return typeof spec.activeDeadlineSeconds === "number" && spec.activeDeadlineSeconds >= 0;
    case "NotTerminating":
      return !(typeof spec.activeDeadlineSeconds === "number" && spec.activeDeadlineSeconds >= 0);
    case "BestEffort":
      return isBestEffort(pod);
    case "NotBestEffort":
      return !isBestEffort(pod);
    case "PriorityClass": {
      const name = String(spec.priorityClassName ?? "");
      if (operator === "Exists") return name !== "";
      if (operator === "DoesNotExist") return name === "";
      if (operator === "In") return values.includes(name);
      if (operator === "NotIn") return !values.includes(name);
      return false;
    }
    case "CrossNamespacePodAffinity":
      return false;
  }
  return false;
}

/** Whether a quota's scopes and scopeSelector take this object into account. */
export function quotaMatches(quota: KubeObject, group: string, resource: string, obj: KubeObject): boolean {
  const spec = (quota.spec ?? {}) as Json;
  const scopes = (spec.scopes ?? []) as string[];
  const selector = (spec.scopeSelector ?? {}) as ScopeSelector;
  const expressions = selector.matchExpressions ?? [];
  if (scopes.length === 0 && expressions.length === 0) return true;
  if (!(group === "" && resource === "pods")) return false;
  return scopes.every((s) => scopeMatches(s, obj)) && expressions.every((e) => scopeMatches(e.scopeName, obj, e.operator, e.values ?? []));
}

/** Which tracked resource names a usage touches in a quota's hard list. */
export function relevant(usage: Usage, hard: Record<string, unknown>): Usage {
  const out: Usage = {};
  for (const name of Object.keys(hard)) if (usage[name]) out[name] = usage[name];
  return out;
}

export { add as addUsage };
