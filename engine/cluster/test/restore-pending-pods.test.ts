import { describe, expect, it } from "vitest";
import { SYSTEM_ADMIN } from "../../api/types";
import { Environment } from "../environment";

/**
 * A session is restored after every command in the app, so what the scheduler remembers about an
 * unschedulable pod must survive a restore: labelling the node it waits for schedules it at once.
 */
describe("a pod waiting for a node label, across a restore", () => {
  it("is scheduled as soon as a node gets the label", () => {
    const env = Environment.create(undefined, { seed: 2 });
    const client = env.cluster().clientFor(SYSTEM_ADMIN);
    client.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "gpu-test", namespace: "default" },
      spec: { nodeSelector: { hardware: "gpu" }, containers: [{ name: "c", image: "busybox:1.36", command: ["sleep", "3600"] }] },
    });
    env.advanceBy(5_000);
    const restored = Environment.restore(JSON.parse(JSON.stringify(env.snapshot())));
    const admin = restored.cluster().clientFor(SYSTEM_ADMIN);
    admin.patch("", "nodes", undefined, "node02", { metadata: { labels: { hardware: "gpu" } } });
    restored.advanceBy(10_000);
    expect((admin.get("", "pods", "default", "gpu-test")!.spec as { nodeName?: string }).nodeName).toBe("node02");
  });
});
