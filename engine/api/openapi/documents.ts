import { createHash } from "node:crypto";
import { KUBERNETES_GIT_VERSION } from "../../version";
import type { ResourceRegistry } from "../registry";
import type { ResourceDefinition } from "../resource";
import { DEFINITIONS, definitionName, type PropertySchema } from "./definitions";

/**
 * The OpenAPI documents the apiserver publishes: /openapi/v3 (an index of per-group-version
 * documents) and /openapi/v2 (one Swagger document). kubectl reads them for `explain`, and to
 * learn that every endpoint accepts `fieldValidation` (so it validates on the server).
 * Custom resources contribute schemas through `extraSchemas`.
 */
export type Schema = Record<string, unknown>;

/** Schemas of custom resources by OpenAPI name, with the kinds they describe. */
export interface ExtraSchemas {
  schemas: Record<string, Schema>;
  /** OpenAPI name of each resource's kind schema, keyed "group/resource". */
  kindSchema: Record<string, string>;
}

type RefStyle = "v2" | "v3";
const refTo = (style: RefStyle, name: string) => (style === "v3" ? `#/components/schemas/${name}` : `#/definitions/${name}`);

function convertProperty(style: RefStyle, p: PropertySchema): Schema {
  const out: Schema = {};
  if (p.$ref) {
    // Like kube-openapi: a described reference is wrapped so the description can sit beside it.
    if (p.description && style === "v3") out.allOf = [{ $ref: refTo(style, p.$ref) }];
    else out.$ref = refTo(style, p.$ref);
  }
  if (p.type) out.type = p.type;
  if (p.format) out.format = p.format;
  if (p.items) out.items = convertProperty(style, p.items);
  if (p.additionalProperties) out.additionalProperties = convertProperty(style, p.additionalProperties);
  if (p.description) out.description = p.description;
  return out;
}

function refsOf(p: PropertySchema | undefined, into: string[]): void {
  if (!p) return;
  if (p.$ref) into.push(p.$ref);
  refsOf(p.items, into);
  refsOf(p.additionalProperties, into);
}

const V3_ONE_OF: Record<string, string[]> = {
  "io.k8s.apimachinery.pkg.api.resource.Quantity": ["string", "number"],
  "io.k8s.apimachinery.pkg.util.intstr.IntOrString": ["integer", "string"],
};

/** A built-in schema in the given style, plus the names it refers to. */
function builtinSchema(style: RefStyle, name: string): { schema: Schema; refs: string[] } | undefined {
  const def = DEFINITIONS[name];
  if (!def) return undefined;
  const refs: string[] = [];
  const schema: Schema = {};
  if (def.description) schema.description = def.description;
  if (def.properties) {
    const properties: Schema = {};
    for (const [field, p] of Object.entries(def.properties)) {
      properties[field] = convertProperty(style, p);
      refsOf(p, refs);
    }
    schema.properties = properties;
  }
  if (def.required) schema.required = def.required;
  if (def.format) schema.format = def.format;
  // In v3 the two scalar unions are published as oneOf (kubectl explain then names them <Quantity>, <IntOrString>).
  const oneOf = style === "v3" ? V3_ONE_OF[name] : undefined;
  if (oneOf) schema.oneOf = oneOf.map((type) => ({ type }));
  else schema.type = def.type;
  return { schema, refs };
}

function gvk(def: ResourceDefinition, version: string) {
  return { group: def.group, kind: def.kind, version };
}

function collectSchemas(style: RefStyle, defs: { def: ResourceDefinition; version: string }[], extra: ExtraSchemas): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  const queue: string[] = [];
  const kinds = new Map<string, { group: string; kind: string; version: string }[]>();
  for (const { def, version } of defs) {
    const custom = extra.kindSchema[`${def.group}/${def.resource}`];
    const name = custom ?? definitionName(def.group, version, def.kind);
    kinds.set(name, [...(kinds.get(name) ?? []), gvk(def, version)]);
    queue.push(name);
    if (!custom) {
      const list = definitionName(def.group, version, `${def.kind}List`);
      kinds.set(list, [...(kinds.get(list) ?? []), { ...gvk(def, version), kind: `${def.kind}List` }]);
      queue.push(list);
    }
  }
  // The meta types every document carries (Status, DeleteOptions, …) are referenced by the paths.
  queue.push("io.k8s.apimachinery.pkg.apis.meta.v1.Status", "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions", "io.k8s.apimachinery.pkg.apis.meta.v1.Patch");
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (out[name]) continue;
    if (extra.schemas[name]) {
      out[name] = extra.schemas[name];
    } else {
      const built = builtinSchema(style, name);
      if (!built) continue;
      out[name] = built.schema;
      queue.push(...built.refs);
    }
    const k = kinds.get(name);
    if (k) out[name] = { ...out[name], "x-kubernetes-group-version-kind": k };
  }
  return Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k]]));
}

const QUERY = (name: string, description: string, type = "string") => ({ name, in: "query", description, schema: { type, uniqueItems: true } });
const WRITE_PARAMS = [
  QUERY("dryRun", "When present, indicates that modifications should not be persisted. An invalid or unrecognized dryRun directive will result in an error response and no further processing of the request. Valid values are: - All: all dry run stages will be processed"),
  QUERY("fieldManager", "fieldManager is a name associated with the actor or entity that is making these changes. The value must be less than or 128 characters long, and only contain printable characters, as defined by https://golang.org/pkg/unicode/#IsPrint."),
  QUERY("fieldValidation", "fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore: This will ignore any unknown fields that are silently dropped from the object, and will ignore all but the last duplicate field that the decoder encounters. This is the default behavior prior to v1.23. - Warn: This will send a warning via the standard warning response header for each unknown field that is dropped from the object, and for each duplicate field that is encountered. The request will still succeed if there are no other errors, and will only persist the last of any duplicate fields. This is the default in v1.23+ - Strict: This will fail the request with a BadRequest error if any unknown fields would be dropped from the object, or if any duplicate fields are present. The error returned from the server will contain all unknown and duplicate fields encountered."),
];

function operation(style: RefStyle, action: string, def: ResourceDefinition, version: string, schemaName: string, extraParams: unknown[] = []): Schema {
  const ref = { $ref: refTo(style, schemaName) };
  const response = style === "v3" ? { description: "OK", content: { "application/json": { schema: ref } } } : { description: "OK", schema: ref };
  return {
    tags: [`${def.group ? def.group.replace(/\./g, "_") : "core"}_${version}`],
    operationId: `${action}${def.kind}`,
    parameters: style === "v3" ? extraParams : extraParams.map((p) => ({ ...(p as Schema), type: "string", schema: undefined })),
    responses: { "200": response, "401": { description: "Unauthorized" } },
    "x-kubernetes-action": action,
    "x-kubernetes-group-version-kind": gvk(def, version),
  };
}

function pathsFor(style: RefStyle, defs: { def: ResourceDefinition; version: string }[], extra: ExtraSchemas): Schema {
  const paths: Schema = {};
  for (const { def, version } of defs) {
    const base = def.group ? `/apis/${def.group}/${version}` : `/api/${version}`;
    const collection = def.namespaced ? `${base}/namespaces/{namespace}/${def.resource}` : `${base}/${def.resource}`;
    const schemaName = extra.kindSchema[`${def.group}/${def.resource}`] ?? definitionName(def.group, version, def.kind);
    const listName = extra.kindSchema[`${def.group}/${def.resource}`] ?? definitionName(def.group, version, `${def.kind}List`);
    const verbs = def.verbs ?? [];
    const coll: Schema = {};
    if (verbs.includes("list")) coll.get = operation(style, "list", def, version, listName);
    if (verbs.includes("create")) coll.post = operation(style, "post", def, version, schemaName, WRITE_PARAMS);
    if (Object.keys(coll).length > 0) paths[collection] = coll;
    const item: Schema = {};
    if (verbs.includes("get")) item.get = operation(style, "get", def, version, schemaName);
    if (verbs.includes("update")) item.put = operation(style, "put", def, version, schemaName, WRITE_PARAMS);
    if (verbs.includes("patch")) item.patch = operation(style, "patch", def, version, schemaName, [...WRITE_PARAMS, QUERY("force", "Force is going to \"force\" Apply requests. It means user will re-acquire conflicting fields owned by other people. Force flag must be unset for non-apply patch requests.", "boolean")]);
    if (verbs.includes("delete")) item.delete = operation(style, "delete", def, version, "io.k8s.apimachinery.pkg.apis.meta.v1.Status");
    if (Object.keys(item).length > 0) paths[`${collection}/{name}`] = item;
  }
  return paths;
}

function servedAt(registry: ResourceRegistry, group: string, version: string): { def: ResourceDefinition; version: string }[] {
  return registry
    .all()
    .filter((d) => d.group === group && (d.version === version || d.otherVersions?.some((v) => v.version === version)))
    .map((def) => ({ def, version }));
}

/** The /openapi/v3/<gv> document for one group/version, or undefined when it is not served. */
export function v3Document(registry: ResourceRegistry, group: string, version: string, extra: ExtraSchemas): Schema | undefined {
  const defs = servedAt(registry, group, version);
  if (defs.length === 0) return undefined;
  return {
    openapi: "3.0.0",
    info: { title: "Kubernetes", version: KUBERNETES_GIT_VERSION },
    paths: pathsFor("v3", defs, extra),
    components: {
      schemas: collectSchemas("v3", defs, extra),
      securitySchemes: { BearerToken: { type: "apiKey", description: "Bearer Token authentication", name: "authorization", in: "header" } },
    },
  };
}

/** The relative paths of every group/version document (api/v1, apis/apps/v1, …). */
export function v3Paths(registry: ResourceRegistry): string[] {
  const out: string[] = [];
  for (const g of registry.groups()) for (const v of g.versions) out.push(g.name === "" ? `api/${v}` : `apis/${g.name}/${v}`);
  return out;
}

export function hashOf(document: unknown): string {
  return createHash("sha512").update(JSON.stringify(document)).digest("hex").toUpperCase();
}

/** The single Swagger 2.0 document of /openapi/v2. */
export function v2Document(registry: ResourceRegistry, extra: ExtraSchemas): Schema {
  const defs = registry.all().flatMap((def) => [def.version, ...(def.otherVersions ?? []).map((v) => v.version)].map((version) => ({ def, version })));
  return {
    swagger: "2.0",
    info: { title: "Kubernetes", version: KUBERNETES_GIT_VERSION },
    paths: pathsFor("v2", defs, extra),
    definitions: collectSchemas("v2", defs, extra),
    securityDefinitions: { BearerToken: { description: "Bearer Token authentication", type: "apiKey", name: "authorization", in: "header" } },
    security: [{ BearerToken: [] }],
  };
}

export function groupVersionOf(path: string): { group: string; version: string } | undefined {
  const core = /^api\/([^/]+)$/.exec(path);
  if (core) return { group: "", version: core[1] };
  const named = /^apis\/([^/]+)\/([^/]+)$/.exec(path);
  if (named) return { group: named[1], version: named[2] };
  return undefined;
}

