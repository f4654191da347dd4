import { describe, expect, it } from "vitest";
import { adminSetup } from "./support";

/**
 * The in-process client hands the server the route it resolved instead of a path to parse: every
 * call must reach the same resource, with the same errors and audit entries, as the path would.
 */
describe("ApiClient's resolved routes", () => {
  it("reaches the same objects as the REST paths", () => {
    const { client } = adminSetup();
    client.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "web.v1", namespace: "kube-public" }, data: { a: "1" } });
    const byRoute = client.get("", "configmaps", "kube-public", "web.v1");
    const byPath = client.request("GET", "/api/v1/namespaces/kube-public/configmaps/web.v1").body;
    expect(byRoute).toEqual(byPath);
    expect(byRoute?.data).toEqual({ a: "1" });
    // A namespace given for a cluster-scoped resource is left out, as in the path.
    expect(client.get("", "namespaces", "default", "kube-public")?.metadata.name).toBe("kube-public");
    expect(client.list("", "configmaps", "kube-public").map((c) => c.metadata.name)).toContain("web.v1");
    expect(client.get("", "configmaps", "default", "web.v1")).toBeUndefined();
  });

  it("addresses a namespace's own status subresource, not a resource inside it", () => {
    const { client } = adminSetup();
    client.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } });
    const patched = client.patchStatus("", "namespaces", undefined, "team", { conditions: [{ type: "Custom", status: "True" }] });
    expect(patched.metadata.name).toBe("team");
    expect((patched.status as { conditions: { type: string }[] }).conditions.map((c) => c.type)).toContain("Custom");
  });

  it("records the learner's writes in the audit log as a path request would", () => {
    const { env, client } = adminSetup();
    const audit = env.cluster().apiserver.audit;
    const before = audit.length;
    client.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "one", namespace: "default" } });
    client.request("POST", "/api/v1/namespaces/default/configmaps", { body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "two" } }, contentType: "application/json" });
    client.delete("", "configmaps", "default", "one");
    const entries = audit.slice(before).map(({ verb, resource, namespace, name, code }) => ({ verb, resource, namespace, name, code }));
    expect(entries).toEqual([
      { verb: "create", resource: "configmaps", namespace: "default", name: "one", code: 201 },
      { verb: "create", resource: "configmaps", namespace: "default", name: "two", code: 201 },
      { verb: "delete", resource: "configmaps", namespace: "default", name: "one", code: 200 },
    ]);
  });

  it("keeps a query per call: a list's selector does not leak into the next call", () => {
    const { client } = adminSetup();
    client.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", namespace: "default", labels: { app: "a" } } });
    client.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "b", namespace: "default", labels: { app: "b" } } });
    const names = (query?: Record<string, string>) => client.list("", "configmaps", "default", query).map((c) => c.metadata.name).filter((n) => n === "a" || n === "b");
    expect(names({ labelSelector: "app=a" })).toEqual(["a"]);
    expect(names()).toEqual(["a", "b"]);
  });

  it("gives each caller its own copy of a list: changing it does not change the store", () => {
    const { env, client } = adminSetup();
    const store = env.cluster().store;
    const count = store.count("/namespaces");
    const listed = store.list("/namespaces");
    listed.pop();
    expect(store.list("/namespaces")).toHaveLength(count);
    expect(client.list("", "namespaces")).toHaveLength(count);
  });
});
