/**
 * RBAC policy-rule helpers as kubectl and the apiserver's reconciliation use them (kubectl's
 * util/rbac and rbac/v1 evaluation helpers): breaking rules into one-verb subrules, compacting
 * them again, the `%v`/`%+v` renderings Go prints, and the covers check.
 */
import type { PolicyRule, Subject } from "../../../api/auth/rbac/rules";

export type { PolicyRule, Subject };

/** Go's `%v` of a []string: `[get list]` (a nil slice and [""] both print `[]`). */
export function goList(values: string[] | undefined): string {
  return `[${(values ?? []).join(" ")}]`;
}

/** BreakdownRule: one verb, one resource and at most one resource name per rule. */
export function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of rule.verbs ?? []) {
        if ((rule.resourceNames ?? []).length > 0) {
          for (const name of rule.resourceNames!) out.push({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name] });
        } else {
          out.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
        }
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? []) {
    for (const verb of rule.verbs ?? []) out.push({ nonResourceURLs: [url], verbs: [verb] });
  }
  return out;
}

/**
 * CompactRules: rules naming one group and one resource (and at most one name) merge their verbs;
 * the merged rules follow the others (Go appends them from a map, whose order the sort below hides).
 */
export function compactRules(rules: PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const rule of rules) {
    const isSimple =
      (rule.resourceNames ?? []).length <= 1 && (rule.nonResourceURLs ?? []).length === 0 && (rule.apiGroups ?? []).length === 1 && (rule.resources ?? []).length === 1;
    if (!isSimple) {
      compacted.push(rule);
      continue;
    }
    const key = JSON.stringify([rule.apiGroups![0], rule.resources![0], (rule.resourceNames ?? []).length > 0, rule.resourceNames?.[0] ?? ""]);
    const existing = simple.get(key);
    if (existing) existing.verbs = [...existing.verbs, ...rule.verbs];
    else simple.set(key, { ...rule, verbs: [...rule.verbs] });
  }
  return [...compacted, ...simple.values()];
}

/** The generated PolicyRule.String() that SortableRuleSlice compares. */
export function policyRuleString(r: PolicyRule): string {
  return `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;
}

/** Go's strings.Compare order (byte order) for a stable sort. */
function byteCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

export function sortRules(rules: PolicyRule[]): PolicyRule[] {
  return rules
    .map((rule, index) => ({ rule, index, key: policyRuleString(rule) }))
    .sort((a, b) => byteCompare(a.key, b.key) || a.index - b.index)
    .map((e) => e.rule);
}

/** describe.CombineResourceGroup: `deployments.apps/scale`. */
export function combineResourceGroup(resources: string[] | undefined, groups: string[] | undefined): string {
  if (!resources || resources.length === 0) return "";
  const slash = resources[0].indexOf("/");
  let combined = slash >= 0 ? resources[0].slice(0, slash) : resources[0];
  if (groups && groups.length > 0 && groups[0] !== "") combined += `.${groups[0]}`;
  if (slash >= 0) combined += `/${resources[0].slice(slash + 1)}`;
  return combined;
}

/** `%+v` of a PolicyRule, as `auth reconcile` reports missing and extra rules. */
export function policyRulePlus(r: PolicyRule): string {
  return `{Verbs:${goList(r.verbs)} APIGroups:${goList(r.apiGroups)} Resources:${goList(r.resources)} ResourceNames:${goList(r.resourceNames)} NonResourceURLs:${goList(r.nonResourceURLs)}}`;
}

/** `%+v` of a Subject. */
export function subjectPlus(s: Subject): string {
  return `{Kind:${s.kind ?? ""} APIGroup:${s.apiGroup ?? ""} Name:${s.name ?? ""} Namespace:${s.namespace ?? ""}}`;
}

const has = (set: string[] | undefined, v: string) => (set ?? []).includes(v);
const hasAll = (set: string[] | undefined, values: string[] | undefined) => (values ?? []).every((v) => has(set, v));

function resourceCoversAll(set: string[] | undefined, covers: string[] | undefined): boolean {
  if (has(set, "*") || hasAll(set, covers)) return true;
  for (const path of covers ?? []) {
    if (has(set, path)) continue;
    const slash = path.indexOf("/");
    if (slash < 0) return false;
    if (!has(set, `*/${path.slice(slash + 1)}`)) return false;
  }
  return true;
}

function nonResourceURLCovers(owner: string, sub: string): boolean {
  if (owner === sub) return true;
  return owner.endsWith("*") && sub.startsWith(owner.replace(/\*+$/, ""));
}

function ruleCovers(owner: PolicyRule, sub: PolicyRule): boolean {
  const verbs = has(owner.verbs, "*") || hasAll(owner.verbs, sub.verbs);
  const groups = has(owner.apiGroups, "*") || hasAll(owner.apiGroups, sub.apiGroups);
  const resources = resourceCoversAll(owner.resources, sub.resources);
  const urls = (sub.nonResourceURLs ?? []).every((p) => (owner.nonResourceURLs ?? []).some((o) => nonResourceURLCovers(o, p)));
  const ownerNames = owner.resourceNames ?? [];
  const names = (sub.resourceNames ?? []).length === 0 ? ownerNames.length === 0 : ownerNames.length === 0 || hasAll(ownerNames, sub.resourceNames);
  return verbs && groups && resources && names && urls;
}

/** validation.Covers: the servant's subrules no owner rule covers. */
export function uncoveredRules(owner: PolicyRule[], servant: PolicyRule[]): PolicyRule[] {
  return servant.flatMap(breakdownRule).filter((sub) => !owner.some((o) => ruleCovers(o, sub)));
}
