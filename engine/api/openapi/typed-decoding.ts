import { isPlainObject } from "../../util/json";
import { badRequest } from "../errors";
import { QUANTITY_FORMAT_ERROR } from "../quantity";
import { base64Problem } from "../strategies/util";
import type { ResourceDefinition } from "../resource";
import { DEFINITIONS, definitionName, type PropertySchema } from "./definitions";

/**
 * The real API server decodes a JSON body into the kind's Go struct (sigs.k8s.io/json, a fork of
 * encoding/json), so a value of the wrong JSON type is refused before any validation:
 *
 *   Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal bool into Go struct
 *   field PodSpec.spec.nodeSelector of type string
 *
 * This replays that decoder over the kind's schema. As in encoding/json, a type mismatch is saved
 * and decoding goes on (the first one is reported), while the custom decoders of IntOrString,
 * Quantity and Time fail at once. The "struct field" is the innermost Go struct holding the field,
 * then the JSON names of the struct fields from the top (list indexes and map keys are not part of
 * it). Go's named string types (v1.RestartPolicy, …) are not in the OpenAPI data: such fields are
 * reported with their underlying type.
 */

const INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
const QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
const TIMES = new Set(["io.k8s.apimachinery.pkg.apis.meta.v1.Time", "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime"]);
/** Types whose decoders take any JSON (embedded objects, CRD schema values with their own unions). */
const FREE_FORM = /\.(RawExtension|JSON|JSONSchemaPropsOrArray|JSONSchemaPropsOrBool|JSONSchemaPropsOrStringArray)$/;

/** Where the decoder is: the innermost struct and the JSON names of the struct fields leading to the value. */
interface Context {
  struct: string;
  fields: string[];
}

class DecodeAbort extends Error {}

/** Go's name for the kind of JSON value found (UnmarshalTypeError.Value). */
function jsonKind(value: unknown): string {
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number") return "number";
  if (typeof value === "string") return "string";
  return Array.isArray(value) ? "array" : "object";
}

/** The Go package-qualified type name of a definition: io.k8s.api.core.v1.PodSpec → v1.PodSpec. */
function goTypeOfRef(ref: string): string {
  if (ref === INT_OR_STRING) return "intstr.IntOrString";
  if (ref === QUANTITY) return "resource.Quantity";
  const parts = ref.split(".");
  return `${parts[parts.length - 2]}.${parts[parts.length - 1]}`;
}

function goType(schema: PropertySchema): string {
  if (schema.$ref) return goTypeOfRef(schema.$ref);
  if (schema.type === "array") return `[]${schema.items ? goType(schema.items) : "interface {}"}`;
  if (schema.type === "object") return schema.additionalProperties ? `map[string]${goType(schema.additionalProperties)}` : "map[string]interface {}";
  if (schema.type === "boolean") return "bool";
  if (schema.type === "integer") return schema.format ?? "int64";
  if (schema.type === "number") return "float64";
  if (schema.type === "string" && schema.format === "byte") return "[]uint8";
  return "string";
}

class TypedDecoder {
  private saved: string | undefined;

  /** The first mismatch of a saved (decoding goes on) kind, as UnmarshalTypeError words it. */
  private save(value: string, type: string, at: Context): void {
    this.saveMessage(
      at.fields.length > 0
        ? `json: cannot unmarshal ${value} into Go struct field ${at.struct}.${at.fields.join(".")} of type ${type}`
        : `json: cannot unmarshal ${value} into Go value of type ${type}`,
    );
  }

  /** Saved errors other than type mismatches (a bad base64 []byte) carry no field. */
  private saveMessage(message: string | undefined): void {
    this.saved ??= message;
  }

  decode(name: string, body: unknown): string | undefined {
    try {
      this.struct(name, body, { struct: "", fields: [] });
    } catch (e) {
      if (e instanceof DecodeAbort) return e.message;
      throw e;
    }
    return this.saved;
  }

  private struct(name: string, value: unknown, at: Context): void {
    if (value === null || value === undefined) return;
    if (FREE_FORM.test(name)) return;
    if (name === INT_OR_STRING) return this.intOrString(value);
    if (name === QUANTITY) return this.quantity(value);
    if (TIMES.has(name)) return this.time(value);
    const def = DEFINITIONS[name];
    if (!def) return;
    if (def.type === "string") {
      if (typeof value !== "string") this.save(jsonKind(value), "string", at);
      return;
    }
    if (!def.properties) return;
    if (!isPlainObject(value)) return this.save(jsonKind(value), goTypeOfRef(name), at);
    const goName = name.slice(name.lastIndexOf(".") + 1);
    for (const [key, child] of Object.entries(value)) {
      const property = def.properties[key];
      // Unknown fields are strict field validation's business; apiVersion and kind were read already.
      if (!property || (at.fields.length === 0 && (key === "apiVersion" || key === "kind"))) continue;
      this.property(property, child, { struct: goName, fields: [...at.fields, key] });
    }
  }

  private property(schema: PropertySchema, value: unknown, at: Context): void {
    if (value === null || value === undefined) return;
    if (schema.$ref) return this.struct(schema.$ref, value, at);
    switch (schema.type) {
      case "array":
        if (schema.format === "byte") return this.scalar(schema, value, at);
        if (!Array.isArray(value)) return this.save(jsonKind(value), goType(schema), at);
        if (schema.items) for (const item of value) this.property(schema.items, item, at);
        return;
      case "object":
        if (!schema.additionalProperties) return;
        if (!isPlainObject(value)) return this.save(jsonKind(value), goType(schema), at);
        for (const item of Object.values(value)) this.property(schema.additionalProperties, item, at);
        return;
      default:
        return this.scalar(schema, value, at);
    }
  }

  private scalar(schema: PropertySchema, value: unknown, at: Context): void {
    const type = goType(schema);
    switch (schema.type) {
      case "boolean":
        if (typeof value !== "boolean") this.save(jsonKind(value), type, at);
        return;
      case "integer":
        if (typeof value !== "number") return this.save(jsonKind(value), type, at);
        if (!fitsInteger(value, type)) this.save(`number ${goNumberText(value)}`, type, at);
        return;
      case "number":
        if (typeof value !== "number") this.save(jsonKind(value), type, at);
        return;
      case "string":
        if (typeof value !== "string") this.save(jsonKind(value), type, at);
        else if (schema.format === "byte") this.saveMessage(base64Problem(value));
        return;
    }
  }

  /** intstr.IntOrString.UnmarshalJSON: a string, or else encoding/json into an int32 (its error, no field). */
  private intOrString(value: unknown): void {
    if (typeof value === "string") return;
    if (typeof value === "number") {
      if (fitsInteger(value, "int32")) return;
      throw new DecodeAbort(`json: cannot unmarshal number ${goNumberText(value)} into Go value of type int32`);
    }
    throw new DecodeAbort(`json: cannot unmarshal ${jsonKind(value)} into Go value of type int32`);
  }

  /** resource.Quantity.UnmarshalJSON parses the raw text: only strings and numbers can be quantities. */
  private quantity(value: unknown): void {
    if (typeof value === "string" || typeof value === "number") return;
    throw new DecodeAbort(QUANTITY_FORMAT_ERROR);
  }

  /** metav1.Time.UnmarshalJSON decodes a string with encoding/json first. */
  private time(value: unknown): void {
    if (typeof value === "string") return;
    throw new DecodeAbort(`json: cannot unmarshal ${jsonKind(value)} into Go value of type string`);
  }
}

function fitsInteger(value: number, type: string): boolean {
  if (!Number.isInteger(value)) return false;
  const bound = type === "int32" ? 2 ** 31 : 2 ** 63;
  return value >= -bound && value < bound;
}

/** How the number appeared in the JSON text, as far as a parsed number can tell (Go quotes the literal). */
function goNumberText(value: number): string {
  return String(value);
}

/**
 * Throws the BadRequest a real API server gives when `body` cannot be decoded into the kind's Go
 * type. Custom resources are decoded as unstructured JSON (their schema validation reports types).
 */
export function checkTypedDecoding(def: ResourceDefinition, version: string, body: unknown): void {
  if (def.custom || !isPlainObject(body)) return;
  const name = definitionName(def.group, version, def.kind);
  if (!DEFINITIONS[name]) return;
  const error = new TypedDecoder().decode(name, body);
  if (error) throw badRequest(`${def.kind} in version "${version}" cannot be handled as a ${def.kind}: ${error}`);
}
