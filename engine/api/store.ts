import { deepFreeze } from "../util/freeze";
import { shareFrozenParts } from "../util/shared-frozen";
import type { KubeObject } from "./types";

/** A change as the store records it; `rv` is the cluster-wide revision that made it. */
export interface StoreEvent {
  rv: number;
  type: "ADDED" | "MODIFIED" | "DELETED";
  typeKey: string;
  object: KubeObject;
}

export type StoreListener = (event: StoreEvent) => void;

export interface StoreSnapshot {
  revision: number;
  /** [typeKey, object] pairs; objects carry their own resourceVersion. */
  objects: [string, KubeObject][];
}

const HISTORY_LIMIT = 2000;
/*
 * Shared arrays here are readonly by type, not frozen: V8 copies and filters a frozen array through
 * its slow generic path (slicing 5,000 frozen pods costs ~50x a plain copy), and every list is a copy.
 */
const NO_OBJECTS: readonly KubeObject[] = [];

/**
 * The cluster's state, the simulated etcd: objects by type key ("group/resource"), namespace and
 * name, one revision counter for the whole cluster, and a bounded history so watches can resume
 * from a recent resourceVersion (older ones get 410 Gone, as with etcd compaction).
 */
export class ObjectStore {
  private types = new Map<string, Map<string, KubeObject>>();
  private sortedKeys = new Map<string, string[]>();
  /** `sortedKeys`' objects, dropped on any write of the type (see list); never changed in place. */
  private sortedValues = new Map<string, readonly KubeObject[]>();
  private revision = 1;
  /**
   * The last HISTORY_LIMIT events are `history[historyStart..]`: the window moves by an index and the
   * array is compacted once the dropped part is as long as the window, so a write costs O(1) rather
   * than shifting 2,000 entries (thousands of writes a second when a big Deployment is scheduled).
   */
  private history: StoreEvent[] = [];
  private historyStart = 0;
  /** Replaced, never changed in place: a listener that subscribes or leaves during a write does not disturb the loop. */
  private listeners: readonly StoreListener[] = [];

  static objectKey(namespace: string | undefined, name: string): string {
    return namespace ? `${namespace}/${name}` : name;
  }

  get currentRevision(): number {
    return this.revision;
  }

  /** The oldest revision a watch can still resume from. */
  get oldestWatchableRevision(): number {
    return this.history.length > this.historyStart ? this.history[this.historyStart].rv - 1 : this.revision;
  }

  get(typeKey: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.types.get(typeKey)?.get(ObjectStore.objectKey(namespace, name));
  }

  /** Objects of a type sorted by namespace then name, like etcd's key order. */
  list(typeKey: string, namespace?: string): KubeObject[] {
    const values = this.listShared(typeKey);
    if (!namespace) return values.slice();
    const keys = this.sortedKeys.get(typeKey) ?? [];
    // A namespace's keys ("ns/name") are one run of the sorted keys.
    const prefix = `${namespace}/`;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    while (end < keys.length && keys[end].startsWith(prefix)) end++;
    return values.slice(lo, end);
  }

  /**
   * The objects of a type in key order as one shared array, kept until the type changes and then
   * replaced (never changed in place): a list (every `kubectl get`, every controller's relist) is
   * one copy of it, not a map lookup per key, and a reader may key what it derives from it (an
   * index) by its identity. Callers must not change it.
   */
  listShared(typeKey: string): readonly KubeObject[] {
    const objects = this.types.get(typeKey);
    if (!objects) return NO_OBJECTS;
    let values = this.sortedValues.get(typeKey);
    if (values) return values;
    let keys = this.sortedKeys.get(typeKey);
    if (!keys) {
      keys = [...objects.keys()].sort();
      this.sortedKeys.set(typeKey, keys);
    }
    values = keys.map((key) => objects.get(key)!);
    this.sortedValues.set(typeKey, values);
    return values;
  }

  count(typeKey: string): number {
    return this.types.get(typeKey)?.size ?? 0;
  }

  typeKeys(): string[] {
    return [...this.types.keys()];
  }

  /**
   * Stores a new object; the caller has already checked it does not exist. Returns the frozen copy.
   * With `handOver` the caller gives up the object itself (made for this write, never used again):
   * it is stamped and frozen in place instead of copied (its metadata is copied only when frozen,
   * that is shared with a stored object).
   */
  create(typeKey: string, obj: KubeObject, handOver = false): KubeObject {
    return this.write(typeKey, obj, "ADDED", handOver);
  }

  update(typeKey: string, obj: KubeObject, handOver = false): KubeObject {
    return this.write(typeKey, obj, "MODIFIED", handOver);
  }

  delete(typeKey: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const objects = this.types.get(typeKey);
    const key = ObjectStore.objectKey(namespace, name);
    const existing = objects?.get(key);
    if (!objects || !existing) return undefined;
    objects.delete(key);
    this.sortedKeys.delete(typeKey);
    this.sortedValues.delete(typeKey);
    const rv = ++this.revision;
    // A deletion event carries the object as it was, stamped with the deleting revision.
    const tombstone = deepFreeze({ ...existing, metadata: { ...existing.metadata, resourceVersion: String(rv) } });
    this.record({ rv, type: "DELETED", typeKey, object: tombstone });
    return tombstone;
  }

  /** Changes since `rv` (exclusive) for a type, or undefined when history no longer reaches back. */
  eventsSince(typeKey: string, rv: number): StoreEvent[] | undefined {
    if (rv < this.oldestWatchableRevision) return undefined;
    const out: StoreEvent[] = [];
    for (let i = this.historyStart; i < this.history.length; i++) {
      const e = this.history[i];
      if (e.rv > rv && e.typeKey === typeKey) out.push(e);
    }
    return out;
  }

  subscribe(listener: StoreListener): () => void {
    if (!this.listeners.includes(listener)) this.listeners = [...this.listeners, listener];
    return () => {
      const had = this.listeners.includes(listener);
      this.listeners = this.listeners.filter((l) => l !== listener);
      return had;
    };
  }

  snapshot(): StoreSnapshot {
    const objects: [string, KubeObject][] = [];
    for (const [typeKey, map] of this.types) for (const obj of map.values()) objects.push([typeKey, obj]);
    return { revision: this.revision, objects };
  }

  /** Replaces the whole state (etcd restore). History is dropped: watchers must relist. */
  restore(snapshot: StoreSnapshot): void {
    this.types.clear();
    this.sortedKeys.clear();
    this.sortedValues.clear();
    this.history = [];
    this.historyStart = 0;
    for (const [typeKey, obj] of snapshot.objects) {
      let map = this.types.get(typeKey);
      if (!map) this.types.set(typeKey, (map = new Map()));
      // Parts equal to another session's (a resumed session's objects are parsed from JSON) are shared.
      map.set(ObjectStore.objectKey(obj.metadata.namespace, obj.metadata.name!), deepFreeze(shareFrozenParts(obj)));
    }
    this.revision = snapshot.revision;
  }

  private write(typeKey: string, obj: KubeObject, type: "ADDED" | "MODIFIED", handOver: boolean): KubeObject {
    let objects = this.types.get(typeKey);
    if (!objects) this.types.set(typeKey, (objects = new Map()));
    const rv = ++this.revision;
    let stored: KubeObject;
    if (handOver) {
      // The handed-over object's own metadata is stamped in place (same key order as the copy the
      // other writes make); metadata shared with a stored object is frozen, and copied.
      if (Object.isFrozen(obj.metadata)) obj.metadata = { ...obj.metadata, resourceVersion: String(rv) };
      else obj.metadata.resourceVersion = String(rv);
      stored = deepFreeze(obj);
    } else {
      stored = deepFreeze({ ...obj, metadata: { ...obj.metadata, resourceVersion: String(rv) } });
    }
    const key = ObjectStore.objectKey(stored.metadata.namespace, stored.metadata.name!);
    if (!objects.has(key)) this.sortedKeys.delete(typeKey);
    this.sortedValues.delete(typeKey);
    objects.set(key, stored);
    this.record({ rv, type, typeKey, object: stored });
    return stored;
  }

  private record(event: StoreEvent): void {
    this.history.push(event);
    if (this.history.length - this.historyStart > HISTORY_LIMIT) {
      this.historyStart = this.history.length - HISTORY_LIMIT;
      if (this.historyStart >= HISTORY_LIMIT) {
        this.history = this.history.slice(this.historyStart);
        this.historyStart = 0;
      }
    }
    const listeners = this.listeners;
    for (let i = 0; i < listeners.length; i++) listeners[i](event);
  }
}
