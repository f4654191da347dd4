import type { CertificateSigningRequest } from "kubernetes-types/certificates/v1";
import type { Lease } from "kubernetes-types/coordination/v1";
import type { ResourceQuota } from "kubernetes-types/core/v1";
import type { RuntimeClass } from "kubernetes-types/node/v1";
import type { PodDisruptionBudget } from "kubernetes-types/policy/v1";
import type { PriorityClass } from "kubernetes-types/scheduling/v1";
import { canonicalQuantity } from "../quantity";
import { column, humanDuration, NAME_COLUMN, type TablePrinter } from "../table";
import { AGE_COLUMN, creationAge, docColumn, intOrString } from "./format";

/** CSRs, leases, PDBs, priority and runtime classes, resource quotas (printers.go v1.33). */

/** extractCSRStatus: Denied/Approved/Pending, then `,Failed` and `,Issued`. */
export function csrCondition(csr: CertificateSigningRequest): string {
  let approved = false;
  let denied = false;
  let failed = false;
  for (const c of csr.status?.conditions ?? []) {
    if (c.type === "Approved") approved = true;
    else if (c.type === "Denied") denied = true;
    else if (c.type === "Failed") failed = true;
  }
  let status = denied ? "Denied" : approved ? "Approved" : "Pending";
  if (failed) status += ",Failed";
  if (csr.status?.certificate) status += ",Issued";
  return status;
}

export const csrPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    AGE_COLUMN,
    docColumn("SignerName", "string", "csr.signerName"),
    docColumn("Requestor", "string", "csr.request"),
    docColumn("RequestedDuration", "string", "csr.expirationSeconds"),
    docColumn("Condition", "string", "csr.conditions"),
  ],
  rows: (obj, ctx) => {
    const csr = obj as unknown as CertificateSigningRequest;
    const spec = csr.spec;
    const duration = spec?.expirationSeconds !== undefined && spec?.expirationSeconds !== null ? humanDuration(spec.expirationSeconds * 1000) : "<none>";
    return [[obj.metadata.name, creationAge(obj, ctx.now), spec?.signerName || "<none>", spec?.username ?? "", duration, csrCondition(csr)]];
  },
};

export const leasePrinter: TablePrinter = {
  columns: [NAME_COLUMN, docColumn("Holder", "string", "lease.holderIdentity"), AGE_COLUMN],
  rows: (obj, ctx) => [[obj.metadata.name, (obj as unknown as Lease).spec?.holderIdentity ?? "", creationAge(obj, ctx.now)]],
};

export const podDisruptionBudgetPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column("Min Available", "string", "The minimum number of pods that must be available."),
    column("Max Unavailable", "string", "The maximum number of pods that may be unavailable."),
    column("Allowed Disruptions", "integer", "Calculated number of pods that may be disrupted at this time."),
    AGE_COLUMN,
  ],
  rows: (obj, ctx) => {
    const pdb = obj as unknown as PodDisruptionBudget;
    const min = pdb.spec?.minAvailable;
    const max = pdb.spec?.maxUnavailable;
    return [
      [
        obj.metadata.name,
        min === undefined || min === null ? "N/A" : intOrString(min),
        max === undefined || max === null ? "N/A" : intOrString(max),
        pdb.status?.disruptionsAllowed ?? 0,
        creationAge(obj, ctx.now),
      ],
    ];
  },
};

/** The PREEMPTIONPOLICY column has priority 0 but is filled only in wide mode, which the server always uses. */
export const priorityClassPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    docColumn("Value", "integer", "pc.value"),
    docColumn("Global-Default", "boolean", "pc.globalDefault"),
    AGE_COLUMN,
    docColumn("PreemptionPolicy", "string", "pc.preemptionPolicy"),
  ],
  rows: (obj, ctx) => {
    const pc = obj as unknown as PriorityClass;
    return [[obj.metadata.name, pc.value, pc.globalDefault ?? false, creationAge(obj, ctx.now), pc.preemptionPolicy ?? ""]];
  },
};

/** RuntimeClass's Handler column documents a field ObjectMeta does not have, hence no description. */
export const runtimeClassPrinter: TablePrinter = {
  columns: [NAME_COLUMN, docColumn("Handler", "string", ""), AGE_COLUMN],
  rows: (obj, ctx) => [[obj.metadata.name, (obj as unknown as RuntimeClass).handler, creationAge(obj, ctx.now)]],
};

function quantityText(value: unknown): string {
  if (value === undefined || value === null) return "0";
  try {
    return canonicalQuantity(value);
  } catch {
    return String(value);
  }
}

/** printResourceQuota: `resource: used/hard` pairs sorted by name, `limits.*` in the LIMIT column. */
export function quotaColumns(quota: ResourceQuota): { request: string; limit: string } {
  const hard = quota.status?.hard ?? {};
  const used = quota.status?.used ?? {};
  const request: string[] = [];
  const limit: string[] = [];
  for (const name of Object.keys(hard).sort()) {
    const text = `${name}: ${quantityText(used[name])}/${quantityText(hard[name])}`;
    const pieces = name.split(".");
    (pieces.length > 1 && pieces[0] === "limits" ? limit : request).push(text);
  }
  return { request: request.join(", "), limit: limit.join(", ") };
}

export const resourceQuotaPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column("Request", "string", "Request represents a minimum amount of cpu/memory that a container may consume."),
    column("Limit", "string", "Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node."),
    AGE_COLUMN,
  ],
  rows: (obj, ctx) => {
    const { request, limit } = quotaColumns(obj as unknown as ResourceQuota);
    return [[obj.metadata.name, request, limit, creationAge(obj, ctx.now)]];
  },
};
