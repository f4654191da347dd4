import { createHash } from "node:crypto";
import type { KubeObject } from "../../api/types";
import type { StoreSnapshot } from "../../api/store";
import type { Cluster } from "../../cluster/cluster";

/**
 * The simulated etcd: the ObjectStore is its keyspace, under the keys the kube-apiserver uses
 * (/registry/<resource>/<namespace>/<name>, with the API server's historical exceptions such as
 * /registry/minions for nodes and /registry/services/specs). Snapshots are the store's state in a
 * file of our own format, read back by `etcdctl snapshot restore` and by etcd on start.
 */
const SPECIAL: Record<string, string> = {
  "/nodes": "minions",
  "/services": "services/specs",
  "/endpoints": "services/endpoints",
  "networking.k8s.io/ingresses": "ingress",
  "apiextensions.k8s.io/customresourcedefinitions": "apiextensions.k8s.io/customresourcedefinitions",
  "apiregistration.k8s.io/apiservices": "apiregistration.k8s.io/apiservices",
};

export function etcdKey(cluster: Cluster, typeKey: string, obj: KubeObject): string {
  const [group, resource] = typeKey.split("/");
  const def = cluster.registry.get(group, resource);
  const prefix = SPECIAL[typeKey] ?? (def?.custom ? `${group}/${resource}` : (def?.etcdPrefix ?? resource));
  return `/registry/${prefix}/${obj.metadata.namespace ? `${obj.metadata.namespace}/` : ""}${obj.metadata.name}`;
}

/** Every key with its object, in etcd's byte order. */
export function etcdEntries(cluster: Cluster): { key: string; typeKey: string; obj: KubeObject }[] {
  const entries: { key: string; typeKey: string; obj: KubeObject }[] = [];
  for (const typeKey of cluster.store.typeKeys()) for (const obj of cluster.store.list(typeKey)) entries.push({ key: etcdKey(cluster, typeKey, obj), typeKey, obj });
  // etcd keeps a few keys of its own and of the API server's alongside the objects.
  return entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export const SNAPSHOT_MAGIC = "KUBECOACH-ETCD-SNAPSHOT/1";

export interface EtcdSnapshotFile {
  magic: typeof SNAPSHOT_MAGIC;
  revision: number;
  keys: number;
  store: StoreSnapshot;
}

export function encodeSnapshot(cluster: Cluster): string {
  const store = cluster.store.snapshot();
  const file: EtcdSnapshotFile = { magic: SNAPSHOT_MAGIC, revision: store.revision, keys: store.objects.length, store };
  return JSON.stringify(file);
}

export function decodeSnapshot(text: string | undefined): EtcdSnapshotFile | undefined {
  if (!text || !text.startsWith(`{"magic":"${SNAPSHOT_MAGIC}"`)) return undefined;
  try {
    return JSON.parse(text) as EtcdSnapshotFile;
  } catch {
    return undefined;
  }
}

export function snapshotHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 8);
}

/** go-humanize's Bytes: "5.6 MB", "981 kB". */
export function humanBytes(n: number): string {
  if (n < 10) return `${n} B`;
  const units = ["B", "kB", "MB", "GB", "TB"];
  const e = Math.min(Math.floor(Math.log(n) / Math.log(1000)), units.length - 1);
  const v = n / 1000 ** e;
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[e]}`;
}

const RESTORED_KEY = "etcd/restoredFrom";

/**
 * etcd starting on a data directory: a directory restored from a snapshot carries that state,
 * which replaces the cluster's (the API server then serves it); the original directory is live.
 */
export function loadDataDir(cluster: Cluster, db: string | undefined): void {
  const snapshot = decodeSnapshot(db);
  if (!snapshot) return;
  const id = snapshotHash(db!);
  if (cluster.extra[RESTORED_KEY] === id) return;
  cluster.setPluginState(RESTORED_KEY, id);
  // A restored member starts a new revision history past the snapshot's.
  cluster.store.restore({ ...snapshot.store, revision: Math.max(snapshot.store.revision, cluster.store.currentRevision) + 1 });
  cluster.controllers.resyncAll();
}
