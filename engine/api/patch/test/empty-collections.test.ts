import { describe, expect, it } from "vitest";
import { adminSetup } from "../../test/support";
import type { KubeObject } from "../../types";

/**
 * What the real server stores after a write that empties a map: the body goes through the kind's
 * Go struct (omitempty) and protobuf, so `labels: {}` never comes back — whatever the patch type.
 */
const configMap = (): KubeObject => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name: "settings", namespace: "default", labels: { app: "web" }, annotations: { owner: "ops" } },
  data: { mode: "fast" },
});

const crd = (): KubeObject => ({
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "widgets.example.com" },
  spec: {
    group: "example.com",
    scope: "Namespaced",
    names: { plural: "widgets", singular: "widget", kind: "Widget" },
    versions: [
      {
        name: "v1",
        served: true,
        storage: true,
        schema: { openAPIV3Schema: { type: "object", properties: { spec: { type: "object", properties: { options: { type: "object", "x-kubernetes-preserve-unknown-fields": true } } } } } },
      },
    ],
  },
});

describe("empty maps after a write", () => {
  it("kubectl label NAME app- (merge patch) on the last label leaves no labels key, in the answer and when read back", () => {
    const { client } = adminSetup();
    client.create(configMap());
    const answer = client.patch("", "configmaps", "default", "settings", { metadata: { labels: { app: null } } }, "merge");
    expect("labels" in answer.metadata).toBe(false);
    expect("labels" in client.get("", "configmaps", "default", "settings")!.metadata).toBe(false);
    expect(client.get("", "configmaps", "default", "settings")!.metadata.annotations).toEqual({ owner: "ops" });
  });

  it("does the same for a strategic merge patch and a JSON patch, and for annotations and data", () => {
    const { client } = adminSetup();
    client.create(configMap());
    client.patch("", "configmaps", "default", "settings", { metadata: { annotations: { owner: null } }, data: { mode: null } }, "strategic");
    client.patch("", "configmaps", "default", "settings", [{ op: "remove", path: "/metadata/labels/app" }], "json");
    const stored = client.get("", "configmaps", "default", "settings")!;
    expect(stored.metadata.annotations).toBeUndefined();
    expect(stored.metadata.labels).toBeUndefined();
    expect("data" in stored).toBe(false);
  });

  it("drops an empty map deep in a typed spec (a pod template's nodeSelector) on create and update", () => {
    const { client } = adminSetup();
    const deployment = client.create({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "default" },
      spec: {
        selector: { matchLabels: { app: "web" } },
        template: { metadata: { labels: { app: "web" }, annotations: {} }, spec: { nodeSelector: {}, containers: [{ name: "web", image: "nginx", resources: { limits: {} } }] } },
      },
    });
    const template = (deployment.spec as { template: { metadata: Record<string, unknown>; spec: { nodeSelector?: unknown; containers: { resources: Record<string, unknown> }[] } } }).template;
    expect("annotations" in template.metadata).toBe(false);
    expect("nodeSelector" in template.spec).toBe(false);
    expect(template.spec.containers[0].resources).toEqual({});
  });

  it("keeps a custom resource's own empty objects but drops its empty labels", () => {
    const { client } = adminSetup();
    client.create(crd());
    client.create({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w", namespace: "default", labels: { a: "b" } }, spec: { options: { x: 1 } } });
    const widget = client.patch("example.com", "widgets", "default", "w", { metadata: { labels: { a: null } }, spec: { options: { x: null } } }, "merge");
    expect("labels" in widget.metadata).toBe(false);
    expect(widget.spec).toEqual({ options: {} });
  });
});
