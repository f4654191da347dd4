import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { testCluster } from "./harness";

/** An event body as a recorder builds it: every part made for this one write. */
function eventBody(name: string): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Event",
    metadata: { name, namespace: "default", labels: {} },
    involvedObject: { kind: "Pod", namespace: "default", name: "web", uid: "u-1", apiVersion: "v1" },
    reason: "Scheduled",
    message: "Successfully assigned default/web to node01",
    source: {},
    firstTimestamp: null,
    lastTimestamp: null,
    type: "Normal",
    action: "Binding",
  };
}

/** What two creates may differ in: the name asked for and what the server assigns. */
function comparable(obj: KubeObject): unknown {
  const { name, uid, resourceVersion, ...metadata } = obj.metadata;
  void name;
  void uid;
  void resourceVersion;
  return { ...obj, metadata };
}

describe("a create whose body the caller hands over (event recorders)", () => {
  it("stores exactly what a create of a copied body stores: defaults, empty maps dropped, managedFields", () => {
    const { cluster } = testCluster({ nodes: [] });
    const copied = cluster.admin.create(eventBody("web.1"));
    const handed = cluster.admin.create(eventBody("web.2"), {}, true);
    expect(handed.metadata.labels).toBeUndefined();
    expect(handed.metadata.managedFields?.[0]).toMatchObject({ manager: "kube-controller-manager", operation: "Update", fieldsType: "FieldsV1" });
    expect(comparable(handed)).toEqual(comparable(copied));
    expect(cluster.store.get("/events", "default", "web.2")).toBe(handed);
  });

  it("is frozen once stored, and a refused create leaves nothing behind", () => {
    const { cluster } = testCluster({ nodes: [] });
    const handed = cluster.admin.create(eventBody("web.1"), {}, true);
    expect(Object.isFrozen(handed) && Object.isFrozen(handed.involvedObject)).toBe(true);
    expect(() => cluster.admin.create(eventBody("web.1"), {}, true)).toThrow(/already exists/);
    expect(() => cluster.admin.create(eventBody("Bad_Name"), {}, true)).toThrow(/Bad_Name/);
    expect(cluster.store.count("/events")).toBe(1);
  });
});
