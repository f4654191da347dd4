import type { Node, PersistentVolume, PersistentVolumeClaim, Pod } from "kubernetes-types/core/v1";
import type { StorageClass } from "kubernetes-types/storage/v1";
import type { ObjectStore } from "../../api/store";
import { termMatches } from "../node-selectors";
import { reject, SKIP, type FilterPlugin } from "../framework";
import { findMatchingVolume } from "../../controllers/volumes/matching";

/** The claims a pod's volumes name: persistentVolumeClaim volumes and generic ephemeral volumes (`<pod>-<volume>`). */
export function podClaimNames(pod: Pod): string[] {
  const out: string[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    if (v.persistentVolumeClaim) out.push(v.persistentVolumeClaim.claimName);
    else if (v.ephemeral) out.push(`${pod.metadata!.name}-${v.name}`);
  }
  return out;
}

export function defaultStorageClass(store: ObjectStore): StorageClass | undefined {
  const defaults = store
    .list("storage.k8s.io/storageclasses")
    .filter((sc) => sc.metadata.annotations?.["storageclass.kubernetes.io/is-default-class"] === "true") as unknown as StorageClass[];
  // With several defaults the newest wins, as the DefaultStorageClass admission plugin picks.
  return defaults.sort((a, b) => String(b.metadata?.creationTimestamp).localeCompare(String(a.metadata?.creationTimestamp)))[0];
}

export function claimClass(store: ObjectStore, claim: PersistentVolumeClaim): StorageClass | undefined {
  const name = claim.spec?.storageClassName;
  if (name === "") return undefined;
  if (name === undefined || name === null) return undefined;
  return store.get("storage.k8s.io/storageclasses", undefined, name) as unknown as StorageClass | undefined;
}

export function isWaitForFirstConsumer(store: ObjectStore, claim: PersistentVolumeClaim): boolean {
  return claimClass(store, claim)?.volumeBindingMode === "WaitForFirstConsumer";
}

interface VolumeState {
  bound: PersistentVolume[];
  delayed: PersistentVolumeClaim[];
}

export function pvNodeAffinityMatches(pv: PersistentVolume, node: Node): boolean {
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (!terms) return true;
  return terms.some((t) => termMatches(t, node));
}

/** VolumeBinding: claims must exist, Immediate claims must be bound, and volumes must be reachable from the node. */
export const volumeBinding: FilterPlugin = {
  name: "VolumeBinding",
  preFilter(cycle) {
    const claims = podClaimNames(cycle.pod);
    const state: VolumeState = { bound: [], delayed: [] };
    cycle.data.set("VolumeBinding", state);
    if (claims.length === 0) return SKIP;
    const store = cycle.cache.store;
    const namespace = cycle.pod.metadata!.namespace;
    let unboundImmediate = false;
    for (const name of claims) {
      const claim = store.get("/persistentvolumeclaims", namespace, name) as unknown as PersistentVolumeClaim | undefined;
      if (!claim) return reject("VolumeBinding", "UnschedulableAndUnresolvable", `persistentvolumeclaim "${name}" not found`);
      if (claim.metadata?.deletionTimestamp) return reject("VolumeBinding", "UnschedulableAndUnresolvable", `persistentvolumeclaim "${name}" is being deleted`);
      if (claim.spec?.volumeName) {
        const pv = store.get("/persistentvolumes", undefined, claim.spec.volumeName) as unknown as PersistentVolume | undefined;
        if (pv) state.bound.push(pv);
      } else if (isWaitForFirstConsumer(store, claim)) {
        state.delayed.push(claim);
      } else {
        unboundImmediate = true;
      }
    }
    if (unboundImmediate) return reject("VolumeBinding", "UnschedulableAndUnresolvable", "pod has unbound immediate PersistentVolumeClaims");
    return state.bound.length === 0 && state.delayed.length === 0 ? SKIP : undefined;
  },
  filter(cycle, node) {
    const state = cycle.data.get("VolumeBinding") as VolumeState;
    if (state.bound.length === 0 && state.delayed.length === 0) return undefined;
    if (state.bound.some((pv) => !pvNodeAffinityMatches(pv, node.node!))) {
      return reject("VolumeBinding", "UnschedulableAndUnresolvable", "node(s) had volume node affinity conflict");
    }
    const store = cycle.cache.store;
    const taken = new Set<string>();
    for (const claim of state.delayed) {
      const pv = findMatchingVolume(store, claim, { node: node.node!, exclude: taken });
      if (pv) {
        taken.add(pv.metadata!.name!);
        continue;
      }
      // No static volume: fine if the class can provision one on this node.
      const sc = claimClass(store, claim);
      if (!sc || sc.provisioner === "kubernetes.io/no-provisioner") {
        return reject("VolumeBinding", "UnschedulableAndUnresolvable", "node(s) didn't find available persistent volumes to bind");
      }
    }
    return undefined;
  },
};
