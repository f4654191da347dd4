import type { ResourceDefinition } from "../resource";
import type { KubeObject } from "../types";
import { DEFINITIONS, definitionName, type PropertySchema } from "./definitions";
import { mapBySchema } from "./schema-walk";

/**
 * The real API server decodes every written body into the kind's Go struct, so a field the struct
 * lacks never reaches storage: under `fieldValidation=Warn` (the default, and what `kubectl patch`
 * gets) the learner sees `Warning: unknown field "spec.foo"` and the field is gone; under Ignore
 * (`--validate=false`) it is dropped silently. Custom resources are pruned by their structural
 * schema instead (crd/structural-schema.ts).
 */
type Json = Record<string, unknown>;

/** Types that hold arbitrary JSON (embedded objects, CRD schema values): kept as sent. */
const FREE_FORM = /\.(RawExtension|JSON|JSONSchemaPropsOrArray|JSONSchemaPropsOrBool|JSONSchemaPropsOrStringArray)$/;
/** Real kinds nest a few levels; the bound keeps a hostile body from recursing forever. */
const MAX_DEPTH = 64;

/** The object without the fields its kind's schema lacks; the same object when it has none. */
export function pruneUnknownFields(def: ResourceDefinition, version: string, obj: KubeObject): KubeObject {
  if (def.custom) return obj;
  const name = definitionName(def.group, version, def.kind);
  if (!DEFINITIONS[name]) return obj;
  return pruneStruct(name, obj as unknown as Json, 0) as unknown as KubeObject;
}

function pruneStruct(typeName: string, value: Json, depth: number): Json {
  const schema = DEFINITIONS[typeName];
  if (!schema?.properties || depth > MAX_DEPTH || FREE_FORM.test(typeName)) return value;
  const properties = schema.properties;
  let copy: Json | undefined;
  for (const key of Object.keys(value)) {
    const property = properties[key];
    if (!property) {
      copy ??= { ...value };
      delete copy[key];
      continue;
    }
    const before = value[key];
    const after = pruneValue(property, before, depth + 1);
    if (after !== before) (copy ??= { ...value })[key] = after;
  }
  return copy ?? value;
}

function pruneValue(schema: PropertySchema, value: unknown, depth: number): unknown {
  return mapBySchema(schema, value, depth, pruneStruct);
}
