import type { FieldError } from "../errors";
import { isPlainObject } from "../../util/json";

/**
 * A CRD's structural schema (openAPIV3Schema) applied to a custom resource the way the
 * apiextensions apiserver does it: unknown fields are pruned (or reported, for strict field
 * validation), defaults are filled in, then the value is validated with the texts of
 * kube-openapi's validators (`spec.replicas in body should be less than or equal to 10`).
 */
export interface JSONSchemaProps {
  type?: string;
  format?: string;
  description?: string;
  properties?: Record<string, JSONSchemaProps>;
  additionalProperties?: JSONSchemaProps | boolean;
  items?: JSONSchemaProps;
  required?: string[];
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  default?: unknown;
  "x-kubernetes-preserve-unknown-fields"?: boolean;
  "x-kubernetes-int-or-string"?: boolean;
  "x-kubernetes-embedded-resource"?: boolean;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

function preservesUnknown(schema: JSONSchemaProps): boolean {
  return schema["x-kubernetes-preserve-unknown-fields"] === true;
}

/** Removes (and reports) fields the schema does not specify; metadata/apiVersion/kind are the server's. */
export function prune(value: unknown, schema: JSONSchemaProps | undefined, path: string, pruned: string[], root = false): unknown {
  if (!schema) return value;
  if (Array.isArray(value)) {
    return schema.items ? value.map((v, i) => prune(v, schema.items, `${path}[${i}]`, pruned)) : value;
  }
  if (!isPlainObject(value)) return value;
  if (preservesUnknown(schema) && !schema.properties) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (root && (key === "apiVersion" || key === "kind" || key === "metadata")) {
      out[key] = v;
      continue;
    }
    const child = schema.properties?.[key] ?? (typeof schema.additionalProperties === "object" ? schema.additionalProperties : undefined);
    if (child) out[key] = prune(v, child, join(path, key), pruned);
    else if (schema.additionalProperties === true || preservesUnknown(schema)) out[key] = v;
    else pruned.push(join(path, key));
  }
  return out;
}

/** Fills `default`s of absent properties, depth first, as the apiextensions defaulter does. */
export function applyDefaults(value: unknown, schema: JSONSchemaProps | undefined): unknown {
  if (!schema) return value;
  if (Array.isArray(value)) return schema.items ? value.map((v) => applyDefaults(v, schema.items)) : value;
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = { ...value };
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    if (out[key] === undefined && child.default !== undefined) out[key] = structuredClone(child.default);
    if (out[key] !== undefined) out[key] = applyDefaults(out[key], child);
  }
  return out;
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function typeMatches(expected: string, value: unknown): boolean {
  const actual = jsonType(value);
  if (expected === "number") return actual === "number" || actual === "integer";
  return expected === actual;
}

/** Validates a value against its schema; `path` is the field path used in error messages. */
export function validateValue(value: unknown, schema: JSONSchemaProps, path: string, errors: FieldError[]): void {
  if (value === null) {
    if (!schema.nullable && schema.type) errors.push({ type: "FieldValueInvalid", field: path, value: null, detail: `${path} in body must be of type ${schema.type}: "null"` });
    return;
  }
  if (schema["x-kubernetes-int-or-string"]) {
    if (!(typeof value === "string" || (typeof value === "number" && Number.isInteger(value)))) {
      errors.push({ type: "FieldValueInvalid", field: path, value, detail: `${path} in body must be of type integer,string: "${jsonType(value)}"` });
      return;
    }
  } else if (schema.type && !typeMatches(schema.type, value)) {
    errors.push({ type: "FieldValueInvalid", field: path, value, detail: `${path} in body must be of type ${schema.type}: "${jsonType(value)}"` });
    return;
  }
  if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    errors.push({ type: "FieldValueNotSupported", field: path, value, allowed: schema.enum.map((e) => (typeof e === "string" ? e : JSON.stringify(e))) });
  }
  if (typeof value === "string") {
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) {
      errors.push({ type: "FieldValueInvalid", field: path, value, detail: `${path} in body should match '${schema.pattern}'` });
    }
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength) {
      errors.push({ type: "FieldValueInvalid", field: path, value, detail: `${path} in body should be at least ${schema.minLength} chars long` });
    }
    if (schema.maxLength !== undefined && length > schema.maxLength) {
      errors.push({ type: "FieldValueTooLong", field: path, value, detail: `may not be more than ${schema.maxLength} bytes` });
    }
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && (schema.exclusiveMinimum ? value <= schema.minimum : value < schema.minimum)) {
      errors.push({ type: "FieldValueInvalid", field: path, value, detail: `${path} in body should be greater than ${schema.exclusiveMinimum ? "" : "or equal to "}${schema.minimum}` });
    }
    if (schema.maximum !== undefined && (schema.exclusiveMaximum ? value >= schema.maximum : value > schema.maximum)) {
      errors.push({ type: "FieldValueInvalid", field: path, value, detail: `${path} in body should be less than ${schema.exclusiveMaximum ? "" : "or equal to "}${schema.maximum}` });
    }
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) {
      errors.push({ type: "FieldValueInvalid", field: path, value, detail: `${path} in body should have at least ${schema.minItems} items` });
    }
    if (schema.maxItems !== undefined && value.length > schema.maxItems) {
      errors.push({ type: "FieldValueTooMany", field: path, value, detail: `${value.length}: must have at most ${schema.maxItems} items` });
    }
    if (schema.items) value.forEach((item, i) => validateValue(item, schema.items!, `${path}[${i}]`, errors));
  }
  if (isPlainObject(value)) {
    for (const key of schema.required ?? []) {
      if (value[key] === undefined) errors.push({ type: "FieldValueRequired", field: join(path, key), detail: "" });
    }
    // Properties are checked in name order, as kube-openapi's validator walks them.
    for (const [key, v] of Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (!path && (key === "apiVersion" || key === "kind" || key === "metadata")) continue;
      const child = schema.properties?.[key] ?? (typeof schema.additionalProperties === "object" ? schema.additionalProperties : undefined);
      if (child) validateValue(v, child, join(path, key), errors);
    }
  }
}
