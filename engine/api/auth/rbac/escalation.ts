import type { AdmissionAttributes, AdmissionPlugin } from "../../admission/types";
import { forbidden } from "../../errors";
import { deepEqual } from "../../../util/json";
import type { UserInfo } from "../../types";
import { SYSTEM_MASTERS, type RbacAuthorizer } from "./authorizer";
import { RBAC_GROUP } from "./resolver";
import { compactRules, compactString, goQuotedList, uncoveredRules, type PolicyRule, type RoleRef } from "./rules";
import { notFound } from "../../errors";

const FULL_AUTHORITY: PolicyRule[] = [
  { verbs: ["*"], apiGroups: ["*"], resources: ["*"] },
  { verbs: ["*"], nonResourceURLs: ["*"] },
];

/**
 * RBAC's privilege-escalation prevention (pkg/registry/rbac/*\/policybased): a user may only create
 * or change a Role/ClusterRole whose rules they already hold, unless they have the `escalate` verb;
 * and may only bind a role whose rules they hold, unless they have the `bind` verb on it.
 */
export function rbacEscalationCheck(authorizer: RbacAuthorizer): AdmissionPlugin {
  const isRbac = (attrs: AdmissionAttributes) => attrs.def.group === RBAC_GROUP && !attrs.subresource;
  return {
    name: "RBACEscalation",
    validate(attrs) {
      if (!isRbac(attrs) || (attrs.operation !== "CREATE" && attrs.operation !== "UPDATE")) return;
      if (attrs.user.groups.includes(SYSTEM_MASTERS)) return;
      const obj = attrs.object!;
      const name = obj.metadata.name ?? "";
      const gr = { group: RBAC_GROUP, resource: attrs.def.resource };
      const namespace = attrs.def.namespaced ? attrs.namespace : undefined;
      const refuse = (message: string) => forbidden(`${attrs.def.resource}.${RBAC_GROUP} "${name}" is forbidden: ${message}`, gr, name);

      if (attrs.def.resource === "roles" || attrs.def.resource === "clusterroles") {
        const rules = (obj.rules as PolicyRule[] | undefined) ?? [];
        const escalate = authorizer.authorize({ user: attrs.user, verb: "escalate", group: RBAC_GROUP, resource: attrs.def.resource, namespace, name: attrs.operation === "UPDATE" ? name : undefined, resourceRequest: true });
        if (escalate.allowed) return;
        if (attrs.operation === "UPDATE" && deepEqual(rules, (attrs.oldObject?.rules as PolicyRule[] | undefined) ?? [])) return;
        const missing = missingRights(authorizer, attrs.user, namespace, rules);
        if (missing) throw refuse(missing);
        if (obj.aggregationRule && missingRights(authorizer, attrs.user, namespace, FULL_AUTHORITY)) {
          throw refuse("must have cluster-admin privileges to use the aggregationRule");
        }
        return;
      }

      const roleRef = obj.roleRef as RoleRef | undefined;
      if (!roleRef) return; // validation reports the missing roleRef
      if (attrs.operation === "UPDATE" && deepEqual(roleRef, attrs.oldObject?.roleRef) && deepEqual(obj.subjects, attrs.oldObject?.subjects)) return;
      const bind = authorizer.authorize({
        user: attrs.user,
        verb: "bind",
        group: roleRef.apiGroup,
        resource: roleRef.kind === "ClusterRole" ? "clusterroles" : "roles",
        namespace,
        name: roleRef.name,
        resourceRequest: true,
      });
      if (bind.allowed && (roleRef.kind === "ClusterRole" || roleRef.kind === "Role")) return;
      const rules = authorizer.resolver.roleRefRules(roleRef, namespace);
      if (!rules) throw notFound({ group: RBAC_GROUP, resource: roleRef.kind === "ClusterRole" ? "clusterroles" : "roles" }, roleRef.name);
      const missing = missingRights(authorizer, attrs.user, namespace, rules);
      if (missing) throw refuse(missing);
    },
  };
}

/** The ConfirmNoEscalation message, or undefined when the user holds every rule. */
function missingRights(authorizer: RbacAuthorizer, user: UserInfo, namespace: string | undefined, rules: PolicyRule[]): string | undefined {
  const owned = authorizer.rulesFor(user, namespace);
  const missing = uncoveredRules(owned, rules);
  if (missing.length === 0) return undefined;
  const descriptions = [...new Set(compactRules(missing).map(compactString))].sort();
  return `user "${user.username}" (groups=${goQuotedList(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${descriptions.join("\n")}`;
}
