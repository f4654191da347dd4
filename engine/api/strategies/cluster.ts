import type { FieldError } from "../errors";
import type { ResourceStrategy } from "../resource";
import { tryQuantity } from "../quantity";
import { forbidden, invalid, notSupported, Path, required } from "../validation/field";
import { validateQualifiedName } from "../validation/values";
import { canonicalizeResourceList, child, isObject, list, setDefault, spec, type Json } from "./util";

/** Nodes, Events, Leases, PriorityClasses, LimitRanges and ResourceQuotas (core/v1 and friends, v1.33). */

const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

export const nodeStrategy: ResourceStrategy = {
  defaults(obj) {
    const status = (obj.status ?? undefined) as Json | undefined;
    if (status) {
      canonicalizeResourceList(obj, status.capacity, false);
      canonicalizeResourceList(obj, status.allocatable, false);
      // SetDefaults_NodeStatus: allocatable starts as capacity.
      if (!isObject(status.allocatable) && isObject(status.capacity)) status.allocatable = { ...status.capacity };
    }
  },
  validate(obj) {
    const errs: FieldError[] = [];
    const seen = new Set<string>();
    list(spec(obj).taints).forEach((t, i) => {
      const p = Path.root("spec", "taints").index(i);
      errs.push(...validateQualifiedName(String(t.key ?? ""), p.child("key")));
      if (!t.effect) errs.push(required(p.child("effect")));
      else if (!TAINT_EFFECTS.includes(String(t.effect))) errs.push(notSupported(p.child("effect"), t.effect, TAINT_EFFECTS));
      const key = `${t.key}:${t.effect}`;
      if (seen.has(key)) errs.push(invalid(p, JSON.stringify(t), "taints must be unique by key and effect pair"));
      seen.add(key);
    });
    return errs;
  },
};

export const eventStrategy: ResourceStrategy = {
  validate(obj) {
    const o = obj as unknown as Json;
    const errs: FieldError[] = [];
    const involved = (o.involvedObject ?? {}) as Json;
    if (involved.namespace && involved.namespace !== obj.metadata.namespace) {
      errs.push(invalid(Path.root("involvedObject", "namespace"), involved.namespace, "does not match event.namespace"));
    }
    if (o.type && o.type !== "Normal" && o.type !== "Warning") errs.push(notSupported(Path.root("type"), o.type, ["Normal", "Warning"]));
    return errs;
  },
};

export const priorityClassStrategy: ResourceStrategy = {
  defaults(obj) {
    setDefault(obj as unknown as Json, "preemptionPolicy", "PreemptLowerPriority");
  },
  validate(obj) {
    const o = obj as unknown as Json;
    const errs: FieldError[] = [];
    const name = obj.metadata.name ?? "";
    if (name.startsWith("system-") && name !== "system-node-critical" && name !== "system-cluster-critical") {
      errs.push(forbidden(Path.root("metadata", "name"), "priority class names with 'system-' prefix are reserved"));
    }
    if (typeof o.value === "number" && o.value > 1_000_000_000 && !name.startsWith("system-")) {
      errs.push(forbidden(Path.root("value"), "maximum allowed value of a user defined priority is 1000000000"));
    }
    if (o.preemptionPolicy && !["PreemptLowerPriority", "Never"].includes(String(o.preemptionPolicy))) {
      errs.push(notSupported(Path.root("preemptionPolicy"), o.preemptionPolicy, ["PreemptLowerPriority", "Never"]));
    }
    return errs;
  },
  validateUpdate(obj, old) {
    const errs = priorityClassStrategy.validate!(obj, undefined as never);
    const o = obj as unknown as Json;
    const p = old as unknown as Json;
    if (o.value !== p.value) errs.push(forbidden(Path.root("value"), "may not be changed in an update."));
    if (o.preemptionPolicy !== p.preemptionPolicy) errs.push(invalid(Path.root("preemptionPolicy"), o.preemptionPolicy, "field is immutable"));
    return errs;
  },
};

const LIMIT_TYPES = ["Container", "Pod", "PersistentVolumeClaim"];

export const limitRangeStrategy: ResourceStrategy = {
  defaults(obj) {
    for (const item of list(spec(obj).limits)) {
      for (const k of ["max", "min", "default", "defaultRequest", "maxLimitRequestRatio"]) canonicalizeResourceList(obj, item[k]);
      // SetDefaults_LimitRangeItem: container defaults come from max, and requests from limits or min.
      if (item.type === "Container") {
        const def = child(item, "default");
        const defReq = child(item, "defaultRequest");
        for (const [k, v] of Object.entries((item.max ?? {}) as Json)) if (!(k in def)) def[k] = v;
        for (const [k, v] of Object.entries(def)) if (!(k in defReq)) defReq[k] = v;
        for (const [k, v] of Object.entries((item.min ?? {}) as Json)) if (!(k in defReq)) defReq[k] = v;
        if (Object.keys(def).length === 0) delete item.default;
        if (Object.keys(defReq).length === 0) delete item.defaultRequest;
      }
    }
  },
  validate(obj) {
    const errs: FieldError[] = [];
    list(spec(obj).limits).forEach((item, i) => {
      const p = Path.root("spec", "limits").index(i);
      if (!LIMIT_TYPES.includes(String(item.type))) errs.push(item.type ? notSupported(p.child("type"), item.type, LIMIT_TYPES) : required(p.child("type")));
      const get = (k: string) => (item[k] ?? {}) as Record<string, unknown>;
      const names = new Set([...Object.keys(get("max")), ...Object.keys(get("min")), ...Object.keys(get("default")), ...Object.keys(get("defaultRequest"))]);
      for (const name of [...names].sort()) {
        const min = tryQuantity(get("min")[name]);
        const max = tryQuantity(get("max")[name]);
        const dflt = tryQuantity(get("default")[name]);
        const dreq = tryQuantity(get("defaultRequest")[name]);
        if (min && max && min.cmp(max) > 0) errs.push(invalid(p.child("min").key(name), min.toString(), `min value ${min} is greater than max value ${max}`));
        if (dreq && max && dreq.cmp(max) > 0) errs.push(invalid(p.child("defaultRequest").key(name), dreq.toString(), `default request value ${dreq} is greater than max value ${max}`));
        if (dreq && min && min.cmp(dreq) > 0) errs.push(invalid(p.child("defaultRequest").key(name), dreq.toString(), `min value ${min} is greater than default request value ${dreq}`));
        if (dflt && max && dflt.cmp(max) > 0) errs.push(invalid(p.child("default").key(name), dflt.toString(), `default value ${dflt} is greater than max value ${max}`));
        if (dflt && min && min.cmp(dflt) > 0) errs.push(invalid(p.child("default").key(name), dflt.toString(), `min value ${min} is greater than default value ${dflt}`));
        if (dreq && dflt && dreq.cmp(dflt) > 0) errs.push(invalid(p.child("defaultRequest").key(name), dreq.toString(), `default request value ${dreq} is greater than default limit value ${dflt}`));
      }
    });
    return errs;
  },
};

const QUOTA_SCOPES = ["BestEffort", "CrossNamespacePodAffinity", "NotBestEffort", "NotTerminating", "PriorityClass", "Terminating", "VolumeAttributesClass"];

export const resourceQuotaStrategy: ResourceStrategy = {
  defaults(obj) {
    canonicalizeResourceList(obj, spec(obj).hard);
    const status = obj.status as Json | undefined;
    if (status) {
      canonicalizeResourceList(obj, status.hard);
      canonicalizeResourceList(obj, status.used);
    }
  },
  prepareForCreate(obj) {
    obj.status = {};
  },
  validate(obj) {
    const errs: FieldError[] = [];
    for (const [name, value] of Object.entries((spec(obj).hard ?? {}) as Json)) {
      const p = Path.root("spec", "hard").key(name);
      errs.push(...validateQualifiedName(name, p));
      const q = tryQuantity(value);
      if (q && q.sign() < 0) errs.push(invalid(p, q.toString(), "must be greater than or equal to 0"));
    }
    for (const scope of (spec(obj).scopes as string[] | undefined) ?? []) {
      if (!QUOTA_SCOPES.includes(scope)) errs.push(notSupported(Path.root("spec", "scopes"), scope, QUOTA_SCOPES));
    }
    return errs;
  },
};

export const leaseStrategy: ResourceStrategy = {
  validate(obj) {
    const s = spec(obj);
    const errs: FieldError[] = [];
    if (typeof s.leaseDurationSeconds === "number" && s.leaseDurationSeconds <= 0) errs.push(invalid(Path.root("spec", "leaseDurationSeconds"), s.leaseDurationSeconds, "must be greater than 0"));
    if (typeof s.leaseTransitions === "number" && s.leaseTransitions < 0) errs.push(invalid(Path.root("spec", "leaseTransitions"), s.leaseTransitions, "must be greater than or equal to 0"));
    return errs;
  },
};
