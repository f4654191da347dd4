import type { AuthorizationAttributes } from "../../authorization";
import type { UserInfo } from "../../types";

/** rbac.authorization.k8s.io/v1 PolicyRule. */
export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface Subject {
  kind: string;
  apiGroup?: string;
  name: string;
  namespace?: string;
}

export interface RoleRef {
  apiGroup: string;
  kind: string;
  name: string;
}

const ALL = "*";

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === ALL || v === verb);
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return (rule.apiGroups ?? []).some((g) => g === ALL || g === group);
}

/** `*`, an exact `resource[/subresource]`, or `*\/subresource` for any resource's subresource. */
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string | undefined): boolean {
  for (const r of rule.resources ?? []) {
    if (r === ALL || r === combined) return true;
    if (subresource && r.length === subresource.length + 2 && r.startsWith("*/") && r.endsWith(subresource)) return true;
  }
  return false;
}

export function resourceNameMatches(rule: PolicyRule, name: string | undefined): boolean {
  const names = rule.resourceNames ?? [];
  if (names.length === 0) return true;
  return names.includes(name ?? "");
}

/** An exact path, `*`, or a prefix written with a trailing `*` (`/healthz/*`). */
export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  for (const url of rule.nonResourceURLs ?? []) {
    if (url === ALL || url === path) return true;
    if (url.endsWith("*") && path.startsWith(url.replace(/\*+$/, ""))) return true;
  }
  return false;
}

/** Whether one rule allows a request (plugin/pkg/auth/authorizer/rbac RuleAllows). */
export function ruleAllows(attrs: AuthorizationAttributes, rule: PolicyRule): boolean {
  if (attrs.resourceRequest) {
    const combined = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : (attrs.resource ?? "");
    return (
      verbMatches(rule, attrs.verb) &&
      apiGroupMatches(rule, attrs.group ?? "") &&
      resourceMatches(rule, combined, attrs.subresource) &&
      resourceNameMatches(rule, attrs.name)
    );
  }
  return verbMatches(rule, attrs.verb) && nonResourceURLMatches(rule, attrs.path ?? "");
}

export function serviceAccountUsername(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}

/** Whether a binding subject names this user; a ServiceAccount without namespace takes the binding's. */
export function subjectMatches(subject: Subject, user: UserInfo, bindingNamespace: string | undefined): boolean {
  switch (subject.kind) {
    case "User":
      return subject.name === user.username;
    case "Group":
      return user.groups.includes(subject.name);
    case "ServiceAccount": {
      const namespace = subject.namespace || bindingNamespace || "";
      return serviceAccountUsername(namespace, subject.name) === user.username;
    }
    default:
      return false;
  }
}

// ---------- coverage, for the escalation check ----------

/** Splits a rule into one rule per group/resource/name/verb (or URL/verb), as BreakdownRule does. */
export function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of rule.verbs) {
        const names = rule.resourceNames ?? [];
        if (names.length > 0) {
          for (const name of names) out.push({ verbs: [verb], apiGroups: [group], resources: [resource], resourceNames: [name] });
        } else {
          out.push({ verbs: [verb], apiGroups: [group], resources: [resource] });
        }
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? []) {
    for (const verb of rule.verbs) out.push({ verbs: [verb], nonResourceURLs: [url] });
  }
  return out;
}

function has(list: string[] | undefined, value: string): boolean {
  return (list ?? []).includes(ALL) || (list ?? []).includes(value);
}

/** Whether an owner rule covers a broken-down (single-valued) rule: pkg/registry/rbac/validation ruleCovers. */
function ruleCovers(owner: PolicyRule, sub: PolicyRule): boolean {
  const verbsOk = sub.verbs.every((v) => has(owner.verbs, v));
  const groupsOk = (sub.apiGroups ?? []).every((g) => has(owner.apiGroups, g));
  const resourcesOk = (sub.resources ?? []).every((r) => {
    if (has(owner.resources, r)) return true;
    const slash = r.indexOf("/");
    // An owner rule on `*/status` covers `pods/status`, and `pods/*` covers every subresource of pods.
    if (slash > 0) {
      const [res, subres] = [r.slice(0, slash), r.slice(slash + 1)];
      return (owner.resources ?? []).some((o) => o === `*/${subres}` || o === `${res}/*`);
    }
    return false;
  });
  const urlsOk = (sub.nonResourceURLs ?? []).every((u) =>
    (owner.nonResourceURLs ?? []).some((o) => o === ALL || o === u || (o.endsWith("*") && u.startsWith(o.replace(/\*+$/, "")))),
  );
  const ownerNames = owner.resourceNames ?? [];
  const namesOk = ownerNames.length === 0 || ((sub.resourceNames ?? []).length > 0 && (sub.resourceNames ?? []).every((n) => ownerNames.includes(n)));
  return verbsOk && groupsOk && resourcesOk && urlsOk && namesOk;
}

/** The rules in `wanted` that `owner` does not cover, broken down to single values. */
export function uncoveredRules(owner: PolicyRule[], wanted: PolicyRule[]): PolicyRule[] {
  const missing: PolicyRule[] = [];
  for (const rule of wanted) {
    for (const piece of breakdownRule(rule)) {
      if (!owner.some((o) => ruleCovers(o, piece))) missing.push(piece);
    }
  }
  return missing;
}

/** Merges broken-down rules that differ only by verb (CompactRules), keeping first-seen order. */
export function compactRules(rules: PolicyRule[]): PolicyRule[] {
  const out: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const rule of rules) {
    const isSimple = (rule.resourceNames ?? []).length === 0 && (rule.nonResourceURLs ?? []).length === 0 && (rule.apiGroups ?? []).length === 1 && (rule.resources ?? []).length === 1;
    if (!isSimple) {
      out.push({ ...rule, verbs: [...rule.verbs] });
      continue;
    }
    const key = `${rule.apiGroups![0]}\u0000${rule.resources![0]}`;
    const existing = simple.get(key);
    if (existing) {
      for (const v of rule.verbs) if (!existing.verbs.includes(v)) existing.verbs.push(v);
    } else {
      const copy = { ...rule, verbs: [...rule.verbs] };
      simple.set(key, copy);
      out.push(copy);
    }
  }
  return out;
}

/** Go's %q of a []string: `["a" "b"]`. */
export function goQuotedList(values: string[]): string {
  return `[${values.map((v) => JSON.stringify(v)).join(" ")}]`;
}

/** rbacv1helpers.CompactString: `{APIGroups:[""], Resources:["pods"], Verbs:["get" "list"]}`. */
export function compactString(rule: PolicyRule): string {
  const parts: string[] = [];
  if ((rule.apiGroups ?? []).length > 0) parts.push(`APIGroups:${goQuotedList(rule.apiGroups!)}`);
  if ((rule.resources ?? []).length > 0) parts.push(`Resources:${goQuotedList(rule.resources!)}`);
  if ((rule.nonResourceURLs ?? []).length > 0) parts.push(`NonResourceURLs:${goQuotedList(rule.nonResourceURLs!)}`);
  if ((rule.resourceNames ?? []).length > 0) parts.push(`ResourceNames:${goQuotedList(rule.resourceNames!)}`);
  if (rule.verbs.length > 0) parts.push(`Verbs:${goQuotedList(rule.verbs)}`);
  return `{${parts.join(", ")}}`;
}
