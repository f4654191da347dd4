import { describe, expect, it } from "vitest";
import { setReady } from "./fake-kubelet";
import { podManifest, testCluster } from "./harness";

const service = (extra: Record<string, unknown> = {}) => ({
  apiVersion: "v1",
  kind: "Service",
  metadata: { name: "web", namespace: "default", labels: { tier: "front" } },
  spec: { selector: { app: "web" }, ports: [{ name: "http", port: 80, targetPort: "web", protocol: "TCP" }], ...extra },
});
const withPort = (port: number) => ({ containers: [{ name: "c", image: "nginx", ports: [{ name: "web", containerPort: port }] }] });

describe("endpoints and endpointslices", () => {
  it("lists ready pods as addresses with named target ports resolved per pod", () => {
    const t = testCluster();
    t.client.create(service());
    t.client.create(podManifest("a", withPort(8080), { app: "web" }));
    t.client.create(podManifest("b", withPort(8080), { app: "web" }));
    t.client.create(podManifest("other", withPort(8080), { app: "db" }));
    expect(t.client.get("", "endpoints", "default", "web")!.subsets).toBeUndefined();
    t.advance(1000);
    const ep = t.client.get("", "endpoints", "default", "web")!;
    expect(ep.metadata.labels).toEqual({ tier: "front" });
    const subsets = ep.subsets as { addresses: { targetRef: { name: string } }[]; ports: unknown[] }[];
    expect(subsets).toHaveLength(1);
    expect(subsets[0].ports).toEqual([{ name: "http", port: 8080, protocol: "TCP" }]);
    expect(subsets[0].addresses.map((a) => a.targetRef.name).sort()).toEqual(["a", "b"]);
  });

  it("moves unready pods to notReadyAddresses unless the service publishes them", () => {
    const t = testCluster();
    t.client.create(service());
    t.client.create(podManifest("a", withPort(80), { app: "web" }));
    t.advance(1000);
    setReady(t.client, t.pod("a")!, t.env.clock.nowRfc3339(), false);
    const subsets = t.client.get("", "endpoints", "default", "web")!.subsets as Record<string, unknown>[];
    expect(subsets[0].addresses).toBeUndefined();
    expect((subsets[0].notReadyAddresses as unknown[]).length).toBe(1);
    const [slice] = t.client.list("discovery.k8s.io", "endpointslices", "default", { labelSelector: "kubernetes.io/service-name=web" });
    expect(slice.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(slice.metadata.labels).toMatchObject({ "kubernetes.io/service-name": "web", "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io" });
    expect(slice.endpoints).toEqual([
      expect.objectContaining({ conditions: { ready: false, serving: false, terminating: false }, nodeName: expect.any(String), targetRef: expect.objectContaining({ kind: "Pod", name: "a" }) }),
    ]);
    t.client.patch("", "services", "default", "web", { spec: { publishNotReadyAddresses: true } });
    expect((t.client.get("", "endpoints", "default", "web")!.subsets as Record<string, unknown[]>[])[0].addresses).toHaveLength(1);
  });

  it("every namespace gets a default ServiceAccount, re-created when deleted", () => {
    const t = testCluster();
    t.client.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } });
    expect(t.client.get("", "serviceaccounts", "team", "default")).toBeDefined();
    t.client.delete("", "serviceaccounts", "team", "default");
    expect(t.client.get("", "serviceaccounts", "team", "default")).toBeDefined();
  });
});
