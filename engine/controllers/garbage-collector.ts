import { ApiError } from "../api/errors";
import type { ResourceRegistry } from "../api/registry";
import type { StoreEvent } from "../api/store";
import type { KubeObject, OwnerReference } from "../api/types";
import type { Controller, ControllerFactory } from "./controller";

const FOREGROUND = "foregroundDeletion";
const ORPHAN = "orphan";

interface ObjectId {
  typeKey: string;
  namespace?: string;
  name: string;
}

/** Whether a dependent's indexed owner uids are still those its references name, in order. */
function sameOwners(indexed: string[] | undefined, refs: OwnerReference[]): boolean {
  if ((indexed?.length ?? 0) !== refs.length) return false;
  for (let i = 0; i < refs.length; i++) if (indexed![i] !== refs[i].uid) return false;
  return true;
}

const idKey = (id: ObjectId) => `${id.typeKey}|${id.namespace ?? ""}|${id.name}`;
function parseId(key: string): ObjectId {
  const [typeKey, namespace, name] = key.split("|");
  return { typeKey, namespace: namespace || undefined, name };
}

/**
 * The garbage collector: deletes objects whose owners are gone (background propagation), deletes
 * the dependents of owners deleted in the foreground and then lets the owner go (foregroundDeletion
 * finalizer, blockOwnerDeletion), and strips owner references from dependents of owners deleted
 * with the orphan policy (orphan finalizer). The dependents index is derived from store events and
 * rebuilt on resync, so nothing outside the store needs to survive a snapshot.
 */
/** Every deletable type, CRDs included, as the controller's `watches`: recomputed only when the registry changes. */
class DeletableTypes {
  private version = -1;
  private types: string[] = [];

  constructor(private readonly registry: ResourceRegistry) {}

  get watches(): readonly string[] {
    if (this.registry.version !== this.version) {
      this.version = this.registry.version;
      this.types = this.registry
        .all()
        .filter((d) => !d.virtual && d.verbs?.includes("delete"))
        .map((d) => `${d.group}/${d.resource}`);
    }
    return this.types;
  }
}

export const garbageCollector: ControllerFactory = ({ client }) => {
  const server = client.server;
  /** owner uid → dependents ("typeKey|namespace|name"). */
  const dependents = new Map<string, Set<string>>();
  /** dependent → the owner uids it was indexed under. */
  const ownersOf = new Map<string, string[]>();
  const deletable = new DeletableTypes(server.registry);

  const index = (event: Pick<StoreEvent, "type" | "typeKey" | "object">) => {
    const key = idKey({ typeKey: event.typeKey, namespace: event.object.metadata.namespace, name: event.object.metadata.name! });
    for (const uid of ownersOf.get(key) ?? []) dependents.get(uid)?.delete(key);
    ownersOf.delete(key);
    if (event.type === "DELETED") return;
    const refs = event.object.metadata.ownerReferences ?? [];
    if (refs.length > 0) ownersOf.set(key, refs.map((r) => r.uid));
    for (const ref of refs) {
      let set = dependents.get(ref.uid);
      if (!set) dependents.set(ref.uid, (set = new Set()));
      set.add(key);
    }
  };

  // `watches` comes from the class's getter: a getter written in this object literal would be kept
  // in the literal's hidden class, which V8 allocates in the old generation, so the closure (and the
  // whole cluster it reaches) would outlive a dropped attempt through every young-generation collection.
  const controller: Controller = Object.assign(deletable, {
    name: "garbage-collector",
    keysFor(event) {
      const obj = event.object;
      const refs = obj.metadata.ownerReferences ?? [];
      const self = idKey({ typeKey: event.typeKey, namespace: obj.metadata.namespace, name: obj.metadata.name! });
      // As the graph builder: an update looks at the dependent again only when its owners changed
      // (a lease renewal or a status write leaves them as they were and costs nothing here).
      const before = ownersOf.get(self);
      const ownersChanged = event.type !== "MODIFIED" || !sameOwners(before, refs);
      index(event);
      const keys: string[] = [];
      if (event.type === "DELETED") {
        // Its dependents may now be orphans; owners waiting in the foreground may now be free.
        for (const dep of dependents.get(obj.metadata.uid!) ?? []) keys.push(`dependent|${dep}`);
        for (const ref of obj.metadata.ownerReferences ?? []) keys.push(...ownerKeys(ref, obj));
        return keys;
      }
      if (refs.length > 0 && ownersChanged) keys.push(`dependent|${self}`);
      const finalizers = obj.metadata.finalizers ?? [];
      if (obj.metadata.deletionTimestamp && (finalizers.includes(FOREGROUND) || finalizers.includes(ORPHAN))) keys.push(`owner|${self}`);
      return keys;
    },
    resync() {
      dependents.clear();
      ownersOf.clear();
      const keys: string[] = [];
      for (const typeKey of controller.watches) {
        for (const obj of server.store.list(typeKey)) {
          if ((obj.metadata.ownerReferences ?? []).length > 0) {
            index({ type: "ADDED", typeKey, object: obj });
            keys.push(`dependent|${idKey({ typeKey, namespace: obj.metadata.namespace, name: obj.metadata.name! })}`);
          }
          if (obj.metadata.deletionTimestamp) keys.push(`owner|${idKey({ typeKey, namespace: obj.metadata.namespace, name: obj.metadata.name! })}`);
        }
      }
      return keys;
    },
    reconcile(key) {
      const sep = key.indexOf("|");
      const role = key.slice(0, sep);
      const id = parseId(key.slice(sep + 1));
      if (role === "dependent") attemptToDelete(id);
      else processOwner(id);
    },
  } satisfies Omit<Controller, "watches">);

  function ownerKeys(ref: OwnerReference, dependent: KubeObject): string[] {
    const owner = findOwner(ref, dependent.metadata.namespace);
    return owner ? [`owner|${idKey(owner.id)}`] : [];
  }

  function findOwner(ref: OwnerReference, namespace: string | undefined): { id: ObjectId; obj?: KubeObject } | undefined {
    const group = ref.apiVersion.includes("/") ? ref.apiVersion.split("/")[0] : "";
    const def = server.registry.byKind(group, ref.kind);
    if (!def) return undefined;
    const id = { typeKey: `${def.group}/${def.resource}`, namespace: def.namespaced ? namespace : undefined, name: ref.name };
    const obj = server.store.get(id.typeKey, id.namespace, id.name);
    return { id, obj: obj && obj.metadata.uid === ref.uid ? obj : undefined };
  }

  function resourceOf(typeKey: string): { group: string; resource: string } {
    const i = typeKey.indexOf("/");
    return { group: typeKey.slice(0, i), resource: typeKey.slice(i + 1) };
  }

  function del(id: ObjectId, propagationPolicy: string): void {
    const { group, resource } = resourceOf(id.typeKey);
    try {
      client.delete(group, resource, id.namespace, id.name, { propagationPolicy });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }

  function patch(id: ObjectId, body: unknown): void {
    const { group, resource } = resourceOf(id.typeKey);
    try {
      client.patch(group, resource, id.namespace, id.name, body);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }

  function hasDependents(obj: KubeObject): boolean {
    return (dependents.get(obj.metadata.uid!)?.size ?? 0) > 0;
  }

  /** attemptToDeleteItem: an object whose owners are all gone (or deleting in the foreground) goes too. */
  function attemptToDelete(id: ObjectId): void {
    const obj = server.store.get(id.typeKey, id.namespace, id.name);
    if (!obj || obj.metadata.deletionTimestamp) return;
    const refs = obj.metadata.ownerReferences ?? [];
    if (refs.length === 0) return;
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of refs) {
      const owner = findOwner(ref, obj.metadata.namespace)?.obj;
      if (!owner) dangling.push(ref);
      else if (owner.metadata.deletionTimestamp && (owner.metadata.finalizers ?? []).includes(FOREGROUND)) waiting.push(ref);
      else solid.push(ref);
    }
    if (solid.length > 0) {
      if (dangling.length === 0 && waiting.length === 0) return;
      // Other owners still hold it: only the references to owners that are gone (or going) are dropped.
      const keep = refs.filter((r) => !dangling.includes(r) && !waiting.includes(r));
      patch(id, { metadata: { ownerReferences: keep, uid: obj.metadata.uid } });
      return;
    }
    if (waiting.length > 0 && hasDependents(obj)) return del(id, "Foreground");
    const finalizers = obj.metadata.finalizers ?? [];
    del(id, finalizers.includes(ORPHAN) ? "Orphan" : finalizers.includes(FOREGROUND) ? "Foreground" : "Background");
  }

  /** An owner being deleted with the orphan or foreground policy. */
  function processOwner(id: ObjectId): void {
    const owner = server.store.get(id.typeKey, id.namespace, id.name);
    if (!owner?.metadata.deletionTimestamp) return;
    const finalizers = owner.metadata.finalizers ?? [];
    const uid = owner.metadata.uid!;
    const deps = [...(dependents.get(uid) ?? [])].map(parseId);
    if (finalizers.includes(ORPHAN)) {
      for (const dep of deps) {
        const obj = server.store.get(dep.typeKey, dep.namespace, dep.name);
        if (!obj) continue;
        const keep = (obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
        patch(dep, { metadata: { ownerReferences: keep.length > 0 ? keep : null, uid: obj.metadata.uid } });
      }
      removeFinalizer(id, owner, ORPHAN);
      return;
    }
    if (!finalizers.includes(FOREGROUND)) return;
    let blocking = 0;
    for (const dep of deps) {
      const obj = server.store.get(dep.typeKey, dep.namespace, dep.name);
      if (!obj) continue;
      const ref = (obj.metadata.ownerReferences ?? []).find((r) => r.uid === uid);
      if (!obj.metadata.deletionTimestamp) attemptToDelete(dep);
      if (ref?.blockOwnerDeletion && server.store.get(dep.typeKey, dep.namespace, dep.name)) blocking++;
    }
    if (blocking === 0) removeFinalizer(id, owner, FOREGROUND);
  }

  function removeFinalizer(id: ObjectId, obj: KubeObject, finalizer: string): void {
    const rest = (obj.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    patch(id, { metadata: { finalizers: rest.length > 0 ? rest : null, resourceVersion: obj.metadata.resourceVersion } });
  }

  return controller;
};
