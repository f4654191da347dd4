import { AttachedState } from "../../cluster/attached-state";
import type { Cluster, ClusterPlugin } from "../../cluster/cluster";
import { clusterRoleAggregationController } from "./rbac/aggregation-controller";
import { RbacAuthorizer } from "./rbac/authorizer";
import { BOOTSTRAP_CLUSTER_ROLE_BINDINGS, BOOTSTRAP_CLUSTER_ROLES, BOOTSTRAP_ROLE_BINDINGS, BOOTSTRAP_ROLES } from "./rbac/bootstrap-policy";
import { CONTROLLER_ROLE_BINDINGS, CONTROLLER_ROLES } from "./rbac/controller-policy";
import { KUBEADM_CLUSTER_ROLE_BINDINGS, KUBEADM_CLUSTER_ROLES, KUBEADM_ROLE_BINDINGS, KUBEADM_ROLES } from "./rbac/kubeadm-policy";
import { rbacEscalationCheck } from "./rbac/escalation";
import { bindingObject, roleObject } from "./rbac/policy-builders";

// Not a WeakMap: its values would outlive a dropped cluster in young-generation collections (attached-state.ts).
const authorizers = new AttachedState<Cluster, RbacAuthorizer>("rbac authorizer");

/** The cluster's RBAC authorizer (for review resources and anything that asks "may this user…?"). */
export function rbacAuthorizer(cluster: Cluster): RbacAuthorizer {
  const authorizer = authorizers.get(cluster);
  if (!authorizer) throw new Error("the RBAC plugin is not installed on this cluster");
  return authorizer;
}

/**
 * RBAC for a kubeadm cluster: replaces the interim authorizer with Node+RBAC (system:masters
 * always allowed), refuses privilege escalation through roles and bindings, creates the
 * bootstrap policy and kubeadm's roles and bindings, and runs the aggregation controller.
 */
export const rbacPlugin: ClusterPlugin = {
  name: "rbac",
  install(cluster) {
    const authorizer = new RbacAuthorizer(cluster.store);
    authorizers.set(cluster, authorizer);
    cluster.apiserver.authorizer = authorizer;
    cluster.apiserver.admission.push(rbacEscalationCheck(authorizer));
    cluster.addController("clusterrole-aggregation-controller", clusterRoleAggregationController);
  },
  bootstrap(cluster) {
    const client = cluster.admin;
    const exists = (group: string, resource: string, namespace: string | undefined, name: string) =>
      cluster.store.get(`${group}/${resource}`, namespace, name) !== undefined;
    for (const spec of [...BOOTSTRAP_CLUSTER_ROLES, ...CONTROLLER_ROLES, ...KUBEADM_CLUSTER_ROLES, ...BOOTSTRAP_ROLES, ...KUBEADM_ROLES]) {
      // Another area (e.g. the CoreDNS add-on) may already have created its role.
      if (exists("rbac.authorization.k8s.io", spec.namespace ? "roles" : "clusterroles", spec.namespace, spec.name)) continue;
      client.create(roleObject(spec));
    }
    for (const spec of [...BOOTSTRAP_CLUSTER_ROLE_BINDINGS, ...CONTROLLER_ROLE_BINDINGS, ...KUBEADM_CLUSTER_ROLE_BINDINGS, ...BOOTSTRAP_ROLE_BINDINGS, ...KUBEADM_ROLE_BINDINGS]) {
      if (exists("rbac.authorization.k8s.io", spec.namespace ? "rolebindings" : "clusterrolebindings", spec.namespace, spec.name)) continue;
      client.create(bindingObject(spec));
    }
  },
};
