/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KubeObject } from "../../../api/types";
import { registerCommand, type CommandContext } from "../../cli/command";
import { StatusError } from "../../cli/errors";
import { kindPrefix, resourcePath, type ResourceMapping } from "../../client/discovery";
import { check } from "../../client/rest";
import { targetsFromFlags } from "../../resource/infos";
import { dryRunStrategy, printerFor } from "../options";
import { policyRulePlus, subjectPlus, uncoveredRules, type PolicyRule, type Subject } from "./rules";

/**
 * `kubectl auth reconcile -f`: the apiserver's RBAC reconciliation run from the client. Roles gain
 * the rules they miss (or are reset to the file's with --remove-extra-permissions), bindings the
 * subjects they miss; a binding whose roleRef changed is deleted and recreated. Objects of other
 * kinds in the files are skipped. What was done is reported on stderr as kubectl does.
 */
type Any = any;
type Operation = "none" | "create" | "update" | "recreate";

const AUTO_UPDATE = "rbac.authorization.kubernetes.io/autoupdate";
const RBAC_KINDS = new Set(["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"]);

interface Result {
  object: Any;
  operation: Operation;
  protectedObject: boolean;
  missingRules: PolicyRule[];
  extraRules: PolicyRule[];
  missingSubjects: Subject[];
  extraSubjects: Subject[];
}

function sameMap(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const ka = Object.keys(a ?? {});
  if (ka.length !== Object.keys(b ?? {}).length) return false;
  if (!a !== !b && ka.length === 0) return false;
  return ka.every((k) => a![k] === b?.[k]);
}

/** reconciliation's merge: expected labels/annotations under the existing ones (existing wins). */
function mergeMaps(expected: Record<string, string> | undefined, existing: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!expected && !existing) return undefined;
  return { ...(expected ?? {}), ...(existing ?? {}) };
}

function mergeMetadata(result: Any, existing: Any, expected: Any): boolean {
  let changed = false;
  const annotations = mergeMaps(expected.metadata?.annotations, existing.metadata?.annotations);
  if (!sameMap(annotations, existing.metadata?.annotations)) changed = true;
  const labels = mergeMaps(expected.metadata?.labels, existing.metadata?.labels);
  if (!sameMap(labels, existing.metadata?.labels)) changed = true;
  if (annotations) result.metadata.annotations = annotations;
  if (labels) result.metadata.labels = labels;
  return changed;
}

function reconcileRole(existing: Any | undefined, expected: Any, removeExtra: boolean): Result {
  const base = { missingSubjects: [], extraSubjects: [] };
  if (!existing) return { ...base, object: expected, operation: "create", protectedObject: false, missingRules: expected.rules ?? [], extraRules: [] };
  const object = JSON.parse(JSON.stringify(existing));
  let operation: Operation = mergeMetadata(object, existing, expected) ? "update" : "none";
  const extraRules = uncoveredRules(expected.rules ?? [], existing.rules ?? []);
  const missingRules = uncoveredRules(existing.rules ?? [], expected.rules ?? []);
  if (!removeExtra && missingRules.length > 0) {
    object.rules = [...(object.rules ?? []), ...missingRules];
    operation = "update";
  } else if (removeExtra && (missingRules.length > 0 || extraRules.length > 0)) {
    object.rules = expected.rules ?? [];
    operation = "update";
  }
  if (expected.kind === "ClusterRole" && expected.aggregationRule && JSON.stringify(expected.aggregationRule) !== JSON.stringify(existing.aggregationRule)) {
    object.aggregationRule = expected.aggregationRule;
    operation = "update";
  }
  return { ...base, object, operation, protectedObject: existing.metadata?.annotations?.[AUTO_UPDATE] === "false", missingRules, extraRules };
}

const subjectKey = (s: Subject) => JSON.stringify([s.kind ?? "", s.apiGroup ?? "", s.name ?? "", s.namespace ?? ""]);

/** diffSubjectLists: what only the first list has (without repeats). */
function onlyIn(a: Subject[], b: Subject[]): Subject[] {
  const other = new Set(b.map(subjectKey));
  const out: Subject[] = [];
  for (const s of a) if (!other.has(subjectKey(s)) && !out.some((o) => subjectKey(o) === subjectKey(s))) out.push(s);
  return out;
}

function reconcileBinding(existing: Any | undefined, expected: Any, removeExtra: boolean): Result {
  const base = { missingRules: [], extraRules: [] };
  const subjects = (o: Any): Subject[] => o.subjects ?? [];
  if (!existing) return { ...base, object: expected, operation: "create", protectedObject: false, missingSubjects: subjects(expected), extraSubjects: [] };
  const protectedObject = existing.metadata?.annotations?.[AUTO_UPDATE] === "false";
  const ref = (o: Any) => JSON.stringify([o.roleRef?.apiGroup ?? "", o.roleRef?.kind ?? "", o.roleRef?.name ?? ""]);
  if (ref(expected) !== ref(existing)) return { ...base, object: expected, operation: "recreate", protectedObject, missingSubjects: [], extraSubjects: [] };
  const object = JSON.parse(JSON.stringify(existing));
  let operation: Operation = mergeMetadata(object, existing, expected) ? "update" : "none";
  const missingSubjects = onlyIn(subjects(expected), subjects(existing));
  const extraSubjects = onlyIn(subjects(existing), subjects(expected));
  if (!removeExtra && missingSubjects.length > 0) {
    object.subjects = [...subjects(object), ...missingSubjects];
    operation = "update";
  } else if (removeExtra && (missingSubjects.length > 0 || extraSubjects.length > 0)) {
    object.subjects = subjects(expected);
    operation = "update";
  }
  return { ...base, object, operation, protectedObject, missingSubjects, extraSubjects };
}

/** RoleModifier's tryEnsureNamespace: a Role's namespace is created when it does not exist. */
function ensureNamespace(c: CommandContext, namespace: string): void {
  const rest = c.factory.rest();
  const got = rest.request({ method: "GET", path: `/api/v1/namespaces/${namespace}` });
  if (got.status !== 404) return;
  const created = rest.request({ method: "POST", path: "/api/v1/namespaces", body: { kind: "Namespace", apiVersion: "v1", metadata: { name: namespace } }, headers: { "content-type": "application/json" } });
  if (created.status >= 400 && created.status !== 409) check(created);
}

function apply(c: CommandContext, mapping: ResourceMapping, namespace: string | undefined, result: Result, existing: Any | undefined): Any {
  const rest = c.factory.rest();
  const name = result.object.metadata.name;
  const body = { ...result.object, apiVersion: "rbac.authorization.k8s.io/v1", kind: mapping.kind };
  switch (result.operation) {
    case "recreate": {
      const deleted = rest.request({
        method: "DELETE",
        path: resourcePath(mapping, namespace, name),
        body: { preconditions: { uid: existing.metadata.uid } },
        headers: { "content-type": "application/json" },
      });
      if (deleted.status >= 400 && deleted.status !== 404) check(deleted);
      return check(rest.request({ method: "POST", path: resourcePath(mapping, namespace), body: stripServerFields(body), headers: { "content-type": "application/json" } }));
    }
    case "create":
      if (mapping.kind === "Role" && namespace) ensureNamespace(c, namespace);
      return check(rest.request({ method: "POST", path: resourcePath(mapping, namespace), body, headers: { "content-type": "application/json" } }));
    case "update":
      return check(rest.request({ method: "PUT", path: resourcePath(mapping, namespace, name), body, headers: { "content-type": "application/json" } }));
    default:
      return result.object;
  }
}

function stripServerFields(obj: Any): Any {
  const copy = JSON.parse(JSON.stringify(obj));
  delete copy.metadata.uid;
  delete copy.metadata.resourceVersion;
  delete copy.metadata.creationTimestamp;
  return copy;
}

function report(c: CommandContext, result: Result): void {
  const caveat = result.protectedObject ? ", but object opted out (rbac.authorization.kubernetes.io/autoupdate: false)" : "";
  if (result.operation === "none") return;
  c.err(`\treconciliation required ${result.operation}${caveat}\n`);
  const section = (title: string, lines: string[]) => {
    if (lines.length === 0) return;
    c.err(`\t${title}:\n${lines.map((l) => `\t\t${l}\n`).join("")}`);
  };
  section("missing subjects added", result.missingSubjects.map(subjectPlus));
  if (c.flags.bool("remove-extra-subjects")) section("extra subjects removed", result.extraSubjects.map(subjectPlus));
  section("missing rules added", result.missingRules.map(policyRulePlus));
  if (c.flags.bool("remove-extra-permissions")) section("extra rules removed", result.extraRules.map(policyRulePlus));
}

registerCommand("auth reconcile", (c) => {
  if (c.flags.strings("filename").length === 0 && !c.flags.string("kustomize")) throw new Error("must specify one of -f and -k");
  if (c.args.length > 0) throw new Error("no arguments are allowed");
  const strategy = dryRunStrategy(c);
  if (strategy === "server") throw new Error("--dry-run=server for command reconcile is not supported yet");
  const dryRun = strategy === "client";
  if (c.flags.string("kustomize")) throw new Error("kubectl auth reconcile -k is not available in Kubecoach yet");
  const targets = targetsFromFlags(c, [], { enforceNamespace: true });
  const printer = printerFor(c);
  const rest = c.factory.rest();
  for (const t of targets) {
    if (t.kind !== "object") continue;
    const obj = t.object as Any;
    if (!RBAC_KINDS.has(String(obj.kind)) || !String(obj.apiVersion).startsWith("rbac.authorization.k8s.io/")) continue;
    if (obj.apiVersion !== "rbac.authorization.k8s.io/v1") throw new Error(`only rbac.authorization.k8s.io/v1 is supported: not *${String(obj.apiVersion).split("/")[1]}.${obj.kind}`);
    const expected = { ...obj, metadata: { ...obj.metadata, ...(t.namespace ? { namespace: t.namespace } : {}) } };
    let existing: Any | undefined;
    try {
      existing = check(rest.request({ method: "GET", path: resourcePath(t.mapping, t.namespace, t.name) }));
    } catch (e) {
      if (!(e instanceof StatusError && e.status.code === 404)) throw e;
    }
    const isRole = obj.kind === "Role" || obj.kind === "ClusterRole";
    const result = isRole
      ? reconcileRole(existing, expected, c.flags.bool("remove-extra-permissions"))
      : reconcileBinding(existing, expected, c.flags.bool("remove-extra-subjects"));
    let shown = result.object;
    if (!result.protectedObject && !dryRun) shown = apply(c, t.mapping, t.namespace, result, existing);
    const printed = { ...(shown as KubeObject), apiVersion: "rbac.authorization.k8s.io/v1", kind: t.mapping.kind };
    c.out(printer ? printer.print(printed) : `${kindPrefix(t.mapping)}/${t.name} ${dryRun ? "reconciled (dry run)" : "reconciled"}\n`);
    report(c, result);
  }
  return 0;
});
