import { clone, deepFreeze } from "../../../util/freeze";
import { deepEqual, isPlainObject } from "../../../util/json";
import type { KubeObject, ManagedFieldsEntry } from "../../types";
import { fromFieldsV1, pathKey, pathsOf, toFieldsV1, valueAt, type FieldPath, type FieldsV1 } from "./fields";

/**
 * metadata.managedFields bookkeeping (the apiserver's fieldmanager): every write records which
 * manager set which fields. An Update moves ownership of the fields it changed to its manager;
 * fields that no longer exist leave every set; empty entries disappear.
 */
export interface WriteIdentity {
  manager: string;
  apiVersion: string;
  time: string;
  subresource?: string;
}

/** The manager of a request: `?fieldManager=`, else the user agent up to its first "/". */
export function managerOf(query: URLSearchParams, userAgent: string | undefined): string {
  const explicit = query.get("fieldManager");
  if (explicit) return explicit;
  // The part before the first "/" (without splitting: every write names its manager).
  const agent = userAgent ?? "";
  const slash = agent.indexOf("/");
  return (slash < 0 ? agent : agent.slice(0, slash)) || "unknown";
}

const same = (a: ManagedFieldsEntry, manager: string, operation: string, subresource?: string) =>
  a.manager === manager && a.operation === operation && (a.subresource ?? "") === (subresource ?? "");

export function entryPaths(entry: ManagedFieldsEntry): FieldPath[] {
  return fromFieldsV1(entry.fieldsV1 as FieldsV1 | undefined);
}

/** How many distinct field sets are kept for sharing; past it the table starts afresh. */
const SHARED_FIELD_SETS = 512;
const sharedFieldSets = new Map<string, FieldsV1>();

/**
 * The FieldsV1 of a path set, frozen and shared between writes with the same set: thousands of
 * events or replicas written by one manager own the same fields, and stored objects are frozen, so
 * one copy serves them all (less to build, to freeze and to keep in memory).
 */
function sharedFieldsV1(paths: FieldPath[]): FieldsV1 {
  const key = JSON.stringify(paths);
  let fields = sharedFieldSets.get(key);
  if (!fields) {
    if (sharedFieldSets.size >= SHARED_FIELD_SETS) sharedFieldSets.clear();
    fields = deepFreeze(toFieldsV1(paths));
    sharedFieldSets.set(key, fields);
  }
  return fields;
}

function entryWith(base: Omit<ManagedFieldsEntry, "fieldsV1">, paths: FieldPath[]): ManagedFieldsEntry {
  return { ...base, fieldsType: "FieldsV1", fieldsV1: sharedFieldsV1(paths) };
}

/** Drops paths the object no longer has from an entry; undefined when nothing remains. */
function prune(entry: ManagedFieldsEntry, obj: KubeObject, remove: Set<string>): ManagedFieldsEntry | undefined {
  const kept = entryPaths(entry).filter((p) => !remove.has(pathKey(p)) && valueAt(obj, p) !== undefined);
  if (kept.length === 0) return undefined;
  return { ...entry, fieldsV1: toFieldsV1(kept) };
}

const isFieldElement = (element: string) => element.startsWith("f:");

function isLeafChange(before: unknown, after: unknown): boolean {
  return !deepEqual(before, after);
}

/**
 * The field set of a create by the object's shape (kind, and at every level the keys present and
 * whether each holds a map or a value): without lists (whose items are keyed by their content)
 * pathsOf reads nothing else, so objects of one shape own the same fields. Thousands of events a
 * burst writes share one shape; one walk building this key replaces building, sorting and
 * stringifying their paths. Null: the create owns nothing.
 */
const fieldsByCreateShape = new Map<string, FieldsV1 | null>();
const NOT_OWNED_TOP = new Set(["apiVersion", "kind", "status"]);
const NOT_OWNED_METADATA = new Set(["name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields", "selfLink"]);

/** The shape key of an object without lists (undefined when it holds one: those take the general path). */
function createShapeKey(obj: KubeObject): string | undefined {
  let key = `${obj.kind}|`;
  for (const field of Object.keys(obj)) {
    const value = (obj as Record<string, unknown>)[field];
    if (NOT_OWNED_TOP.has(field) || value === undefined) continue;
    key += `${field.length}:${field}`;
    if (field === "metadata" && isPlainObject(value)) {
      key += "<";
      for (const name of Object.keys(value)) {
        const v = value[name];
        if (NOT_OWNED_METADATA.has(name) || v === undefined) continue;
        const shape = shapeOf(v, 1);
        if (shape === undefined) return undefined;
        key += `${name.length}:${name}${shape}`;
      }
      key += ">";
      continue;
    }
    const shape = shapeOf(value, 1);
    if (shape === undefined) return undefined;
    key += shape;
  }
  return key;
}

function shapeOf(value: unknown, depth: number): string | undefined {
  if (Array.isArray(value) || depth > 64) return undefined;
  if (!isPlainObject(value)) return ".";
  const keys = Object.keys(value);
  if (keys.length === 0) return ".";
  let key = "{";
  for (const name of keys) {
    const v = value[name];
    if (v === undefined) continue;
    const shape = shapeOf(v, depth + 1);
    if (shape === undefined) return undefined;
    key += `${name.length}:${name}${shape}`;
  }
  return `${key}}`;
}

/** The managedFields after a create, update or patch by `who` (not an apply). */
export function recordUpdate(old: KubeObject | undefined, obj: KubeObject, who: WriteIdentity): ManagedFieldsEntry[] {
  return recordUpdateWith(old, obj, who, true);
}

/** recordUpdate without the shortcut for writes that move no ownership (tests compare the two). */
export function recordUpdateInFull(old: KubeObject | undefined, obj: KubeObject, who: WriteIdentity): ManagedFieldsEntry[] {
  return recordUpdateWith(old, obj, who, false);
}

function recordUpdateWith(old: KubeObject | undefined, obj: KubeObject, who: WriteIdentity, shortcut: boolean): ManagedFieldsEntry[] {
  const status = who.subresource === "status";
  const shape = shortcut && !old && !status ? createShapeKey(obj) : undefined;
  if (shape !== undefined) {
    const known = fieldsByCreateShape.get(shape);
    // Written out rather than spread from `identity`: every create (an event per scheduled pod) comes here.
    if (known !== undefined) {
      if (known === null) return [];
      return who.subresource
        ? [{ manager: who.manager, operation: "Update", apiVersion: who.apiVersion, time: who.time, subresource: who.subresource, fieldsType: "FieldsV1", fieldsV1: known }]
        : [{ manager: who.manager, operation: "Update", apiVersion: who.apiVersion, time: who.time, fieldsType: "FieldsV1", fieldsV1: known }];
    }
  }
  const identity: Omit<ManagedFieldsEntry, "fieldsV1"> = { manager: who.manager, operation: "Update", apiVersion: who.apiVersion, time: who.time, ...(who.subresource ? { subresource: who.subresource } : {}) };
  const paths = pathsOf(obj, obj.kind, { onlyStatus: status });
  if (!old) {
    // A create: every field present is new and there are no earlier entries (the general path below gives the same).
    // pathsOf leaves out undefined fields below the top level, so a nested path of fields only is
    // always there; top-level fields and paths through list items ("k:", "v:") are looked up.
    const set = paths.filter((p) => (p.length > 1 && p.every(isFieldElement)) || valueAt(obj, p) !== undefined);
    const entries = set.length === 0 ? [] : [entryWith(identity, set)];
    if (shape !== undefined) {
      if (fieldsByCreateShape.size >= SHARED_FIELD_SETS) fieldsByCreateShape.clear();
      fieldsByCreateShape.set(shape, entries.length === 0 ? null : (entries[0].fieldsV1 as FieldsV1));
    }
    return entries;
  }
  const changed = paths.filter((p) => {
    const after = valueAt(obj, p);
    // A map or list-item node is "changed" only when it is new; its leaves carry the rest.
    if (isPlainObject(after) || Array.isArray(after)) return valueAt(old, p) === undefined;
    return isLeafChange(valueAt(old, p), after);
  });
  const changedKeys = new Set(changed.map(pathKey));
  const renewed = shortcut && changed.length > 0 ? ownershipUnchanged(old.metadata.managedFields ?? [], obj, changedKeys, identity) : undefined;
  if (renewed) return renewed;
  const previous = clone(old?.metadata.managedFields ?? []);
  const others: ManagedFieldsEntry[] = [];
  let mine: ManagedFieldsEntry | undefined;
  for (const entry of previous) {
    if (same(entry, who.manager, "Update", who.subresource)) {
      mine = entry;
      continue;
    }
    const pruned = prune(entry, obj, changedKeys);
    if (pruned) others.push(pruned);
  }
  if (changed.length === 0) {
    if (mine) {
      const kept = prune(mine, obj, new Set());
      if (kept) others.push(kept);
    }
    return order(previous, others);
  }
  const minePaths = mine ? entryPaths(mine).filter((p) => valueAt(obj, p) !== undefined) : [];
  const union = new Map([...minePaths, ...changed].map((p) => [pathKey(p), p]));
  const entry = entryWith(identity, [...union.values()]);
  return order(previous, [...others, entry]);
}

/** A FieldsV1's paths, their keys, and whether it is written as toFieldsV1 writes it (sorted, "." only where needed). */
interface FieldSet {
  paths: FieldPath[];
  keys: Set<string>;
  canonical: boolean;
}

const fieldSets = new WeakMap<object, FieldSet>();

function fieldSetOf(fields: FieldsV1 | undefined): FieldSet {
  const known = fields && fieldSets.get(fields);
  if (known) return known;
  const paths = fromFieldsV1(fields);
  const set = { paths, keys: new Set(paths.map(pathKey)), canonical: fields !== undefined && JSON.stringify(toFieldsV1(paths)) === JSON.stringify(fields) };
  // Stored entries are frozen and shared between writes: their sets are read once.
  if (fields && Object.isFrozen(fields)) fieldSets.set(fields, set);
  return set;
}

/**
 * The entries after an update that changes only values its manager's own Update entry already
 * owns alone, while every owned field is still there (a lease renewal, a status heartbeat): the
 * general computation then keeps every field set and the order, and gives the manager's entry the
 * new time and version. This finds that result without rebuilding the field sets. Undefined when
 * ownership may move (the general computation decides).
 */
function ownershipUnchanged(previous: ManagedFieldsEntry[], obj: KubeObject, changedKeys: Set<string>, identity: Omit<ManagedFieldsEntry, "fieldsV1">): ManagedFieldsEntry[] | undefined {
  let mine: ManagedFieldsEntry | undefined;
  const identities = new Set<string>();
  for (const entry of previous) {
    // Duplicate identities are merged by the general computation.
    const id = `${entry.manager}\u0000${entry.operation}\u0000${entry.subresource ?? ""}`;
    if (identities.has(id)) return undefined;
    identities.add(id);
    const isMine = same(entry, identity.manager!, "Update", identity.subresource);
    if (isMine) mine = entry;
    const set = fieldSetOf(entry.fieldsV1 as FieldsV1 | undefined);
    // An entry left with no fields is dropped by the general computation.
    if (!set.canonical || set.paths.length === 0) return undefined;
    for (const key of changedKeys) if (set.keys.has(key) !== isMine) return undefined;
    for (const path of set.paths) if (valueAt(obj, path) === undefined) return undefined;
  }
  if (!mine) return undefined;
  return previous.map((entry) => (entry === mine ? { ...identity, fieldsType: "FieldsV1", fieldsV1: entry.fieldsV1 } : entry));
}

/** Keeps the existing entries' order, new ones last, as the fieldmanager does. */
function order(previous: ManagedFieldsEntry[], entries: ManagedFieldsEntry[]): ManagedFieldsEntry[] {
  const index = (e: ManagedFieldsEntry) => {
    const i = previous.findIndex((p) => same(p, e.manager!, e.operation!, e.subresource));
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return [...entries].sort((a, b) => index(a) - index(b));
}

