// A resumed session is the session that was saved: its environment snapshots to the same bytes,
// and minutes of cluster time and a learner's write later it is still what the original became
// (probes, back-offs, lease renewals and rollouts continue on the same clock and random stream).
import { describe, expect, it } from "vitest";
import { Environment } from "../../../engine/cluster/environment";
import { restoreSessionEnvironment } from "../live-session";
import type { SessionSnapshot } from "../types";

function saved(env: Environment): SessionSnapshot {
  // Through JSON, as a save and a load give it.
  return { format: 1, env: JSON.parse(JSON.stringify(env.snapshot())), terminals: {}, homeHost: "controlplane", activeMs: 0, savedAt: "2026-01-01T00:00:00.000Z" };
}

describe("resuming a saved session", () => {
  it("gives back the environment byte for byte, and it goes on exactly as the original", () => {
    const original = Environment.create();
    const admin = original.cluster().admin;
    admin.create({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "default" },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { labels: { app: "web" } },
          spec: { containers: [{ name: "web", image: "nginx", livenessProbe: { httpGet: { path: "/", port: 80 }, periodSeconds: 5 } }] },
        },
      },
    });
    admin.create({ apiVersion: "v1", kind: "Pod", metadata: { name: "typo", namespace: "default" }, spec: { containers: [{ name: "c", image: "ngnix:no-such-tag" }] } });
    original.advanceBy(47_500);

    const snapshot = saved(original);
    const resumed = restoreSessionEnvironment(snapshot);
    expect(JSON.stringify(resumed.snapshot())).toBe(JSON.stringify(snapshot.env));

    for (const env of [original, resumed]) {
      env.advanceBy(180_000);
      const deployment = env.cluster().admin.get("apps", "deployments", "default", "web")!;
      env.cluster().admin.update({ ...deployment, spec: { ...(deployment.spec as Record<string, unknown>), replicas: 3 } });
      env.advanceBy(30_000);
    }
    expect(JSON.stringify(resumed.snapshot())).toBe(JSON.stringify(original.snapshot()));
    expect(resumed.cluster().admin.list("", "pods", "default").filter((p) => p.metadata.name?.startsWith("web-"))).toHaveLength(3);
  });
});
