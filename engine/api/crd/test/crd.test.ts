import { describe, expect, it } from "vitest";
import { Environment } from "../../../cluster/environment";
import { SYSTEM_ADMIN, type KubeObject } from "../../types";
import { errorOf } from "../../test/support";

/** The CronTab example of the Kubernetes CRD documentation, with a status and a scale subresource. */
const cronTabCrd = (): KubeObject => ({
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "crontabs.stable.example.com" },
  spec: {
    group: "stable.example.com",
    scope: "Namespaced",
    names: { plural: "crontabs", singular: "crontab", kind: "CronTab", shortNames: ["ct"], categories: ["all"] },
    versions: [
      {
        name: "v1",
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: "object",
            properties: {
              spec: {
                type: "object",
                required: ["cronSpec"],
                properties: {
                  cronSpec: { type: "string", pattern: "^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$" },
                  image: { type: "string", default: "busybox" },
                  replicas: { type: "integer", minimum: 1, maximum: 10 },
                  mode: { type: "string", enum: ["Fast", "Slow"] },
                  port: { "x-kubernetes-int-or-string": true },
                  extra: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
                },
              },
              status: { type: "object", properties: { replicas: { type: "integer" } } },
            },
          },
        },
        subresources: { status: {}, scale: { specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas" } },
        additionalPrinterColumns: [
          { name: "Spec", type: "string", jsonPath: ".spec.cronSpec" },
          { name: "Replicas", type: "integer", jsonPath: ".spec.replicas" },
          { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
        ],
      },
    ],
  },
});

const cronTab = (name: string, spec: Record<string, unknown>): KubeObject => ({ apiVersion: "stable.example.com/v1", kind: "CronTab", metadata: { name, namespace: "default" }, spec });

function setup() {
  const env = Environment.create();
  const cluster = env.cluster();
  const client = cluster.clientFor(SYSTEM_ADMIN);
  client.create(cronTabCrd());
  return { env, cluster, client };
}

describe("CustomResourceDefinitions", () => {
  it("serves the resource at once and reports NamesAccepted and Established", () => {
    const { client, cluster } = setup();
    const crd = client.get("apiextensions.k8s.io", "customresourcedefinitions", undefined, "crontabs.stable.example.com")!;
    const conditions = (crd.status as { conditions: { type: string; status: string; reason: string }[] }).conditions;
    expect(conditions.map((c) => [c.type, c.status, c.reason])).toEqual([
      ["NamesAccepted", "True", "NoConflicts"],
      ["Established", "True", "InitialNamesAccepted"],
    ]);
    expect(crd.metadata.finalizers).toEqual(["customresourcecleanup.apiextensions.k8s.io"]);
    expect((crd.status as { storedVersions: string[] }).storedVersions).toEqual(["v1"]);
    const discovery = cluster.apiserver.handle({ method: "GET", path: "/apis/stable.example.com/v1", user: SYSTEM_ADMIN }).body as { resources: { name: string; shortNames?: string[] }[] };
    expect(discovery.resources.map((r) => r.name)).toEqual(["crontabs", "crontabs/scale", "crontabs/status"]);
    expect(discovery.resources[0].shortNames).toEqual(["ct"]);
  });

  it("defaults, prunes unknown fields and keeps preserved ones", () => {
    const { client } = setup();
    const created = client.create(cronTab("nightly", { cronSpec: "* * * * */5", replicas: 3, unknown: true, extra: { anything: [1, 2] } }));
    expect(created.spec).toEqual({ cronSpec: "* * * * */5", replicas: 3, image: "busybox", extra: { anything: [1, 2] } });
  });

  it("refuses invalid custom resources with the schema validators' messages", () => {
    const { client } = setup();
    const e = errorOf(() => client.create(cronTab("bad", { cronSpec: "* * * *", replicas: 15, mode: "Quick", port: 1.5 })));
    expect(e.code).toBe(422);
    expect(e.message).toBe(
      'CronTab.stable.example.com "bad" is invalid: [spec.cronSpec: Invalid value: "* * * *": spec.cronSpec in body should match \'^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$\', ' +
        'spec.mode: Unsupported value: "Quick": supported values: "Fast", "Slow", ' +
        'spec.port: Invalid value: 1.5: spec.port in body must be of type integer,string: "number", ' +
        "spec.replicas: Invalid value: 15: spec.replicas in body should be less than or equal to 10]",
    );
    expect(errorOf(() => client.create(cronTab("typed", { cronSpec: "* * * * *", replicas: "two" }))).message).toBe(
      'CronTab.stable.example.com "typed" is invalid: spec.replicas: Invalid value: "two": spec.replicas in body must be of type integer: "string"',
    );
    expect(errorOf(() => client.create(cronTab("missing", {}))).message).toBe('CronTab.stable.example.com "missing" is invalid: spec.cronSpec: Required value');
  });

  it("reports unknown fields under strict field validation", () => {
    const { cluster } = setup();
    const response = cluster.apiserver.handle({
      method: "POST",
      path: "/apis/stable.example.com/v1/namespaces/default/crontabs",
      query: new URLSearchParams({ fieldValidation: "Strict" }),
      headers: { "content-type": "application/json" },
      body: JSON.stringify(cronTab("strict", { cronSpec: "* * * * *", replica: 1 })),
      user: SYSTEM_ADMIN,
    });
    expect(response.status).toBe(400);
    expect((response.body as { message: string }).message).toBe('CronTab in version "v1" cannot be handled as a CronTab: strict decoding error: unknown field "spec.replica"');
  });

  it("accepts a CRD using the x-kubernetes-* schema extensions under strict field validation", () => {
    const { cluster } = setup();
    const crd = {
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      metadata: { name: "backups.db.example.com" },
      spec: {
        group: "db.example.com",
        scope: "Namespaced",
        names: { plural: "backups", singular: "backup", kind: "Backup" },
        versions: [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true } } }],
      },
    };
    const response = cluster.apiserver.handle({
      method: "POST",
      path: "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
      query: new URLSearchParams({ fieldValidation: "Strict" }),
      headers: { "content-type": "application/json" },
      body: JSON.stringify(crd),
      user: SYSTEM_ADMIN,
    });
    expect(response.status).toBe(201);
  });

  it("prints the additional printer columns", () => {
    const { cluster, client } = setup();
    client.create(cronTab("nightly", { cronSpec: "* * * * */5", replicas: 3 }));
    const table = cluster.apiserver.handle({
      method: "GET",
      path: "/apis/stable.example.com/v1/namespaces/default/crontabs",
      headers: { accept: "application/json;as=Table;v=v1;g=meta.k8s.io" },
      user: SYSTEM_ADMIN,
    }).body as { columnDefinitions: { name: string; type: string }[]; rows: { cells: unknown[] }[] };
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(["Name", "Spec", "Replicas", "Age"]);
    expect(table.rows[0].cells).toEqual(["nightly", "* * * * */5", 3, "0s"]);
  });

  it("scales through the scale subresource and keeps status for the status subresource", () => {
    const { client } = setup();
    client.create(cronTab("nightly", { cronSpec: "* * * * */5", replicas: 3 }));
    client.patch("stable.example.com", "crontabs", "default", "nightly", { spec: { replicas: 5 } }, "merge", "scale");
    expect((client.get("stable.example.com", "crontabs", "default", "nightly")!.spec as { replicas: number }).replicas).toBe(5);
    const withStatus = client.patch("stable.example.com", "crontabs", "default", "nightly", { status: { replicas: 5 }, spec: { replicas: 1 } }, "merge", "status");
    expect(withStatus.status).toEqual({ replicas: 5 });
    expect((withStatus.spec as { replicas: number }).replicas).toBe(5);
  });

  it("deletes the custom resources with the CRD and stops serving them", () => {
    const { client, cluster } = setup();
    client.create(cronTab("nightly", { cronSpec: "* * * * */5" }));
    client.delete("apiextensions.k8s.io", "customresourcedefinitions", undefined, "crontabs.stable.example.com");
    expect(client.get("apiextensions.k8s.io", "customresourcedefinitions", undefined, "crontabs.stable.example.com")).toBeUndefined();
    expect(cluster.store.list("stable.example.com/crontabs")).toEqual([]);
    expect(cluster.apiserver.handle({ method: "GET", path: "/apis/stable.example.com/v1/namespaces/default/crontabs", user: SYSTEM_ADMIN }).status).toBe(404);
  });

  it("keeps serving after a snapshot round trip", () => {
    const { env, client } = setup();
    client.create(cronTab("nightly", { cronSpec: "* * * * */5" }));
    const restored = Environment.restore(JSON.parse(JSON.stringify(env.snapshot())));
    const again = restored.cluster().clientFor(SYSTEM_ADMIN);
    expect(again.get("stable.example.com", "crontabs", "default", "nightly")?.metadata.name).toBe("nightly");
  });

  it("refuses a CRD whose name is not plural.group", () => {
    const { client } = setup();
    const crd = cronTabCrd();
    crd.metadata.name = "crontab.stable.example.com";
    expect(errorOf(() => client.create(crd)).message).toBe(
      'CustomResourceDefinition.apiextensions.k8s.io "crontab.stable.example.com" is invalid: metadata.name: Invalid value: "crontab.stable.example.com": must be spec.names.plural+"."+spec.group',
    );
  });

  it("does not serve a CRD whose names another CRD of the group holds, and serves it once they are freed", () => {
    const { client, cluster } = setup();
    const rival = cronTabCrd();
    rival.metadata.name = "crontabs2.stable.example.com";
    (rival.spec as { names: Record<string, unknown> }).names = { plural: "crontabs2", kind: "CronTab", shortNames: ["ct", "ct2"] };
    client.create(rival);
    type Status = { acceptedNames: Record<string, unknown>; conditions: { type: string; status: string; reason: string; message: string }[] };
    const status = () => client.get("apiextensions.k8s.io", "customresourcedefinitions", undefined, "crontabs2.stable.example.com")!.status as Status;
    // The checks run plural, singular, short names, kind, list kind: the last conflict names the reason.
    expect(status().conditions.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ["NamesAccepted", "False", "ListKindConflict", '"CronTabList" is already in use'],
      ["Established", "False", "NotAccepted", "not all names are accepted"],
    ]);
    // Only the plural is its own: the singular (crontab), "ct", the kind and the list kind are taken.
    expect(status().acceptedNames).toEqual({ plural: "crontabs2" });
    const discovery = () => cluster.apiserver.handle({ method: "GET", path: "/apis/stable.example.com/v1", user: SYSTEM_ADMIN }).body as { resources: { name: string }[] };
    expect(discovery().resources.map((r) => r.name)).not.toContain("crontabs2");
    expect(cluster.apiserver.handle({ method: "GET", path: "/apis/stable.example.com/v1/namespaces/default/crontabs2", user: SYSTEM_ADMIN }).status).toBe(404);

    client.delete("apiextensions.k8s.io", "customresourcedefinitions", undefined, "crontabs.stable.example.com");
    expect(status().conditions.map((c) => [c.type, c.status, c.reason])).toEqual([
      ["NamesAccepted", "True", "NoConflicts"],
      ["Established", "True", "InitialNamesAccepted"],
    ]);
    expect(status().acceptedNames).toMatchObject({ kind: "CronTab", listKind: "CronTabList", plural: "crontabs2", shortNames: ["ct", "ct2"] });
    expect(discovery().resources.map((r) => r.name)).toContain("crontabs2");
  });

  it("reports short names held by another CRD together", () => {
    const { client } = setup();
    const rival = cronTabCrd();
    rival.metadata.name = "jobs.stable.example.com";
    (rival.spec as { names: Record<string, unknown> }).names = { plural: "jobs", kind: "Job", shortNames: ["ct", "crontab"] };
    client.create(rival);
    const crd = client.get("apiextensions.k8s.io", "customresourcedefinitions", undefined, "jobs.stable.example.com")!;
    const accepted = (crd.status as { conditions: { type: string; reason: string; message: string }[] }).conditions[0];
    expect([accepted.reason, accepted.message]).toEqual(["ShortNamesConflict", '["ct" is already in use, "crontab" is already in use]']);
  });
});
