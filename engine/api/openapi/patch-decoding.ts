import { isPlainObject } from "../../util/json";
import { invalid, type ApiError } from "../errors";
import { QUANTITY_FORMAT_ERROR, QuantityParseError, parseQuantity } from "../quantity";
import type { ResourceDefinition } from "../resource";
import { base64Problem } from "../strategies/util";
import { DEFINITIONS, definitionName, type PropertySchema } from "./definitions";

/**
 * A strategic merge patch is merged as plain maps, then the result is converted into the kind's
 * Go struct by runtime.DefaultUnstructuredConverter. A value of the wrong type fails there, and
 * the apiserver answers 422 with the whole patch as the bad value:
 *
 *   The request is invalid: patch: Invalid value: "map[spec:map[replicas:3]]": unrecognized type: int32
 *
 * The converter's texts depend on the Go kinds involved ("cannot convert int64 to string",
 * "cannot restore slice from string", …); types with their own JSON decoding (IntOrString,
 * Quantity, Time) answer with their decoder's error. Only values the patch brings can be wrong,
 * so the patch document is what is checked.
 */

const INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
const QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
const TIMES = new Set(["io.k8s.apimachinery.pkg.apis.meta.v1.Time", "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime"]);
const FREE_FORM = /\.(RawExtension|JSON|JSONSchemaPropsOrArray|JSONSchemaPropsOrBool|JSONSchemaPropsOrStringArray)$/;

/** The Go kind of a decoded JSON value (the patch is decoded preserving integers as int64). */
function goKind(value: unknown): string {
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number") return Number.isInteger(value) ? "int64" : "float64";
  return Array.isArray(value) ? "slice" : "map";
}

/** encoding/json's name for the JSON value a custom UnmarshalJSON was handed. */
function jsonKind(value: unknown): string {
  if (typeof value === "number") return Number.isInteger(value) ? "number" : `number ${value}`;
  if (typeof value === "boolean") return "bool";
  if (typeof value === "string") return "string";
  return Array.isArray(value) ? "array" : "object";
}

/** fromUnstructured for a simple destination kind (string, bool, int32, int64, float64). */
function simpleProblem(kind: string, value: unknown): string | undefined {
  const from = goKind(value);
  if (from === kind || (from === "int64" && (kind === "int32" || kind === "float64"))) return undefined;
  // A float converts to an integer kind only when it is whole (whole numbers decode as int64 here).
  if (from === "float64" && (kind === "int32" || kind === "int64")) return `cannot convert float64 to ${kind}`;
  // Go converts integers to strings (as runes), so that pair is "convertible" but refused by name.
  if (from === "int64" && kind === "string") return "cannot convert int64 to string";
  return `unrecognized type: ${kind}`;
}

function refProblem(ref: string, value: unknown): string | undefined {
  if (FREE_FORM.test(ref)) return undefined;
  if (ref === INT_OR_STRING) {
    if (typeof value === "string" || (typeof value === "number" && Number.isInteger(value) && Math.abs(value) < 2 ** 31)) return undefined;
    return `json: cannot unmarshal ${jsonKind(value)} into Go value of type int32`;
  }
  if (ref === QUANTITY) {
    if (typeof value === "number") return undefined;
    if (typeof value !== "string") return QUANTITY_FORMAT_ERROR;
    try {
      parseQuantity(value.trim());
      return undefined;
    } catch (e) {
      if (e instanceof QuantityParseError) return e.message;
      throw e;
    }
  }
  if (TIMES.has(ref)) return typeof value === "string" ? undefined : `json: cannot unmarshal ${jsonKind(value)} into Go value of type string`;
  const def = DEFINITIONS[ref];
  if (!def) return undefined;
  if (def.type === "string") return simpleProblem("string", value);
  if (!def.properties) return undefined;
  if (!isPlainObject(value)) return `cannot restore struct from: ${goKind(value)}`;
  for (const [key, child] of Object.entries(value)) {
    const property = def.properties[key];
    // Unknown fields and strategic-merge directives are not converted.
    if (!property || key.startsWith("$")) continue;
    const problem = valueProblem(property, child);
    if (problem) return problem;
  }
  return undefined;
}

function valueProblem(schema: PropertySchema, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (schema.$ref) return refProblem(schema.$ref, value);
  switch (schema.type) {
    case "array": {
      if (!Array.isArray(value)) return `cannot restore slice from ${goKind(value)}`;
      for (const item of value) {
        const problem = schema.items ? valueProblem(schema.items, item) : undefined;
        if (problem) return problem;
      }
      return undefined;
    }
    case "object": {
      if (!schema.additionalProperties) return undefined;
      if (!isPlainObject(value)) return `cannot restore map from ${goKind(value)}`;
      for (const item of Object.values(value)) {
        const problem = valueProblem(schema.additionalProperties, item);
        if (problem) return problem;
      }
      return undefined;
    }
    case "string":
      if (schema.format !== "byte") return simpleProblem("string", value);
      if (typeof value !== "string") return `cannot restore slice from ${goKind(value)}`;
      return value === "" ? undefined : prefixed("error decoding from json: ", base64Problem(value));
    case "boolean":
      return simpleProblem("bool", value);
    case "integer":
      return simpleProblem(schema.format === "int32" ? "int32" : "int64", value);
    case "number":
      return simpleProblem("float64", value);
    default:
      return undefined;
  }
}

function prefixed(prefix: string, message: string | undefined): string | undefined {
  return message === undefined ? undefined : prefix + message;
}

/** How Go's %+v prints a decoded JSON value: maps with sorted keys, slices space-separated, strings bare. */
export function goValueString(value: unknown): string {
  if (value === null || value === undefined) return "<nil>";
  if (Array.isArray(value)) return `[${value.map(goValueString).join(" ")}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${keys.map((k) => `${k}:${goValueString(value[k])}`).join(" ")}]`;
  }
  return String(value);
}

/** The 422 a strategic merge patch with a wrongly typed value gets, or undefined when it converts. */
export function strategicPatchDecodingError(def: ResourceDefinition, version: string, patch: unknown): ApiError | undefined {
  if (def.custom || !isPlainObject(patch)) return undefined;
  const name = definitionName(def.group, version, def.kind);
  if (!DEFINITIONS[name]) return undefined;
  const problem = refProblem(name, patch);
  if (!problem) return undefined;
  const error = invalid("", "", "", [{ type: "FieldValueInvalid", field: "patch", value: goValueString(patch), detail: problem }]);
  // errors.NewInvalid with an empty GroupKind and name: the details carry only the causes.
  const details = error.status.details!;
  delete details.name;
  delete details.kind;
  return error;
}
