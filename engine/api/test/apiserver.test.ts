import { describe, expect, it } from "vitest";
import { Environment } from "../../cluster/environment";
import { ApiError } from "../errors";
import { SYSTEM_ADMIN } from "../types";

function setup() {
  const env = Environment.create();
  const cluster = env.cluster();
  return { env, cluster, client: cluster.clientFor(SYSTEM_ADMIN) };
}

const configMap = (name: string, data: Record<string, string> = { a: "1" }) => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, namespace: "default", labels: { app: name } },
  data,
});

describe("API server", () => {
  it("bootstraps the system namespaces, Active and labelled", () => {
    const { client } = setup();
    const names = client.list("", "namespaces").map((n) => n.metadata.name);
    expect(names).toEqual(["default", "kube-node-lease", "kube-public", "kube-system"]);
    const ns = client.get("", "namespaces", undefined, "default")!;
    expect(ns.status).toEqual({ phase: "Active" });
    expect(ns.metadata.labels).toEqual({ "kubernetes.io/metadata.name": "default" });
  });

  it("creates, reads, conflicts and deletes with the real error texts", () => {
    const { client } = setup();
    const created = client.create(configMap("web"));
    expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata.creationTimestamp).toBe(client.server.clock.nowRfc3339());
    expect(() => client.create(configMap("web"))).toThrowError('configmaps "web" already exists');
    const stale = { ...created, metadata: { ...created.metadata, resourceVersion: "1" }, data: { a: "2" } };
    try {
      client.update(stale);
      expect.unreachable();
    } catch (e) {
      expect((e as ApiError).code).toBe(409);
      expect((e as ApiError).message).toBe(
        'Operation cannot be fulfilled on configmaps "web": the object has been modified; please apply your changes to the latest version and try again',
      );
    }
    client.delete("", "configmaps", "default", "web");
    expect(client.get("", "configmaps", "default", "web")).toBeUndefined();
  });

  it("refuses invalid names with the field path and message", () => {
    const { client } = setup();
    expect(() => client.create(configMap("Bad_Name"))).toThrowError(
      /ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/,
    );
  });

  it("refuses content in a namespace that does not exist", () => {
    const { client } = setup();
    expect(() => client.create({ ...configMap("x"), metadata: { name: "x", namespace: "nope" } })).toThrowError('namespaces "nope" not found');
  });

  it("filters lists by label selector and pages with limit/continue", () => {
    const { client } = setup();
    for (const n of ["a", "b", "c"]) client.create(configMap(n));
    expect(client.list("", "configmaps", "default", { labelSelector: "app in (a,c)" }).map((o) => o.metadata.name)).toEqual(["a", "c"]);
    const page = client.request("GET", "/api/v1/namespaces/default/configmaps", { query: { limit: "2" } }).body as {
      items: unknown[];
      metadata: { continue: string };
    };
    expect(page.items).toHaveLength(2);
    const rest = client.request("GET", "/api/v1/namespaces/default/configmaps", { query: { limit: "2", continue: page.metadata.continue } })
      .body as { items: { metadata: { name: string } }[] };
    // Every namespace also holds the kube-root-ca.crt ConfigMap the root-ca-cert-publisher keeps there.
    expect(rest.items.map((i) => i.metadata.name)).toEqual(["c", "kube-root-ca.crt"]);
  });

  it("applies merge, JSON and strategic patches", () => {
    const { client } = setup();
    client.create(configMap("p"));
    expect(client.patch("", "configmaps", "default", "p", { data: { b: "2" } }, "merge").data).toEqual({ a: "1", b: "2" });
    expect(client.patch("", "configmaps", "default", "p", [{ op: "remove", path: "/data/a" }], "json").data).toEqual({ b: "2" });
  });

  it("streams watch events for changes after a list", () => {
    const { client, cluster } = setup();
    const list = client.request("GET", "/api/v1/namespaces/default/configmaps").body as { metadata: { resourceVersion: string } };
    const response = cluster.apiserver.handle({
      method: "GET",
      path: "/api/v1/namespaces/default/configmaps",
      query: new URLSearchParams({ watch: "true", resourceVersion: list.metadata.resourceVersion }),
      user: SYSTEM_ADMIN,
    });
    const events: string[] = [];
    response.watch!.onData((e) => events.push(`${e.type} ${(e.object as { metadata: { name: string } }).metadata.name}`));
    client.create(configMap("w"));
    client.delete("", "configmaps", "default", "w");
    response.watch!.close();
    expect(events).toEqual(["ADDED w", "MODIFIED w", "DELETED w"].filter((e) => !e.startsWith("MODIFIED")));
  });

  it("deletes a namespace's contents before the namespace itself", () => {
    const { client } = setup();
    client.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } });
    client.create({ ...configMap("inside"), metadata: { name: "inside", namespace: "team" } });
    client.delete("", "namespaces", undefined, "team");
    expect(client.get("", "configmaps", "team", "inside")).toBeUndefined();
    expect(client.get("", "namespaces", undefined, "team")).toBeUndefined();
  });

  it("serves aggregated discovery with short names and categories", () => {
    const { cluster } = setup();
    const res = cluster.apiserver.handle({
      method: "GET",
      path: "/api",
      headers: { accept: "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json" },
      user: SYSTEM_ADMIN,
    });
    expect(res.headers?.["content-type"]).toContain("as=APIGroupDiscoveryList");
    const pods = (res.body as { items: { versions: { resources: { resource: string; shortNames?: string[]; categories?: string[] }[] }[] }[] })
      .items[0].versions[0].resources.find((r) => r.resource === "pods");
    expect(pods?.shortNames).toEqual(["po"]);
    expect(pods?.categories).toEqual(["all"]);
  });

  it("round-trips through a snapshot", () => {
    const { env, client } = setup();
    client.create(configMap("keep"));
    const restored = Environment.restore(JSON.parse(JSON.stringify(env.snapshot())));
    const again = restored.cluster().clientFor(SYSTEM_ADMIN);
    expect(again.get("", "configmaps", "default", "keep")?.data).toEqual({ a: "1" });
    expect(JSON.stringify(restored.snapshot())).toBe(JSON.stringify(env.snapshot()));
  });
});

describe("PUT checks the body's name against the URL (the update handler's checkName)", () => {
  const put = (client: ReturnType<typeof setup>["client"], name: string, body: unknown) => {
    const res = client.request("PUT", client.path("", "configmaps", "default", name), { body, contentType: "application/json" });
    return { status: res.status, message: (res.body as { message?: string }).message };
  };

  it("refuses a body without a name instead of taking the URL's (400), before looking the object up", () => {
    const { client } = setup();
    const web = client.create(configMap("web"));
    const { name: _name, ...unnamed } = web.metadata;
    expect(put(client, "web", { ...web, metadata: unnamed, data: { a: "2" } })).toEqual({
      status: 400,
      message: "the name of the object (web based on URL) was undeterminable: name must be provided",
    });
    expect(put(client, "missing", { ...configMap("x"), metadata: {} })).toEqual({
      status: 400,
      message: "the name of the object (missing based on URL) was undeterminable: name must be provided",
    });
    expect(client.get("", "configmaps", "default", "web")!.data).toEqual({ a: "1" });
  });

  it("refuses another name or namespace, and accepts a body that leaves the namespace out", () => {
    const { client } = setup();
    const web = client.create(configMap("web"));
    expect(put(client, "web", { ...web, metadata: { ...web.metadata, name: "db" } })).toEqual({
      status: 400,
      message: "the name of the object (db) does not match the name on the URL (web)",
    });
    expect(put(client, "web", { ...web, metadata: { ...web.metadata, namespace: "kube-system" } })).toEqual({
      status: 400,
      message: "the namespace of the object (kube-system) does not match the namespace on the request (default)",
    });
    const { namespace: _ns, ...withoutNamespace } = web.metadata;
    expect(put(client, "web", { ...web, metadata: withoutNamespace, data: { a: "3" } }).status).toBe(200);
    expect(client.get("", "configmaps", "default", "web")!.data).toEqual({ a: "3" });
  });
});
