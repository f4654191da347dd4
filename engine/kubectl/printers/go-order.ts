import data from "./go-field-order.json";

/**
 * JSON keys in the order encoding/json writes a typed Go object: each struct's fields as declared
 * (go-field-order.json, generated from k8s.io/api v0.33), map keys sorted. kubectl prints this
 * order where it decodes the server's answer into typed objects (`run`, `create deployment|
 * configmap|…`, `expose`, `set …` with -o json); where it prints unstructured objects (`get`,
 * `create -f`, `apply`, `label`) the keys come out sorted instead.
 */
type Field = [name: string, type: string];
const STRUCTS = data as unknown as Record<string, Field[]>;
const flattened = new Map<string, Field[]>();

/** A struct's fields with embedded (`json:",inline"`) structs' fields in their place. */
function fieldsOf(type: string): Field[] {
  let fields = flattened.get(type);
  if (!fields) {
    fields = (STRUCTS[type] ?? []).flatMap(([name, child]) => (name === "" ? fieldsOf(child) : [[name, child] as Field]));
    flattened.set(type, fields);
  }
  return fields;
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
  for (const [name, child] of fieldsOf(type)) if (name in obj) out[name] = ordered(obj[name], child);
  // A field this version's struct does not have keeps its place after the known ones.
  for (const key of Object.keys(obj)) if (!(key in out)) out[key] = obj[key];
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
