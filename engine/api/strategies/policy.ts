import { deepEqual } from "../../util/json";
import type { FieldError } from "../errors";
import type { ResourceStrategy } from "../resource";
import type { KubeObject } from "../types";
import { goStringSlice, invalid, invalidGo, notSupported, Path, required } from "../validation/field";
import { validateLabelSelector } from "../validation/values";
import { goIntOrString } from "../validation/workloads";
import { validateCsrSpec } from "../validation/csr";
import { base64Problem, canonicalizeQuantity, cannotBeHandled, child, isObject, list, setDefaultPtr, spec, type Json } from "./util";

/**
 * PodDisruptionBudgets, HorizontalPodAutoscalers (autoscaling/v2), CertificateSigningRequests and
 * RBAC roles and bindings (pkg/apis/{policy,autoscaling,certificates,rbac}/{v1,v2,validation}, v1.33).
 */

function intOrPercentErrors(v: unknown, path: Path): FieldError[] {
  if (typeof v === "string") {
    if (!/^[0-9]+%$/.test(v)) return [invalidGo(path, goIntOrString(v), "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")];
    if (Number(v.slice(0, -1)) > 100) return [invalidGo(path, goIntOrString(v), "must not be greater than 100%")];
  }
  if (typeof v === "number" && v < 0) return [invalid(path, v, "must be greater than or equal to 0")];
  return [];
}

export const podDisruptionBudgetStrategy: ResourceStrategy = {
  prepareForCreate(obj) {
    obj.metadata.generation = 1;
    obj.status = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
  },
  validate(obj) {
    const s = spec(obj);
    const path = Path.root("spec");
    const errs: FieldError[] = [];
    const hasMin = s.minAvailable !== undefined && s.minAvailable !== null;
    const hasMax = s.maxUnavailable !== undefined && s.maxUnavailable !== null;
    if (hasMin && hasMax) {
      errs.push(invalidGo(path, `policy.PodDisruptionBudgetSpec{MinAvailable:(*intstr.IntOrString)(0xc0007a2120), Selector:(*v1.LabelSelector)(0xc0007a2140), MaxUnavailable:(*intstr.IntOrString)(0xc0007a2160), UnhealthyPodEvictionPolicy:(*policy.UnhealthyPodEvictionPolicyType)(nil)}`, "minAvailable and maxUnavailable cannot be both set"));
    }
    if (hasMin) errs.push(...intOrPercentErrors(s.minAvailable, path.child("minAvailable")));
    if (hasMax) errs.push(...intOrPercentErrors(s.maxUnavailable, path.child("maxUnavailable")));
    errs.push(...validateLabelSelector(s.selector as never, path.child("selector")));
    if (s.unhealthyPodEvictionPolicy !== undefined && !["IfHealthyBudget", "AlwaysAllow"].includes(String(s.unhealthyPodEvictionPolicy))) {
      errs.push(notSupported(path.child("unhealthyPodEvictionPolicy"), s.unhealthyPodEvictionPolicy, ["AlwaysAllow", "IfHealthyBudget"]));
    }
    return errs;
  },
};

function defaultBehaviorRules(rules: Json, scaleUp: boolean): void {
  if (scaleUp) setDefaultPtr(rules, "stabilizationWindowSeconds", 0);
  else setDefaultPtr(rules, "stabilizationWindowSeconds", 300);
  setDefaultPtr(rules, "selectPolicy", "Max");
  if (!Array.isArray(rules.policies) || rules.policies.length === 0) {
    rules.policies = scaleUp
      ? [
          { type: "Pods", value: 4, periodSeconds: 15 },
          { type: "Percent", value: 100, periodSeconds: 15 },
        ]
      : [{ type: "Percent", value: 100, periodSeconds: 15 }];
  }
}

const METRIC_TYPES = ["ContainerResource", "External", "Object", "Pods", "Resource"];

function metricTargetQuantities(obj: KubeObject, metrics: Json[]): void {
  for (const m of metrics) {
    for (const source of ["resource", "containerResource", "pods", "object", "external"]) {
      const s = m[source];
      if (!isObject(s)) continue;
      for (const holder of [s.target, s.current]) {
        if (!isObject(holder)) continue;
        canonicalizeQuantity(obj, holder, "averageValue");
        canonicalizeQuantity(obj, holder, "value");
      }
    }
  }
}

export const horizontalPodAutoscalerStrategy: ResourceStrategy = {
  defaults(obj) {
    const s = spec(obj);
    setDefaultPtr(s, "minReplicas", 1);
    if (!Array.isArray(s.metrics) || s.metrics.length === 0) {
      s.metrics = [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } }];
    }
    if (isObject(s.behavior)) {
      defaultBehaviorRules(child(s.behavior, "scaleUp"), true);
      defaultBehaviorRules(child(s.behavior, "scaleDown"), false);
    }
    metricTargetQuantities(obj, list(s.metrics));
    if (isObject(obj.status)) metricTargetQuantities(obj, list(obj.status.currentMetrics));
  },
  prepareForCreate(obj) {
    obj.status = { desiredReplicas: 0 };
  },
  validate(obj) {
    const s = spec(obj);
    const path = Path.root("spec");
    const errs: FieldError[] = [];
    const ref = (s.scaleTargetRef ?? {}) as Json;
    if (!ref.kind) errs.push(required(path.child("scaleTargetRef", "kind")));
    if (!ref.name) errs.push(required(path.child("scaleTargetRef", "name")));
    const min = typeof s.minReplicas === "number" ? s.minReplicas : 1;
    if (min < 1) errs.push(invalid(path.child("minReplicas"), min, "must be greater than or equal to 1"));
    const max = Number(s.maxReplicas ?? 0);
    if (max < 1) errs.push(invalid(path.child("maxReplicas"), max, "must be greater than 0"));
    if (max < min) errs.push(invalid(path.child("maxReplicas"), max, "must be greater than or equal to `minReplicas`"));
    list(s.metrics).forEach((m, i) => {
      const mp = path.child("metrics").index(i);
      if (!METRIC_TYPES.includes(String(m.type))) {
        errs.push(m.type ? notSupported(mp.child("type"), m.type, METRIC_TYPES) : required(mp.child("type"), "must specify a metric source type"));
        return;
      }
      if (m.type === "Resource" || m.type === "ContainerResource") {
        const key = m.type === "Resource" ? "resource" : "containerResource";
        const r = (m[key] ?? {}) as Json;
        if (!r.name) errs.push(required(mp.child(key, "name"), "must specify a resource name"));
        const target = (r.target ?? {}) as Json;
        if (target.type === "Utilization" && typeof target.averageUtilization === "number" && target.averageUtilization <= 0) {
          errs.push(invalid(mp.child(key, "target", "averageUtilization"), target.averageUtilization, "must be greater than 0"));
        }
        if (!["Utilization", "AverageValue"].includes(String(target.type))) errs.push(notSupported(mp.child(key, "target", "type"), target.type ?? "", ["AverageValue", "Utilization"]));
      }
    });
    return errs;
  },
};

export const certificateSigningRequestStrategy: ResourceStrategy = {
  defaults(obj) {
    const request = spec(obj).request;
    // spec.request is a []byte: JSON carries it as base64, and decoding fails before validation.
    const problem = typeof request === "string" ? base64Problem(request) : undefined;
    if (problem) throw cannotBeHandled(obj, problem);
  },
  prepareForCreate(obj, ctx) {
    const s = spec(obj);
    // The requester's identity is recorded from the request, whatever the client sent.
    delete s.uid;
    delete s.extra;
    delete s.groups;
    s.username = ctx.user.username;
    if (ctx.user.uid) s.uid = ctx.user.uid;
    s.groups = [...ctx.user.groups];
    if (ctx.user.extra && Object.keys(ctx.user.extra).length > 0) s.extra = ctx.user.extra;
    obj.status = {};
  },
  prepareForUpdate(obj, old) {
    // Spec is immutable and status moves only through /status and /approval.
    obj.spec = JSON.parse(JSON.stringify(old.spec ?? {}));
    obj.status = JSON.parse(JSON.stringify(old.status ?? {}));
  },
  validate: (obj) => validateCsrSpec(spec(obj)),
  validateUpdate: () => [],
};

const RBAC_GROUP = "rbac.authorization.k8s.io";

function validateRules(rules: Json[], namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  rules.forEach((rule, i) => {
    const p = Path.root("rules").index(i);
    const verbs = (rule.verbs as string[] | undefined) ?? [];
    const nonResource = (rule.nonResourceURLs as string[] | undefined) ?? [];
    if (verbs.length === 0) errs.push(required(p.child("verbs"), "verbs must contain at least one value"));
    if (nonResource.length > 0) {
      if (namespaced) errs.push(invalidGo(p.child("nonResourceURLs"), goStringSlice(nonResource), "namespaced rules cannot apply to non-resource URLs"));
      if (((rule.apiGroups as unknown[]) ?? []).length > 0 || ((rule.resources as unknown[]) ?? []).length > 0 || ((rule.resourceNames as unknown[]) ?? []).length > 0) {
        errs.push(invalidGo(p.child("nonResourceURLs"), goStringSlice(nonResource), "rules cannot apply to both regular resources and non-resource URLs"));
      }
      return;
    }
    if (((rule.apiGroups as unknown[]) ?? []).length === 0) errs.push(required(p.child("apiGroups"), "resource rules must supply at least one api group"));
    if (((rule.resources as unknown[]) ?? []).length === 0) errs.push(required(p.child("resources"), "resource rules must supply at least one resource"));
  });
  return errs;
}

export const roleStrategy: ResourceStrategy = { validate: (obj) => validateRules(list((obj as unknown as Json).rules), true) };
export const clusterRoleStrategy: ResourceStrategy = { validate: (obj) => validateRules(list((obj as unknown as Json).rules), false) };

function validateBinding(obj: KubeObject, cluster: boolean): FieldError[] {
  const o = obj as unknown as Json;
  const errs: FieldError[] = [];
  const ref = (o.roleRef ?? {}) as Json;
  if (ref.apiGroup !== RBAC_GROUP) errs.push(notSupported(Path.root("roleRef", "apiGroup"), ref.apiGroup ?? "", [RBAC_GROUP]));
  const kinds = cluster ? ["ClusterRole"] : ["Role", "ClusterRole"];
  if (!kinds.includes(String(ref.kind))) errs.push(notSupported(Path.root("roleRef", "kind"), ref.kind ?? "", kinds));
  if (!ref.name) errs.push(required(Path.root("roleRef", "name")));
  list(o.subjects).forEach((subject, i) => {
    const p = Path.root("subjects").index(i);
    if (!subject.name) errs.push(required(p.child("name")));
    switch (subject.kind) {
      case "ServiceAccount":
        if (subject.apiGroup) errs.push(notSupported(p.child("apiGroup"), subject.apiGroup, [""]));
        if (cluster && !subject.namespace) errs.push(required(p.child("namespace")));
        break;
      case "User":
      case "Group":
        if (subject.apiGroup !== RBAC_GROUP) errs.push(notSupported(p.child("apiGroup"), subject.apiGroup ?? "", [RBAC_GROUP]));
        break;
      default:
        errs.push(notSupported(p.child("kind"), subject.kind ?? "", ["ServiceAccount", "User", "Group"]));
    }
  });
  return errs;
}

function roleRefImmutable(obj: KubeObject, old: KubeObject): FieldError[] {
  const next = (obj as unknown as Json).roleRef as Json | undefined;
  const prev = (old as unknown as Json).roleRef as Json | undefined;
  if (deepEqual(next, prev)) return [];
  return [invalidGo(Path.root("roleRef"), `rbac.RoleRef{APIGroup:${JSON.stringify(next?.apiGroup ?? "")}, Kind:${JSON.stringify(next?.kind ?? "")}, Name:${JSON.stringify(next?.name ?? "")}}`, "cannot change roleRef")];
}

/** SetDefaults_RoleBinding/ClusterRoleBinding and SetDefaults_Subject of pkg/apis/rbac/v1. */
function bindingDefaults(obj: KubeObject): void {
  const o = obj as unknown as Json;
  const ref = isObject(o.roleRef) ? o.roleRef : undefined;
  if (ref && !ref.apiGroup) ref.apiGroup = RBAC_GROUP;
  for (const subject of list(o.subjects)) {
    if (!subject.apiGroup && (subject.kind === "User" || subject.kind === "Group")) subject.apiGroup = RBAC_GROUP;
  }
}

export const roleBindingStrategy: ResourceStrategy = {
  defaults: bindingDefaults,
  validate: (obj) => validateBinding(obj, false),
  validateUpdate: (obj, old) => [...validateBinding(obj, false), ...roleRefImmutable(obj, old)],
};
export const clusterRoleBindingStrategy: ResourceStrategy = {
  defaults: bindingDefaults,
  validate: (obj) => validateBinding(obj, true),
  validateUpdate: (obj, old) => [...validateBinding(obj, true), ...roleRefImmutable(obj, old)],
};
