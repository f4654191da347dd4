import type { ResourceDefinition } from "../resource";
import type { KubeObject } from "../types";
import { DEFINITIONS, definitionName, type PropertySchema } from "../openapi/definitions";
import { mapBySchema } from "../openapi/schema-walk";

/**
 * The real API server decodes every written body (create, update, the result of a merge,
 * strategic or JSON patch, server-side apply) into the kind's Go struct and stores it as
 * protobuf, so an empty map never survives: `kubectl label pod x app-` on a pod with one label
 * leaves no `labels` key, not `labels: {}`. Go's omitempty drops empty maps and the ObjectMeta
 * lists (finalizers, ownerReferences, managedFields) the same way. Custom resources keep their own
 * JSON, but their metadata goes through ObjectMeta too (apiextensions' schemaobjectmeta.Coerce).
 *
 * Other empty lists are left alone: whether they vanish or turn into `null` depends on each Go
 * field's omitempty tag, which the OpenAPI data does not carry.
 */
const METADATA_MAPS = ["labels", "annotations"];
const METADATA_LISTS = ["finalizers", "ownerReferences", "managedFields"];
const METADATA_FIELDS = [...METADATA_MAPS, ...METADATA_LISTS];
/** Types that hold arbitrary JSON (embedded objects, CRD schema values): kept as sent. */
const FREE_FORM = /\.(RawExtension|JSON|JSONSchemaPropsOrArray|JSONSchemaPropsOrBool|JSONSchemaPropsOrStringArray)$/;
const OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
/** Nested objects in real kinds are a few levels deep; the bound keeps a hostile body from recursing forever. */
const MAX_DEPTH = 64;

type Json = Record<string, unknown>;

function isMap(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isEmptyMap(value: unknown): boolean {
  return isMap(value) && Object.keys(value).length === 0;
}

/** The object as the API server stores it; unchanged objects are returned as they are (nothing is mutated). */
export function dropEmptyCollections(def: ResourceDefinition, version: string, obj: KubeObject): KubeObject {
  const metadata = dropEmptyMetadata(obj.metadata as unknown as Json);
  let result = metadata === (obj.metadata as unknown) ? obj : ({ ...obj, metadata } as KubeObject);
  if (def.custom) return result;
  const name = definitionName(def.group, version, def.kind);
  if (!DEFINITIONS[name]) return result;
  result = dropInStruct(name, result as unknown as Json, 0) as unknown as KubeObject;
  return result;
}

function isEmptyMetadataField(metadata: Json, key: string): boolean {
  const value = metadata[key];
  return METADATA_MAPS.includes(key) ? isEmptyMap(value) : Array.isArray(value) && value.length === 0;
}

function dropEmptyMetadata(metadata: Json | undefined): Json | undefined {
  if (!isMap(metadata)) return metadata;
  // Most metadata has nothing to drop: find that out without building lists. (Plain loops, no
  // closure: every write of every object comes here.)
  let copy: Json | undefined;
  for (const key of METADATA_FIELDS) {
    if (!isEmptyMetadataField(metadata, key)) continue;
    copy ??= { ...metadata };
    delete copy[key];
  }
  return copy ?? metadata;
}

/** Walks a struct by its schema; returns the same object when nothing in it changed. */
const freeForm = new Map<string, boolean>();

function isFreeForm(typeName: string): boolean {
  let free = freeForm.get(typeName);
  if (free === undefined) freeForm.set(typeName, (free = FREE_FORM.test(typeName)));
  return free;
}

/**
 * The fields of a struct type that can hold an empty map somewhere below them (maps, structs that
 * do, lists of either), by type name: the walk visits only those, so an Event's scalar
 * involvedObject or a Pod's container ports are not walked on every write.
 */
const walkableFields = new Map<string, readonly string[]>();
const mayHoldMapsMemo = new Map<string, boolean>();

function mayHoldMaps(schema: PropertySchema, seen: Set<string>): boolean {
  if (schema.additionalProperties) return true;
  if (schema.items) return mayHoldMaps(schema.items, seen);
  if (schema.$ref) return structMayHoldMaps(schema.$ref, seen);
  return false;
}

function structMayHoldMaps(typeName: string, seen: Set<string>): boolean {
  const known = mayHoldMapsMemo.get(typeName);
  if (known !== undefined) return known;
  const schema = DEFINITIONS[typeName];
  if (!schema?.properties || isFreeForm(typeName)) return false;
  if (typeName === OBJECT_META) return true;
  // A recursive type is assumed to hold maps while its own answer is worked out: a "no" never
  // rests on an assumption, and a "yes" too many only walks more, so every answer is kept.
  if (seen.has(typeName)) return true;
  seen.add(typeName);
  const answer = Object.values(schema.properties).some((p) => mayHoldMaps(p, seen));
  seen.delete(typeName);
  mayHoldMapsMemo.set(typeName, answer);
  return answer;
}

function walkable(typeName: string, properties: Record<string, PropertySchema>): readonly string[] {
  let fields = walkableFields.get(typeName);
  if (!fields) {
    fields = Object.keys(properties).filter((key) => mayHoldMaps(properties[key], new Set([typeName])));
    walkableFields.set(typeName, fields);
  }
  return fields;
}

function dropInStruct(typeName: string, value: Json, depth: number): Json {
  const schema = DEFINITIONS[typeName];
  if (!schema?.properties || depth > MAX_DEPTH || isFreeForm(typeName)) return value;
  if (typeName === OBJECT_META) return dropEmptyMetadata(value) ?? value;
  const properties = schema.properties;
  let copy: Json | undefined;
  // Every write walks its body: only the fields that can hold a map somewhere are visited.
  for (const key of walkable(typeName, properties)) {
    if (!Object.hasOwn(value, key)) continue;
    const property = properties[key];
    const before = value[key];
    if (property.additionalProperties && isEmptyMap(before)) {
      copy ??= { ...value };
      delete copy[key];
      continue;
    }
    const after = dropInValue(property, before, depth + 1);
    if (after !== before) {
      copy ??= { ...value };
      copy[key] = after;
    }
  }
  return copy ?? value;
}

/** A map of structs (or of lists of structs): each value is walked; an empty map as a map's value stays (omitempty is for fields). */
function dropInValue(schema: PropertySchema, value: unknown, depth: number): unknown {
  return mapBySchema(schema, value, depth, dropInStruct);
}
