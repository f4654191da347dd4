/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KubeObject } from "../../../api/types";
import { formatLabels } from "../../printers/table";
import { humanDuration } from "../../../api/table";
import { volumeSource } from "./describers";
import { describeEvents, DescribeWriter, printAnnotations, printLabels, rfc1123z, type EventLike } from "./writer";

/**
 * kubectl describe for PersistentVolumes, PersistentVolumeClaims and StorageClasses, following
 * k8s.io/kubectl/pkg/describe v1.33.
 */
type Any = any;

export interface StorageRelated {
  now: number;
  events?: EventLike[];
  /** For a claim: the pods of its namespace (those mounting it are listed under Used By). */
  pods?: KubeObject[];
}

const CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class";

/** storageutil.GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order, each once. */
function accessModes(modes: string[] | undefined): string {
  const have = new Set(modes ?? []);
  const names: [string, string][] = [
    ["ReadWriteOnce", "RWO"],
    ["ReadOnlyMany", "ROX"],
    ["ReadWriteMany", "RWX"],
    ["ReadWriteOncePod", "RWOP"],
  ];
  return names.filter(([mode]) => have.has(mode)).map(([, short]) => short).join(",");
}

/** Go's %v of a string slice. */
const goList = (list: string[] | undefined) => `[${(list ?? []).join(" ")}]`;

/** A deletion in progress reads "Terminating (lasts <age>)", the time since deletionTimestamp. */
function phase(obj: KubeObject, now: number): string {
  if (obj.metadata.deletionTimestamp) return `Terminating (lasts ${humanDuration(now - Date.parse(obj.metadata.deletionTimestamp))})`;
  return (obj as Any).status?.phase ?? "";
}

function nodeAffinity(w: DescribeWriter, affinity: Any): void {
  w.write(0, "Node Affinity:\t");
  if (!affinity?.required) {
    w.write(0, "<none>\n");
    return;
  }
  w.write(0, "\n");
  w.write(1, "Required Terms:\t");
  const terms: Any[] = affinity.required.nodeSelectorTerms ?? [];
  if (terms.length === 0) {
    w.write(0, "<none>\n");
    return;
  }
  w.write(0, "\n");
  terms.forEach((term, i) => {
    w.write(2, `Term ${i}:\t`);
    const reqs: Any[] = term.matchExpressions ?? [];
    if (reqs.length === 0) w.write(0, "<none>\n");
    reqs.forEach((req, j) => {
      if (j !== 0) w.write(2, "\t");
      const values = req.values?.length ? ` [${req.values.join(", ")}]` : "";
      w.write(0, `${req.key} ${String(req.operator).toLowerCase()}${values}\n`);
    });
  });
}

function pvSource(w: DescribeWriter, spec: Any): void {
  if (spec.local) {
    w.write(2, "Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n");
    w.write(2, `Path:\t${spec.local.path}\n`);
  } else if (spec.csi) {
    w.write(2, "Type:\tCSI (a Container Storage Interface (CSI) volume source)\n");
    w.write(2, `Driver:\t${spec.csi.driver}\n`);
    w.write(2, `FSType:\t${spec.csi.fsType ?? ""}\n`);
    w.write(2, `VolumeHandle:\t${spec.csi.volumeHandle}\n`);
    w.write(2, `ReadOnly:\t${spec.csi.readOnly ? "true" : "false"}\n`);
    printLabels(w, "VolumeAttributes", spec.csi.volumeAttributes, "    ");
  } else volumeSource(w, spec);
}

export function describePersistentVolume(pv: KubeObject, r: StorageRelated): string {
  const spec = (pv as Any).spec ?? {};
  const w = new DescribeWriter();
  w.write(0, `Name:\t${pv.metadata.name}\n`);
  printLabels(w, "Labels", pv.metadata.labels);
  printAnnotations(w, "Annotations", pv.metadata.annotations);
  w.write(0, `Finalizers:\t${goList(pv.metadata.finalizers)}\n`);
  w.write(0, `StorageClass:\t${spec.storageClassName ?? pv.metadata.annotations?.[CLASS_ANNOTATION] ?? ""}\n`);
  w.write(0, `Status:\t${phase(pv, r.now)}\n`);
  w.write(0, `Claim:\t${spec.claimRef ? `${spec.claimRef.namespace ?? ""}/${spec.claimRef.name ?? ""}` : ""}\n`);
  w.write(0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ""}\n`);
  w.write(0, `Access Modes:\t${accessModes(spec.accessModes)}\n`);
  if (spec.volumeMode) w.write(0, `VolumeMode:\t${spec.volumeMode}\n`);
  w.write(0, `Capacity:\t${spec.capacity?.storage ?? "0"}\n`);
  nodeAffinity(w, spec.nodeAffinity);
  w.write(0, `Message:\t${(pv as Any).status?.message ?? ""}\n`);
  w.write(0, "Source:\n");
  pvSource(w, spec);
  describeEvents(w, r.events, r.now);
  return w.toString();
}

export function describePersistentVolumeClaim(pvc: KubeObject, r: StorageRelated): string {
  const x = pvc as Any;
  const spec = x.spec ?? {};
  const w = new DescribeWriter();
  w.write(0, `Name:\t${pvc.metadata.name}\n`);
  w.write(0, `Namespace:\t${pvc.metadata.namespace}\n`);
  w.write(0, `StorageClass:\t${spec.storageClassName ?? pvc.metadata.annotations?.[CLASS_ANNOTATION] ?? ""}\n`);
  w.write(0, `Status:\t${phase(pvc, r.now)}\n`);
  w.write(0, `Volume:\t${spec.volumeName ?? ""}\n`);
  printLabels(w, "Labels", pvc.metadata.labels);
  printAnnotations(w, "Annotations", pvc.metadata.annotations);
  w.write(0, `Finalizers:\t${goList(pvc.metadata.finalizers)}\n`);
  const bound = Boolean(spec.volumeName);
  w.write(0, `Capacity:\t${bound ? (x.status?.capacity?.storage ?? "0") : ""}\n`);
  w.write(0, `Access Modes:\t${bound ? accessModes(x.status?.accessModes) : ""}\n`);
  if (spec.volumeMode) w.write(0, `VolumeMode:\t${spec.volumeMode}\n`);
  if (spec.dataSource) {
    w.write(0, "DataSource:\n");
    if (spec.dataSource.apiGroup !== undefined) w.write(1, `APIGroup:\t${spec.dataSource.apiGroup}\n`);
    w.write(1, `Kind:\t${spec.dataSource.kind}\n`);
    w.write(1, `Name:\t${spec.dataSource.name}\n`);
  }
  const users = usedBy(pvc, r.pods ?? []);
  w.write(0, "Used By:\t");
  if (users.length === 0) w.write(0, "<none>\n");
  users.forEach((name, i) => w.write(0, `${i ? "\t" : ""}${name}\n`));
  if (x.status?.conditions?.length) {
    w.write(0, "Conditions:\n");
    w.write(1, "Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n");
    w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n");
    for (const c of x.status.conditions) {
      w.write(1, `${c.type} \t${c.status} \t${rfc1123zOrZero(c.lastProbeTime)} \t${rfc1123zOrZero(c.lastTransitionTime)} \t${c.reason ?? ""} \t${c.message ?? ""}\n`);
    }
  }
  describeEvents(w, r.events, r.now);
  return w.toString();
}

function rfc1123zOrZero(ts: string | undefined | null): string {
  return ts ? rfc1123z(ts) : "Mon, 01 Jan 0001 00:00:00 +0000";
}

/** getPodsForPVC: pods with a volume naming the claim (once per such volume), then pods owning it. */
function usedBy(pvc: KubeObject, pods: KubeObject[]): string[] {
  const users: KubeObject[] = [];
  for (const pod of pods) for (const v of (pod as Any).spec?.volumes ?? []) if (v.persistentVolumeClaim?.claimName === pvc.metadata.name) users.push(pod);
  for (const owner of pvc.metadata.ownerReferences ?? []) {
    if (owner.kind !== "Pod") continue;
    const pod = pods.find((p) => p.metadata.uid === owner.uid);
    if (pod && !users.some((u) => u.metadata.uid === pod.metadata.uid)) users.push(pod);
  }
  return users.map((p) => p.metadata.name!).sort();
}

export function describeStorageClass(sc: KubeObject, r: StorageRelated): string {
  const x = sc as Any;
  const w = new DescribeWriter();
  const annotations = sc.metadata.annotations ?? {};
  const isDefault = annotations["storageclass.kubernetes.io/is-default-class"] === "true" || annotations["storageclass.beta.kubernetes.io/is-default-class"] === "true";
  w.write(0, `Name:\t${sc.metadata.name}\n`);
  w.write(0, `IsDefaultClass:\t${isDefault ? "Yes" : "No"}\n`);
  w.write(0, `Annotations:\t${formatLabels(annotations)}\n`);
  w.write(0, `Provisioner:\t${x.provisioner ?? ""}\n`);
  w.write(0, `Parameters:\t${formatLabels(x.parameters)}\n`);
  w.write(0, `AllowVolumeExpansion:\t${x.allowVolumeExpansion === undefined || x.allowVolumeExpansion === null ? "<unset>" : x.allowVolumeExpansion ? "True" : "False"}\n`);
  if (!x.mountOptions?.length) w.write(0, "MountOptions:\t<none>\n");
  else {
    w.write(0, "MountOptions:\n");
    for (const o of x.mountOptions) w.write(1, `${o}\n`);
  }
  if (x.reclaimPolicy) w.write(0, `ReclaimPolicy:\t${x.reclaimPolicy}\n`);
  if (x.volumeBindingMode) w.write(0, `VolumeBindingMode:\t${x.volumeBindingMode}\n`);
  if (x.allowedTopologies) {
    w.write(0, "AllowedTopologies:\t");
    if (x.allowedTopologies.length === 0) w.write(0, "<none>\n");
    else {
      w.write(0, "\n");
      x.allowedTopologies.forEach((term: Any, i: number) => {
        w.write(1, `Term ${i}:\t`);
        const reqs: Any[] = term.matchLabelExpressions ?? [];
        if (reqs.length === 0) w.write(0, "<none>\n");
        reqs.forEach((req, j) => {
          if (j !== 0) w.write(1, "\t");
          w.write(0, `${req.key} in${req.values?.length ? ` [${req.values.join(", ")}]` : ""}\n`);
        });
      });
    }
  }
  describeEvents(w, r.events, r.now);
  return w.toString();
}
