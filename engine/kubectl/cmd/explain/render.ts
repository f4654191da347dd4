/* eslint-disable @typescript-eslint/no-explicit-any */
import { indent, wrapString } from "./wordwrap";

/**
 * kubectl explain's plaintext template (pkg/explain/v2/templates/plaintext.tmpl) over an OpenAPI
 * v3 group-version document: the GVK found through the resource's paths, then the field path
 * followed through properties, arrays, maps and allOf wrappers, the description of every
 * schema on the way, and the field list (one level with descriptions, or --recursive names).
 * Like the template, output written before an error stays written.
 */
type Schema = Record<string, any>;

export class ExplainError extends Error {}

export interface Gvr {
  group: string;
  version: string;
  resource: string;
}

function resolveRef(ref: unknown, document: Schema): Schema | undefined {
  if (typeof ref !== "string" || !ref.startsWith("#")) return undefined;
  let cur: any = document;
  for (const part of ref.slice(1).split("/")) {
    if (part === "") continue;
    cur = cur?.[part];
    if (cur === null || typeof cur !== "object" || Array.isArray(cur)) return undefined;
  }
  return cur as Schema;
}

const isMapSchema = (v: unknown): v is Schema => v !== null && typeof v === "object" && !Array.isArray(v);

/** Go templates call a value empty when it is missing, false, 0, "" or an empty collection. */
function truthy(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object") return Object.keys(v as object).length > 0;
  return true;
}

function typeGuess(schema: Schema, document: Schema): string {
  if (truthy(schema.items)) return `[]${typeGuess(schema.items, document)}`;
  if (truthy(schema.additionalProperties) && isMapSchema(schema.additionalProperties)) return `map[string]${typeGuess(schema.additionalProperties, document)}`;
  if (truthy(schema.allOf) && !truthy(schema.properties) && schema.allOf.length === 1) return typeGuess(schema.allOf[0], document);
  if (truthy(schema.$ref)) {
    const ref = String(schema.$ref);
    const target = resolveRef(ref, document);
    if (!target || !truthy(target.type) || target.type === "object") return ref.split("/").at(-1)!.split(".").at(-1) || "Object";
    return String(target.type);
  }
  if (schema.type === "object") return "Object";
  return truthy(schema.type) ? String(schema.type) : "Object";
}

function enumText(value: unknown): string {
  if (value === "") return '""';
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

function extractEnum(schema: Schema, long: boolean, limit: number, indentAmount = 0): string {
  if (!truthy(schema.enum)) return "";
  let out = long ? "ENUM:" : `\n${" ".repeat(indentAmount)}enum: `;
  for (const [index, element] of (schema.enum as unknown[]).entries()) {
    if (limit > -1 && index >= limit) {
      out += ", ....";
      break;
    }
    if (index > 0 && !long) out += ", ";
    else if (long) out += "\n    ";
    out += enumText(element);
  }
  return out;
}

function description(schema: Schema, document: Schema): string {
  const s = resolveRef(schema.$ref, document) ?? schema;
  let out = truthy(s.description) ? `${s.description}\n` : "";
  for (const sub of s.allOf ?? []) out += description(sub, document);
  if (truthy(s.items)) out += description(s.items, document);
  if (truthy(s.additionalProperties) && isMapSchema(s.additionalProperties)) out += description(s.additionalProperties, document);
  return out;
}

function externalDocs(schema: Schema): string {
  const docs = schema.externalDocs;
  if (!truthy(docs)) return "";
  let out = "EXTERNAL DOCS:\n";
  if (truthy(docs.description)) out += `${indent(4, wrapString(docs.description, 76))}\n`;
  if (truthy(docs.url)) out += `${indent(4, `URL: ${docs.url}`)}\n`;
  return out;
}

function fieldDetail(name: string, parent: Schema, short: boolean, level: number, document: Schema): string {
  const indentAmount = level * 2;
  const field = parent.properties[name] as Schema;
  let out = `${indent(indentAmount, name)}\t<${typeGuess(field, document)}>`;
  if ((parent.required ?? []).includes(name)) out += " -required-";
  out += extractEnum(field, false, 4, indentAmount);
  out += "\n";
  if (!short) {
    out += `${indent(indentAmount + 2, wrapString(truthy(field.description) ? field.description : "<no description>", 78 - indentAmount))}\n`;
    const docs = field.externalDocs;
    if (truthy(docs)) {
      out += `\n${indent(indentAmount + 2, "EXTERNAL DOCS:")}\n`;
      if (truthy(docs.description)) out += `${indent(indentAmount + 4, wrapString(docs.description, 76 - indentAmount))}\n`;
      if (truthy(docs.url)) out += `${indent(indentAmount + 4, `URL: ${docs.url}`)}\n`;
    }
    out += "\n";
  }
  return out;
}

interface Walk {
  document: Schema;
  recursive: boolean;
  /** Output budget: a pathological schema cannot produce unbounded text. */
  budget: { left: number };
}

const MAX_OUTPUT = 4_000_000;

function fieldList(schema: Schema, level: number, history: Set<string>, w: Walk): string {
  const ref = truthy(schema.$ref) ? String(schema.$ref) : "";
  if (ref && history.has(ref)) return "";
  const next = new Set(history).add(ref);
  const resolved = resolveRef(ref, w.document) ?? schema;
  let out = "";
  for (const key of Object.keys(resolved.properties ?? {}).sort()) {
    out += fieldDetail(key, resolved, w.recursive, level, w.document);
    if (w.recursive) out += fieldList(resolved.properties[key], level + 1, next, w);
    w.budget.left -= out.length;
    if (w.budget.left < 0) throw new ExplainError("error: the explanation is too long to print");
  }
  for (const sub of resolved.allOf ?? []) out += fieldList(sub, level, next, w);
  if (truthy(resolved.items)) out += fieldList(resolved.items, level, next, w);
  if (truthy(resolved.additionalProperties) && isMapSchema(resolved.additionalProperties)) out += fieldList(resolved.additionalProperties, level, next, w);
  return out;
}

function output(schema: Schema, path: string[], history: Set<string>, w: Walk): string {
  const ref = truthy(schema.$ref) ? String(schema.$ref) : "";
  const next = new Set(history).add(ref);
  const resolved = resolveRef(ref, w.document) ?? schema;
  if (path.length === 0) {
    let out = `DESCRIPTION:\n${indent(4, wrapString(description(resolved, w.document) || "<empty>", 76))}\n`;
    const docs = externalDocs(resolved);
    if (docs) out += `\n${docs}`;
    const fields = fieldList(resolved, 1, new Set(), w);
    if (fields) out += `FIELDS:\n${fields}`;
    return out;
  }
  if (ref && history.has(ref)) return "";
  if (truthy(resolved.properties) && truthy(resolved.properties[path[0]])) {
    const sub = resolved.properties[path[0]] as Schema;
    let out = "";
    if (path.length === 1) out += `FIELD: ${path[0]} <${typeGuess(sub, w.document)}>\n${extractEnum(sub, true, -1)}\n\n`;
    return out + output(sub, path.slice(1), new Set(), w);
  }
  if (truthy(resolved.items)) return output(resolved.items, path, next, w);
  if (truthy(resolved.additionalProperties) && isMapSchema(resolved.additionalProperties)) return output(resolved.additionalProperties, path, next, w);
  for (const sub of resolved.allOf ?? []) {
    const out = output(sub, path, next, w);
    if (out) return out;
  }
  return "";
}

function sameGvk(a: any, b: any): boolean {
  return a?.group === b?.group && a?.kind === b?.kind && a?.version === b?.version;
}

/** Renders `kubectl explain` for a resource and field path; `write` receives the text as the template emits it. */
export function renderExplain(document: Schema, gvr: Gvr, fieldPath: string[], recursive: boolean, write: (s: string) => void): void {
  const prefix = gvr.group ? `/apis/${gvr.group}` : "/api";
  const searchPaths = [
    [prefix, gvr.version, gvr.resource],
    [prefix, gvr.version, gvr.resource, "{name}"],
    [prefix, gvr.version, "namespaces", "{namespace}", gvr.resource],
    [prefix, gvr.version, "namespaces", "{namespace}", gvr.resource, "{name}"],
  ].map((p) => p.join("/"));
  let gvk: any;
  for (const path of searchPaths) {
    const element = document.paths?.[path];
    if (!truthy(element)) continue;
    for (const method of ["get", "post", "put", "patch", "delete"]) {
      const found = element[method]?.["x-kubernetes-group-version-kind"];
      if (truthy(found)) {
        gvk = found;
        break;
      }
    }
  }
  if (!truthy(gvk)) throw new ExplainError(`error: GVR (${gvr.group}/${gvr.version}, Resource=${gvr.resource}) not found in OpenAPI schema`);
  if (truthy(gvk.group)) write(`GROUP:      ${gvk.group}\n`);
  write(`KIND:       ${gvk.kind}\nVERSION:    ${gvk.version}\n\n`);
  const w: Walk = { document, recursive, budget: { left: MAX_OUTPUT } };
  const schemas = document.components?.schemas ?? {};
  let text = "";
  for (const name of Object.keys(schemas).sort()) {
    const schema = schemas[name];
    const kinds = schema?.["x-kubernetes-group-version-kind"];
    if (!Array.isArray(kinds) || !kinds.some((k) => sameGvk(k, gvk))) continue;
    text = output(schema, fieldPath, new Set(), w);
    if (!text) throw new ExplainError(`error: field "${fieldPath.at(-1)}" does not exist`);
    break;
  }
  if (!text) throw new ExplainError(`error: GVK map[group:${gvk.group ?? ""} kind:${gvk.kind ?? ""} version:${gvk.version ?? ""}] not found in OpenAPI schema`);
  write(text);
  write("\n");
}
