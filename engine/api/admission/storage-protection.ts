import type { Controller, ControllerFactory } from "../../controllers/controller";
import { splitKey } from "../../controllers/controller";
import type { KubeObject } from "../types";
import { admissionForbidden, isCreateOf } from "./forbidden";
import type { AdmissionPlugin } from "./types";

/**
 * StorageObjectInUseProtection and PersistentVolumeClaimResize (plugin/pkg/admission/storage,
 * v1.33), with the pvc- and pv-protection controllers that make the finalizers mean something: a
 * claim stays Terminating while a pod uses it, a volume while it is bound.
 */

type Json = Record<string, unknown>;

export const PVC_PROTECTION = "kubernetes.io/pvc-protection";
export const PV_PROTECTION = "kubernetes.io/pv-protection";

function addFinalizer(obj: KubeObject, finalizer: string): void {
  const finalizers = obj.metadata.finalizers ?? [];
  if (!finalizers.includes(finalizer)) obj.metadata.finalizers = [...finalizers, finalizer];
}

export const storageObjectInUseProtection: AdmissionPlugin = {
  name: "StorageObjectInUseProtection",
  mutate(attrs) {
    if (isCreateOf(attrs, "", "persistentvolumeclaims")) addFinalizer(attrs.object!, PVC_PROTECTION);
    if (isCreateOf(attrs, "", "persistentvolumes")) addFinalizer(attrs.object!, PV_PROTECTION);
  },
};

/** Growing a bound claim needs a dynamically provisioned volume whose class allows expansion. */
export const persistentVolumeClaimResize: AdmissionPlugin = {
  name: "PersistentVolumeClaimResize",
  validate(attrs, ctx) {
    if (attrs.operation !== "UPDATE" || attrs.def.group !== "" || attrs.def.resource !== "persistentvolumeclaims" || attrs.subresource) return;
    const next = attrs.object!;
    const old = attrs.oldObject!;
    const storage = (o: KubeObject) => ((((o.spec as Json | undefined)?.resources as Json | undefined)?.requests as Json | undefined)?.storage as string | undefined);
    if (storage(next) === storage(old)) return;
    if ((old.status as Json | undefined)?.phase !== "Bound") return;
    const className = (next.spec as Json | undefined)?.storageClassName as string | undefined;
    const cls = className ? ctx.lookup("storage.k8s.io", "storageclasses", undefined, className) : undefined;
    if (!cls || cls.allowVolumeExpansion !== true) {
      throw admissionForbidden(attrs, "only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize");
    }
  },
};

function withoutFinalizer(obj: KubeObject, finalizer: string): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, finalizers: (obj.metadata.finalizers ?? []).filter((f) => f !== finalizer) } };
}

function claimInUse(pods: KubeObject[], claim: string): boolean {
  return pods.some((p) => {
    const phase = (p.status as Json | undefined)?.phase;
    if (phase === "Succeeded" || phase === "Failed") return false;
    return (((p.spec as Json | undefined)?.volumes ?? []) as Json[]).some((v) => (v.persistentVolumeClaim as Json | undefined)?.claimName === claim);
  });
}

export const pvcProtectionController: ControllerFactory = ({ client }): Controller => {
  const store = client.server.store;
  return {
    name: "pvc-protection-controller",
    watches: ["/persistentvolumeclaims", "/pods"],
    keysFor(event) {
      if (event.typeKey === "/persistentvolumeclaims") return [`${event.object.metadata.namespace}/${event.object.metadata.name}`];
      const ns = event.object.metadata.namespace;
      return (((event.object.spec as Json | undefined)?.volumes ?? []) as Json[])
        .map((v) => (v.persistentVolumeClaim as Json | undefined)?.claimName)
        .filter((c): c is string => typeof c === "string")
        .map((c) => `${ns}/${c}`);
    },
    resync: () => store.list("/persistentvolumeclaims").filter((c) => c.metadata.deletionTimestamp).map((c) => `${c.metadata.namespace}/${c.metadata.name}`),
    reconcile(key) {
      const { namespace, name } = splitKey(key);
      const claim = store.get("/persistentvolumeclaims", namespace, name);
      if (!claim?.metadata.deletionTimestamp || !(claim.metadata.finalizers ?? []).includes(PVC_PROTECTION)) return;
      if (claimInUse(store.list("/pods", namespace), name)) return;
      client.update(withoutFinalizer(claim, PVC_PROTECTION));
    },
  };
};

export const pvProtectionController: ControllerFactory = ({ client }): Controller => {
  const store = client.server.store;
  return {
    name: "pv-protection-controller",
    watches: ["/persistentvolumes"],
    resync: () => store.list("/persistentvolumes").filter((v) => v.metadata.deletionTimestamp).map((v) => v.metadata.name!),
    reconcile(name) {
      const volume = store.get("/persistentvolumes", undefined, name);
      if (!volume?.metadata.deletionTimestamp || !(volume.metadata.finalizers ?? []).includes(PV_PROTECTION)) return;
      if ((volume.status as Json | undefined)?.phase === "Bound") return;
      client.update(withoutFinalizer(volume, PV_PROTECTION));
    },
  };
};
