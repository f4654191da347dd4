import { badRequest } from "../errors";
import type { ResourceDefinition } from "../resource";
import { isPlainObject } from "../../util/json";
import { DEFINITIONS, definitionName, type PropertySchema } from "./definitions";
import { customUnknownFields } from "../crd/definition";

/**
 * Server-side field validation (`?fieldValidation=Strict|Warn|Ignore`): fields the kind's schema
 * does not know are an error under Strict (what kubectl sends), a `Warning:` under Warn (the
 * server's default), and silently dropped under Ignore. Paths are written as the strict JSON
 * decoder writes them: `spec.template.spec.containers[0].imagee`.
 */
export type FieldValidation = "Strict" | "Warn" | "Ignore";

export function fieldValidationOf(query: URLSearchParams): FieldValidation {
  const value = query.get("fieldValidation");
  if (value === null || value === "") return "Warn";
  if (value === "Strict" || value === "Warn" || value === "Ignore") return value;
  throw badRequest(`fieldValidation must be one of "Ignore", "Warn", or "Strict", got "${value}"`);
}

function walkProperty(schema: PropertySchema, value: unknown, path: string, out: string[], skipDirectives: boolean): void {
  if (value === null || value === undefined) return;
  if (schema.$ref) return walkDefinition(schema.$ref, value, path, out, skipDirectives);
  if (schema.items && Array.isArray(value)) {
    value.forEach((item, i) => walkProperty(schema.items!, item, `${path}[${i}]`, out, skipDirectives));
    return;
  }
  if (schema.additionalProperties && isPlainObject(value)) {
    for (const [key, v] of Object.entries(value)) walkProperty(schema.additionalProperties, v, `${path}.${key}`, out, skipDirectives);
  }
}

function walkDefinition(name: string, value: unknown, path: string, out: string[], skipDirectives: boolean): void {
  const def = DEFINITIONS[name];
  // Free-form types (RawExtension, JSON) and scalars accept anything here.
  if (!def?.properties || !isPlainObject(value)) {
    if (def?.properties && Array.isArray(value)) return;
    return;
  }
  for (const [key, v] of Object.entries(value)) {
    if (skipDirectives && key.startsWith("$")) continue;
    const property = def.properties[key];
    const childPath = path ? `${path}.${key}` : key;
    if (!property) {
      out.push(childPath);
      continue;
    }
    walkProperty(property, v, childPath, out, skipDirectives);
  }
}

/** Paths of the fields in `body` that the kind's schema does not define (none for kinds without one). */
export function unknownFields(def: ResourceDefinition, version: string, body: unknown, options: { patch?: boolean } = {}): string[] {
  if (def.custom) return customUnknownFields(def, body);
  const name = definitionName(def.group, version, def.kind);
  if (!DEFINITIONS[name]) return [];
  const out: string[] = [];
  walkDefinition(name, body, "", out, options.patch ?? false);
  return out;
}

/**
 * Applies the request's field-validation directive: throws the strict decoding error, or returns
 * the warnings to send back. `kind`/`version` name the body's type as the decoder reports it.
 */
export function validateFields(def: ResourceDefinition, version: string, body: unknown, query: URLSearchParams, options: { patch?: boolean } = {}): string[] {
  const directive = fieldValidationOf(query);
  if (directive === "Ignore") return [];
  const unknown = unknownFields(def, version, body, options);
  if (unknown.length === 0) return [];
  const messages = unknown.map((path) => `unknown field "${path}"`);
  if (directive === "Warn") return messages;
  const strict = `strict decoding error: ${messages.join(", ")}`;
  if (options.patch) throw badRequest(strict);
  throw badRequest(`${def.kind} in version "${version}" cannot be handled as a ${def.kind}: ${strict}`);
}

/** The `Warning` header value for warnings (code 299, agent "-", each text quoted). */
export function warningHeader(warnings: string[]): Record<string, string> {
  if (warnings.length === 0) return {};
  return { warning: warnings.map((w) => `299 - ${JSON.stringify(w)}`).join(", ") };
}
