import { badRequest } from "../errors";
import { isPlainObject } from "../../util/json";

/**
 * Strategic merge patch (application/strategic-merge-patch+json), what `kubectl apply`, `edit`,
 * `set image` and `patch` (default type) send. Lists of the built-in types merge by the key their
 * Go type declares (`patchMergeKey`); other lists are replaced. Directives: `$patch` (replace,
 * delete, merge), `$retainKeys`, `$deleteFromPrimitiveList/<field>`, `$setElementOrder/<field>`.
 */
export interface ListRule {
  /** Key that identifies an element; undefined for merged lists of primitives. */
  mergeKey?: string;
  retainKeys?: boolean;
}

const CONTAINER_LISTS = new Set(["containers", "initContainers", "ephemeralContainers"]);

/** Merge rules by field name and, where a name is ambiguous, by its parent field. */
export function listRule(path: string[], kind: string): ListRule | undefined {
  const field = path[path.length - 1];
  const parent = path[path.length - 2];
  switch (field) {
    case "containers":
    case "initContainers":
    case "ephemeralContainers":
    case "imagePullSecrets":
    case "resourceClaims":
    case "schedulingGates":
    case "env":
      return { mergeKey: "name" };
    case "volumes":
      return { mergeKey: "name", retainKeys: true };
    case "volumeMounts":
      return { mergeKey: "mountPath" };
    case "volumeDevices":
      return { mergeKey: "devicePath" };
    case "hostAliases":
      return { mergeKey: "ip" };
    case "topologySpreadConstraints":
      return { mergeKey: "topologyKey" };
    case "ownerReferences":
      return { mergeKey: "uid" };
    case "finalizers":
      return parent === "metadata" ? {} : undefined;
    case "conditions":
      return { mergeKey: "type" };
    case "ports":
      // List items add no path element, so a container's ports sit right under "containers".
      if (CONTAINER_LISTS.has(parent ?? "")) return { mergeKey: "containerPort" };
      if (parent === "spec" && kind === "Service") return { mergeKey: "port" };
      return undefined;
    case "addresses":
      return parent === "status" && kind === "Node" ? { mergeKey: "type" } : undefined;
    case "images":
      return undefined;
    default:
      return undefined;
  }
}

/** Fields whose maps keep only the patch's keys when the patch carries `$retainKeys`. */
export function applyStrategicMergePatch(target: unknown, patch: unknown, kind: string): unknown {
  if (!isPlainObject(patch)) throw badRequest("strategic merge patch must be a JSON object");
  return mergeMap(isPlainObject(target) ? target : {}, patch, [], kind);
}

function mergeMap(original: Record<string, unknown>, patch: Record<string, unknown>, path: string[], kind: string): Record<string, unknown> | undefined {
  const directive = patch.$patch;
  if (directive === "delete") return undefined;
  if (directive === "replace") {
    const replaced = { ...patch };
    delete replaced.$patch;
    return stripDirectives(replaced) as Record<string, unknown>;
  }
  let result: Record<string, unknown> = { ...original };
  const retain = patch.$retainKeys;
  if (Array.isArray(retain)) {
    const keep = new Set(retain as string[]);
    result = Object.fromEntries(Object.entries(result).filter(([k]) => keep.has(k)));
  }
  const orders: Record<string, unknown[]> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === "$patch" || key === "$retainKeys") continue;
    if (key.startsWith("$setElementOrder/")) {
      orders[key.slice("$setElementOrder/".length)] = value as unknown[];
      continue;
    }
    if (key.startsWith("$deleteFromPrimitiveList/")) {
      const field = key.slice("$deleteFromPrimitiveList/".length);
      const current = result[field];
      if (Array.isArray(current)) {
        const remove = new Set((value as unknown[]).map((v) => JSON.stringify(v)));
        result[field] = current.filter((v) => !remove.has(JSON.stringify(v)));
      }
      continue;
    }
    if (value === null) {
      delete result[key];
      continue;
    }
    const childPath = [...path, key];
    const current = result[key];
    if (isPlainObject(value)) {
      const merged = mergeMap(isPlainObject(current) ? current : {}, value, childPath, kind);
      if (merged === undefined) delete result[key];
      else result[key] = merged;
    } else if (Array.isArray(value)) {
      result[key] = mergeList(Array.isArray(current) ? current : [], value, childPath, kind);
    } else {
      result[key] = value;
    }
  }
  for (const [field, order] of Object.entries(orders)) {
    const list = result[field];
    if (Array.isArray(list)) result[field] = reorder(list, order, listRule([...path, field], kind));
  }
  return result;
}

function mergeList(original: unknown[], patch: unknown[], path: string[], kind: string): unknown[] {
  const rule = listRule(path, kind);
  if (!rule) return stripDirectives(patch) as unknown[];
  if (patch.some((p) => isPlainObject(p) && p.$patch === "replace")) {
    return stripDirectives(patch.filter((p) => !(isPlainObject(p) && p.$patch === "replace"))) as unknown[];
  }
  if (!rule.mergeKey) {
    // A merged list of primitives: union, original order first.
    const out = [...original];
    for (const item of patch) if (!out.some((o) => JSON.stringify(o) === JSON.stringify(item))) out.push(item);
    return out;
  }
  const key = rule.mergeKey;
  const out = original.map((o) => o);
  for (const item of patch) {
    if (!isPlainObject(item)) {
      out.push(item);
      continue;
    }
    const index = out.findIndex((o) => isPlainObject(o) && o[key] === item[key]);
    if (item.$patch === "delete") {
      if (index >= 0) out.splice(index, 1);
      continue;
    }
    if (index >= 0) {
      const merged = mergeMap(out[index] as Record<string, unknown>, item, path, kind);
      if (merged === undefined) out.splice(index, 1);
      else out[index] = merged;
    } else {
      out.push(stripDirectives(item));
    }
  }
  return out;
}

/** Applies `$setElementOrder`: listed elements first in the given order, others after as they were. */
function reorder(list: unknown[], order: unknown[], rule: ListRule | undefined): unknown[] {
  const identity = (v: unknown) =>
    rule?.mergeKey && isPlainObject(v) ? JSON.stringify(v[rule.mergeKey]) : JSON.stringify(v);
  const orderIds = order.map(identity);
  const inOrder = [...list].filter((v) => orderIds.includes(identity(v))).sort((a, b) => orderIds.indexOf(identity(a)) - orderIds.indexOf(identity(b)));
  const rest = list.filter((v) => !orderIds.includes(identity(v)));
  return [...inOrder, ...rest];
}

function stripDirectives(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripDirectives);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k.startsWith("$")) continue;
    out[k] = stripDirectives(v);
  }
  return out;
}
