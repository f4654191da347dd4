import type { ExtraSchemas, Schema } from "../openapi/documents";
import type { CustomResourceType } from "./definition";

/** The OpenAPI name the apiserver gives a custom kind: reversed group, version, kind (com.example.v1.Widget). */
export function customSchemaName(group: string, version: string, kind: string): string {
  return `${group.split(".").reverse().join(".")}.${version}.${kind}`;
}

const OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

/** The served custom resources' schemas for the OpenAPI documents (kubectl explain on a CRD). */
export function crdOpenApiSchemas(defs: CustomResourceType[]): ExtraSchemas {
  const schemas: Record<string, Schema> = {};
  const kindSchema: Record<string, string> = {};
  for (const def of defs) {
    const name = customSchemaName(def.group, def.version, def.kind);
    const base = (def.crdSchema ?? { type: "object" }) as Schema;
    const properties = { ...((base.properties as Schema | undefined) ?? {}) };
    properties.apiVersion ??= { description: "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources", type: "string" };
    properties.kind ??= { description: "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds", type: "string" };
    properties.metadata = { allOf: [{ $ref: `#/components/schemas/${OBJECT_META}` }], description: "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata" };
    schemas[name] = { ...base, type: "object", properties, "x-kubernetes-group-version-kind": [{ group: def.group, kind: def.kind, version: def.version }] };
    kindSchema[`${def.group}/${def.resource}`] = name;
  }
  return { schemas, kindSchema };
}
