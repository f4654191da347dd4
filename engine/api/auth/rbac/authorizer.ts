import type { AuthorizationAttributes, AuthorizationDecision, Authorizer } from "../../authorization";
import type { ObjectStore } from "../../store";
import type { KubeObject, UserInfo } from "../../types";
import { bindingsNaming } from "./binding-index";
import { RBAC_GROUP, RuleResolver } from "./resolver";
import { ruleAllows, subjectMatches, type PolicyRule, type RoleRef, type Subject } from "./rules";

export const SYSTEM_MASTERS = "system:masters";
const NODES_GROUP = "system:nodes";

interface Binding extends KubeObject {
  roleRef: RoleRef;
  subjects?: Subject[];
}

function describeSubject(subject: Subject, bindingNamespace: string | undefined): string {
  if (subject.kind === "ServiceAccount") {
    return `${subject.kind} "${subject.namespace || bindingNamespace || ""}/${subject.name}"`;
  }
  return `${subject.kind} "${subject.name}"`;
}

/**
 * The kube-apiserver's authorizer chain on a kubeadm cluster (`--authorization-mode=Node,RBAC`),
 * preceded by the privileged-group authorizer: members of system:masters are always allowed,
 * even with every binding deleted. Decisions come with the real `reason` texts, which
 * SubjectAccessReview and `kubectl auth can-i` show.
 */
export class RbacAuthorizer implements Authorizer {
  readonly resolver: RuleResolver;

  constructor(private readonly store: ObjectStore) {
    this.resolver = new RuleResolver(store);
  }

  authorize(attrs: AuthorizationAttributes): AuthorizationDecision {
    if (attrs.user.groups.includes(SYSTEM_MASTERS)) return { allowed: true, reason: "" };
    if (this.nodeAllows(attrs)) return { allowed: true, reason: "" };
    return this.rbac(attrs);
  }

  /**
   * Nodes get their rights from the Node authorizer, not from a binding (the system:node
   * ClusterRoleBinding has no subjects). Kubecoach grants a node the system:node role's rules;
   * the real authorizer further limits them to the objects its pods reference.
   */
  private nodeAllows(attrs: AuthorizationAttributes): boolean {
    if (!attrs.user.groups.includes(NODES_GROUP) || !attrs.user.username.startsWith("system:node:")) return false;
    const rules = this.resolver.roleRefRules({ apiGroup: RBAC_GROUP, kind: "ClusterRole", name: "system:node" }, undefined) ?? [];
    return rules.some((rule) => ruleAllows(attrs, rule));
  }

  private rbac(attrs: AuthorizationAttributes): AuthorizationDecision {
    const errors: string[] = [];
    const check = (binding: Binding, kind: "ClusterRoleBinding" | "RoleBinding", namespace: string | undefined): string | undefined => {
      const subject = (binding.subjects ?? []).find((s) => subjectMatches(s, attrs.user, namespace));
      if (!subject) return undefined;
      const rules = this.resolver.roleRefRules(binding.roleRef, namespace);
      if (!rules) {
        // The lister's NotFound uses the singular resource name.
        errors.push(`${binding.roleRef.kind.toLowerCase()}.${RBAC_GROUP} "${binding.roleRef.name}" not found`);
        return undefined;
      }
      if (!rules.some((rule: PolicyRule) => ruleAllows(attrs, rule))) return undefined;
      const name = kind === "RoleBinding" ? `${binding.metadata.name}/${namespace}` : binding.metadata.name;
      return `RBAC: allowed by ${kind} "${name}" of ${binding.roleRef.kind} "${binding.roleRef.name}" to ${describeSubject(subject, namespace)}`;
    };
    for (const obj of bindingsNaming(this.store.listShared(`${RBAC_GROUP}/clusterrolebindings`), attrs.user, undefined)) {
      const reason = check(obj as Binding, "ClusterRoleBinding", undefined);
      if (reason) return { allowed: true, reason };
    }
    if (attrs.namespace) {
      for (const obj of bindingsNaming(this.store.listShared(`${RBAC_GROUP}/rolebindings`), attrs.user, attrs.namespace)) {
        const reason = check(obj as Binding, "RoleBinding", attrs.namespace);
        if (reason) return { allowed: true, reason };
      }
    }
    const reason = errors.length === 0 ? "" : `RBAC: ${errors.length === 1 ? errors[0] : `[${errors.join(", ")}]`}`;
    return { allowed: false, reason };
  }

  /** Rules that apply to a user in a namespace (for escalation checks and SelfSubjectRulesReview). */
  rulesFor(user: UserInfo, namespace: string | undefined): PolicyRule[] {
    if (user.groups.includes(SYSTEM_MASTERS)) {
      return [
        { verbs: ["*"], apiGroups: ["*"], resources: ["*"] },
        { verbs: ["*"], nonResourceURLs: ["*"] },
      ];
    }
    const rules = this.resolver.rulesFor(user, namespace).map((r) => r.rule);
    if (user.groups.includes(NODES_GROUP) && user.username.startsWith("system:node:")) {
      rules.push(...(this.resolver.roleRefRules({ apiGroup: RBAC_GROUP, kind: "ClusterRole", name: "system:node" }, undefined) ?? []));
    }
    return rules;
  }
}
