import data from "./go-field-order.json";

/**
 * JSON keys in the order encoding/json writes a typed Go object: each struct's fields as declared
 * (go-field-order.json, generated from k8s.io/api v0.33), map keys sorted. kubectl prints this
 * order where it decodes the server's answer into typed objects (and leaves out the `omitempty`
 * fields that are empty, such as `paused: false`) (`run`, `create deployment|
 * configmap|…`, `expose`, `set …` with -o json); where it prints unstructured objects (`get`,
 * `create -f`, `apply`, `label`) the keys come out sorted instead.
 */
type Field = [name: string, type: string, omit?: string];
const STRUCTS = data as unknown as Record<string, Field[]>;
const flattened = new Map<string, Field[]>();

/** A struct's fields with embedded (`json:",inline"`) structs' fields in their place. */
function fieldsOf(type: string): Field[] {
  let fields = flattened.get(type);
  if (!fields) {
    fields = (STRUCTS[type] ?? []).flatMap((field) => (field[0] === "" ? fieldsOf(field[1]) : [field]));
    flattened.set(type, fields);
  }
  return fields;
}

/** What encoding/json writes for a field (without omitempty) the object lacks: a nil slice, map or pointer, or a zero value. */
const ABSENT: Record<string, unknown> = { n: null, "0": 0, f: false, s: "" };

/** encoding/json's omitempty: a nil pointer, an empty slice or map, a zero bool, number or string. */
function omitted(value: unknown, omit: string | undefined): boolean {
  if (omit === "p") return value === null;
  if (omit === "c") return value === null || (Array.isArray(value) ? value.length === 0 : typeof value === "object" && Object.keys(value).length === 0);
  if (omit === "v") return value === false || value === 0 || value === "";
  return false;
}

function ordered(value: unknown, type: string): unknown {
  if (Array.isArray(value)) return value.map((item) => ordered(item, type));
  if (value === null || typeof value !== "object" || type === "") return value;
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  if (type.startsWith("map:")) {
    const inner = type.slice(4);
    for (const key of Object.keys(obj).sort()) out[key] = ordered(obj[key], inner);
    return out;
  }
  for (const [name, child, omit] of fieldsOf(type)) {
    if (name in obj) {
      if (!omitted(obj[name], omit)) out[name] = ordered(obj[name], child);
    } else if (omit && omit in ABSENT) out[name] = ABSENT[omit];
  }
  // A field this version's struct does not have keeps its place after the known ones.
  const known = new Set(fieldsOf(type).map(([name]) => name));
  for (const key of Object.keys(obj)) if (!known.has(key)) out[key] = obj[key];
  return out;
}

/** The Go type of a built-in kind ("apps/v1" Deployment → "apps/v1.Deployment"), if it is known here. */
function typeOf(apiVersion: string, kind: string): string | undefined {
  const slash = apiVersion.indexOf("/");
  const group = slash >= 0 ? apiVersion.slice(0, slash) : "";
  const version = slash >= 0 ? apiVersion.slice(slash + 1) : apiVersion;
  const pkg = group === "" ? "core" : group.replace(/\.k8s\.io$/, "").replace(/\.authorization$/, "");
  const name = `${pkg}/${version}.${kind}`;
  return STRUCTS[name] ? name : undefined;
}

/** The object as a typed Go value of its kind would serialise, or unchanged for a kind not known here. */
export function inGoFieldOrder<T>(obj: T): T {
  const o = obj as { apiVersion?: unknown; kind?: unknown };
  const type = typeof o?.apiVersion === "string" && typeof o.kind === "string" ? typeOf(o.apiVersion, o.kind) : undefined;
  return type ? (ordered(obj, type) as T) : obj;
}
