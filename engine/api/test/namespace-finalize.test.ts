import { describe, expect, it } from "vitest";
import { Environment } from "../../cluster/environment";
import { SYSTEM_ADMIN, type KubeObject } from "../types";

// PUT /api/v1/namespaces/{name}/finalize, the way learners clear a namespace stuck in Terminating.
function stuckNamespace() {
  const env = Environment.create();
  const client = env.cluster().clientFor(SYSTEM_ADMIN);
  client.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "stuck" }, spec: { finalizers: ["example.com/cleanup"] } } as KubeObject);
  client.delete("", "namespaces", undefined, "stuck");
  const ns = client.get("", "namespaces", undefined, "stuck")!;
  const finalize = (name: string, body: unknown) =>
    client.request("PUT", client.path("", "namespaces", undefined, name, "finalize"), { body, contentType: "application/json" });
  return { client, ns, finalize };
}

describe("namespace finalize", () => {
  it("refuses a body that names another namespace, as the update handler does (400)", () => {
    const { client, ns, finalize } = stuckNamespace();
    const res = finalize("stuck", { ...ns, metadata: { ...ns.metadata, name: "other" }, spec: { finalizers: [] } });
    expect(res.status).toBe(400);
    expect((res.body as { message: string }).message).toBe("the name of the object (other) does not match the name on the URL (stuck)");
    expect(client.get("", "namespaces", undefined, "stuck")).toBeDefined();
  });

  it("refuses a stale resourceVersion (409) and an invalid finalizer name (422)", () => {
    const { ns, finalize } = stuckNamespace();
    const stale = finalize("stuck", { ...ns, metadata: { ...ns.metadata, resourceVersion: "1" }, spec: { finalizers: [] } });
    expect(stale.status).toBe(409);
    expect((stale.body as { message: string }).message).toBe(
      'Operation cannot be fulfilled on namespaces "stuck": the object has been modified; please apply your changes to the latest version and try again',
    );
    const bad = finalize("stuck", { ...ns, spec: { finalizers: ["cleanup"] } });
    expect(bad.status).toBe(422);
    expect((bad.body as { message: string }).message).toBe(
      'Namespace "stuck" is invalid: spec.finalizers[0]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified',
    );
  });

  it("removes the namespace once the finalizers are cleared", () => {
    const { client, ns, finalize } = stuckNamespace();
    // The namespace controller removes only its own "kubernetes" finalizer: this one keeps it Terminating.
    expect(ns.spec).toEqual({ finalizers: ["example.com/cleanup"] });
    expect((ns.status as { phase: string }).phase).toBe("Terminating");
    expect(finalize("stuck", { ...ns, spec: { finalizers: [] } }).status).toBe(200);
    expect(client.get("", "namespaces", undefined, "stuck")).toBeUndefined();
  });
});

describe("namespace finalize keeps the body's metadata", () => {
  it("writes labels, annotations and metadata.finalizers from the body; status and the system fields stay", () => {
    const { client, ns, finalize } = stuckNamespace();
    const body = {
      ...ns,
      metadata: { ...ns.metadata, uid: "changed", labels: { team: "a" }, annotations: { note: "cleared by hand" }, finalizers: ["example.com/keep"] },
      spec: { finalizers: [] },
      status: { phase: "Active" },
    };
    const res = finalize("stuck", body);
    expect(res.status).toBe(200);
    const after = client.get("", "namespaces", undefined, "stuck")!;
    // metadata.finalizers still hold it, so it stays, Terminating, with the body's metadata.
    expect(after.metadata.labels).toEqual({ team: "a", "kubernetes.io/metadata.name": "stuck" });
    expect(after.metadata.annotations).toEqual({ note: "cleared by hand" });
    expect(after.metadata.finalizers).toEqual(["example.com/keep"]);
    expect(after.metadata.uid).toBe(ns.metadata.uid);
    expect(after.spec).toEqual({ finalizers: [] });
    expect((after.status as { phase: string }).phase).toBe("Terminating");
  });

  it("refuses an invalid label in the body (422) and changes nothing", () => {
    const { client, ns, finalize } = stuckNamespace();
    const res = finalize("stuck", { ...ns, metadata: { ...ns.metadata, labels: { "bad key!": "x" } }, spec: { finalizers: [] } });
    expect(res.status).toBe(422);
    expect(client.get("", "namespaces", undefined, "stuck")!.spec).toEqual({ finalizers: ["example.com/cleanup"] });
  });
});
