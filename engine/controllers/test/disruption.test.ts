import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/errors";
import { stopKubelet } from "./fake-kubelet";
import { podManifest, testCluster } from "./harness";

const deployment = (replicas: number) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "default" },
  spec: { replicas, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx" }] } } },
});
const evict = (t: ReturnType<typeof testCluster>, name: string) =>
  t.client.subresource("POST", "", "pods", "default", name, "eviction", { apiVersion: "policy/v1", kind: "Eviction", metadata: { name, namespace: "default" } });

describe("PodDisruptionBudget and evictions", () => {
  it("computes the budget status and refuses evictions beyond it with 429 and the real message", () => {
    const t = testCluster();
    t.client.create(deployment(3));
    t.client.create({ apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name: "web-pdb", namespace: "default" }, spec: { minAvailable: 2, selector: { matchLabels: { app: "web" } } } });
    t.advance(1000);
    const pdb = t.client.get("policy", "poddisruptionbudgets", "default", "web-pdb")!;
    expect(pdb.status).toMatchObject({ currentHealthy: 3, desiredHealthy: 2, disruptionsAllowed: 1, expectedPods: 3 });
    const [a, b] = t.pods();
    expect(evict(t, a.metadata.name!)).toMatchObject({ kind: "Status", status: "Success", code: 201 });
    expect(t.pod(a.metadata.name!)).toBeUndefined();
    try {
      evict(t, b.metadata.name!);
      expect.unreachable();
    } catch (e) {
      const err = e as ApiError;
      expect(err.code).toBe(429);
      expect(err.message).toBe("Cannot evict pod as it would violate the pod's disruption budget.");
      expect(err.status.details?.causes?.[0].message).toMatch(/^The disruption budget web-pdb needs 2 healthy pods and has 2 currently$/);
    }
    // The replacement becomes ready; the budget allows one more.
    t.advance(1000);
    expect(evict(t, b.metadata.name!)).toMatchObject({ code: 201 });
  });

  it("maxUnavailable counts the workload's replicas, and pods without a budget are simply evicted", () => {
    const t = testCluster();
    t.client.create(deployment(4));
    t.client.create({ apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name: "pdb", namespace: "default" }, spec: { maxUnavailable: "50%", selector: { matchLabels: { app: "web" } } } });
    t.client.create(podManifest("lonely"));
    t.advance(1000);
    expect(t.client.get("policy", "poddisruptionbudgets", "default", "pdb")!.status).toMatchObject({ expectedPods: 4, desiredHealthy: 2, disruptionsAllowed: 2 });
    evict(t, "lonely");
    expect(t.pod("lonely")).toBeUndefined();
  });
});

describe("node lifecycle and taint eviction", () => {
  it("marks a silent node Unknown after 40 s, taints it unreachable and evicts its pods after 300 s", () => {
    const t = testCluster();
    t.client.create(podManifest("web", { nodeSelector: { "kubernetes.io/hostname": "node01" } }));
    t.advance(1000);
    expect(t.pod("web")!.spec).toMatchObject({
      tolerations: [
        { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
        { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
      ],
    });
    stopKubelet(t.cluster, "node01");
    t.advance(45_000);
    const node = t.client.get("", "nodes", undefined, "node01")!;
    const ready = (node.status as { conditions: { type: string; status: string; reason: string; message: string }[] }).conditions.find((c) => c.type === "Ready")!;
    expect(ready).toMatchObject({ status: "Unknown", reason: "NodeStatusUnknown", message: "Kubelet stopped posting node status." });
    expect((node.spec as { taints: { key: string; effect: string }[] }).taints.map((x) => `${x.key}:${x.effect}`)).toEqual([
      "node.kubernetes.io/unreachable:NoSchedule",
      "node.kubernetes.io/unreachable:NoExecute",
    ]);
    expect(t.events().some((e) => e.reason === "NodeNotReady" && e.message === "Node node01 status is now: NodeNotReady")).toBe(true);
    t.advance(250_000);
    expect(t.pod("web")!.metadata.deletionTimestamp).toBeUndefined();
    t.advance(60_000);
    expect(t.events().some((e) => e.reason === "TaintManagerEviction" && e.message === "Marking for deletion Pod default/web")).toBe(true);
  });

  it("evicts pods at once from a node tainted NoExecute they do not tolerate", () => {
    const t = testCluster();
    t.client.create(podManifest("a", { nodeSelector: { "kubernetes.io/hostname": "node02" } }));
    t.client.create(podManifest("b", { nodeSelector: { "kubernetes.io/hostname": "node02" }, tolerations: [{ key: "maintenance", operator: "Exists", effect: "NoExecute", tolerationSeconds: 60 }] }));
    t.advance(1000);
    // As kubectl taint sets it: no timeAdded; tolerationSeconds count from when the taint was seen.
    t.advance(30_000);
    t.client.patch("", "nodes", undefined, "node02", { spec: { taints: [{ key: "maintenance", value: "true", effect: "NoExecute" }] } });
    expect(t.pod("a")).toBeUndefined();
    expect(t.pod("b")).toBeDefined();
    t.advance(59_000);
    expect(t.pod("b")).toBeDefined();
    t.advance(1000);
    expect(t.pod("b")).toBeUndefined();
  });
});
