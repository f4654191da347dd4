/**
 * Memory a module keeps per object (a cluster, its store, a host's filesystem) that must die with
 * that object in a young-generation collection, not only in a full one.
 *
 * Why not a WeakMap: V8's scavenger (Node 20, V8 11.3) treats the values of a WeakMap that lives in
 * the old generation as strong. A module-level WeakMap is old, so a value that refers to an
 * environment (an authorizer holding the store, a closure over the cluster) keeps every attempt
 * started and dropped since the last full collection alive through each scavenge: each scavenge
 * copies and promotes all of them, which is what the slow attempt starts paid
 * (bench/grading.bench.ts prints the survivors of a dropped attempt). A value kept as a hidden
 * property of its key is young with it and dies with it.
 *
 * The property is a symbol: JSON, Object.keys and snapshots never see it. The key must be
 * extensible (not frozen).
 */
export class AttachedState<K extends object, V> {
  private readonly slot: symbol;

  constructor(description: string) {
    this.slot = Symbol(description);
  }

  get(key: K): V | undefined {
    return (key as Record<symbol, V | undefined>)[this.slot];
  }

  set(key: K, value: V): void {
    Object.defineProperty(key, this.slot, { value, writable: true, configurable: true, enumerable: false });
  }

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }
}
