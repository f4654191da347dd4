import type { ComponentStatus, ConfigMap, Node, Secret, ServiceAccount } from "kubernetes-types/core/v1";
import { column, NAME_COLUMN, type TablePrinter } from "../table";
import { AGE_COLUMN, creationAge, docColumn } from "./format";

/** Nodes, config objects and component statuses, as printers.go (v1.33) prints them. */

const NODE_ROLE_PREFIX = "node-role.kubernetes.io/";

/** findNodeRoles: `node-role.kubernetes.io/<role>` keys and the `kubernetes.io/role` value, sorted. */
export function nodeRoles(labels: Record<string, string> | undefined): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (k.startsWith(NODE_ROLE_PREFIX)) {
      const role = k.slice(NODE_ROLE_PREFIX.length);
      if (role) roles.add(role);
    } else if (k === "kubernetes.io/role" && v !== "") {
      roles.add(v);
    }
  }
  return [...roles].sort();
}

export function nodeStatus(node: Node): string {
  const status: string[] = [];
  const ready = (node.status?.conditions ?? []).filter((c) => c.type === "Ready").pop();
  if (ready) status.push(ready.status === "True" ? "Ready" : "NotReady");
  if (status.length === 0) status.push("Unknown");
  if (node.spec?.unschedulable) status.push("SchedulingDisabled");
  return status.join(",");
}

function address(node: Node, type: string): string {
  return (node.status?.addresses ?? []).find((a) => a.type === type)?.address ?? "<none>";
}

export const nodePrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column("Status", "string", "The status of the node"),
    column("Roles", "string", "The roles of the node"),
    AGE_COLUMN,
    docColumn("Version", "string", "node.kubeletVersion"),
    docColumn("Internal-IP", "string", "node.addresses", { priority: 1 }),
    docColumn("External-IP", "string", "node.addresses", { priority: 1 }),
    docColumn("OS-Image", "string", "node.osImage", { priority: 1 }),
    docColumn("Kernel-Version", "string", "node.kernelVersion", { priority: 1 }),
    docColumn("Container-Runtime", "string", "node.containerRuntimeVersion", { priority: 1 }),
  ],
  rows: (obj, ctx) => {
    const node = obj as unknown as Node;
    const info = node.status?.nodeInfo;
    return [
      [
        obj.metadata.name,
        nodeStatus(node),
        nodeRoles(obj.metadata.labels).join(",") || "<none>",
        creationAge(obj, ctx.now),
        info?.kubeletVersion ?? "",
        address(node, "InternalIP"),
        address(node, "ExternalIP"),
        info?.osImage || "<unknown>",
        info?.kernelVersion || "<unknown>",
        info?.containerRuntimeVersion || "<unknown>",
      ],
    ];
  },
};

export const configMapPrinter: TablePrinter = {
  columns: [NAME_COLUMN, docColumn("Data", "string", "cm.data"), AGE_COLUMN],
  rows: (obj, ctx) => {
    const cm = obj as unknown as ConfigMap;
    return [[obj.metadata.name, Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length, creationAge(obj, ctx.now)]];
  },
};

export const secretPrinter: TablePrinter = {
  columns: [NAME_COLUMN, docColumn("Type", "string", "secret.type"), docColumn("Data", "string", "secret.data"), AGE_COLUMN],
  rows: (obj, ctx) => {
    const secret = obj as unknown as Secret;
    return [[obj.metadata.name, secret.type ?? "", Object.keys(secret.data ?? {}).length, creationAge(obj, ctx.now)]];
  },
};

export const serviceAccountPrinter: TablePrinter = {
  columns: [NAME_COLUMN, docColumn("Secrets", "string", "sa.secrets"), AGE_COLUMN],
  rows: (obj, ctx) => [[obj.metadata.name, ((obj as unknown as ServiceAccount).secrets ?? []).length, creationAge(obj, ctx.now)]],
};

export const componentStatusPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column("Status", "string", "Status of the component conditions"),
    column("Message", "string", "Message of the component conditions"),
    column("Error", "string", "Error of the component conditions"),
  ],
  rows: (obj) => {
    const cs = obj as unknown as ComponentStatus;
    let status = "Unknown";
    let message = "";
    let error = "";
    const healthy = (cs.conditions ?? []).find((c) => c.type === "Healthy");
    if (healthy) {
      status = healthy.status === "True" ? "Healthy" : "Unhealthy";
      message = healthy.message ?? "";
      error = healthy.error ?? "";
    }
    return [[obj.metadata.name, status, message, error]];
  },
};
