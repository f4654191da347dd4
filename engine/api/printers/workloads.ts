import type { DaemonSet, Deployment, ReplicaSet, StatefulSet, ControllerRevision } from "kubernetes-types/apps/v1";
import type { PodTemplate, ReplicationController } from "kubernetes-types/core/v1";
import { column, NAME_COLUMN, type TablePrinter } from "../table";
import {
  AGE_COLUMN,
  CONTAINERS_COLUMN,
  containerCells,
  creationAge,
  docColumn,
  formatLabels,
  formatSelectorCell,
  IMAGES_COLUMN,
  selectorString,
} from "./format";

/** Workload tables of kubernetes/pkg/printers/internalversion/printers.go (v1.33). */

export const deploymentPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column("Ready", "string", "Number of the pod with ready state"),
    docColumn("Up-to-date", "string", "deploy.updatedReplicas"),
    docColumn("Available", "string", "deploy.availableReplicas"),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    docColumn("Selector", "string", "deploy.selector", { priority: 1 }),
  ],
  rows: (obj, ctx) => {
    const d = obj as unknown as Deployment;
    const [names, images] = containerCells(d.spec?.template?.spec?.containers);
    const status = d.status ?? {};
    return [
      [
        obj.metadata.name,
        `${status.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
        status.updatedReplicas ?? 0,
        status.availableReplicas ?? 0,
        creationAge(obj, ctx.now),
        names,
        images,
        selectorString(d.spec?.selector),
      ],
    ];
  },
};

/**
 * ReplicaSets and ReplicationControllers print the same columns; only their selector differs
 * (a LabelSelector against a plain label map), and the column descriptions name the kind.
 */
function replicatedPodsPrinter<T extends ReplicaSet | ReplicationController>(docPrefix: "rs" | "rc", selectorCell: (o: T) => string): TablePrinter {
  return {
    columns: [
      NAME_COLUMN,
      docColumn("Desired", "integer", `${docPrefix}.specReplicas`),
      docColumn("Current", "integer", `${docPrefix}.statusReplicas`),
      docColumn("Ready", "integer", `${docPrefix}.readyReplicas`),
      AGE_COLUMN,
      CONTAINERS_COLUMN,
      IMAGES_COLUMN,
      docColumn("Selector", "string", `${docPrefix}.selector`, { priority: 1 }),
    ],
    rows: (obj, ctx) => {
      const o = obj as unknown as T;
      const [names, images] = containerCells(o.spec?.template?.spec?.containers);
      return [[obj.metadata.name, o.spec?.replicas ?? 0, o.status?.replicas ?? 0, o.status?.readyReplicas ?? 0, creationAge(obj, ctx.now), names, images, selectorCell(o)]];
    },
  };
}

export const replicaSetPrinter = replicatedPodsPrinter<ReplicaSet>("rs", (rs) => formatSelectorCell(rs.spec?.selector));
export const replicationControllerPrinter = replicatedPodsPrinter<ReplicationController>("rc", (rc) => formatLabels(rc.spec?.selector));

export const daemonSetPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    docColumn("Desired", "integer", "ds.desiredNumberScheduled"),
    docColumn("Current", "integer", "ds.currentNumberScheduled"),
    docColumn("Ready", "integer", "ds.numberReady"),
    docColumn("Up-to-date", "integer", "ds.updatedNumberScheduled"),
    docColumn("Available", "integer", "ds.numberAvailable"),
    docColumn("Node Selector", "string", "pod.nodeSelector"),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    docColumn("Selector", "string", "ds.selector", { priority: 1 }),
  ],
  rows: (obj, ctx) => {
    const ds = obj as unknown as DaemonSet;
    const s = ds.status ?? ({} as NonNullable<DaemonSet["status"]>);
    const [names, images] = containerCells(ds.spec?.template?.spec?.containers);
    return [
      [
        obj.metadata.name,
        s.desiredNumberScheduled ?? 0,
        s.currentNumberScheduled ?? 0,
        s.numberReady ?? 0,
        s.updatedNumberScheduled ?? 0,
        s.numberAvailable ?? 0,
        formatLabels(ds.spec?.template?.spec?.nodeSelector),
        creationAge(obj, ctx.now),
        names,
        images,
        formatSelectorCell(ds.spec?.selector),
      ],
    ];
  },
};

export const statefulSetPrinter: TablePrinter = {
  columns: [NAME_COLUMN, column("Ready", "string", "Number of the pod with ready state"), AGE_COLUMN, CONTAINERS_COLUMN, IMAGES_COLUMN],
  rows: (obj, ctx) => {
    const sts = obj as unknown as StatefulSet;
    const [names, images] = containerCells(sts.spec?.template?.spec?.containers);
    return [[obj.metadata.name, `${sts.status?.readyReplicas ?? 0}/${sts.spec?.replicas ?? 0}`, creationAge(obj, ctx.now), names, images]];
  },
};

export const controllerRevisionPrinter: TablePrinter = {
  columns: [NAME_COLUMN, column("Controller", "string", "Controller of the object"), docColumn("Revision", "string", "cr.revision"), AGE_COLUMN],
  rows: (obj, ctx) => {
    const cr = obj as unknown as ControllerRevision;
    const owner = obj.metadata.ownerReferences?.find((r) => r.controller);
    let controller = "<none>";
    if (owner) {
      // formatResourceName: lower-cased GroupKind ("daemonset.apps") then the name.
      const group = owner.apiVersion.includes("/") ? owner.apiVersion.split("/")[0] : "";
      controller = `${(group ? `${owner.kind}.${group}` : owner.kind).toLowerCase()}/${owner.name}`;
    }
    return [[obj.metadata.name, controller, cr.revision, creationAge(obj, ctx.now)]];
  },
};

export const podTemplatePrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column("Containers", "string", "Names of each container in the template."),
    column("Images", "string", "Images referenced by each container in the template."),
    column("Pod Labels", "string", "The labels for the pod template."),
  ],
  rows: (obj) => {
    const pt = obj as unknown as PodTemplate;
    const [names, images] = containerCells(pt.template?.spec?.containers);
    return [[obj.metadata.name, names, images, formatLabels(pt.template?.metadata?.labels)]];
  },
};
