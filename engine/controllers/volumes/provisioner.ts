import type { PersistentVolumeClaim } from "kubernetes-types/core/v1";
import type { StorageClass } from "kubernetes-types/storage/v1";
import { ApiError } from "../../api/errors";
import type { KubeObject } from "../../api/types";
import { splitKey, type ControllerFactory } from "../controller";
import { EventRecorder } from "../events";
import { SELECTED_NODE, STORAGE_PROVISIONER } from "./binder";

export const LOCAL_PATH_PROVISIONER = "rancher.io/local-path";

/** The StorageClass labs ship (rancher local-path-provisioner): the cluster's default, binding on first consumer. */
export const LOCAL_PATH_STORAGE_CLASS: KubeObject = {
  apiVersion: "storage.k8s.io/v1",
  kind: "StorageClass",
  metadata: { name: "local-path", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
  provisioner: LOCAL_PATH_PROVISIONER,
  reclaimPolicy: "Delete",
  volumeBindingMode: "WaitForFirstConsumer",
};

/**
 * The local-path provisioner: creates a hostPath volume `pvc-<claim uid>` on the node the claim's
 * first pod was scheduled to (or any node for Immediate classes), and deletes released volumes it
 * made when their reclaim policy is Delete.
 */
export const localPathProvisioner: ControllerFactory = ({ client, clock, random }) => {
  // The provisioner pod's identity as it signs its events. Fixed rather than drawn from the seeded
  // random source: plugins install again on restore, and a draw here would shift every later one.
  const identity = `${LOCAL_PATH_PROVISIONER}_local-path-provisioner-7599fd788b-m4t7x_3f1c9a62-5d0e-4b8a-9c27-6e4d2b1f8a05`;
  const recorder = new EventRecorder(client, clock, random, { component: identity });
  const store = client.server.store;
  return {
    name: "local-path-provisioner",
    watches: ["/persistentvolumeclaims", "/persistentvolumes"],
    keysFor(event) {
      if (event.typeKey === "/persistentvolumes") return event.type === "DELETED" ? [] : [`volume|${event.object.metadata.name}`];
      return event.type === "DELETED" ? [] : [`claim|${event.object.metadata.namespace}/${event.object.metadata.name}`];
    },
    resync: () => [
      ...store.list("/persistentvolumeclaims").map((c) => `claim|${c.metadata.namespace}/${c.metadata.name}`),
      ...store.list("/persistentvolumes").map((v) => `volume|${v.metadata.name}`),
    ],
    reconcile(key) {
      const rest = key.slice(key.indexOf("|") + 1);
      if (key.startsWith("volume|")) return deleteReleased(rest);
      const { namespace, name } = splitKey(rest);
      const obj = store.get("/persistentvolumeclaims", namespace, name);
      const claim = obj as unknown as PersistentVolumeClaim | undefined;
      if (!obj || !claim || claim.spec?.volumeName || obj.metadata.deletionTimestamp) return;
      if (obj.metadata.annotations?.[STORAGE_PROVISIONER] !== LOCAL_PATH_PROVISIONER) return;
      const sc = store.get("storage.k8s.io/storageclasses", undefined, claim.spec?.storageClassName ?? "") as unknown as StorageClass | undefined;
      if (!sc || sc.provisioner !== LOCAL_PATH_PROVISIONER) return;
      const pvName = `pvc-${obj.metadata.uid}`;
      if (store.get("/persistentvolumes", undefined, pvName)) return;
      const node = obj.metadata.annotations?.[SELECTED_NODE] ?? store.list("/nodes")[0]?.metadata.name;
      if (!node) return;
      recorder.normal(obj, "Provisioning", `External provisioner is provisioning volume for claim "${namespace}/${name}"`);
      try {
        client.create({
          apiVersion: "v1",
          kind: "PersistentVolume",
          metadata: { name: pvName, annotations: { "local.path.provisioner/selected-node": node, "pv.kubernetes.io/provisioned-by": LOCAL_PATH_PROVISIONER } },
          spec: {
            accessModes: claim.spec?.accessModes,
            capacity: { storage: claim.spec?.resources?.requests?.storage ?? "0" },
            claimRef: { apiVersion: "v1", kind: "PersistentVolumeClaim", name, namespace, resourceVersion: obj.metadata.resourceVersion, uid: obj.metadata.uid },
            hostPath: { path: `/opt/local-path-provisioner/${pvName}_${namespace}_${name}`, type: "DirectoryOrCreate" },
            nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: [node] }] }] } },
            persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? "Delete",
            storageClassName: sc.metadata!.name,
            volumeMode: claim.spec?.volumeMode ?? "Filesystem",
          },
        });
        recorder.normal(obj, "ProvisioningSucceeded", `Successfully provisioned volume ${pvName}`);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        recorder.warning(obj, "ProvisioningFailed", `failed to provision volume with StorageClass "${sc.metadata!.name}": ${e.message}`);
      }
    },
  };

  function deleteReleased(name: string): void {
    const pv = store.get("/persistentvolumes", undefined, name);
    if (!pv || pv.metadata.deletionTimestamp) return;
    if (pv.metadata.annotations?.["pv.kubernetes.io/provisioned-by"] !== LOCAL_PATH_PROVISIONER) return;
    const spec = pv.spec as { persistentVolumeReclaimPolicy?: string };
    if ((pv.status as { phase?: string } | undefined)?.phase !== "Released" || spec.persistentVolumeReclaimPolicy !== "Delete") return;
    try {
      client.delete("", "persistentvolumes", undefined, name);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }
};
