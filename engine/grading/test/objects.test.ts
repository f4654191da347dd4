import { describe, expect, it } from "vitest";
import { SYSTEM_ADMIN } from "../../api/types";
import { markLearnerStart } from "../attempt";
import { gradeChecks } from "../grader";
import { check, freshContext } from "./helpers";

function deployment(name: string, replicas: number, image: string, labels: Record<string, string> = { app: name }) {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "default", labels },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: "main", image, resources: { limits: { memory: "128Mi", cpu: "250m" } } }] } },
    },
  };
}

describe("object checks", () => {
  it("exists and absent report what kubectl would say is missing", async () => {
    const ctx = freshContext();
    const admin = ctx.env.cluster().admin;
    admin.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: "default" }, data: { mode: "fast" } });
    const grade = await gradeChecks(
      [
        check({ id: "present", type: "exists", resource: "configmap", name: "settings" }),
        check({ id: "missing", type: "exists", resource: "cm", name: "other", namespace: "prod" }),
        check({ id: "gone", type: "absent", resource: "configmaps", name: "settings" }),
      ],
      ctx,
    );
    expect(grade.checks.map((c) => c.passed)).toEqual([true, false, false]);
    expect(grade.checks[1].reason).toBe('configmaps "other" in namespace "prod" was not found');
    expect(grade.checks[2].reason).toBe('configmaps "settings" in namespace "default" still exists');
    expect(grade.checks[1].hint).toBe("h");
  });

  it("field checks compare values, patterns, quantities and counts", async () => {
    const ctx = freshContext();
    ctx.env.cluster().admin.create(deployment("web", 2, "nginx:1.27"));
    const ref = { resource: "deployments.apps", name: "web" };
    const grade = await gradeChecks(
      [
        check({ id: "replicas", type: "field", ...ref, path: "{.spec.replicas}", equals: 3 }),
        check({ id: "image", type: "field", ...ref, path: ".spec.template.spec.containers[*].image", matches: "^nginx:1\\.2[0-9]$" }),
        check({ id: "memory", type: "field", ...ref, path: ".spec.template.spec.containers[0].resources.limits.memory", atMost: "256Mi" }),
        check({ id: "cpu", type: "field", ...ref, path: ".spec.template.spec.containers[0].resources.limits.cpu", greaterThan: "0.5" }),
        check({ id: "labels", type: "field", ...ref, path: ".metadata.labels", contains: { app: "web" } }),
        check({ id: "containers", type: "field", ...ref, path: ".spec.template.spec.containers[*]", aggregate: "count", equals: 1 }),
        check({ id: "no-tolerations", type: "field", ...ref, path: ".spec.template.spec.tolerations", present: false }),
      ],
      ctx,
    );
    expect(grade.checks.map((c) => [c.id, c.passed])).toEqual([
      ["replicas", false],
      ["image", true],
      ["memory", true],
      ["cpu", false],
      ["labels", true],
      ["containers", true],
      ["no-tolerations", true],
    ]);
    expect(grade.checks[0].reason).toBe('{.spec.replicas} of deployments.apps "web" in namespace "default" is 2; expected it to equal 3');
    expect(grade.earned).toBe(5);
    expect(grade.total).toBe(7);
    expect(grade.percent).toBe(71.4);
  });

  it("count checks use label selectors and field conditions", async () => {
    const ctx = freshContext();
    const admin = ctx.env.cluster().admin;
    admin.create(deployment("a", 1, "nginx", { app: "a", tier: "fe" }));
    admin.create(deployment("b", 3, "nginx", { app: "b", tier: "fe" }));
    admin.create(deployment("c", 3, "redis", { app: "c", tier: "be" }));
    const grade = await gradeChecks(
      [
        check({ id: "fe", type: "count", resource: "deploy", namespace: "default", selector: "tier=fe", equals: 2 }),
        check({ id: "big", type: "count", resource: "deploy", selector: "tier in (fe,be)", where: { path: ".spec.replicas", atLeast: 3 }, equals: 3 }),
        check({ id: "ns", type: "count", resource: "namespaces", atLeast: 4 }),
      ],
      ctx,
    );
    expect(grade.checks.map((c) => c.passed)).toEqual([true, false, true]);
    expect(grade.checks[1].reason).toBe("found 2 deployments matching tier in (fe,be) where .spec.replicas is as required across all namespaces; expected the number to equal 3");
  });

  it("podReady needs Running with Ready=True, and says what state the pod is in", async () => {
    const ctx = freshContext();
    const admin = ctx.env.cluster().admin;
    for (const name of ["web-1", "web-2"]) {
      admin.create({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default", labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx" }] } });
    }
    admin.patchStatus("", "pods", "default", "web-1", { phase: "Running", conditions: [{ type: "Ready", status: "True" }] });
    admin.patchStatus("", "pods", "default", "web-2", { phase: "Pending", containerStatuses: [{ name: "c", ready: false, state: { waiting: { reason: "ImagePullBackOff" } } }] });
    const grade = await gradeChecks(
      [
        check({ id: "one", type: "podReady", name: "web-1" }),
        check({ id: "all", type: "podReady", selector: "app=web" }),
        check({ id: "some", type: "podReady", selector: "app=web", minimum: 1 }),
      ],
      ctx,
    );
    expect(grade.checks.map((c) => c.passed)).toEqual([true, false, true]);
    expect(grade.checks[1].reason).toBe('1 of 2 pods matching app=web in namespace "default" are Running and Ready (need 2): web-2 is ImagePullBackOff');
  });

  it("fails object checks with kubectl's words when the API server is down", async () => {
    const ctx = freshContext();
    ctx.env.cluster().apiserverUp = false;
    const grade = await gradeChecks([check({ type: "exists", resource: "namespaces", name: "default" })], ctx);
    expect(grade.checks[0].passed).toBe(false);
    expect(grade.checks[0].reason).toBe("The connection to the server 172.30.1.2:6443 was refused - did you specify the right host or port?");
  });

  it("reports an unknown resource type as kubectl does", async () => {
    const ctx = freshContext();
    const grade = await gradeChecks([check({ type: "exists", resource: "widgets", name: "x" })], ctx);
    expect(grade.checks[0].reason).toBe('the server doesn\'t have a resource type "widgets"');
  });

  it("audit checks only count what the learner did after setup", async () => {
    const ctx = freshContext();
    const cluster = ctx.env.cluster();
    const learner = cluster.clientFor(SYSTEM_ADMIN, "kubectl/v1.33.2");
    learner.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "from-setup", namespace: "kube-system" } });
    ctx.env.advanceBy(5_000);
    markLearnerStart(ctx.env, { scenario: "s", version: "1" });
    learner.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "mine", namespace: "default" } });
    learner.delete("", "configmaps", "default", "mine");
    const grade = await gradeChecks(
      [
        check({ id: "made", type: "audit", expect: "present", request: { verb: "create", resource: "configmaps", namespace: "default" } }),
        check({ id: "no-delete", type: "audit", expect: "absent", request: { verb: "delete", resource: "configmaps" } }),
        check({ id: "inside", type: "untouchedOutside", namespaces: ["default"] }),
      ],
      ctx,
    );
    expect(grade.checks.map((c) => c.passed)).toEqual([true, false, true]);
    expect(grade.checks[1].reason).toMatch(/^1 request\(s\) "delete configmaps" were made, e\.g\. delete configmaps "mine"/);
    learner.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "elsewhere" } });
    const after = await gradeChecks([check({ type: "untouchedOutside", namespaces: ["default"] })], ctx);
    expect(after.checks[0].reason).toBe('1 change(s) outside "default", e.g. create namespaces "elsewhere" (cluster-wide)');
  });
});

describe("audit entries of evictions", () => {
  it("do not count the pod deletion an eviction performs as a learner's delete", async () => {
    const ctx = freshContext();
    const audit = ctx.env.cluster().apiserver.audit;
    const base = { time: "2026-01-01T00:05:00Z", user: "kubernetes-admin", group: "", resource: "pods", namespace: "default", name: "web-1", code: 200 };
    audit.push({ ...base, verb: "delete" }, { ...base, verb: "create", subresource: "eviction", code: 201 });
    audit.push({ ...base, name: "web-2", verb: "delete", time: "2026-01-01T00:06:00Z" });
    const grade = await gradeChecks([check({ type: "audit", expect: "absent", request: { verb: "delete", resource: "pods" } })], ctx);
    expect(grade.checks[0].reason).toBe('1 request(s) "delete pods" were made, e.g. delete pods "web-2" at 2026-01-01T00:06:00Z');
  });
});
