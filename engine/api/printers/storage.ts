import type { PersistentVolume, PersistentVolumeClaim } from "kubernetes-types/core/v1";
import type { CSIDriver, CSINode, CSIStorageCapacity, StorageClass, VolumeAttachment } from "kubernetes-types/storage/v1";
import { canonicalQuantity } from "../quantity";
import { column, NAME_COLUMN, type TablePrinter } from "../table";
import { AGE_COLUMN, creationAge, docColumn } from "./format";

/** PersistentVolumes, claims and storage.k8s.io tables of printers.go (v1.33). */

/** helper.GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order, each once. */
export function accessModes(modes: string[] | undefined): string {
  const set = new Set(modes ?? []);
  const out: string[] = [];
  if (set.has("ReadWriteOnce")) out.push("RWO");
  if (set.has("ReadOnlyMany")) out.push("ROX");
  if (set.has("ReadWriteMany")) out.push("RWX");
  if (set.has("ReadWriteOncePod")) out.push("RWOP");
  return out.join(",");
}

const BETA_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class";

/** A missing quantity prints as "0", the zero Quantity's String(). */
function quantityCell(value: unknown): string {
  if (value === undefined || value === null) return "0";
  try {
    return canonicalQuantity(value);
  } catch {
    return String(value);
  }
}

type PVSpecWithVAC = NonNullable<PersistentVolume["spec"]> & { volumeAttributesClassName?: string };
type PVCSpecWithVAC = NonNullable<PersistentVolumeClaim["spec"]> & { volumeAttributesClassName?: string };

export const persistentVolumePrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    docColumn("Capacity", "string", "pv.capacity"),
    docColumn("Access Modes", "string", "pv.accessModes"),
    docColumn("Reclaim Policy", "string", "pv.reclaimPolicy"),
    docColumn("Status", "string", "pv.phase"),
    docColumn("Claim", "string", "pv.claimRef"),
    column("StorageClass", "string", "StorageClass of the pv"),
    column("VolumeAttributesClass", "string", "VolumeAttributesClass of the pv"),
    docColumn("Reason", "string", "pv.reason"),
    AGE_COLUMN,
    docColumn("VolumeMode", "string", "pv.volumeMode", { priority: 1 }),
  ],
  rows: (obj, ctx) => {
    const pv = obj as unknown as PersistentVolume;
    const spec = (pv.spec ?? {}) as PVSpecWithVAC;
    const claim = spec.claimRef ? `${spec.claimRef.namespace ?? ""}/${spec.claimRef.name ?? ""}` : "";
    const phase = obj.metadata.deletionTimestamp ? "Terminating" : pv.status?.phase ?? "";
    const storageClass = obj.metadata.annotations?.[BETA_CLASS_ANNOTATION] ?? spec.storageClassName ?? "";
    return [
      [
        obj.metadata.name,
        quantityCell(spec.capacity?.storage),
        accessModes(spec.accessModes),
        spec.persistentVolumeReclaimPolicy ?? "",
        phase,
        claim,
        storageClass,
        spec.volumeAttributesClassName ?? "<unset>",
        pv.status?.reason ?? "",
        creationAge(obj, ctx.now),
        spec.volumeMode ?? "<unset>",
      ],
    ];
  },
};

export const persistentVolumeClaimPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    docColumn("Status", "string", "pvc.phase"),
    docColumn("Volume", "string", "pvc.volumeName"),
    docColumn("Capacity", "string", "pvc.capacity"),
    docColumn("Access Modes", "string", "pvc.accessModes"),
    column("StorageClass", "string", "StorageClass of the pvc"),
    column("VolumeAttributesClass", "string", "VolumeAttributesClass of the pvc"),
    AGE_COLUMN,
    docColumn("VolumeMode", "string", "pvc.volumeMode", { priority: 1 }),
  ],
  rows: (obj, ctx) => {
    const pvc = obj as unknown as PersistentVolumeClaim;
    const spec = (pvc.spec ?? {}) as PVCSpecWithVAC;
    const phase = obj.metadata.deletionTimestamp ? "Terminating" : pvc.status?.phase ?? "";
    let capacity = "";
    let modes = "";
    if (spec.volumeName) {
      modes = accessModes(pvc.status?.accessModes);
      capacity = quantityCell(pvc.status?.capacity?.storage);
    }
    const storageClass = obj.metadata.annotations?.[BETA_CLASS_ANNOTATION] ?? spec.storageClassName ?? "";
    return [
      [
        obj.metadata.name,
        phase,
        spec.volumeName ?? "",
        capacity,
        modes,
        storageClass,
        spec.volumeAttributesClassName ?? "<unset>",
        creationAge(obj, ctx.now),
        spec.volumeMode ?? "<unset>",
      ],
    ];
  },
};

/** storageutil.IsDefaultAnnotation: the GA or the beta default-class annotation set to "true". */
export function isDefaultStorageClass(annotations: Record<string, string> | undefined): boolean {
  return annotations?.["storageclass.kubernetes.io/is-default-class"] === "true" || annotations?.["storageclass.beta.kubernetes.io/is-default-class"] === "true";
}

export const storageClassPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    docColumn("Provisioner", "string", "sc.provisioner"),
    docColumn("ReclaimPolicy", "string", "sc.reclaimPolicy"),
    docColumn("VolumeBindingMode", "string", "sc.volumeBindingMode"),
    docColumn("AllowVolumeExpansion", "string", "sc.allowVolumeExpansion"),
    AGE_COLUMN,
  ],
  rows: (obj, ctx) => {
    const sc = obj as unknown as StorageClass;
    const name = isDefaultStorageClass(obj.metadata.annotations) ? `${obj.metadata.name} (default)` : obj.metadata.name;
    return [[name, sc.provisioner, sc.reclaimPolicy ?? "Delete", sc.volumeBindingMode ?? "Immediate", sc.allowVolumeExpansion ?? false, creationAge(obj, ctx.now)]];
  },
};

export const volumeAttachmentPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    docColumn("Attacher", "string", "va.attacher", { format: "name" }),
    docColumn("PV", "string", "va.persistentVolumeName"),
    docColumn("Node", "string", "va.nodeName"),
    docColumn("Attached", "boolean", "va.attached"),
    AGE_COLUMN,
  ],
  rows: (obj, ctx) => {
    const va = obj as unknown as VolumeAttachment;
    return [[obj.metadata.name, va.spec?.attacher ?? "", va.spec?.source?.persistentVolumeName ?? "", va.spec?.nodeName ?? "", va.status?.attached ?? false, creationAge(obj, ctx.now)]];
  },
};

export const csiNodePrinter: TablePrinter = {
  columns: [NAME_COLUMN, column("Drivers", "integer", "Drivers indicates the number of CSI drivers registered on the node"), AGE_COLUMN],
  rows: (obj, ctx) => [[obj.metadata.name, ((obj as unknown as CSINode).spec?.drivers ?? []).length, creationAge(obj, ctx.now)]],
};

export const csiDriverPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    docColumn("AttachRequired", "boolean", "csidriver.attachRequired"),
    docColumn("PodInfoOnMount", "boolean", "csidriver.podInfoOnMount"),
    docColumn("StorageCapacity", "boolean", "csidriver.storageCapacity"),
    docColumn("TokenRequests", "string", "csidriver.tokenRequests"),
    docColumn("RequiresRepublish", "boolean", "csidriver.requiresRepublish"),
    docColumn("Modes", "string", "csidriver.volumeLifecycleModes"),
    AGE_COLUMN,
  ],
  rows: (obj, ctx) => {
    const spec = (obj as unknown as CSIDriver).spec ?? {};
    const tokenRequests = spec.tokenRequests ? spec.tokenRequests.map((t) => t.audience).join(",") : "<unset>";
    const modes = (spec.volumeLifecycleModes ?? []).join(",") || "<none>";
    return [
      [
        obj.metadata.name,
        spec.attachRequired ?? true,
        spec.podInfoOnMount ?? false,
        spec.storageCapacity ?? false,
        tokenRequests,
        spec.requiresRepublish ?? false,
        modes,
        creationAge(obj, ctx.now),
      ],
    ];
  },
};

export const csiStorageCapacityPrinter: TablePrinter = {
  columns: [NAME_COLUMN, docColumn("StorageClassName", "string", "csisc.storageClassName"), docColumn("Capacity", "string", "csisc.capacity")],
  rows: (obj) => {
    const cap = obj as unknown as CSIStorageCapacity;
    return [[obj.metadata.name, cap.storageClassName, cap.capacity === undefined ? "<unset>" : quantityCell(cap.capacity)]];
  },
};
