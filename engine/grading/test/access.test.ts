import { describe, expect, it } from "vitest";
import type { GradingContext } from "../context";
import { gradeChecks } from "../grader";
import { check, fullContext } from "./helpers";

/** A full cluster: the bootstrap policy lets every authenticated user ask its own questions. */
function setupRbac(): GradingContext {
  const ctx = fullContext();
  const admin = ctx.env.cluster().admin;
  admin.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } });
  admin.create({
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "Role",
    metadata: { name: "pod-reader", namespace: "dev" },
    rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch"] }],
  });
  admin.create({
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: { name: "jane-pod-reader", namespace: "dev" },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "pod-reader" },
    subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "jane" }],
  });
  admin.create({
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRole",
    metadata: { name: "node-reader" },
    rules: [{ apiGroups: [""], resources: ["nodes"], verbs: ["get", "list"] }],
  });
  admin.create({
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRoleBinding",
    metadata: { name: "sre-node-reader" },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "node-reader" },
    subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "sre" }],
  });
  return ctx;
}

describe("access checks (kubectl auth can-i --as)", () => {
  it("answers as the RBAC rules do, per namespace, user and group", async () => {
    const ctx = setupRbac();
    const grade = await gradeChecks(
      [
        check({ id: "list-dev", type: "access", verb: "list", resource: "pods", namespace: "dev", as: "jane", expect: "allowed" }),
        check({ id: "delete-dev", type: "access", verb: "delete", resource: "pods", namespace: "dev", as: "jane", expect: "denied" }),
        check({ id: "list-default", type: "access", verb: "list", resource: "po", namespace: "default", as: "jane", expect: "allowed" }),
        check({ id: "nodes-group", type: "access", verb: "list", resource: "nodes", as: "someone", asGroups: ["sre"], expect: "allowed" }),
        check({ id: "nodes-no-group", type: "access", verb: "list", resource: "nodes", as: "someone", expect: "allowed" }),
      ],
      ctx,
    );
    expect(grade.checks.map((c) => [c.id, c.passed])).toEqual([
      ["list-dev", true],
      ["delete-dev", true],
      ["list-default", false],
      ["nodes-group", true],
      ["nodes-no-group", false],
    ]);
    expect(grade.checks[2].reason).toBe("`kubectl auth can-i list po -n default --as jane` says no; it should say yes");
    expect(grade.checks[4].reason).toBe("`kubectl auth can-i list nodes --as someone` says no; it should say yes");
  });

  it("reads `pods/NAME` as kubectl does (a pod's name) and asks about a subresource only when told", async () => {
    const ctx = setupRbac();
    const grade = await gradeChecks(
      [
        check({ id: "named", type: "access", verb: "get", resource: "pods/log", namespace: "dev", as: "jane", expect: "allowed" }),
        check({ id: "subresource", type: "access", verb: "get", resource: "pods", subresource: "log", namespace: "dev", as: "jane", expect: "allowed" }),
      ],
      ctx,
    );
    expect(grade.checks.map((c) => c.passed)).toEqual([true, false]);
    expect(grade.checks[1].reason).toBe("`kubectl auth can-i get pods --subresource=log -n dev --as jane` says no; it should say yes");
  });

  it("says yes when the learner granted too much", async () => {
    const ctx = setupRbac();
    ctx.env.cluster().admin.create({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: "jane-admin", namespace: "dev" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "admin" },
      subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "jane" }],
    });
    const grade = await gradeChecks([check({ type: "access", verb: "delete", resource: "pods", namespace: "dev", as: "jane", expect: "denied" })], ctx);
    expect(grade.checks[0].passed).toBe(false);
    expect(grade.checks[0].reason).toBe("`kubectl auth can-i delete pods -n dev --as jane` says yes; it should say no");
  });
});
