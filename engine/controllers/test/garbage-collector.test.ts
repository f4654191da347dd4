import { describe, expect, it } from "vitest";
import { testCluster } from "./harness";

const deployment = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "default" },
  spec: { replicas: 2, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx" }] } } },
};

describe("garbage collector", () => {
  it("deletes ReplicaSets and pods in the background when their Deployment goes", () => {
    const t = testCluster();
    t.client.create(deployment);
    t.advance(1000);
    t.client.delete("apps", "deployments", "default", "web", { propagationPolicy: "Background" });
    expect(t.client.list("apps", "replicasets", "default")).toHaveLength(0);
    expect(t.pods()).toHaveLength(0);
  });

  it("orphans: the ReplicaSet and pods stay, without owner references", () => {
    const t = testCluster();
    t.client.create(deployment);
    t.advance(1000);
    t.client.delete("apps", "deployments", "default", "web", { propagationPolicy: "Orphan" });
    expect(t.client.get("apps", "deployments", "default", "web")).toBeUndefined();
    const [rs] = t.client.list("apps", "replicasets", "default");
    expect(rs.metadata.ownerReferences).toBeUndefined();
    expect(rs.spec).toMatchObject({ replicas: 2 });
    expect(t.pods()).toHaveLength(2);
  });

  it("foreground: the owner waits with its finalizer until blocking dependents are gone", () => {
    const t = testCluster({ kubelet: { terminationDelayMs: 5000 } });
    t.client.create(deployment);
    t.advance(1000);
    t.client.delete("apps", "deployments", "default", "web", { propagationPolicy: "Foreground" });
    const d = t.client.get("apps", "deployments", "default", "web")!;
    expect(d.metadata.finalizers).toEqual(["foregroundDeletion"]);
    expect(d.metadata.deletionTimestamp).toBeDefined();
    expect(t.client.list("apps", "replicasets", "default")[0].metadata.finalizers).toEqual(["foregroundDeletion"]);
    t.advance(5000);
    expect(t.client.get("apps", "deployments", "default", "web")).toBeUndefined();
    expect(t.client.list("apps", "replicasets", "default")).toHaveLength(0);
    expect(t.pods()).toHaveLength(0);
  });

  it("drops a reference to a missing owner but keeps an object that has another owner", () => {
    const t = testCluster();
    const a = t.client.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", namespace: "default" } });
    const b = t.client.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "b", namespace: "default" } });
    const ref = (o: typeof a) => ({ apiVersion: "v1", kind: "ConfigMap", name: o.metadata.name!, uid: o.metadata.uid! });
    t.client.create({ apiVersion: "v1", kind: "Secret", metadata: { name: "s", namespace: "default", ownerReferences: [ref(a), ref(b)] } });
    t.client.delete("", "configmaps", "default", "a");
    expect(t.client.get("", "secrets", "default", "s")!.metadata.ownerReferences).toEqual([ref(b)]);
    t.client.delete("", "configmaps", "default", "b");
    expect(t.client.get("", "secrets", "default", "s")).toBeUndefined();
  });
});
