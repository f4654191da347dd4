import type { Node, PersistentVolume, PersistentVolumeClaim } from "kubernetes-types/core/v1";
import { tryQuantity } from "../../api/quantity";
import { matchesLabelSelector } from "../../api/selectors/labels";
import type { ObjectStore } from "../../api/store";
import { termMatches } from "../../scheduler/node-selectors";

export function storageBytes(value: unknown): number {
  return tryQuantity(value)?.value() ?? 0;
}

export function claimRequest(claim: PersistentVolumeClaim): number {
  return storageBytes(claim.spec?.resources?.requests?.storage);
}

export function pvCapacity(pv: PersistentVolume): number {
  return storageBytes(pv.spec?.capacity?.storage);
}

/** "" and unset both mean "no class" for matching, as the binder's GetPersistentVolumeClaimClass does. */
export function claimClassName(claim: PersistentVolumeClaim): string {
  return claim.spec?.storageClassName ?? "";
}

function pvClassName(pv: PersistentVolume): string {
  return pv.spec?.storageClassName ?? "";
}

/** Whether the PV is pre-bound (claimRef) to exactly this claim. */
export function isPreBoundTo(pv: PersistentVolume, claim: PersistentVolumeClaim): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref) return false;
  return ref.name === claim.metadata?.name && (ref.namespace ?? "") === (claim.metadata?.namespace ?? "") && (!ref.uid || ref.uid === claim.metadata?.uid);
}

/** Whether `pv` could serve `claim` at all, leaving capacity for the caller to rank. */
export function volumeFits(pv: PersistentVolume, claim: PersistentVolumeClaim, node?: Node): boolean {
  if (pv.metadata?.deletionTimestamp) return false;
  if (pv.spec?.claimRef && !isPreBoundTo(pv, claim)) return false;
  if (!pv.spec?.claimRef && (pv.status?.phase ?? "Available") !== "Available") return false;
  if (claim.spec?.volumeName && claim.spec.volumeName !== pv.metadata?.name) return false;
  if (pvClassName(pv) !== claimClassName(claim)) return false;
  if ((pv.spec?.volumeMode ?? "Filesystem") !== (claim.spec?.volumeMode ?? "Filesystem")) return false;
  const modes = pv.spec?.accessModes ?? [];
  if (!(claim.spec?.accessModes ?? []).every((m) => modes.includes(m))) return false;
  if (pvCapacity(pv) < claimRequest(claim)) return false;
  if (claim.spec?.selector && !matchesLabelSelector(claim.spec.selector, pv.metadata?.labels)) return false;
  if (node) {
    const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
    if (terms && !terms.some((t) => termMatches(t, node))) return false;
  }
  return true;
}

/**
 * The binder's findBestMatchForClaim: a volume pre-bound to the claim wins; otherwise the smallest
 * volume that satisfies class, mode, access modes, size and selector (and, for WaitForFirstConsumer,
 * the node the pod is going to).
 */
export function findMatchingVolume(
  store: ObjectStore,
  claim: PersistentVolumeClaim,
  options: { node?: Node; exclude?: ReadonlySet<string> } = {},
): PersistentVolume | undefined {
  let best: PersistentVolume | undefined;
  for (const obj of store.list("/persistentvolumes")) {
    const pv = obj as unknown as PersistentVolume;
    if (options.exclude?.has(pv.metadata!.name!)) continue;
    if (!volumeFits(pv, claim, options.node)) continue;
    if (isPreBoundTo(pv, claim)) return pv;
    if (!best || pvCapacity(pv) < pvCapacity(best)) best = pv;
  }
  return best;
}
