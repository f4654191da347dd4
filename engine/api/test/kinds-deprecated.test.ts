import { describe, expect, it } from "vitest";
import { Environment } from "../../cluster/environment";

// Deprecated-but-served v1 APIs of a v1.33 apiserver: every request to them carries the deprecation
// Warning kubectl prints (staging/src/k8s.io/apiserver/pkg/endpoints/deprecation), and ComponentStatus
// is computed from health probes on each read (pkg/registry/core/componentstatus/rest.go).

const TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io";

describe("deprecated v1 APIs", () => {
  it("warns on Endpoints reads, writes and errors", () => {
    const env = Environment.create();
    const client = env.cluster().admin;
    const warning = '299 - "v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice"';
    expect(client.request("GET", client.path("", "endpoints", "default")).headers?.warning).toBe(warning);
    const missing = client.request("GET", client.path("", "endpoints", "default", "nosuch"));
    expect(missing.status).toBe(404);
    expect(missing.headers?.warning).toBe(warning);
    const created = client.request("POST", client.path("", "endpoints", "default"), {
      body: { apiVersion: "v1", kind: "Endpoints", metadata: { name: "manual" } },
      contentType: "application/json",
    });
    expect(created.status).toBe(201);
    expect(created.headers?.warning).toBe(warning);
    expect(client.request("GET", client.path("discovery.k8s.io", "endpointslices", "default")).headers?.warning).toBeUndefined();
  });

  it("reports a control-plane component that does not listen as Unhealthy, with the prober's dial error", () => {
    const env = Environment.create();
    const cluster = env.cluster();
    const rows = () => {
      const response = cluster.admin.request("GET", cluster.admin.path("", "componentstatuses"), { accept: TABLE });
      expect(response.headers?.warning).toBe('299 - "v1 ComponentStatus is deprecated in v1.19+"');
      return (response.body as { rows: { cells: unknown[] }[] }).rows.map((r) => r.cells);
    };
    expect(rows()).toEqual([
      ["scheduler", "Healthy", "ok", ""],
      ["controller-manager", "Healthy", "ok", ""],
      ["etcd-0", "Healthy", "ok", ""],
    ]);
    const cp = env.hosts.get("controlplane")!;
    const path = "/etc/kubernetes/manifests/kube-scheduler.yaml";
    const good = cp.fs.readFileSync(path)!;
    cp.fs.writeFileSync(path, good.replace("- kube-scheduler\n", "- kube-schedulerr\n"));
    env.advanceBy(5000);
    expect(rows()[0]).toEqual(["scheduler", "Unhealthy", 'Get "https://127.0.0.1:10259/healthz": dial tcp 127.0.0.1:10259: connect: connection refused', ""]);
    const one = cluster.admin.request("GET", cluster.admin.path("", "componentstatuses", undefined, "controller-manager"));
    expect(one.body).toEqual({ apiVersion: "v1", kind: "ComponentStatus", metadata: { name: "controller-manager", creationTimestamp: null }, conditions: [{ type: "Healthy", status: "True", message: "ok" }] });
    const unknown = cluster.admin.request("GET", cluster.admin.path("", "componentstatuses", undefined, "proxy"));
    expect(unknown.status).toBe(500);
    expect((unknown.body as { message: string }).message).toBe("Internal error occurred: Component not found: proxy");
  });
});
