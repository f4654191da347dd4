import type { ObjectStore } from "../../store";
import type { KubeObject, UserInfo } from "../../types";
import { subjectMatches, type PolicyRule, type RoleRef, type Subject } from "./rules";

export const RBAC_GROUP = "rbac.authorization.k8s.io";
const CLUSTER_ROLES = `${RBAC_GROUP}/clusterroles`;
const CLUSTER_ROLE_BINDINGS = `${RBAC_GROUP}/clusterrolebindings`;
const ROLES = `${RBAC_GROUP}/roles`;
const ROLE_BINDINGS = `${RBAC_GROUP}/rolebindings`;

interface Binding extends KubeObject {
  roleRef: RoleRef;
  subjects?: Subject[];
}

/** Where a rule came from, for SelfSubjectRulesReview and for explaining a decision. */
export interface SourcedRule {
  rule: PolicyRule;
  binding: string;
}

/**
 * Finds the rules that apply to a user, as the RBAC DefaultRuleResolver does: every
 * ClusterRoleBinding, then the RoleBindings of the request's namespace. It reads the store
 * directly: authorization runs on every request and only looks.
 */
export class RuleResolver {
  constructor(private readonly store: ObjectStore) {}

  /** Rules of a role reference; undefined when the role does not exist. */
  roleRefRules(ref: RoleRef, namespace: string | undefined): PolicyRule[] | undefined {
    if (ref.kind === "ClusterRole") {
      const role = this.store.get(CLUSTER_ROLES, undefined, ref.name);
      return role ? ((role.rules as PolicyRule[] | null) ?? []) : undefined;
    }
    if (ref.kind === "Role" && namespace) {
      const role = this.store.get(ROLES, namespace, ref.name);
      return role ? ((role.rules as PolicyRule[] | null) ?? []) : undefined;
    }
    return undefined;
  }

  /** Visits applicable rules in order until `visit` returns true (found). */
  visitRules(user: UserInfo, namespace: string | undefined, visit: (rule: PolicyRule, binding: string) => boolean): boolean {
    for (const obj of this.store.list(CLUSTER_ROLE_BINDINGS)) {
      const binding = obj as Binding;
      if (!(binding.subjects ?? []).some((s) => subjectMatches(s, user, undefined))) continue;
      const rules = this.roleRefRules(binding.roleRef, undefined) ?? [];
      for (const rule of rules) if (visit(rule, `ClusterRoleBinding/${binding.metadata.name}`)) return true;
    }
    if (!namespace) return false;
    for (const obj of this.store.list(ROLE_BINDINGS, namespace)) {
      const binding = obj as Binding;
      if (!(binding.subjects ?? []).some((s) => subjectMatches(s, user, namespace))) continue;
      const rules = this.roleRefRules(binding.roleRef, namespace) ?? [];
      for (const rule of rules) if (visit(rule, `RoleBinding/${namespace}/${binding.metadata.name}`)) return true;
    }
    return false;
  }

  rulesFor(user: UserInfo, namespace: string | undefined): SourcedRule[] {
    const out: SourcedRule[] = [];
    this.visitRules(user, namespace, (rule, binding) => {
      out.push({ rule, binding });
      return false;
    });
    return out;
  }
}
