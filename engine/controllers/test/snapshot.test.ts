import { describe, expect, it } from "vitest";
import { corePlugin } from "../../cluster/core-plugin";
import { Environment } from "../../cluster/environment";
import { controllersPlugin } from "../plugin";
import { fakeKubeletPlugin } from "./fake-kubelet";
import { testCluster } from "./harness";

/** What a learner would see: every ReplicaSet's size and every pod's name, phase and node. */
function picture(env: Environment): string {
  const c = env.cluster();
  const rs = c.admin.list("apps", "replicasets").map((r) => `${r.metadata.name}:${(r.spec as { replicas: number }).replicas}`);
  const pods = c.admin.list("", "pods").map((p) => `${p.metadata.name}:${(p.status as { phase?: string })?.phase}:${(p.spec as { nodeName?: string }).nodeName}`);
  return [...rs, ...pods].join("\n");
}

describe("controllers across a snapshot", () => {
  it("a rollout restored mid-way ends exactly like the uninterrupted one", () => {
    const t = testCluster();
    t.client.create({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "default" },
      spec: { replicas: 6, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx:1" }] } } },
    });
    t.advance(2000);
    t.client.patch("apps", "deployments", "default", "web", { spec: { template: { spec: { containers: [{ name: "c", image: "nginx:2" }] } } } }, "strategic");
    t.advance(500);
    const restored = Environment.restore(t.env.snapshot(), { plugins: [corePlugin, controllersPlugin, fakeKubeletPlugin()], environmentPlugins: [] });
    t.advance(10_000);
    restored.advanceBy(10_000);
    expect(picture(restored)).toBe(picture(t.env));
    expect(picture(t.env)).toMatch(/web-\w+:6\n/);
  });
});
