import { describe, expect, it } from "vitest";
import { testCluster } from "./harness";

describe("namespace deletion", () => {
  it("deletes the contents, names what is left and the finalizers holding it, and goes once they are gone", () => {
    const t = testCluster();
    t.client.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "stuck" } });
    t.client.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "hold", namespace: "stuck", finalizers: ["example.com/block"] } });
    t.client.create({ apiVersion: "v1", kind: "Secret", metadata: { name: "gone", namespace: "stuck" } });
    t.advance(1000);
    t.client.delete("", "namespaces", undefined, "stuck");
    t.advance(5000);
    const ns = t.client.get("", "namespaces", undefined, "stuck")!;
    expect((ns.status as { phase: string }).phase).toBe("Terminating");
    expect(t.client.list("", "secrets", "stuck")).toEqual([]);
    const conditions = (ns.status as { conditions: { type: string; status: string; reason: string; message: string; lastTransitionTime: string }[] }).conditions;
    expect(conditions.map((c) => `${c.type} ${c.status} ${c.reason}: ${c.message}`)).toEqual([
      "NamespaceDeletionDiscoveryFailure False ResourcesDiscovered: All resources successfully discovered",
      "NamespaceDeletionGroupVersionParsingFailure False ParsedGroupVersions: All legacy kube types successfully parsed",
      "NamespaceDeletionContentFailure False ContentDeleted: All content successfully deleted, may be waiting on finalization",
      "NamespaceContentRemaining True SomeResourcesRemain: Some resources are remaining: configmaps. has 1 resource instances",
      "NamespaceFinalizersRemaining True SomeFinalizersRemain: Some content in the namespace has finalizers remaining: example.com/block in 1 resource instances",
    ]);
    expect(new Set(conditions.map((c) => c.lastTransitionTime))).toEqual(new Set(["2026-01-01T00:00:01Z"]));
    // The deleter keeps looking, but writes only what changed.
    const rv = ns.metadata.resourceVersion;
    t.advance(10_000);
    expect(t.client.get("", "namespaces", undefined, "stuck")!.metadata.resourceVersion).toBe(rv);
    t.client.patch("", "configmaps", "stuck", "hold", { metadata: { finalizers: null } });
    t.advance(2000);
    expect(t.client.get("", "namespaces", undefined, "stuck")).toBeUndefined();
  });

  it("waits for its pods' graceful termination, then goes", () => {
    const t = testCluster({ kubelet: { terminationDelayMs: 5000 } });
    t.client.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } });
    t.client.create({ apiVersion: "v1", kind: "Pod", metadata: { name: "web", namespace: "dev" }, spec: { containers: [{ name: "web", image: "nginx" }] } });
    t.advance(2000);
    t.client.delete("", "namespaces", undefined, "dev");
    t.advance(1000);
    const ns = t.client.get("", "namespaces", undefined, "dev")!;
    const remaining = (ns.status as { conditions: { type: string; message: string }[] }).conditions.find((c) => c.type === "NamespaceContentRemaining");
    expect(remaining?.message).toBe("Some resources are remaining: pods. has 1 resource instances");
    t.advance(6000);
    expect(t.client.get("", "pods", "dev", "web")).toBeUndefined();
    expect(t.client.get("", "namespaces", undefined, "dev")).toBeUndefined();
  });
});
