import { isPlainObject } from "../../../util/json";

/**
 * Field paths and field sets as structured-merge-diff models them for managedFields: a path is a
 * list of elements (`f:name` a field, `k:{"name":"nginx"}` an associative-list item, `v:"x"` a set
 * item); a set of paths is stored as the nested FieldsV1 object, where "." marks a node owned in
 * its own right (a map or a list item) besides its children.
 */
export type PathElement = string;
export type FieldPath = PathElement[];

/** How a list is merged: by key fields (associative), as a set of primitives, or whole (atomic). */
export type ListType = { keys: string[] } | "set" | "atomic";

const CONTAINERS = new Set(["containers", "initContainers", "ephemeralContainers"]);

/** The list semantics of the built-in types (x-kubernetes-list-type / list-map-keys). */
export function listType(path: string[], kind: string): ListType {
  const field = path[path.length - 1];
  const parent = path[path.length - 2];
  switch (field) {
    case "containers":
    case "initContainers":
    case "ephemeralContainers":
    case "env":
    case "volumes":
    case "imagePullSecrets":
    case "resourceClaims":
    case "schedulingGates":
      return { keys: ["name"] };
    case "volumeMounts":
      return { keys: ["mountPath"] };
    case "volumeDevices":
      return { keys: ["devicePath"] };
    case "ownerReferences":
      return { keys: ["uid"] };
    case "conditions":
      return { keys: ["type"] };
    case "hostAliases":
      return { keys: ["ip"] };
    case "topologySpreadConstraints":
      return { keys: ["topologyKey", "whenUnsatisfiable"] };
    case "finalizers":
      return "set";
    case "ports":
      if (CONTAINERS.has(path[path.length - 3] ?? "")) return { keys: ["containerPort", "protocol"] };
      if (parent === "spec" && kind === "Service") return { keys: ["port", "protocol"] };
      return "atomic";
    default:
      return "atomic";
  }
}

export function fieldElement(name: string): PathElement {
  return `f:${name}`;
}

function keyElement(item: Record<string, unknown>, keys: string[]): PathElement {
  // Defaulted key fields (protocol) may be absent in an applied config; they key as their default.
  const values = Object.fromEntries(keys.map((k) => [k, item[k] ?? (k === "protocol" ? "TCP" : null)]));
  return `k:${JSON.stringify(values)}`;
}

function valueElement(value: unknown): PathElement {
  return `v:${JSON.stringify(value)}`;
}

/** The element that addresses a list item, or undefined for atomic lists. */
export function itemElement(item: unknown, type: ListType): PathElement | undefined {
  if (type === "atomic") return undefined;
  if (type === "set") return valueElement(item);
  return isPlainObject(item) ? keyElement(item, type.keys) : undefined;
}

/** Fields the server owns, never part of anyone's field set. */
const SERVER_FIELDS = new Set(["apiVersion", "kind"]);
const SERVER_METADATA = new Set(["name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields", "selfLink"]);

/** Every path an object sets: leaves, plus the map and list-item nodes that carry a ".". */
export function pathsOf(obj: unknown, kind: string, options: { includeStatus?: boolean; onlyStatus?: boolean } = {}): FieldPath[] {
  const out: FieldPath[] = [];
  const walk = (value: unknown, path: FieldPath, names: string[], isMap: boolean) => {
    if (Array.isArray(value)) {
      const type = listType(names, kind);
      if (type === "atomic") {
        out.push(path);
        return;
      }
      for (const item of value) {
        const element = itemElement(item, type);
        if (!element) continue;
        out.push([...path, element]);
        if (isPlainObject(item)) walk(item, [...path, element], names, false);
      }
      return;
    }
    // A label selector is atomic (+structType=atomic): owned as one value.
    const atomicSelector = names[names.length - 1] === "selector" && kind !== "Service";
    if (isPlainObject(value) && Object.keys(value).length > 0 && !atomicSelector) {
      if (isMap) out.push(path);
      for (const [key, v] of Object.entries(value)) {
        if (v === undefined) continue;
        walk(v, [...path, fieldElement(key)], [...names, key], MAP_FIELDS.has(key));
      }
      return;
    }
    out.push(path);
  };
  if (!isPlainObject(obj)) return out;
  for (const [key, value] of Object.entries(obj)) {
    if (SERVER_FIELDS.has(key)) continue;
    if (options.onlyStatus ? key !== "status" : key === "status" && !options.includeStatus) continue;
    if (key === "metadata" && isPlainObject(value)) {
      for (const [mk, mv] of Object.entries(value)) {
        if (SERVER_METADATA.has(mk) || mv === undefined) continue;
        walk(mv, [fieldElement("metadata"), fieldElement(mk)], ["metadata", mk], MAP_FIELDS.has(mk));
      }
      continue;
    }
    walk(value, [fieldElement(key)], [key], MAP_FIELDS.has(key));
  }
  return out;
}

/** Fields whose values are string-keyed maps rather than structs (their node is owned with a "."). */
const MAP_FIELDS = new Set(["labels", "annotations", "data", "binaryData", "stringData", "nodeSelector", "matchLabels", "selector", "limits", "requests", "hard", "capacity", "allocatable"]);

// ---------- FieldsV1 <-> path sets ----------

export type FieldsV1 = { [element: string]: FieldsV1 };

export function toFieldsV1(paths: FieldPath[]): FieldsV1 {
  const root: FieldsV1 = {};
  // Nodes that are in the set themselves (not only as a prefix of a longer path).
  const owned = new Set<FieldsV1>();
  for (const path of paths) {
    let node = root;
    for (const element of path) node = node[element] ??= {};
    if (path.length > 0) owned.add(node);
  }
  return sortFields(root, owned);
}

/** Copies the tree with sorted keys; an owned node that has children is marked with ".". */
function sortFields(node: FieldsV1, owned: Set<FieldsV1>): FieldsV1 {
  const out: FieldsV1 = {};
  const keys = Object.keys(node);
  if (keys.length > 0 && owned.has(node)) keys.push(".");
  for (const key of keys.sort()) out[key] = key === "." ? {} : sortFields(node[key], owned);
  return out;
}

export function fromFieldsV1(fields: FieldsV1 | undefined): FieldPath[] {
  const out: FieldPath[] = [];
  const walk = (node: FieldsV1, path: FieldPath) => {
    const children = Object.keys(node).filter((k) => k !== ".");
    if (node["."] !== undefined || children.length === 0) {
      if (path.length > 0) out.push(path);
    }
    for (const key of children) walk(node[key], [...path, key]);
  };
  walk(fields ?? {}, []);
  return out;
}

export const pathKey = (path: FieldPath) => JSON.stringify(path);

/** The path as structured-merge-diff prints it: `.spec.containers[name="nginx"].image`. */
export function formatPath(path: FieldPath): string {
  return path
    .map((element) => {
      if (element.startsWith("f:")) return `.${element.slice(2)}`;
      if (element.startsWith("k:")) {
        const keys = JSON.parse(element.slice(2)) as Record<string, unknown>;
        return `[${Object.entries(keys).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(",")}]`;
      }
      if (element.startsWith("v:")) return `[=${element.slice(2)}]`;
      return element;
    })
    .join("");
}

/** The value at a path in an object, or undefined when absent. */
/**
 * The key fields a "k:" element names, parsed once: the same few elements (an owner reference's
 * uid, a condition's type) are looked up on every write of their object (a lease renewal every 10 s).
 */
const parsedKeyElements = new Map<string, [string, unknown][]>();

function keyFieldsOf(element: string): [string, unknown][] {
  let keys = parsedKeyElements.get(element);
  if (!keys) {
    if (parsedKeyElements.size >= 10_000) parsedKeyElements.clear();
    keys = Object.entries(JSON.parse(element.slice(2)) as Record<string, unknown>);
    parsedKeyElements.set(element, keys);
  }
  return keys;
}

export function valueAt(obj: unknown, path: FieldPath): unknown {
  let current: unknown = obj;
  for (const element of path) {
    if (current === undefined) return undefined;
    if (element.startsWith("f:")) {
      current = isPlainObject(current) ? current[element.slice(2)] : undefined;
    } else if (element.startsWith("k:")) {
      const keys = keyFieldsOf(element);
      current = Array.isArray(current)
        ? current.find((item) => isPlainObject(item) && keys.every(([k, v]) => (item[k] ?? (k === "protocol" ? "TCP" : null)) === v))
        : undefined;
    } else if (element.startsWith("v:")) {
      const wanted = element.slice(2);
      current = Array.isArray(current) ? current.find((item) => JSON.stringify(item) === wanted) : undefined;
    }
  }
  return current;
}

/** Removes the value at a path (a field, a keyed item or a set item) from a mutable object. */
export function removeAt(obj: unknown, path: FieldPath): void {
  if (path.length === 0) return;
  const parent = valueAt(obj, path.slice(0, -1));
  const last = path[path.length - 1];
  if (last.startsWith("f:") && isPlainObject(parent)) {
    delete parent[last.slice(2)];
  } else if (Array.isArray(parent)) {
    const index = parent.findIndex((candidate) => valueAt([candidate], [last]) !== undefined);
    if (index >= 0) parent.splice(index, 1);
  }
}
