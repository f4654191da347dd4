import type { Node, PersistentVolume, PersistentVolumeClaim } from "kubernetes-types/core/v1";
import type { StorageClass } from "kubernetes-types/storage/v1";
import type { ApiClient } from "../../api/client";
import { ApiError } from "../../api/errors";
import type { KubeObject } from "../../api/types";
import { defaultStorageClass } from "../../scheduler/plugins/volume-binding";
import { splitKey, type ControllerFactory } from "../controller";
import { EventRecorder } from "../events";
import { findMatchingVolume, isPreBoundTo } from "./matching";
import { recycledVolumeOf, volumeRecycler } from "./recycler";

export const BIND_COMPLETED = "pv.kubernetes.io/bind-completed";
export const BOUND_BY_CONTROLLER = "pv.kubernetes.io/bound-by-controller";
export const SELECTED_NODE = "volume.kubernetes.io/selected-node";
export const STORAGE_PROVISIONER = "volume.kubernetes.io/storage-provisioner";
const BETA_STORAGE_PROVISIONER = "volume.beta.kubernetes.io/storage-provisioner";

type Claim = PersistentVolumeClaim & KubeObject;
type Volume = PersistentVolume & KubeObject;

function tryWrite<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return undefined;
  }
}

function setPhase(client: ApiClient, kind: "persistentvolumes" | "persistentvolumeclaims", obj: KubeObject, status: Record<string, unknown>, now: string): void {
  const old = (obj.status ?? {}) as Record<string, unknown>;
  const changedPhase = old.phase !== status.phase;
  const next = { ...old, ...status, ...(kind === "persistentvolumes" && changedPhase ? { lastPhaseTransitionTime: now } : {}) };
  if (JSON.stringify(next) === JSON.stringify(old)) return;
  tryWrite(() => client.patchStatus("", kind, obj.metadata.namespace, obj.metadata.name!, next));
}

/**
 * The PersistentVolume controller (persistentvolume-binder): binds claims to the best matching
 * volume (class, mode, access modes, size, selector), asks the class's provisioner for a volume when
 * none matches (after the first consumer is scheduled for WaitForFirstConsumer), and releases,
 * deletes or recycles volumes by their reclaim policy when their claim goes.
 */
export const persistentVolumeBinder: ControllerFactory = (ctx) => {
  const { client, clock, random } = ctx;
  const recorder = new EventRecorder(client, clock, random, { component: "persistentvolume-controller" });
  const store = client.server.store;
  const recycler = volumeRecycler({
    client,
    recorder,
    ctx,
    failVolume(volume, reason, message) {
      if (volume.status?.phase === "Failed") return;
      setPhase(client, "persistentvolumes", volume, { phase: "Failed", message }, clock.nowRfc3339());
      recorder.warning(volume, reason, message);
    },
    unbind(volume) {
      const byController = volume.metadata.annotations?.[BOUND_BY_CONTROLLER] !== undefined;
      tryWrite(() =>
        client.patch("", "persistentvolumes", undefined, volume.metadata.name!, byController ? { metadata: { annotations: { [BOUND_BY_CONTROLLER]: null } }, spec: { claimRef: null } } : { spec: { claimRef: { uid: null } } }),
      );
      const fresh = store.get("/persistentvolumes", undefined, volume.metadata.name!) as Volume | undefined;
      if (fresh) setPhase(client, "persistentvolumes", fresh, { phase: "Available", message: null }, clock.nowRfc3339());
    },
  });
  const claimKeys = () => store.list("/persistentvolumeclaims").map((c) => `claim|${c.metadata.namespace}/${c.metadata.name}`);
  return {
    name: "persistentvolume-binder",
    watches: ["/persistentvolumeclaims", "/persistentvolumes", "storage.k8s.io/storageclasses", "/pods", "/events"],
    keysFor(event) {
      const o = event.object;
      // The recycler watches its pod, and the events about it as they are created.
      if (event.typeKey === "/pods") {
        const volume = recycledVolumeOf(o);
        return volume ? [`${event.type === "DELETED" ? "recycler-gone" : "volume"}|${volume}`] : [];
      }
      if (event.typeKey === "/events") {
        const involved = o.involvedObject as { kind?: string; namespace?: string; name?: string } | undefined;
        const volume = event.type === "ADDED" && involved?.kind === "Pod" ? recycledVolumeOf({ metadata: { namespace: involved.namespace, name: involved.name } } as KubeObject) : undefined;
        return volume ? [`relay|${volume}|${o.metadata.name}`] : [];
      }
      if (event.typeKey === "/persistentvolumeclaims") {
        const volume = (o.spec as PersistentVolumeClaim["spec"])?.volumeName;
        return [`claim|${o.metadata.namespace}/${o.metadata.name}`, ...(volume ? [`volume|${volume}`] : [])];
      }
      if (event.typeKey === "/persistentvolumes") {
        if (event.type === "DELETED") return [];
        const ref = (o.spec as PersistentVolume["spec"])?.claimRef;
        const unboundClaims = store
          .list("/persistentvolumeclaims")
          .filter((c) => !(c.spec as PersistentVolumeClaim["spec"])?.volumeName)
          .map((c) => `claim|${c.metadata.namespace}/${c.metadata.name}`);
        return [`volume|${o.metadata.name}`, ...(ref ? [`claim|${ref.namespace}/${ref.name}`] : []), ...unboundClaims];
      }
      return claimKeys();
    },
    resync: () => [...store.list("/persistentvolumes").map((v) => `volume|${v.metadata.name}`), ...claimKeys()],
    reconcile(key) {
      const [kind, rest] = [key.slice(0, key.indexOf("|")), key.slice(key.indexOf("|") + 1)];
      if (kind === "claim") syncClaim(rest);
      else if (kind === "volume") syncVolume(rest);
      else {
        const [volumeName, eventName] = rest.split("|");
        const volume = store.get("/persistentvolumes", undefined, volumeName) as Volume | undefined;
        if (!volume) return;
        if (kind === "recycler-gone") recycler.podGone(volume);
        else {
          const event = store.get("/events", "default", eventName);
          if (event) recycler.relay(volume, event);
        }
      }
    },
  };

  function syncClaim(key: string): void {
    const { namespace, name } = splitKey(key);
    const claim = client.get("", "persistentvolumeclaims", namespace, name) as Claim | undefined;
    if (!claim || claim.metadata.deletionTimestamp) return;
    const now = clock.nowRfc3339();
    // Retroactive default class: a claim that names no class gets the default once one exists.
    if (claim.spec?.storageClassName === undefined || claim.spec.storageClassName === null) {
      const def = defaultStorageClass(store);
      if (def && !claim.spec?.volumeName) {
        tryWrite(() => client.patch("", "persistentvolumeclaims", namespace, name, { spec: { storageClassName: def.metadata!.name } }));
        return;
      }
    }
    if (claim.spec?.volumeName) {
      const volume = store.get("/persistentvolumes", undefined, claim.spec.volumeName) as Volume | undefined;
      if (!volume) {
        setPhase(client, "persistentvolumeclaims", claim, { phase: "Lost" }, now);
        recorder.warning(claim, "ClaimLost", "Bound claim has lost reference to PersistentVolume. Data on the volume is lost!");
        return;
      }
      if (!volume.spec?.claimRef) bindVolumeToClaim(volume, claim);
      else if (volume.spec.claimRef.uid && volume.spec.claimRef.uid !== claim.metadata.uid) {
        setPhase(client, "persistentvolumeclaims", claim, { phase: "Lost" }, now);
        return;
      }
      completeBinding(claim, volume);
      return;
    }
    const sc = claim.spec?.storageClassName ? (store.get("storage.k8s.io/storageclasses", undefined, claim.spec.storageClassName) as unknown as StorageClass | undefined) : undefined;
    const delayed = sc?.volumeBindingMode === "WaitForFirstConsumer";
    const selectedNode = claim.metadata.annotations?.[SELECTED_NODE];
    // A volume made for this claim (pre-bound, as a provisioner creates it) binds whatever the mode;
    // otherwise Immediate claims match now and delayed ones once the scheduler has picked a node.
    const node = selectedNode ? (store.get("/nodes", undefined, selectedNode) as unknown as Node | undefined) : undefined;
    const preBound = store.list("/persistentvolumes").find((v) => isPreBoundTo(v as unknown as PersistentVolume, claim)) as Volume | undefined;
    const volume = preBound ?? (!delayed || node ? (findMatchingVolume(store, claim, { node }) as Volume | undefined) : undefined);
    if (volume) {
      bindVolumeToClaim(volume, claim);
      return;
    }
    setPhase(client, "persistentvolumeclaims", claim, { phase: "Pending" }, now);
    if (!claim.spec?.storageClassName) {
      recorder.normal(claim, "FailedBinding", "no persistent volumes available for this claim and no storage class is set");
      return;
    }
    if (!sc) {
      recorder.warning(claim, "ProvisioningFailed", `storageclass.storage.k8s.io "${claim.spec.storageClassName}" not found`);
      return;
    }
    if (delayed && !selectedNode) {
      recorder.normal(claim, "WaitForFirstConsumer", "waiting for first consumer to be created before binding");
      return;
    }
    if (sc.provisioner === "kubernetes.io/no-provisioner") {
      recorder.normal(claim, "FailedBinding", "no persistent volumes available for this claim and no storage class is set");
      return;
    }
    if (claim.metadata.annotations?.[STORAGE_PROVISIONER] !== sc.provisioner) {
      tryWrite(() =>
        client.patch("", "persistentvolumeclaims", namespace, name, {
          metadata: { annotations: { [STORAGE_PROVISIONER]: sc.provisioner, [BETA_STORAGE_PROVISIONER]: sc.provisioner } },
        }),
      );
    }
    recorder.normal(
      claim,
      "ExternalProvisioning",
      `Waiting for a volume to be created either by the external provisioner '${sc.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
    );
  }

  function bindVolumeToClaim(volume: Volume, claim: Claim): void {
    const alreadyRefers = !!volume.spec?.claimRef?.uid && isPreBoundTo(volume, claim);
    if (!alreadyRefers) tryWrite(() =>
      client.patch("", "persistentvolumes", undefined, volume.metadata.name!, {
        metadata: volume.spec?.claimRef ? {} : { annotations: { [BOUND_BY_CONTROLLER]: "yes" } },
        spec: {
          claimRef: { kind: "PersistentVolumeClaim", namespace: claim.metadata.namespace, name: claim.metadata.name, uid: claim.metadata.uid, apiVersion: "v1", resourceVersion: claim.metadata.resourceVersion },
        },
      }),
    );
    const fresh = store.get("/persistentvolumes", undefined, volume.metadata.name!) as Volume;
    setPhase(client, "persistentvolumes", fresh, { phase: "Bound" }, clock.nowRfc3339());
    completeBinding(claim, fresh);
  }

  function completeBinding(claim: Claim, volume: Volume): void {
    const annotations = claim.metadata.annotations ?? {};
    if (!claim.spec?.volumeName || annotations[BIND_COMPLETED] !== "yes") {
      tryWrite(() =>
        client.patch("", "persistentvolumeclaims", claim.metadata.namespace, claim.metadata.name!, {
          metadata: { annotations: { [BIND_COMPLETED]: "yes", ...(claim.spec?.volumeName ? {} : { [BOUND_BY_CONTROLLER]: "yes" }) } },
          spec: { volumeName: volume.metadata.name },
        }),
      );
    }
    const fresh = store.get("/persistentvolumeclaims", claim.metadata.namespace, claim.metadata.name!) as Claim | undefined;
    if (fresh) {
      setPhase(client, "persistentvolumeclaims", fresh, { phase: "Bound", accessModes: volume.spec?.accessModes, capacity: volume.spec?.capacity }, clock.nowRfc3339());
    }
    if ((volume.status?.phase ?? "") !== "Bound") setPhase(client, "persistentvolumes", volume, { phase: "Bound" }, clock.nowRfc3339());
  }

  function syncVolume(name: string): void {
    const volume = client.get("", "persistentvolumes", undefined, name) as Volume | undefined;
    if (!volume) {
      recycler.abandoned(name);
      return;
    }
    if (volume.metadata.deletionTimestamp) return;
    const now = clock.nowRfc3339();
    const ref = volume.spec?.claimRef;
    if (!ref) {
      setPhase(client, "persistentvolumes", volume, { phase: "Available" }, now);
      return;
    }
    const claim = store.get("/persistentvolumeclaims", ref.namespace, ref.name!) as Claim | undefined;
    if (claim && (!ref.uid || claim.metadata.uid === ref.uid)) {
      if (!claim.spec?.volumeName && !ref.uid) return;
      if (claim.spec?.volumeName === name || !claim.spec?.volumeName) {
        setPhase(client, "persistentvolumes", volume, { phase: "Bound" }, now);
        return;
      }
    }
    if (!ref.uid) {
      // Pre-bound to a claim that does not exist yet: the volume waits for it.
      setPhase(client, "persistentvolumes", volume, { phase: "Available" }, now);
      return;
    }
    // The claim is gone: reclaim. A Failed volume stays Failed (the learner sees what went wrong) while reclaiming is retried.
    const policy = volume.spec?.persistentVolumeReclaimPolicy ?? "Retain";
    if (policy === "Retain") {
      setPhase(client, "persistentvolumes", volume, { phase: "Released" }, now);
    } else if (policy === "Recycle") {
      if (volume.status?.phase !== "Failed") setPhase(client, "persistentvolumes", volume, { phase: "Released" }, now);
      recycler.recycle(store.get("/persistentvolumes", undefined, name) as Volume);
    } else if (policy === "Delete") {
      setPhase(client, "persistentvolumes", volume, { phase: "Released" }, now);
      const provisionedBy = volume.metadata.annotations?.["pv.kubernetes.io/provisioned-by"];
      if (provisionedBy) return; // its provisioner deletes it
      const path = volume.spec?.hostPath?.path;
      if (volume.spec?.hostPath && !/^\/tmp\/.+/.test(path ?? "")) {
        setPhase(client, "persistentvolumes", store.get("/persistentvolumes", undefined, name) as Volume, { phase: "Failed", message: `host_path deleter only supports /tmp/.+ but received provided ${path}` }, now);
        recorder.warning(volume, "VolumeFailedDelete", `host_path deleter only supports /tmp/.+ but received provided ${path}`);
        return;
      }
      tryWrite(() => client.delete("", "persistentvolumes", undefined, name));
    }
  }
};
