import { deepEqual } from "../../util/json";
import type { FieldError } from "../errors";
import type { ResourceStrategy } from "../resource";
import type { KubeObject } from "../types";
import { forbidden, invalid, notSupported, Path, required } from "../validation/field";
import { podSpecDiff } from "../validation/go-diff";
import { validateDNS1123Subdomain } from "../validation/values";
import { canonicalizeResourceList, child, defaultTemplateMetadata, isObject, setDefaultPtr, spec, type Json } from "./util";
import { tryQuantity } from "../quantity";

/**
 * PersistentVolumes, PersistentVolumeClaims and StorageClasses (pkg/apis/core/v1/defaults.go,
 * pkg/apis/storage/v1/defaults.go, pkg/registry/core/persistentvolume*, validation, v1.33).
 */

const ACCESS_MODES = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"];

const PV_SOURCES = [
  "gcePersistentDisk", "awsElasticBlockStore", "hostPath", "glusterfs", "nfs", "rbd", "iscsi", "cinder", "cephfs", "fc", "flocker",
  "flexVolume", "azureFile", "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk", "portworxVolume", "scaleIO", "local",
  "storageos", "csi",
];

function defaultClaimSpec(owner: KubeObject, s: Json): void {
  setDefaultPtr(s, "volumeMode", "Filesystem");
  if (isObject(s.resources)) {
    canonicalizeResourceList(owner, s.resources.requests);
    canonicalizeResourceList(owner, s.resources.limits);
  }
}

/** A StatefulSet's volumeClaimTemplates entry: a whole PVC, defaulted as one (status phase Pending). */
export function defaultPersistentVolumeClaimTemplate(owner: KubeObject, claim: Json): void {
  if (!claim.apiVersion) claim.apiVersion = "v1";
  if (!claim.kind) claim.kind = "PersistentVolumeClaim";
  defaultTemplateMetadata(claim);
  defaultClaimSpec(owner, child(claim, "spec"));
  const status = child(claim, "status");
  if (!status.phase) status.phase = "Pending";
}

function validateAccessModes(modes: unknown, path: Path): FieldError[] {
  const list = Array.isArray(modes) ? (modes as string[]) : [];
  if (list.length === 0) return [required(path, "at least 1 access mode is required")];
  const errs: FieldError[] = [];
  for (const m of list) if (!ACCESS_MODES.includes(m)) errs.push(notSupported(path, m, ACCESS_MODES));
  if (list.includes("ReadWriteOncePod") && list.length > 1) errs.push(forbidden(path, "may not use ReadWriteOncePod with other access modes"));
  return errs;
}

function validateClaimSpec(s: Json, path: Path): FieldError[] {
  const errs = validateAccessModes(s.accessModes, path.child("accessModes"));
  if (typeof s.storageClassName === "string" && s.storageClassName !== "") errs.push(...validateDNS1123Subdomain(s.storageClassName, path.child("storageClassName")));
  const requests = isObject(s.resources) && isObject(s.resources.requests) ? s.resources.requests : {};
  const storage = requests.storage;
  if (storage === undefined && !s.dataSource && !s.dataSourceRef) {
    errs.push(required(path.child("resources").key("storage")));
  } else if (storage !== undefined) {
    const q = tryQuantity(storage);
    if (q && q.sign() <= 0) errs.push(invalid(path.child("resources", "requests").key("storage"), q.toString(), "must be greater than zero"));
  }
  if (s.volumeMode !== undefined && s.volumeMode !== null && !["Block", "Filesystem"].includes(String(s.volumeMode))) {
    errs.push(notSupported(path.child("volumeMode"), s.volumeMode, ["Block", "Filesystem"]));
  }
  return errs;
}

export const persistentVolumeClaimStrategy: ResourceStrategy = {
  defaults(obj) {
    defaultClaimSpec(obj, spec(obj));
    if (isObject(obj.status)) canonicalizeResourceList(obj, obj.status.capacity);
  },
  prepareForCreate(obj) {
    obj.status = { phase: "Pending" };
  },
  validate: (obj) => validateClaimSpec(spec(obj), Path.root("spec")),
  validateUpdate(obj, old) {
    const errs = validateClaimSpec(spec(obj), Path.root("spec"));
    const next = JSON.parse(JSON.stringify(spec(obj))) as Json;
    const prev = (old.spec ?? {}) as Json;
    const bound = (old.status as Json | undefined)?.phase === "Bound";
    // A bound claim may grow (resources.requests) and change volumeAttributesClassName; a pending one may take a volumeName.
    if (bound) {
      const nextRes = child(next, "resources");
      nextRes.requests = (prev.resources as Json | undefined)?.requests;
      if (nextRes.requests === undefined) delete nextRes.requests;
      next.volumeAttributesClassName = prev.volumeAttributesClassName;
      if (next.volumeAttributesClassName === undefined) delete next.volumeAttributesClassName;
    }
    if (!prev.volumeName && typeof next.volumeName === "string") {
      if (prev.volumeName === undefined) delete next.volumeName;
      else next.volumeName = prev.volumeName;
    }
    if (!deepEqual(next, prev)) {
      errs.push(forbidden(Path.root("spec"), `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${podSpecDiff(prev, next).replace("core.PodSpec", "core.PersistentVolumeClaimSpec")}`));
    }
    if (bound) {
      // RecoverVolumeExpansionFailure (beta, on in v1.33): a request may shrink back after a failed
      // expansion, but not to status.capacity or below. An unchanged request (a claim bound to a
      // bigger volume, whose finalizer is being removed) is no shrink at all.
      const storageOf = (o: KubeObject) => tryQuantity(((spec(o).resources as Json | undefined)?.requests as Json | undefined)?.storage);
      const newStorage = storageOf(obj);
      const oldStorage = storageOf(old);
      const capacity = tryQuantity(((old.status as Json | undefined)?.capacity as Json | undefined)?.storage);
      if (newStorage && oldStorage && capacity && newStorage.cmp(oldStorage) < 0 && newStorage.cmp(capacity) <= 0) {
        errs.push(forbidden(Path.root("spec", "resources", "requests", "storage"), "field can not be less than status.capacity"));
      }
    }
    return errs;
  },
};

export const persistentVolumeStrategy: ResourceStrategy = {
  defaults(obj) {
    const s = spec(obj);
    if (!s.persistentVolumeReclaimPolicy) s.persistentVolumeReclaimPolicy = "Retain";
    setDefaultPtr(s, "volumeMode", "Filesystem");
    canonicalizeResourceList(obj, s.capacity);
    if (isObject(s.hostPath)) setDefaultPtr(s.hostPath, "type", "");
  },
  prepareForCreate(obj, ctx) {
    obj.status = { phase: "Pending", lastPhaseTransitionTime: ctx.now() };
  },
  validate(obj) {
    const s = spec(obj);
    const path = Path.root("spec");
    const errs: FieldError[] = [];
    errs.push(...validateAccessModes(s.accessModes, path.child("accessModes")));
    const capacity = isObject(s.capacity) ? s.capacity : {};
    if (Object.keys(capacity).length === 0) errs.push(required(path.child("capacity")));
    else if (capacity.storage === undefined || Object.keys(capacity).length > 1) errs.push(notSupported(path.child("capacity"), Object.keys(capacity).filter((k) => k !== "storage")[0] ?? "", ["storage"]));
    const sources = PV_SOURCES.filter((k) => s[k] !== undefined && s[k] !== null);
    if (sources.length === 0) errs.push(required(path, "must specify a volume type"));
    sources.slice(1).forEach((k) => errs.push(forbidden(path.child(k), "may not specify more than 1 volume type")));
    if (isObject(s.hostPath) && !s.hostPath.path) errs.push(required(path.child("hostPath", "path")));
    if (isObject(s.local) && !s.nodeAffinity) errs.push(required(path.child("nodeAffinity"), "Local volume requires node affinity"));
    if (!["Retain", "Delete", "Recycle"].includes(String(s.persistentVolumeReclaimPolicy))) {
      errs.push(notSupported(path.child("persistentVolumeReclaimPolicy"), s.persistentVolumeReclaimPolicy, ["Delete", "Recycle", "Retain"]));
    }
    if (typeof s.storageClassName === "string" && s.storageClassName !== "") errs.push(...validateDNS1123Subdomain(s.storageClassName, path.child("storageClassName")));
    return errs;
  },
  // pkg/api/persistentvolume GetWarningsForPersistentVolume, on create and on update.
  warnings: (obj) => (spec(obj).persistentVolumeReclaimPolicy === "Recycle" ? ["spec.persistentVolumeReclaimPolicy: The Recycle reclaim policy is deprecated. Instead, the recommended approach is to use dynamic provisioning."] : []),
  validateUpdate(obj, old) {
    const errs = persistentVolumeStrategy.validate!(obj, undefined as never);
    const next = spec(obj);
    const prev = (old.spec ?? {}) as Json;
    const source = (s: Json) => Object.fromEntries(PV_SOURCES.filter((k) => s[k] !== undefined).map((k) => [k, s[k]]));
    if (!deepEqual(source(next), source(prev))) {
      errs.push(forbidden(Path.root("spec", "persistentvolumesource"), `spec.persistentvolumesource is immutable after creation\n${podSpecDiff(source(prev), source(next)).replace("core.PodSpec", "core.PersistentVolumeSource")}`));
    }
    if (next.volumeMode !== prev.volumeMode) errs.push(invalid(Path.root("volumeMode"), next.volumeMode ?? null, "field is immutable"));
    return errs;
  },
};

export const storageClassStrategy: ResourceStrategy = {
  defaults(obj) {
    const o = obj as unknown as Json;
    if (!o.reclaimPolicy) o.reclaimPolicy = "Delete";
    if (!o.volumeBindingMode) o.volumeBindingMode = "Immediate";
  },
  validate(obj) {
    const o = obj as unknown as Json;
    const errs: FieldError[] = [];
    if (!o.provisioner) errs.push(required(Path.root("provisioner")));
    if (!["Delete", "Retain"].includes(String(o.reclaimPolicy))) errs.push(notSupported(Path.root("reclaimPolicy"), o.reclaimPolicy, ["Delete", "Retain"]));
    if (!["Immediate", "WaitForFirstConsumer"].includes(String(o.volumeBindingMode))) {
      errs.push(notSupported(Path.root("volumeBindingMode"), o.volumeBindingMode, ["Immediate", "WaitForFirstConsumer"]));
    }
    return errs;
  },
  validateUpdate(obj, old) {
    const errs = storageClassStrategy.validate!(obj, undefined as never);
    const o = obj as unknown as Json;
    const p = old as unknown as Json;
    if (!deepEqual(o.parameters, p.parameters)) errs.push(forbidden(Path.root("parameters"), "updates to parameters are forbidden."));
    if (o.provisioner !== p.provisioner) errs.push(forbidden(Path.root("provisioner"), "updates to provisioner are forbidden."));
    if (o.reclaimPolicy !== p.reclaimPolicy) errs.push(forbidden(Path.root("reclaimPolicy"), "updates to reclaimPolicy are forbidden."));
    if (o.volumeBindingMode !== p.volumeBindingMode) errs.push(invalid(Path.root("volumeBindingMode"), o.volumeBindingMode, "field is immutable"));
    return errs;
  },
};

export const csiStorageCapacityStrategy: ResourceStrategy = {
  defaults(obj) {
    const o = obj as unknown as Json;
    for (const k of ["capacity", "maximumVolumeSize"]) {
      if (o[k] !== undefined) {
        const holder: Json = { v: o[k] };
        canonicalizeResourceList(obj, holder, false);
        o[k] = holder.v;
      }
    }
  },
};
