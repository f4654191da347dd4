import { describe, expect, it } from "vitest";
import { Environment } from "../../../cluster/environment";
import { SYSTEM_ADMIN, SYSTEM_MASTER, type KubeObject, type UserInfo } from "../../types";
import { rbacAuthorizer } from "../rbac-plugin";
import { errorOf } from "../../test/support";

const RBAC = "rbac.authorization.k8s.io/v1";
const jane: UserInfo = { username: "jane", groups: ["system:authenticated"] };

function setup() {
  const env = Environment.create();
  const cluster = env.cluster();
  const admin = cluster.clientFor(SYSTEM_ADMIN);
  return { env, cluster, admin, as: (user: UserInfo) => cluster.clientFor(user) };
}

const role = (namespace: string, name: string, rules: unknown[]): KubeObject => ({ apiVersion: RBAC, kind: "Role", metadata: { name, namespace }, rules });
const roleBinding = (namespace: string, name: string, roleRef: { kind: string; name: string }, subjects: unknown[]): KubeObject => ({
  apiVersion: RBAC,
  kind: "RoleBinding",
  metadata: { name, namespace },
  roleRef: { apiGroup: "rbac.authorization.k8s.io", ...roleRef },
  subjects,
});

describe("RBAC bootstrap policy", () => {
  it("creates the kubeadm cluster's roles and bindings", () => {
    const { admin } = setup();
    const roles = admin.list("rbac.authorization.k8s.io", "clusterroles").map((r) => r.metadata.name);
    for (const name of ["admin", "cluster-admin", "edit", "view", "system:node", "system:kube-scheduler", "kubeadm:get-nodes", "system:controller:deployment-controller"]) {
      expect(roles).toContain(name);
    }
    const bindings = admin.list("rbac.authorization.k8s.io", "clusterrolebindings").map((b) => b.metadata.name);
    expect(bindings).toContain("kubeadm:cluster-admins");
    expect(bindings).toContain("system:controller:namespace-controller");
    const reader = admin.get("rbac.authorization.k8s.io", "roles", "kube-public", "kubeadm:bootstrap-signer-clusterinfo");
    expect(reader?.rules).toEqual([{ verbs: ["get"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["cluster-info"] }]);
  });

  it("gives each controller its service account's role with the rules of controller_policy.go", () => {
    const { admin, as } = setup();
    const deployments = admin.get("rbac.authorization.k8s.io", "clusterroles", undefined, "system:controller:deployment-controller")!;
    // Verbs, groups and resources sorted as PolicyRuleBuilder.Rule() leaves them.
    expect(deployments.rules).toEqual([
      { verbs: ["get", "list", "update", "watch"], apiGroups: ["apps", "extensions"], resources: ["deployments"] },
      { verbs: ["update"], apiGroups: ["apps", "extensions"], resources: ["deployments/status"] },
      { verbs: ["update"], apiGroups: ["apps", "extensions"], resources: ["deployments/finalizers"] },
      { verbs: ["create", "delete", "get", "list", "patch", "update", "watch"], apiGroups: ["apps", "extensions"], resources: ["replicasets"] },
      { verbs: ["get", "list", "update", "watch"], apiGroups: [""], resources: ["pods"] },
      { verbs: ["create", "patch", "update"], apiGroups: ["", "events.k8s.io"], resources: ["events"] },
    ]);
    const binding = admin.get("rbac.authorization.k8s.io", "clusterrolebindings", undefined, "system:controller:deployment-controller")!;
    expect(binding.subjects).toEqual([{ kind: "ServiceAccount", name: "deployment-controller", namespace: "kube-system" }]);
    const controller: UserInfo = { username: "system:serviceaccount:kube-system:deployment-controller", groups: ["system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"] };
    const can = (verb: string, group: string, resource: string, subresource = "") =>
      (as(controller).create({
        apiVersion: "authorization.k8s.io/v1",
        kind: "SelfSubjectAccessReview",
        metadata: {},
        spec: { resourceAttributes: { verb, group, resource, subresource, namespace: "default" } },
      } as KubeObject).status as { allowed: boolean }).allowed;
    expect(can("create", "apps", "replicasets")).toBe(true);
    expect(can("update", "apps", "deployments", "status")).toBe(true);
    expect(can("create", "", "pods")).toBe(false);
    expect(can("delete", "apps", "deployments")).toBe(false);
    const endpoints = admin.get("rbac.authorization.k8s.io", "clusterroles", undefined, "system:controller:endpoint-controller")!;
    expect((endpoints.rules as { resources: string[]; verbs: string[] }[])[1]).toEqual({ verbs: ["create", "delete", "get", "list", "update", "watch"], apiGroups: [""], resources: ["endpoints"] });
  });

  it("aggregates view into edit into admin", () => {
    const { admin } = setup();
    const get = (name: string) => admin.get("rbac.authorization.k8s.io", "clusterroles", undefined, name)!;
    const view = get("view").rules as { resources?: string[]; verbs: string[] }[];
    expect(view.some((r) => r.resources?.includes("pods") && r.verbs.includes("list"))).toBe(true);
    const editRules = get("edit").rules as unknown[];
    expect(editRules).toEqual(expect.arrayContaining(view));
    const adminRules = get("admin").rules as { resources?: string[] }[];
    expect(adminRules.some((r) => r.resources?.includes("rolebindings"))).toBe(true);
    expect(adminRules).toEqual(expect.arrayContaining(editRules));
  });

  it("aggregates a new ClusterRole labelled for view (a CRD author's rules)", () => {
    const { admin } = setup();
    admin.create({
      apiVersion: RBAC,
      kind: "ClusterRole",
      metadata: { name: "widgets-view", labels: { "rbac.authorization.k8s.io/aggregate-to-view": "true" } },
      rules: [{ verbs: ["get"], apiGroups: ["example.com"], resources: ["widgets"] }],
    });
    const view = admin.get("rbac.authorization.k8s.io", "clusterroles", undefined, "view")!;
    expect(view.rules).toContainEqual({ verbs: ["get"], apiGroups: ["example.com"], resources: ["widgets"] });
    const adminRole = admin.get("rbac.authorization.k8s.io", "clusterroles", undefined, "admin")!;
    expect(adminRole.rules).toContainEqual({ verbs: ["get"], apiGroups: ["example.com"], resources: ["widgets"] });
  });
});

describe("RBAC authorizer", () => {
  it("lets the kubeadm admin do anything and refuses a user without bindings with the real message", () => {
    const { admin, as } = setup();
    expect(admin.list("", "pods", "default")).toEqual([]);
    const e = errorOf(() => as(jane).list("", "pods", "default"));
    expect(e.code).toBe(403);
    expect(e.message).toBe('pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"');
    const named = errorOf(() => as(jane).get("apps", "deployments", "default", "web"));
    expect(named.message).toBe('deployments.apps "web" is forbidden: User "jane" cannot get resource "deployments" in API group "apps" in the namespace "default"');
    const nodes = errorOf(() => as(jane).list("", "nodes"));
    expect(nodes.message).toBe('nodes is forbidden: User "jane" cannot list resource "nodes" in API group "" at the cluster scope');
  });

  it("grants through a Role and RoleBinding only in that namespace, only the listed verbs", () => {
    const { admin, as } = setup();
    admin.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } });
    admin.create(role("dev", "pod-reader", [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] }]));
    admin.create(roleBinding("dev", "jane-reads", { kind: "Role", name: "pod-reader" }, [{ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "jane" }]));
    expect(as(jane).list("", "pods", "dev")).toEqual([]);
    expect(errorOf(() => as(jane).list("", "pods", "default")).code).toBe(403);
    const create = errorOf(() => as(jane).create({ apiVersion: "v1", kind: "Pod", metadata: { name: "x", namespace: "dev" }, spec: { containers: [{ name: "c", image: "nginx" }] } }));
    expect(create.message).toBe('pods is forbidden: User "jane" cannot create resource "pods" in API group "" in the namespace "dev"');
  });

  it("matches resourceNames, subresources and */subresource", () => {
    const { cluster } = setup();
    const authz = rbacAuthorizer(cluster);
    cluster.admin.create(
      role("default", "narrow", [
        { apiGroups: [""], resources: ["configmaps"], resourceNames: ["app-config"], verbs: ["get"] },
        { apiGroups: [""], resources: ["pods/log"], verbs: ["get"] },
        { apiGroups: ["*"], resources: ["*/scale"], verbs: ["update"] },
      ]),
    );
    cluster.admin.create(roleBinding("default", "narrow", { kind: "Role", name: "narrow" }, [{ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "jane" }]));
    const ask = (a: Partial<Parameters<typeof authz.authorize>[0]>) => authz.authorize({ user: jane, verb: "get", namespace: "default", resourceRequest: true, group: "", ...a }).allowed;
    expect(ask({ resource: "configmaps", name: "app-config" })).toBe(true);
    expect(ask({ resource: "configmaps", name: "other" })).toBe(false);
    expect(ask({ verb: "list", resource: "configmaps" })).toBe(false);
    expect(ask({ resource: "pods", subresource: "log", name: "web" })).toBe(true);
    expect(ask({ resource: "pods", name: "web" })).toBe(false);
    expect(ask({ verb: "update", group: "apps", resource: "deployments", subresource: "scale", name: "web" })).toBe(true);
    expect(ask({ verb: "update", group: "apps", resource: "deployments", name: "web" })).toBe(false);
  });

  it("matches nonResourceURLs exactly or by a trailing * prefix", () => {
    const { cluster } = setup();
    cluster.admin.create({ apiVersion: RBAC, kind: "ClusterRole", metadata: { name: "logs" }, rules: [{ nonResourceURLs: ["/logs/*", "/metrics"], verbs: ["get"] }] });
    cluster.admin.create({ apiVersion: RBAC, kind: "ClusterRoleBinding", metadata: { name: "logs" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "logs" }, subjects: [{ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "ops" }] });
    const authz = rbacAuthorizer(cluster);
    const ops: UserInfo = { username: "sam", groups: ["ops", "system:authenticated"] };
    const ask = (path: string, user = ops) => authz.authorize({ user, verb: "get", path, resourceRequest: false }).allowed;
    expect(ask("/logs/kube-apiserver.log")).toBe(true);
    expect(ask("/metrics")).toBe(true);
    expect(ask("/metrics/slis")).toBe(false);
    expect(ask("/version", jane)).toBe(true); // system:public-info-viewer
    expect(ask("/logs/x", jane)).toBe(false);
  });

  it("binds service accounts by name, and the service-account groups", () => {
    const { cluster, as } = setup();
    const sa: UserInfo = { username: "system:serviceaccount:default:robot", groups: ["system:serviceaccounts", "system:serviceaccounts:default", "system:authenticated"] };
    expect(errorOf(() => as(sa).list("", "secrets", "default")).message).toBe(
      'secrets is forbidden: User "system:serviceaccount:default:robot" cannot list resource "secrets" in API group "" in the namespace "default"',
    );
    cluster.admin.create(roleBinding("default", "robot-view", { kind: "ClusterRole", name: "view" }, [{ kind: "ServiceAccount", name: "robot" }]));
    expect(as(sa).list("", "pods", "default")).toEqual([]);
    // view does not include secrets
    expect(errorOf(() => as(sa).list("", "secrets", "default")).code).toBe(403);
    cluster.admin.create(roleBinding("default", "all-sa-edit", { kind: "ClusterRole", name: "edit" }, [{ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "system:serviceaccounts:default" }]));
    expect(as(sa).list("", "secrets", "default")).toEqual([]);
  });

  it("lets a RoleBinding in a namespace grant get on that namespace itself", () => {
    const { cluster, as } = setup();
    expect(errorOf(() => as(jane).get("", "namespaces", undefined, "default")).message).toBe(
      'namespaces "default" is forbidden: User "jane" cannot get resource "namespaces" in API group "" in the namespace "default"',
    );
    cluster.admin.create(roleBinding("default", "jane-view", { kind: "ClusterRole", name: "view" }, [{ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "jane" }]));
    expect(as(jane).get("", "namespaces", undefined, "default")?.metadata.name).toBe("default");
  });

  it("keeps system:masters allowed even with cluster-admin's binding deleted", () => {
    const { cluster, admin } = setup();
    admin.delete("rbac.authorization.k8s.io", "clusterrolebindings", undefined, "kubeadm:cluster-admins");
    expect(errorOf(() => admin.list("", "pods", "default")).code).toBe(403);
    expect(cluster.clientFor(SYSTEM_MASTER).list("", "pods", "default")).toEqual([]);
  });

  it("explains a binding to a missing role in the reason", () => {
    const { cluster } = setup();
    cluster.admin.create(roleBinding("default", "dangling", { kind: "Role", name: "ghost" }, [{ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "jane" }]));
    const decision = rbacAuthorizer(cluster).authorize({ user: jane, verb: "get", group: "", resource: "pods", namespace: "default", resourceRequest: true });
    expect(decision).toEqual({ allowed: false, reason: 'RBAC: role.rbac.authorization.k8s.io "ghost" not found' });
    const allowed = rbacAuthorizer(cluster).authorize({ user: SYSTEM_ADMIN, verb: "get", group: "", resource: "pods", namespace: "default", resourceRequest: true });
    expect(allowed.reason).toBe('RBAC: allowed by ClusterRoleBinding "kubeadm:cluster-admins" of ClusterRole "cluster-admin" to Group "kubeadm:cluster-admins"');
  });
});

describe("RBAC authorizer while a learner edits bindings", () => {
  it("follows every change at once: a binding added, its subject edited, the binding deleted; the reason names the first binding in store order", () => {
    const { cluster } = setup();
    const authz = rbacAuthorizer(cluster);
    const ask = () => authz.authorize({ user: { username: "jane", groups: ["devs", "system:authenticated"] }, verb: "list", group: "", resource: "pods", namespace: "default", resourceRequest: true });
    expect(ask().allowed).toBe(false);
    cluster.admin.create(roleBinding("default", "zz-by-group", { kind: "ClusterRole", name: "view" }, [{ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "devs" }]));
    expect(ask().reason).toBe('RBAC: allowed by RoleBinding "zz-by-group/default" of ClusterRole "view" to Group "devs"');
    cluster.admin.create(roleBinding("default", "aa-by-user", { kind: "ClusterRole", name: "edit" }, [{ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "jane" }]));
    expect(ask().reason).toBe('RBAC: allowed by RoleBinding "aa-by-user/default" of ClusterRole "edit" to User "jane"');
    const edited = cluster.admin.get("rbac.authorization.k8s.io", "rolebindings", "default", "aa-by-user")!;
    cluster.admin.update({ ...edited, subjects: [{ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "john" }] });
    expect(ask().reason).toBe('RBAC: allowed by RoleBinding "zz-by-group/default" of ClusterRole "view" to Group "devs"');
    cluster.admin.delete("rbac.authorization.k8s.io", "rolebindings", "default", "zz-by-group");
    expect(ask()).toEqual({ allowed: false, reason: "" });
    cluster.admin.create({ apiVersion: RBAC, kind: "ClusterRoleBinding", metadata: { name: "devs-view" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" }, subjects: [{ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "devs" }] });
    expect(ask().reason).toBe('RBAC: allowed by ClusterRoleBinding "devs-view" of ClusterRole "view" to Group "devs"');
  });
});

describe("RBAC escalation prevention", () => {
  function delegate() {
    const s = setup();
    // jane may manage roles and bindings in default, and read pods there.
    s.admin.create(role("default", "role-manager", [{ apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles", "rolebindings"], verbs: ["create", "get", "list", "update", "delete"] }, { apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] }]));
    s.admin.create(roleBinding("default", "jane-manages", { kind: "Role", name: "role-manager" }, [{ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "jane" }]));
    return s;
  }

  it("lets a user create a role with rules they hold, and refuses more with the real message", () => {
    const { as } = delegate();
    as(jane).create(role("default", "ok", [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }]));
    const e = errorOf(() => as(jane).create(role("default", "too-much", [{ apiGroups: [""], resources: ["pods", "secrets"], verbs: ["get", "list", "delete"] }])));
    expect(e.code).toBe(403);
    expect(e.message).toBe(
      'roles.rbac.authorization.k8s.io "too-much" is forbidden: user "jane" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
        '{APIGroups:[""], Resources:["pods"], Verbs:["delete"]}\n' +
        '{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list" "delete"]}',
    );
  });

  it("refuses to bind a role with rights the user lacks, unless they hold `bind` on it", () => {
    const { admin, as } = delegate();
    const bindEdit = () => as(jane).create(roleBinding("default", "bob-edit", { kind: "ClusterRole", name: "edit" }, [{ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "bob" }]));
    const e = errorOf(bindEdit);
    expect(e.code).toBe(403);
    expect(e.message).toMatch(/^rolebindings.rbac.authorization.k8s.io "bob-edit" is forbidden: user "jane" \(groups=\["system:authenticated"\]\) is attempting to grant RBAC permissions not currently held:\n/);
    admin.create(role("default", "edit-binder", [{ apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles"], verbs: ["bind"], resourceNames: ["edit"] }]));
    admin.create(roleBinding("default", "jane-binds-edit", { kind: "Role", name: "edit-binder" }, [{ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "jane" }]));
    expect(bindEdit().metadata.name).toBe("bob-edit");
  });

  it("lets a user with `escalate` create any role", () => {
    const { admin, as } = delegate();
    admin.create(role("default", "escalator", [{ apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles"], verbs: ["escalate"] }]));
    admin.create(roleBinding("default", "jane-escalates", { kind: "Role", name: "escalator" }, [{ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "jane" }]));
    expect(as(jane).create(role("default", "anything", [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }])).metadata.name).toBe("anything");
  });
});
