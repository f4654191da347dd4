import { describe, expect, it } from "vitest";
import { applyStrategicMergePatch } from "../strategic";

/** Strategic merge patch as kubectl apply/edit/patch send it, with the semantics of k8s.io/apimachinery/pkg/util/strategicpatch. */
const pod = () => ({
  metadata: { name: "web", labels: { app: "web", tier: "front" }, finalizers: ["a/one"] },
  spec: {
    containers: [
      { name: "nginx", image: "nginx:1.27", ports: [{ containerPort: 80, protocol: "TCP" }], env: [{ name: "A", value: "1" }], args: ["-x", "-y"] },
      { name: "sidecar", image: "busybox" },
    ],
    volumes: [{ name: "data", hostPath: { path: "/data" } }],
    tolerations: [{ key: "k1", operator: "Exists" }],
    imagePullSecrets: [{ name: "reg" }],
  },
});

const patch = (p: unknown, kind = "Pod") => applyStrategicMergePatch(pod(), p, kind) as ReturnType<typeof pod>;

describe("strategic merge patch", () => {
  it("merges containers by name, keeping the others and their order", () => {
    const result = patch({ spec: { containers: [{ name: "sidecar", image: "busybox:1.36" }] } });
    expect(result.spec.containers.map((c) => `${c.name}=${c.image}`)).toEqual(["nginx=nginx:1.27", "sidecar=busybox:1.36"]);
    expect(result.spec.containers[0].env).toEqual([{ name: "A", value: "1" }]);
  });

  it("appends new keyed items, merges env by name and container ports by containerPort", () => {
    const result = patch({
      spec: {
        containers: [{ name: "nginx", env: [{ name: "B", value: "2" }, { name: "A", value: "9" }], ports: [{ containerPort: 443 }] }, { name: "init", image: "alpine" }],
      },
    });
    const nginx = result.spec.containers[0];
    expect(nginx.env).toEqual([{ name: "A", value: "9" }, { name: "B", value: "2" }]);
    expect(nginx.ports).toEqual([{ containerPort: 80, protocol: "TCP" }, { containerPort: 443 }]);
    expect(result.spec.containers.map((c) => c.name)).toEqual(["nginx", "sidecar", "init"]);
  });

  it("replaces lists without a patch strategy (args, tolerations)", () => {
    const result = patch({ spec: { containers: [{ name: "nginx", args: ["-z"] }], tolerations: [{ key: "k2", operator: "Exists" }] } });
    expect(result.spec.containers[0].args).toEqual(["-z"]);
    expect(result.spec.tolerations).toEqual([{ key: "k2", operator: "Exists" }]);
  });

  it("deletes a keyed item with $patch: delete, and a key with null", () => {
    const result = patch({ metadata: { labels: { tier: null } }, spec: { containers: [{ name: "sidecar", $patch: "delete" }] } });
    expect(result.spec.containers.map((c) => c.name)).toEqual(["nginx"]);
    expect(result.metadata.labels).toEqual({ app: "web" });
  });

  it("replaces a map with $patch: replace", () => {
    const result = patch({ metadata: { labels: { $patch: "replace", only: "this" } } });
    expect(result.metadata.labels).toEqual({ only: "this" });
  });

  it("replaces a whole keyed list with a $patch: replace item", () => {
    const result = patch({ spec: { containers: [{ $patch: "replace" }, { name: "solo", image: "x" }] } });
    expect(result.spec.containers).toEqual([{ name: "solo", image: "x" }]);
  });

  it("keeps only the $retainKeys of a volume, so a volume can change its source", () => {
    const result = patch({ spec: { volumes: [{ name: "data", $retainKeys: ["emptyDir", "name"], emptyDir: {} }] } });
    expect(result.spec.volumes).toEqual([{ name: "data", emptyDir: {} }]);
  });

  it("orders keyed items by $setElementOrder", () => {
    const result = patch({ spec: { "$setElementOrder/containers": [{ name: "sidecar" }, { name: "nginx" }], containers: [{ name: "nginx", image: "nginx:1.28" }] } });
    expect(result.spec.containers.map((c) => `${c.name}=${c.image}`)).toEqual(["sidecar=busybox", "nginx=nginx:1.28"]);
  });

  it("merges the finalizers list as a set and removes with $deleteFromPrimitiveList", () => {
    expect(patch({ metadata: { finalizers: ["b/two", "a/one"] } }).metadata.finalizers).toEqual(["a/one", "b/two"]);
    expect(patch({ metadata: { "$deleteFromPrimitiveList/finalizers": ["a/one"] } }).metadata.finalizers).toEqual([]);
  });

  it("merges imagePullSecrets by name and a Service's ports by port", () => {
    expect(patch({ spec: { imagePullSecrets: [{ name: "other" }] } }).spec.imagePullSecrets).toEqual([{ name: "reg" }, { name: "other" }]);
    const service = { spec: { ports: [{ name: "http", port: 80, targetPort: 8080 }, { name: "https", port: 443 }] } };
    const merged = applyStrategicMergePatch(service, { spec: { ports: [{ port: 80, targetPort: 9090 }] } }, "Service") as typeof service;
    expect(merged.spec.ports).toEqual([{ name: "http", port: 80, targetPort: 9090 }, { name: "https", port: 443 }]);
  });

  it("refuses a patch that is not an object", () => {
    expect(() => applyStrategicMergePatch(pod(), [1, 2], "Pod")).toThrow("strategic merge patch must be a JSON object");
  });
});
