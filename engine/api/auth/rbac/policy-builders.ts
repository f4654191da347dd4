import type { KubeObject } from "../../types";
import { RBAC_GROUP } from "./resolver";
import type { PolicyRule, RoleRef, Subject } from "./rules";

/**
 * Small builders for policy data, in the spirit of rbacv1helpers.NewRule: verbs, API groups,
 * resources, names and URLs come out sorted, as PolicyRuleBuilder.Rule() stores them.
 */
export const READ = ["get", "list", "watch"];
export const WRITE = ["create", "delete", "deletecollection", "patch", "update"];
export const READ_WRITE = [...READ, ...WRITE];

const sorted = (values: string[]) => [...values].sort();

export function rule(verbs: string[], apiGroups: string[], resources: string[], resourceNames?: string[]): PolicyRule {
  return {
    verbs: sorted(verbs),
    apiGroups: sorted(apiGroups),
    resources: sorted(resources),
    ...(resourceNames ? { resourceNames: sorted(resourceNames) } : {}),
  };
}

export function urls(verbs: string[], nonResourceURLs: string[]): PolicyRule {
  return { verbs: sorted(verbs), nonResourceURLs: sorted(nonResourceURLs) };
}

/** What every controller needs to record events, in both event APIs. */
export const EVENTS_RULE = rule(["create", "update", "patch"], ["", "events.k8s.io"], ["events"]);

export const BOOTSTRAP_LABELS = { "kubernetes.io/bootstrapping": "rbac-defaults" };
export const AUTOUPDATE = { "rbac.authorization.kubernetes.io/autoupdate": "true" };

export type PolicyRuleList = PolicyRule[];

export interface RoleSpec {
  name: string;
  namespace?: string;
  rules: PolicyRule[];
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  aggregationLabel?: string;
}

export interface BindingSpec {
  name: string;
  namespace?: string;
  roleRef: RoleRef;
  subjects?: Subject[];
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export const user = (name: string): Subject => ({ kind: "User", apiGroup: RBAC_GROUP, name });
export const group = (name: string): Subject => ({ kind: "Group", apiGroup: RBAC_GROUP, name });
export const serviceAccount = (namespace: string, name: string): Subject => ({ kind: "ServiceAccount", name, namespace });
export const clusterRoleRef = (name: string): RoleRef => ({ apiGroup: RBAC_GROUP, kind: "ClusterRole", name });
export const roleRef = (name: string): RoleRef => ({ apiGroup: RBAC_GROUP, kind: "Role", name });

export function roleObject(spec: RoleSpec): KubeObject {
  const kind = spec.namespace ? "Role" : "ClusterRole";
  const metadata: KubeObject["metadata"] = { name: spec.name, ...(spec.namespace ? { namespace: spec.namespace } : {}) };
  if (spec.annotations) metadata.annotations = spec.annotations;
  if (spec.labels) metadata.labels = spec.labels;
  const obj: KubeObject = { apiVersion: `${RBAC_GROUP}/v1`, kind, metadata };
  if (spec.aggregationLabel) {
    obj.aggregationRule = { clusterRoleSelectors: [{ matchLabels: { [spec.aggregationLabel]: "true" } }] };
  }
  obj.rules = spec.rules;
  return obj;
}

export function bindingObject(spec: BindingSpec): KubeObject {
  const kind = spec.namespace ? "RoleBinding" : "ClusterRoleBinding";
  const metadata: KubeObject["metadata"] = { name: spec.name, ...(spec.namespace ? { namespace: spec.namespace } : {}) };
  if (spec.annotations) metadata.annotations = spec.annotations;
  if (spec.labels) metadata.labels = spec.labels;
  const obj: KubeObject = { apiVersion: `${RBAC_GROUP}/v1`, kind, metadata, roleRef: spec.roleRef };
  if (spec.subjects && spec.subjects.length > 0) obj.subjects = spec.subjects;
  return obj;
}
