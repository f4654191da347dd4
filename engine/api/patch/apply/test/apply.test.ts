import { describe, expect, it } from "vitest";
import { Environment } from "../../../../cluster/environment";
import { SYSTEM_ADMIN, type KubeObject } from "../../../types";

function setup() {
  const cluster = Environment.create().cluster();
  const request = (method: "POST" | "PATCH" | "PUT", path: string, body: unknown, query: Record<string, string>, contentType = "application/json") =>
    cluster.apiserver.handle({ method, path, query: new URLSearchParams(query), headers: { "content-type": contentType, "user-agent": "kubectl/v1.33.1 (linux/amd64) kubernetes/8adc0f0" }, body, user: SYSTEM_ADMIN });
  const apply = (name: string, yaml: string, query: Record<string, string> = {}) =>
    request("PATCH", `/api/v1/namespaces/default/configmaps/${name}`, yaml, { fieldManager: "kubectl", ...query }, "application/apply-patch+yaml");
  const get = (name: string) => cluster.clientFor(SYSTEM_ADMIN).get("", "configmaps", "default", name)!;
  return { cluster, request, apply, get };
}

const cm = (name: string, data: Record<string, string>) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "default" }, data });
const managers = (obj: KubeObject) => (obj.metadata.managedFields ?? []).map((m) => `${m.manager}/${m.operation}`);

describe("managedFields on ordinary writes", () => {
  it("records the creating manager's fields, named by fieldManager or the user agent", () => {
    const { request, get } = setup();
    request("POST", "/api/v1/namespaces/default/configmaps", cm("app", { a: "1" }), { fieldManager: "kubectl-create" });
    const entry = get("app").metadata.managedFields![0];
    expect(entry).toMatchObject({ manager: "kubectl-create", operation: "Update", apiVersion: "v1", fieldsType: "FieldsV1" });
    expect(entry.fieldsV1).toEqual({ "f:data": { ".": {}, "f:a": {} } });
    request("POST", "/api/v1/namespaces/default/configmaps", cm("agent", { a: "1" }), {});
    expect(managers(get("agent"))).toEqual(["kubectl/Update"]);
  });

  it("moves ownership of the fields an update changes to its manager", () => {
    const { request, get } = setup();
    request("POST", "/api/v1/namespaces/default/configmaps", cm("app", { a: "1", b: "2" }), { fieldManager: "kubectl-create" });
    request("PATCH", "/api/v1/namespaces/default/configmaps/app", { data: { b: "3" } }, { fieldManager: "kubectl-patch" }, "application/merge-patch+json");
    const [create, patch] = get("app").metadata.managedFields!;
    expect(create.fieldsV1).toEqual({ "f:data": { ".": {}, "f:a": {} } });
    expect(patch).toMatchObject({ manager: "kubectl-patch", operation: "Update", fieldsV1: { "f:data": { "f:b": {} } } });
  });
});

describe("server-side apply", () => {
  it("creates, merges and removes the fields its manager stopped applying", () => {
    const { apply, get } = setup();
    expect(apply("app", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  a: '1'\n  b: '2'\n").status).toBe(200);
    expect(get("app").data).toEqual({ a: "1", b: "2" });
    expect(managers(get("app"))).toEqual(["kubectl/Apply"]);
    apply("app", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  a: '1'\n");
    expect(get("app").data).toEqual({ a: "1" });
  });

  it("refuses to change another manager's field with the real conflict message, and takes it with force", () => {
    const { request, apply, get } = setup();
    request("POST", "/api/v1/namespaces/default/configmaps", cm("app", { a: "1", b: "2" }), { fieldManager: "kubectl-create" });
    const refused = apply("app", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  a: '9'\n  b: '8'\n");
    expect(refused.status).toBe(409);
    expect((refused.body as { message: string; reason: string }).message).toBe(
      'Apply failed with 2 conflicts: conflicts with "kubectl-create" using v1:\n- .data.a\n- .data.b',
    );
    const single = apply("app", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  a: '9'\n");
    expect((single.body as { message: string }).message).toBe('Apply failed with 1 conflict: conflict with "kubectl-create" using v1: .data.a');
    // The same value is no conflict: both managers then own the field.
    expect(apply("app", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  b: '2'\n").status).toBe(200);
    expect(apply("app", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  a: '9'\n", { force: "true" }).status).toBe(200);
    expect(get("app").data).toEqual({ a: "9", b: "2" });
    const create = get("app").metadata.managedFields!.find((m) => m.manager === "kubectl-create")!;
    expect(create.fieldsV1).toEqual({ "f:data": { ".": {}, "f:b": {} } });
  });

  it("merges containers by name and names keyed list items in conflicts", () => {
    const { request, get, cluster } = setup();
    const deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "default" },
      spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.27" }, { name: "sidecar", image: "busybox" }] } } },
    };
    request("POST", "/apis/apps/v1/namespaces/default/deployments", deployment, { fieldManager: "kubectl-create" });
    const yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.28\n";
    const conflict = request("PATCH", "/apis/apps/v1/namespaces/default/deployments/web", yaml, { fieldManager: "kubectl" }, "application/apply-patch+yaml");
    expect((conflict.body as { message: string }).message).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl-create" using apps/v1: .spec.template.spec.containers[name="nginx"].image',
    );
    request("PATCH", "/apis/apps/v1/namespaces/default/deployments/web", yaml, { fieldManager: "kubectl", force: "true" }, "application/apply-patch+yaml");
    const containers = (cluster.clientFor(SYSTEM_ADMIN).get("apps", "deployments", "default", "web")!.spec as { template: { spec: { containers: { name: string; image: string }[] } } }).template.spec.containers;
    expect(containers.map((c) => `${c.name}=${c.image}`)).toEqual(["nginx=nginx:1.28", "sidecar=busybox"]);
    void get;
  });

  it("requires a field manager", () => {
    const { request } = setup();
    const response = request("PATCH", "/api/v1/namespaces/default/configmaps/app", "apiVersion: v1\nkind: ConfigMap\n", {}, "application/apply-patch+yaml");
    expect(response.status).toBe(400);
    expect((response.body as { message: string }).message).toBe("fieldManager is required for apply requests");
  });
});
