import { Quantity, tryQuantity } from "../quantity";
import type { KubeObject } from "../types";
import { admissionForbidden, isCreateOf } from "./forbidden";
import type { AdmissionPlugin } from "./types";

/**
 * The LimitRanger admission plugin (plugin/pkg/admission/limitranger, v1.33): Container-type
 * LimitRanges fill missing requests and limits (recorded in the `kubernetes.io/limit-ranger`
 * annotation), then min, max and maxLimitRequestRatio are enforced for containers, pods and
 * claims with the plugin's own messages.
 */

type Json = Record<string, unknown>;
type ResourceList = Record<string, unknown>;

interface LimitItem {
  type?: string;
  max?: ResourceList;
  min?: ResourceList;
  default?: ResourceList;
  defaultRequest?: ResourceList;
  maxLimitRequestRatio?: ResourceList;
}

function limitItems(ctx: { list: (g: string, r: string, ns?: string) => KubeObject[] }, namespace: string | undefined): LimitItem[][] {
  return ctx.list("", "limitranges", namespace).map((lr) => (((lr.spec as Json | undefined)?.limits ?? []) as LimitItem[]));
}

const containersOf = (spec: Json, key: string) => (Array.isArray(spec[key]) ? (spec[key] as Json[]) : []);

function applyDefaults(pod: KubeObject, items: LimitItem[][]): void {
  const spec = (pod.spec ?? {}) as Json;
  const limits: ResourceList = {};
  const requests: ResourceList = {};
  // defaultContainerResourceRequirements: the last Container item of each range wins per resource.
  for (const range of items) {
    for (const item of range) {
      if (item.type !== "Container") continue;
      Object.assign(limits, item.default ?? {});
      Object.assign(requests, item.defaultRequest ?? {});
    }
  }
  if (Object.keys(limits).length === 0 && Object.keys(requests).length === 0) return;
  const notes: string[] = [];
  for (const [key, prefix] of [["containers", "container"], ["initContainers", "init container"]] as const) {
    for (const c of containersOf(spec, key)) {
      const resources = (c.resources ??= {}) as Json;
      const lim = (resources.limits ?? {}) as ResourceList;
      const req = (resources.requests ?? {}) as ResourceList;
      const setLimits: string[] = [];
      const setRequests: string[] = [];
      for (const [k, v] of Object.entries(limits)) {
        if (!(k in lim)) {
          lim[k] = v;
          setLimits.push(k);
        }
      }
      for (const [k, v] of Object.entries(requests)) {
        if (!(k in req)) {
          req[k] = v;
          setRequests.push(k);
        }
      }
      if (Object.keys(lim).length > 0) resources.limits = lim;
      if (Object.keys(req).length > 0) resources.requests = req;
      if (setRequests.length > 0) notes.push(`${setRequests.sort().join(", ")} request for ${prefix} ${String(c.name)}`);
      if (setLimits.length > 0) notes.push(`${setLimits.sort().join(", ")} limit for ${prefix} ${String(c.name)}`);
    }
  }
  if (notes.length > 0) pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), "kubernetes.io/limit-ranger": `LimitRanger plugin set: ${notes.join("; ")}` };
}

function minConstraint(type: string, name: string, enforced: Quantity, request: ResourceList, limit: ResourceList): string | undefined {
  const req = tryQuantity(request[name]);
  const lim = tryQuantity(limit[name]);
  if (!req) return `minimum ${name} usage per ${type} is ${enforced}.  No request is specified`;
  if (req.cmp(enforced) < 0) return `minimum ${name} usage per ${type} is ${enforced}, but request is ${req}`;
  if (lim && lim.cmp(enforced) < 0) return `minimum ${name} usage per ${type} is ${enforced}, but limit is ${lim}`;
  return undefined;
}

function maxConstraint(type: string, name: string, enforced: Quantity, request: ResourceList, limit: ResourceList): string | undefined {
  const req = tryQuantity(request[name]);
  const lim = tryQuantity(limit[name]);
  if (!lim) return `maximum ${name} usage per ${type} is ${enforced}.  No limit is specified`;
  if (lim.cmp(enforced) > 0) return `maximum ${name} usage per ${type} is ${enforced}, but limit is ${lim}`;
  if (req && req.cmp(enforced) > 0) return `maximum ${name} usage per ${type} is ${enforced}, but request is ${req}`;
  return undefined;
}

/** Go's %f: six decimals. */
const goFloat = (n: number) => n.toFixed(6);

function ratioConstraint(type: string, name: string, enforced: Quantity, request: ResourceList, limit: ResourceList): string | undefined {
  const req = tryQuantity(request[name]);
  const lim = tryQuantity(limit[name]);
  if (!req || req.isZero()) return `${name} max limit to request ratio per ${type} is ${enforced}, but no request is specified or request is 0`;
  if (!lim || lim.isZero()) return `${name} max limit to request ratio per ${type} is ${enforced}, but no limit is specified or limit is 0`;
  const observed = lim.milliValue() / req.milliValue();
  if (observed * 1000 > enforced.milliValue()) return `${name} max limit to request ratio per ${type} is ${enforced}, but provided ratio is ${goFloat(observed)}`;
  return undefined;
}

function check(item: LimitItem, type: string, request: ResourceList, limit: ResourceList, errs: string[]): void {
  const each = (list: ResourceList | undefined, fn: typeof minConstraint) => {
    for (const name of Object.keys(list ?? {}).sort()) {
      const enforced = tryQuantity(list![name]);
      if (!enforced) continue;
      const e = fn(type, name, enforced, request, limit);
      if (e) errs.push(e);
    }
  };
  each(item.min, minConstraint);
  each(item.max, maxConstraint);
  each(item.maxLimitRequestRatio, ratioConstraint);
}

function sumList(lists: ResourceList[]): ResourceList {
  const out: Record<string, Quantity> = {};
  for (const l of lists) for (const [k, v] of Object.entries(l)) {
    const q = tryQuantity(v);
    if (q) out[k] = out[k] ? out[k].add(q) : q;
  }
  return Object.fromEntries(Object.entries(out).map(([k, q]) => [k, q.toString()]));
}

/** The pod's effective requests/limits: the sum over containers, or the largest init container's if bigger. */
function podTotals(spec: Json, field: "requests" | "limits"): ResourceList {
  const sum = sumList(containersOf(spec, "containers").map((c) => ((c.resources as Json | undefined)?.[field] ?? {}) as ResourceList));
  for (const c of containersOf(spec, "initContainers")) {
    for (const [k, v] of Object.entries(((c.resources as Json | undefined)?.[field] ?? {}) as ResourceList)) {
      const q = tryQuantity(v);
      const current = tryQuantity(sum[k]);
      if (q && (!current || q.cmp(current) > 0)) sum[k] = q.toString();
    }
  }
  return sum;
}

function validatePod(pod: KubeObject, items: LimitItem[][]): string[] {
  const spec = (pod.spec ?? {}) as Json;
  const errs: string[] = [];
  for (const range of items) {
    for (const item of range) {
      if (item.type === "Container") {
        for (const c of [...containersOf(spec, "containers"), ...containersOf(spec, "initContainers")]) {
          const resources = (c.resources ?? {}) as Json;
          check(item, "Container", (resources.requests ?? {}) as ResourceList, (resources.limits ?? {}) as ResourceList, errs);
        }
      } else if (item.type === "Pod") {
        check(item, "Pod", podTotals(spec, "requests"), podTotals(spec, "limits"), errs);
      }
    }
  }
  return errs;
}

function validateClaim(pvc: KubeObject, items: LimitItem[][]): string[] {
  const resources = (((pvc.spec as Json | undefined)?.resources ?? {}) as Json);
  const errs: string[] = [];
  for (const range of items) {
    for (const item of range) {
      if (item.type !== "PersistentVolumeClaim") continue;
      const request = (resources.requests ?? {}) as ResourceList;
      for (const name of Object.keys(item.min ?? {}).sort()) {
        const enforced = tryQuantity(item.min![name]);
        const req = tryQuantity(request[name]);
        if (!enforced) continue;
        if (!req) errs.push(`minimum ${name} usage per PersistentVolumeClaim is ${enforced}.  No request is specified`);
        else if (req.cmp(enforced) < 0) errs.push(`minimum ${name} usage per PersistentVolumeClaim is ${enforced}, but request is ${req}`);
      }
      for (const name of Object.keys(item.max ?? {}).sort()) {
        const enforced = tryQuantity(item.max![name]);
        const req = tryQuantity(request[name]);
        if (!enforced) continue;
        if (!req) errs.push(`maximum ${name} usage per PersistentVolumeClaim is ${enforced}.  No request is specified`);
        else if (req.cmp(enforced) > 0) errs.push(`maximum ${name} usage per PersistentVolumeClaim is ${enforced}, but request is ${req}`);
      }
    }
  }
  return errs;
}

/** utilerrors.NewAggregate: one message, or several in brackets. */
function aggregate(errs: string[]): string {
  return errs.length === 1 ? errs[0] : `[${errs.join(", ")}]`;
}

export const limitRanger: AdmissionPlugin = {
  name: "LimitRanger",
  mutate(attrs, ctx) {
    if (!isCreateOf(attrs, "", "pods")) return;
    applyDefaults(attrs.object!, limitItems(ctx, attrs.namespace));
  },
  validate(attrs, ctx) {
    let errs: string[] = [];
    if (isCreateOf(attrs, "", "pods")) errs = validatePod(attrs.object!, limitItems(ctx, attrs.namespace));
    else if (isCreateOf(attrs, "", "persistentvolumeclaims")) errs = validateClaim(attrs.object!, limitItems(ctx, attrs.namespace));
    if (errs.length > 0) throw admissionForbidden(attrs, aggregate(errs));
  },
};
