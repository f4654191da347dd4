import type { FieldError } from "../errors";
import { duplicate, forbidden, invalid, notSupported, Path, required } from "./field";
import { labelValueProblems, nameProblems } from "./names";
import { validateLabelSelector, validateQualifiedName } from "./values";

/**
 * The scheduling parts of ValidatePodSpec (pkg/apis/core/validation/validation.go, v1.33):
 * validateAffinity (node affinity, pod affinity and anti-affinity) and
 * validateTopologySpreadConstraints, with the real paths and messages.
 */

type Json = Record<string, unknown>;

const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const str = (v: unknown): string => (typeof v === "string" ? v : "");
const obj = (v: unknown): Json | undefined => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => String(x)) : []);

/** ValidateNodeSelectorRequirement; label values are checked only for required node affinity. */
function nodeSelectorRequirement(rq: Json, checkValues: boolean, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const values = strings(rq.values);
  switch (rq.operator) {
    case "In":
    case "NotIn":
      if (values.length === 0) errs.push(required(path.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case "Exists":
    case "DoesNotExist":
      if (values.length > 0) errs.push(forbidden(path.child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case "Gt":
    case "Lt":
      if (values.length !== 1) errs.push(required(path.child("values"), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(invalid(path.child("operator"), str(rq.operator), "not a valid selector operator"));
  }
  errs.push(...validateQualifiedName(str(rq.key), path.child("key")));
  if (checkValues) values.forEach((v, i) => errs.push(...labelValueProblems(v).map((m) => invalid(path.child("values").index(i), v, m))));
  return errs;
}

/** ValidateNodeFieldSelectorRequirement: only metadata.name, with exactly one value. */
function nodeFieldSelectorRequirement(rq: Json, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const values = strings(rq.values);
  if (rq.operator === "In" || rq.operator === "NotIn") {
    if (values.length !== 1) errs.push(required(path.child("values"), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
  } else {
    errs.push(invalid(path.child("operator"), str(rq.operator), "not a valid selector operator"));
  }
  if (rq.key !== "metadata.name") errs.push(invalid(path.child("key"), str(rq.key), "not a valid field selector key"));
  else values.forEach((v, i) => errs.push(...nameProblems(v, "subdomain").map((m) => invalid(path.child("values").index(i), v, m))));
  return errs;
}

function nodeSelectorTerm(term: Json, checkValues: boolean, path: Path): FieldError[] {
  return [
    ...arr(term.matchExpressions).flatMap((rq, j) => nodeSelectorRequirement(rq, checkValues, path.child("matchExpressions").index(j))),
    ...arr(term.matchFields).flatMap((rq, j) => nodeFieldSelectorRequirement(rq, path.child("matchFields").index(j))),
  ];
}

function weight(value: unknown, path: Path): FieldError[] {
  const w = Number(value ?? 0);
  return w <= 0 || w > 100 ? [invalid(path, w, "must be in the range 1-100")] : [];
}

function nodeAffinity(na: Json, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const requiredTerms = obj(na.requiredDuringSchedulingIgnoredDuringExecution);
  if (requiredTerms) {
    const termsPath = path.child("requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms");
    const terms = arr(requiredTerms.nodeSelectorTerms);
    if (terms.length === 0) errs.push(required(termsPath, "must have at least one node selector term"));
    else terms.forEach((t, i) => errs.push(...nodeSelectorTerm(t, true, termsPath.index(i))));
  }
  arr(na.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
    const p = path.child("preferredDuringSchedulingIgnoredDuringExecution").index(i);
    errs.push(...weight(t.weight, p.child("weight")));
    // Preferred terms accept invalid label values: they can still match when the cluster has one node.
    errs.push(...nodeSelectorTerm(obj(t.preference) ?? {}, false, p.child("preference")));
  });
  return errs;
}

/** validateMatchLabelKeysAndMismatchLabelKeys. */
function matchLabelKeys(term: Json, path: Path): FieldError[] {
  const match = strings(term.matchLabelKeys);
  const mismatch = strings(term.mismatchLabelKeys);
  if (match.length === 0 && mismatch.length === 0) return [];
  const selector = obj(term.labelSelector);
  const errs: FieldError[] = [];
  if (!selector) {
    if (match.length > 0) errs.push(forbidden(path.child("matchLabelKeys"), "must not be specified when labelSelector is not set"));
    if (mismatch.length > 0) errs.push(forbidden(path.child("mismatchLabelKeys"), "must not be specified when labelSelector is not set"));
    return errs;
  }
  match.forEach((k, i) => errs.push(...validateQualifiedName(k, path.child("matchLabelKeys").index(i))));
  mismatch.forEach((k, i) => errs.push(...validateQualifiedName(k, path.child("mismatchLabelKeys").index(i))));
  const mismatchSet = new Set(mismatch);
  match.forEach((k, i) => {
    if (mismatchSet.has(k)) errs.push(invalid(path.child("matchLabelKeys").index(i), k, "exists in both matchLabelKeys and mismatchLabelKeys"));
  });
  return errs;
}

function podAffinityTerm(term: Json, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateLabelSelector(obj(term.labelSelector) as never, path.child("labelSelector")));
  errs.push(...validateLabelSelector(obj(term.namespaceSelector) as never, path.child("namespaceSelector")));
  for (const ns of strings(term.namespaces)) errs.push(...nameProblems(ns, "label").map((m) => invalid(path.child("namespace"), ns, m)));
  errs.push(...matchLabelKeys(term, path));
  const topologyKey = str(term.topologyKey);
  if (!topologyKey) errs.push(required(path.child("topologyKey"), "can not be empty"));
  errs.push(...validateQualifiedName(topologyKey, path.child("topologyKey")));
  return errs;
}

function podAffinity(pa: Json, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  arr(pa.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => errs.push(...podAffinityTerm(t, path.child("requiredDuringSchedulingIgnoredDuringExecution").index(i))));
  arr(pa.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
    const p = path.child("preferredDuringSchedulingIgnoredDuringExecution").index(i);
    errs.push(...weight(t.weight, p.child("weight")));
    errs.push(...podAffinityTerm(obj(t.podAffinityTerm) ?? {}, p.child("podAffinityTerm")));
  });
  return errs;
}

/** validateAffinity. */
export function validateAffinity(affinity: unknown, path: Path): FieldError[] {
  const a = obj(affinity);
  if (!a) return [];
  const errs: FieldError[] = [];
  if (obj(a.nodeAffinity)) errs.push(...nodeAffinity(obj(a.nodeAffinity)!, path.child("nodeAffinity")));
  if (obj(a.podAffinity)) errs.push(...podAffinity(obj(a.podAffinity)!, path.child("podAffinity")));
  if (obj(a.podAntiAffinity)) errs.push(...podAffinity(obj(a.podAntiAffinity)!, path.child("podAntiAffinity")));
  return errs;
}

const NOT_POSITIVE = "must be greater than zero";

/** validateTopologySpreadConstraints. */
export function validateTopologySpreadConstraints(constraints: unknown, path: Path): FieldError[] {
  const list = arr(constraints);
  const errs: FieldError[] = [];
  list.forEach((c, i) => {
    const p = path.index(i);
    const maxSkew = Number(c.maxSkew ?? 0);
    if (maxSkew <= 0) errs.push(invalid(p.child("maxSkew"), maxSkew, NOT_POSITIVE));
    const topologyKey = str(c.topologyKey);
    if (!topologyKey) errs.push(required(p.child("topologyKey"), "can not be empty"));
    const action = str(c.whenUnsatisfiable);
    if (action !== "DoNotSchedule" && action !== "ScheduleAnyway") errs.push(notSupported(p.child("whenUnsatisfiable"), action, ["DoNotSchedule", "ScheduleAnyway"]));
    // {topologyKey, whenUnsatisfiable} names one kind of constraint; a later repeat is reported at the first.
    if (list.slice(i + 1).some((o) => str(o.topologyKey) === topologyKey && str(o.whenUnsatisfiable) === action)) {
      errs.push(duplicate(p.child("{topologyKey, whenUnsatisfiable}"), `{${topologyKey}, ${action}}`));
    }
    if (c.minDomains !== undefined && c.minDomains !== null) {
      const minDomains = Number(c.minDomains);
      if (minDomains <= 0) errs.push(invalid(p.child("minDomains"), minDomains, NOT_POSITIVE));
      if (action !== "DoNotSchedule") errs.push(invalid(p.child("minDomains"), minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${action}`));
    }
    for (const policy of ["nodeAffinityPolicy", "nodeTaintsPolicy"]) {
      const v = c[policy];
      if (v !== undefined && v !== null && v !== "Honor" && v !== "Ignore") errs.push(notSupported(p.child(policy), v, ["Honor", "Ignore"]));
    }
    const keys = strings(c.matchLabelKeys);
    if (keys.length > 0) {
      const selector = obj(c.labelSelector);
      if (!selector) errs.push(forbidden(p.child("matchLabelKeys"), "must not be specified when labelSelector is not set"));
      const selectorKeys = new Set([...Object.keys(obj(selector?.matchLabels) ?? {}), ...arr(selector?.matchExpressions).map((e) => str(e.key))]);
      keys.forEach((k, ki) => {
        errs.push(...validateQualifiedName(k, p.child("matchLabelKeys").index(ki)));
        if (selectorKeys.has(k)) errs.push(invalid(p.child("matchLabelKeys").index(ki), k, "exists in both matchLabelKeys and labelSelector"));
      });
    }
    errs.push(...validateLabelSelector(obj(c.labelSelector) as never, p.child("labelSelector")));
  });
  return errs;
}
