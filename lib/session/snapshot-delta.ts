// A session snapshot as the changes since an earlier one (its base). Most of a snapshot is the
// clusters' stored objects and the hosts' filesystems, and a learner's command changes few of
// them: the engine replaces a stored object or a filesystem snapshot whenever it changes (both are
// deeply frozen), so "unchanged since the base" is "the same object as in the base". A delta
// keeps those as positions in the base, the files of a changed filesystem that did not change
// likewise, plugin state equal to the base's by name, and everything else whole (clocks,
// terminals, services: small, and changing with every second of cluster time anyway). Base plus
// delta give back the snapshot exactly: the same JSON, byte for byte.
import { createHash } from "node:crypto";
import type { EnvironmentSnapshot } from "../../engine/cluster/environment";
import type { SessionSnapshot } from "./types";

type StoreEntry = EnvironmentSnapshot["clusters"][number]["store"]["objects"][number];
type FsSnapshot = EnvironmentSnapshot["hosts"][number]["fs"];
type FsEntry = FsSnapshot["entries"][number];

/**
 * A list in order: [first, last] a run of the base list's items at those positions (inclusive),
 * any other item one not in the base. (Store entries and file entries are [string, object] pairs,
 * so the first element's type tells the two apart.)
 */
type ListDelta<T> = ([number, number] | T)[];

/** A host's filesystem: the base host's at that position, those files changed (the others from that base host), or its own (null: in `session`). */
type FsDelta = number | { from: number; entries: ListDelta<FsEntry> } | null;

export type SnapshotDelta = {
  /** The snapshot with every store's objects emptied, every filesystem and plugin state found in the base set to null. */
  session: SessionSnapshot;
  /** Per cluster (same order as the base's): its objects. */
  objects: ListDelta<StoreEntry>[];
  /** Per host. */
  fs: FsDelta[];
  /** Per cluster: the keys of its plugin state (`extra`) equal to the base's. */
  extra: string[][];
};

function runs<T>(items: readonly T[], positionInBase: (item: T) => number | undefined): { list: ListDelta<T>; changed: number } {
  const list: ListDelta<T> = [];
  let run: [number, number] | undefined;
  let changed = 0;
  for (const item of items) {
    const at = positionInBase(item);
    if (at === undefined) {
      list.push(item);
      run = undefined;
      changed++;
    } else if (run && run[1] === at - 1) {
      run[1] = at;
    } else {
      run = [at, at];
      list.push(run);
    }
  }
  return { list, changed };
}

function expand<T>(list: ListDelta<T>, base: readonly T[]): T[] {
  const out: T[] = [];
  for (const item of list) {
    if (Array.isArray(item) && typeof item[0] === "number") {
      const [first, last] = item as [number, number];
      if (last >= base.length) throw new Error("a snapshot delta does not fit its base: an item is missing");
      for (let n = first; n <= last; n++) out.push(base[n]!);
    } else {
      out.push(item as T);
    }
  }
  return out;
}

function digest(value: unknown): string {
  return createHash("sha1").update(JSON.stringify(value) ?? "undefined").digest("base64");
}

function isFrozenObject(value: unknown): boolean {
  return value !== null && typeof value === "object" && Object.isFrozen(value);
}

function sameFile(a: FsEntry[1], b: FsEntry[1]): boolean {
  return a.t === b.t && a.c === b.c && a.m === b.m && a.at === b.at;
}

/** What a delta is computed against: the base's objects and filesystems by identity. */
export class SnapshotBase {
  private readonly objectIndex: Map<object, number>[];
  private readonly fsIndex = new Map<object, number>();
  private readonly hostIndex = new Map<string, number>();
  /** Per base host: its files, and lazily, path → position of the file. */
  private readonly hostEntries: FsEntry[][];
  private readonly fileIndex: (Map<string, number> | undefined)[] = [];
  private readonly clusterNames: string[];
  /** Per cluster: a digest of each plugin state's JSON (the JSON itself would hold tens of KB per session). */
  private readonly extraDigest: Map<string, string>[];
  /**
   * Per cluster: the plugin state last compared with the base's, by key, and whether it was equal.
   * A cluster snapshot gives the same frozen object while its plugin state is unchanged
   * (engine/cluster/snapshot-extra.ts), so the next save knows the answer without writing its JSON
   * again for the digest — whether equal, or changed since the base (tens of KB of kubelet state
   * otherwise digested at every save until the next base).
   */
  private readonly extraChecked: Map<string, { value: unknown; equal: boolean }>[];

  /** Keeps only the parts it compares with (the objects are the live store's, mostly, as long as they are unchanged). */
  constructor(base: SessionSnapshot) {
    this.hostEntries = base.env.hosts.map((h) => h.fs.entries);
    this.clusterNames = base.env.clusters.map((c) => c.spec.name);
    this.objectIndex = base.env.clusters.map((c) => new Map(c.store.objects.map(([, obj], i) => [obj as object, i])));
    this.extraDigest = base.env.clusters.map((c) => new Map(Object.entries(c.extra).map(([k, v]) => [k, digest(v)])));
    this.extraChecked = base.env.clusters.map((c) => new Map(Object.entries(c.extra).flatMap(([k, v]) => (isFrozenObject(v) ? [[k, { value: v, equal: true }]] : []))));
    base.env.hosts.forEach((h, i) => {
      this.fsIndex.set(h.fs, i);
      this.hostIndex.set(h.name, i);
    });
  }

  private fsDelta(host: EnvironmentSnapshot["hosts"][number]): { fs: FsDelta; changed: number } {
    const same = this.fsIndex.get(host.fs);
    if (same !== undefined) return { fs: same, changed: 0 };
    const from = this.hostIndex.get(host.name);
    if (from === undefined) return { fs: null, changed: 1 };
    const baseEntries = this.hostEntries[from]!;
    const index = (this.fileIndex[from] ??= new Map(baseEntries.map(([path], i) => [path, i])));
    const { list, changed } = runs(host.fs.entries, ([path, entry]) => {
      const at = index.get(path);
      return at !== undefined && sameFile(baseEntries[at]![1], entry) ? at : undefined;
    });
    return { fs: { from, entries: list }, changed };
  }

  private extraUnchanged(cluster: number, key: string, value: unknown): boolean {
    const checked = this.extraChecked[cluster]!;
    const last = checked.get(key);
    if (last && last.value === value && isFrozenObject(value)) return last.equal;
    const equal = this.extraDigest[cluster]!.get(key) === digest(value);
    if (isFrozenObject(value)) checked.set(key, { value, equal });
    return equal;
  }

  /**
   * The snapshot as changes to this base, or undefined when it cannot be (its clusters differ),
   * with the number of objects and filesystems that are not in the base.
   */
  delta(snapshot: SessionSnapshot): { delta: SnapshotDelta; changed: number } | undefined {
    const clusters = snapshot.env.clusters;
    if (clusters.length !== this.clusterNames.length || clusters.some((c, i) => c.spec.name !== this.clusterNames[i])) return undefined;
    let changed = 0;
    const objects = clusters.map((cluster, i) => {
      const index = this.objectIndex[i]!;
      const delta = runs(cluster.store.objects, (entry) => index.get(entry[1] as object));
      changed += delta.changed;
      return delta.list;
    });
    const fs = snapshot.env.hosts.map((h) => {
      const delta = this.fsDelta(h);
      changed += delta.changed;
      return delta.fs;
    });
    // Plugin state: equal JSON is what "unchanged" means; the same frozen object is equal JSON.
    const extra = clusters.map((c, i) => Object.entries(c.extra).flatMap(([k, v]) => (this.extraUnchanged(i, k, v) ? [k] : [])));
    const env: EnvironmentSnapshot = {
      ...snapshot.env,
      clusters: clusters.map((c, i) => ({
        ...c,
        store: { ...c.store, objects: [] },
        extra: extra[i]!.length === 0 ? c.extra : { ...c.extra, ...Object.fromEntries(extra[i]!.map((k) => [k, null])) },
      })),
      hosts: snapshot.env.hosts.map((h, i) => (fs[i] === null ? h : { ...h, fs: null as unknown as FsSnapshot })),
    };
    return { delta: { session: { ...snapshot, env }, objects, fs, extra }, changed };
  }
}

/** The snapshot a delta was taken of, given its base (both as decoded from JSON). */
export function applyDelta(base: SessionSnapshot, delta: SnapshotDelta): SessionSnapshot {
  const env = delta.session.env;
  if (env.clusters.length !== base.env.clusters.length) throw new Error("a snapshot delta does not fit its base: the clusters differ");
  return {
    ...delta.session,
    env: {
      ...env,
      clusters: env.clusters.map((cluster, i) => {
        const baseCluster = base.env.clusters[i]!;
        const extraFromBase = delta.extra[i] ?? [];
        // Assigned over the nulls in place, so the keys keep their order.
        const extra = extraFromBase.length === 0 ? cluster.extra : { ...cluster.extra, ...Object.fromEntries(extraFromBase.map((k) => [k, baseCluster.extra[k]])) };
        return { ...cluster, store: { ...cluster.store, objects: expand(delta.objects[i]!, baseCluster.store.objects) }, extra };
      }),
      hosts: env.hosts.map((host, i) => {
        const fs = delta.fs[i];
        if (fs === null || fs === undefined) return host;
        const baseFs = base.env.hosts[typeof fs === "number" ? fs : fs.from]?.fs;
        if (!baseFs) throw new Error("a snapshot delta does not fit its base: a filesystem is missing");
        return { ...host, fs: typeof fs === "number" ? baseFs : { ...baseFs, entries: expand(fs.entries, baseFs.entries) } };
      }),
    },
  };
}
