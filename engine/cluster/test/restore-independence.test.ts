import { describe, expect, it } from "vitest";
import { SYSTEM_ADMIN } from "../../api/types";
import { Environment } from "../environment";

/**
 * One snapshot object restored twice (a test's fixture, a lab reset from the same save) must give
 * two clusters that do not share plugin state: work in one may not show in the other.
 */
describe("Environment.restore", () => {
  it("gives independent environments when the same snapshot object is restored twice", () => {
    const snapshot = Environment.create(undefined, { seed: 3 }).snapshot();
    const before = JSON.stringify(snapshot);
    const first = Environment.restore(snapshot);
    const second = Environment.restore(snapshot);

    first.cluster().clientFor(SYSTEM_ADMIN).create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "only-in-first", namespace: "default" },
      spec: { containers: [{ name: "c", image: "nginx:1.27" }] },
    });
    first.advanceBy(30_000);

    // The kubelets of the first environment now run the pod; the snapshot and the second
    // environment's plugin state are untouched.
    expect(JSON.stringify(first.snapshot().clusters[0].extra)).not.toBe(JSON.stringify(snapshot.clusters[0].extra));
    expect(JSON.stringify(snapshot)).toBe(before);
    second.advanceBy(30_000);
    const secondExtra = JSON.stringify(second.snapshot().clusters[0].extra);
    expect(secondExtra).not.toContain("only-in-first");
    expect(JSON.stringify(first.snapshot().clusters[0].extra)).toContain("only-in-first");
  });
});
