import { describe, expect, it } from "vitest";
import { gradeChecks } from "../grader";
import { check, freshContext } from "./helpers";

/** Custom checks that grade what an answer means, however the learner wrote it. */
describe("meaning-based checks", () => {
  function pod(ctx: ReturnType<typeof freshContext>, name: string, labels: Record<string, string>, spec: Record<string, unknown> = {}) {
    ctx.env.cluster().admin.create({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default", labels }, spec: { containers: [{ name: "c", image: "busybox:1.36" }], ...spec } });
  }
  function policy(ctx: ReturnType<typeof freshContext>, name: string, spec: Record<string, unknown>) {
    ctx.env.cluster().admin.create({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name, namespace: "default" }, spec });
  }

  it("network-policy-selects: matchExpressions equal to matchLabels pass, a broader selector fails", async () => {
    const ctx = freshContext();
    pod(ctx, "api", { app: "api" });
    pod(ctx, "web", { app: "web" });
    policy(ctx, "by-expression", { podSelector: { matchExpressions: [{ key: "app", operator: "In", values: ["api"] }] } });
    policy(ctx, "everything", { podSelector: {} });
    const selects = (name: string) => check({ id: name, type: "custom", check: "network-policy-selects", params: { namespace: "default", name, selector: "app=api" } });
    const grade = await gradeChecks([selects("by-expression"), selects("everything")], ctx);
    expect(grade.checks.map((c) => c.passed)).toEqual([true, false]);
    expect(grade.checks[1].reason).toBe('networkpolicy "everything" applies to pods: api, web; expected it to apply to: api');
  });

  it("network-policy-peers: one peer with both selectors is AND; two peers are OR and let more in", async () => {
    const ctx = freshContext();
    const prometheus = { podSelector: { matchLabels: { app: "prometheus" } } };
    const observability = { namespaceSelector: { matchExpressions: [{ key: "team", operator: "In", values: ["observability"] }] } };
    policy(ctx, "and", { podSelector: {}, ingress: [{ from: [{ ...prometheus, ...observability }] }] });
    policy(ctx, "or", { podSelector: {}, ingress: [{ from: [prometheus, observability] }] });
    const peers = (name: string) =>
      check({
        id: name,
        type: "custom",
        check: "network-policy-peers",
        params: {
          namespace: "default",
          name,
          admits: [{ namespace: "monitoring", namespaceLabels: { team: "observability" }, podLabels: { app: "prometheus" } }],
          rejects: [{ namespace: "monitoring", namespaceLabels: { team: "observability" }, podLabels: { app: "grafana" } }],
        },
      });
    const grade = await gradeChecks([peers("and"), peers("or")], ctx);
    expect(grade.checks.map((c) => c.passed)).toEqual([true, false]);
    expect(grade.checks[1].reason).toBe('networkpolicy "or" also lets a pod with app=grafana in namespace "monitoring" through');
  });

  it("projected-file-mode: the item's mode or the volume's defaultMode, 0644 otherwise", async () => {
    const ctx = freshContext();
    const volume = (projected: Record<string, unknown>) => ({ volumes: [{ name: "config", projected }] });
    const source = (items?: Record<string, unknown>[]) => ({ secret: { name: "tls", ...(items ? { items } : {}) } });
    pod(ctx, "item", {}, volume({ sources: [source([{ key: "tls.key", path: "tls.key", mode: 256 }])] }));
    pod(ctx, "default-mode", {}, volume({ defaultMode: 256, sources: [source()] }));
    pod(ctx, "unset", {}, volume({ sources: [source([{ key: "tls.key", path: "tls.key" }])] }));
    const mode = (name: string) => check({ id: name, type: "custom", check: "projected-file-mode", params: { namespace: "default", pod: name, volume: "config", source: "secret", name: "tls", key: "tls.key", mode: 256 } });
    const grade = await gradeChecks([mode("item"), mode("default-mode"), mode("unset")], ctx);
    expect(grade.checks.map((c) => c.passed)).toEqual([true, true, false]);
    expect(grade.checks[2].reason).toBe('key "tls.key" is projected with mode 0644; expected 0400');
  });

  it("pod-selects-node-label: nodeSelector or node affinity on the label, not nodeName", async () => {
    const ctx = freshContext();
    ctx.env.cluster().admin.create({ apiVersion: "v1", kind: "Node", metadata: { name: "gpu-node", labels: { "kubernetes.io/hostname": "gpu-node", accelerator: "gpu" } } });
    pod(ctx, "selector", {}, { nodeSelector: { accelerator: "gpu" } });
    pod(ctx, "affinity", {}, { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "accelerator", operator: "Exists" }] }] } } } });
    pod(ctx, "pinned", {}, { nodeName: "gpu-node" });
    const selects = (name: string) => check({ id: name, type: "custom", check: "pod-selects-node-label", params: { namespace: "default", name, node: "gpu-node", label: "accelerator=gpu" } });
    const grade = await gradeChecks([selects("selector"), selects("affinity"), selects("pinned")], ctx);
    expect(grade.checks.map((c) => c.passed)).toEqual([true, true, false]);
  });
});
