import { describe, expect, it } from "vitest";
import { Environment } from "../../../cluster/environment";
import { SYSTEM_ADMIN } from "../../types";

type Doc = {
  paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; "x-kubernetes-group-version-kind"?: unknown }>>;
  components: { schemas: Record<string, Record<string, unknown>> };
};

function setup() {
  const cluster = Environment.create().cluster();
  const get = (path: string, accept = "application/json") => cluster.apiserver.handle({ method: "GET", path, headers: { accept }, user: SYSTEM_ADMIN });
  const json = (path: string) => JSON.parse(get(path).body as string) as unknown;
  return { cluster, get, json };
}

describe("OpenAPI v3", () => {
  it("indexes a document per served group/version, addressed with a content hash", () => {
    const { json } = setup();
    const index = json("/openapi/v3") as { paths: Record<string, { serverRelativeURL: string }> };
    expect(index.paths["api/v1"].serverRelativeURL).toMatch(/^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{128}$/);
    expect(Object.keys(index.paths)).toEqual(expect.arrayContaining(["apis/apps/v1", "apis/rbac.authorization.k8s.io/v1", "apis/batch/v1"]));
  });

  it("declares fieldValidation on every PATCH so kubectl validates on the server", () => {
    const { json } = setup();
    const doc = json("/openapi/v3/apis/apps/v1") as Doc;
    const patch = doc.paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"].patch;
    expect(patch["x-kubernetes-group-version-kind"]).toEqual({ group: "apps", kind: "Deployment", version: "v1" });
    expect(patch.parameters).toContainEqual(expect.objectContaining({ name: "fieldValidation", in: "query" }));
    expect(doc.paths["/apis/apps/v1/namespaces/{namespace}/deployments"].post).toBeDefined();
  });

  it("carries the kind schemas with descriptions, GVK extensions and the referenced types", () => {
    const { json } = setup();
    const schemas = (json("/openapi/v3/apis/apps/v1") as Doc).components.schemas;
    expect(schemas["io.k8s.api.apps.v1.Deployment"]["x-kubernetes-group-version-kind"]).toEqual([{ group: "apps", kind: "Deployment", version: "v1" }]);
    const spec = schemas["io.k8s.api.apps.v1.DeploymentSpec"] as { properties: Record<string, { description?: string; type?: string; allOf?: unknown }> };
    expect(spec.properties.replicas).toEqual({ type: "integer", format: "int32", description: expect.stringContaining("Number of desired pods.") });
    expect(spec.properties.template.allOf).toEqual([{ $ref: "#/components/schemas/io.k8s.api.core.v1.PodTemplateSpec" }]);
    expect(schemas["io.k8s.api.core.v1.Container"]).toBeDefined();
    expect(schemas["io.k8s.apimachinery.pkg.api.resource.Quantity"].oneOf).toEqual([{ type: "string" }, { type: "number" }]);
    expect(schemas["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]).toMatchObject({ format: "int-or-string", oneOf: [{ type: "integer" }, { type: "string" }] });
  });

  it("answers 404 for a group/version that is not served", () => {
    const { get } = setup();
    expect(get("/openapi/v3/apis/example.com/v1").status).toBe(404);
  });

  it("is for authenticated users (system:discovery), not anonymous ones", () => {
    const { cluster } = setup();
    const anonymous = cluster.apiserver.handle({ method: "GET", path: "/openapi/v3", anonymous: true });
    expect(anonymous.status).toBe(403);
    expect((anonymous.body as { message: string }).message).toBe('forbidden: User "system:anonymous" cannot get path "/openapi/v3"');
  });
});

describe("OpenAPI v2", () => {
  it("serves one Swagger document in JSON, and 406 to a protobuf-only client", () => {
    const { get } = setup();
    const doc = JSON.parse(get("/openapi/v2").body as string) as { swagger: string; definitions: Record<string, { properties?: Record<string, unknown> }> };
    expect(doc.swagger).toBe("2.0");
    expect(doc.definitions["io.k8s.api.core.v1.ServicePort"].properties?.targetPort).toMatchObject({ $ref: "#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString" });
    expect(get("/openapi/v2", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf").status).toBe(406);
  });
});
