import { describe, expect, it } from "vitest";
import { KUBE_NAME_ALPHABET } from "../../util/random";
import { podManifest, testCluster } from "./harness";

const rs = (name: string, replicas: number, extra: Record<string, unknown> = {}) => ({
  apiVersion: "apps/v1",
  kind: "ReplicaSet",
  metadata: { name, namespace: "default", generation: 1 },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] } },
    ...extra,
  },
});

const namePattern = (prefix: string) => new RegExp(`^${prefix}-[${KUBE_NAME_ALPHABET}]{5}$`);

describe("ReplicaSet controller", () => {
  it("creates the pods with generated names, owner references and SuccessfulCreate events", () => {
    const t = testCluster();
    const created = t.client.create(rs("web", 3));
    const pods = t.pods();
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(namePattern("web"));
      expect(p.metadata.labels).toEqual({ app: "web" });
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "web", uid: created.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
    const events = t.events().filter((e) => e.object === "ReplicaSet/web");
    expect(events.map((e) => e.message).sort()).toEqual(pods.map((p) => `Created pod: ${p.metadata.name}`).sort());
    expect(events[0].event).toMatchObject({ source: { component: "replicaset-controller" }, reason: "SuccessfulCreate", type: "Normal" });
  });

  it("reports ready and available replicas as the kubelet starts pods, honouring minReadySeconds", () => {
    const t = testCluster();
    t.client.create(rs("web", 2, { minReadySeconds: 10 }));
    expect(t.client.get("apps", "replicasets", "default", "web")!.status).toEqual({ replicas: 2, fullyLabeledReplicas: 2, observedGeneration: 1 });
    t.advance(1000);
    expect(t.client.get("apps", "replicasets", "default", "web")!.status).toEqual({ replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, observedGeneration: 1 });
    t.advance(10_000);
    expect(t.client.get("apps", "replicasets", "default", "web")!.status).toEqual({ replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 });
  });

  it("replaces a deleted pod and scales down unready pods first", () => {
    const t = testCluster();
    t.client.create(rs("web", 2));
    t.advance(1000);
    const [first] = t.pods();
    t.client.delete("", "pods", "default", first.metadata.name!);
    expect(t.pods().map((p) => p.metadata.name)).not.toContain(first.metadata.name);
    expect(t.pods()).toHaveLength(2);
    const fresh = t.pods().find((p) => (p.status as { phase?: string })?.phase !== "Running")!;
    t.client.patch("apps", "replicasets", "default", "web", { spec: { replicas: 1 } });
    expect(t.pods().map((p) => p.metadata.name)).not.toContain(fresh.metadata.name);
    expect(t.events().some((e) => e.message === `Deleted pod: ${fresh.metadata.name}`)).toBe(true);
  });

  it("adopts matching orphans and releases pods whose labels no longer match", () => {
    const t = testCluster();
    t.client.create(podManifest("stray", {}, { app: "web" }));
    const owner = t.client.create(rs("web", 2));
    expect(t.pods()).toHaveLength(2);
    expect(t.pod("stray")!.metadata.ownerReferences?.[0].uid).toBe(owner.metadata.uid);
    t.client.patch("", "pods", "default", "stray", { metadata: { labels: { app: "debug" } } });
    expect(t.pod("stray")!.metadata.ownerReferences).toBeUndefined();
    expect(t.pods("default", "app=web")).toHaveLength(2);
  });

  it("reports quota-style creation failures as FailedCreate and a ReplicaFailure condition", () => {
    const t = testCluster();
    t.client.create(rs("web", 1, { template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "x", image: "nginx" }], priorityClassName: "missing" } } }));
    const failed = t.events().find((e) => e.reason === "FailedCreate")!;
    expect(failed.message).toMatch(/^Error creating: pods "web-[a-z0-9]{5}" is forbidden: no PriorityClass with name missing was found$/);
    expect((t.client.get("apps", "replicasets", "default", "web")!.status as { conditions: unknown[] }).conditions).toEqual([
      { type: "ReplicaFailure", status: "True", lastTransitionTime: "2026-01-01T00:00:00Z", reason: "FailedCreate", message: failed.message.replace("Error creating: ", "") },
    ]);
  });
});

describe("ReplicationController", () => {
  it("keeps replicas of its template with a map selector", () => {
    const t = testCluster();
    t.client.create({
      apiVersion: "v1",
      kind: "ReplicationController",
      metadata: { name: "legacy", namespace: "default" },
      spec: { replicas: 2, selector: { app: "legacy" }, template: { metadata: { labels: { app: "legacy" } }, spec: { containers: [{ name: "c", image: "nginx" }] } } },
    });
    expect(t.pods()).toHaveLength(2);
    expect(t.events().filter((e) => e.reason === "SuccessfulCreate")[0].event).toMatchObject({ source: { component: "replication-controller" } });
  });
});

describe("kube-controller-manager down", () => {
  it("creates nothing while its controllers are paused, and catches up when they resume", async () => {
    const { KUBE_CONTROLLER_MANAGER_CONTROLLERS } = await import("../plugin");
    const t = testCluster();
    t.cluster.controllers.setPaused(KUBE_CONTROLLER_MANAGER_CONTROLLERS, true);
    t.client.create(rs("web", 2));
    expect(t.pods()).toHaveLength(0);
    t.cluster.controllers.setPaused(KUBE_CONTROLLER_MANAGER_CONTROLLERS, false);
    t.cluster.settle();
    expect(t.pods()).toHaveLength(2);
  });
});
