import { column, NAME_COLUMN, type TablePrinter } from "../table";
import { AGE_COLUMN, creationAge, docColumn } from "./format";

/**
 * Admission configuration, API services and API priority and fairness: printers.go (v1.33) and,
 * for APIServices, the kube-aggregator's own table (kube-aggregator/pkg/registry/apiservice/etcd).
 */

interface Webhooks {
  webhooks?: unknown[];
}

function webhookPrinter(): TablePrinter {
  return {
    columns: [NAME_COLUMN, column("Webhooks", "integer", "Webhooks indicates the number of webhooks registered in this configuration"), AGE_COLUMN],
    rows: (obj, ctx) => [[obj.metadata.name, ((obj as unknown as Webhooks).webhooks ?? []).length, creationAge(obj, ctx.now)]],
  };
}

export const mutatingWebhookPrinter = webhookPrinter();
export const validatingWebhookPrinter = webhookPrinter();

interface PolicyLike {
  spec?: { validations?: unknown[]; paramKind?: { apiVersion?: string; kind?: string } };
}

export const validatingAdmissionPolicyPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column("Validations", "integer", "Validations indicates the number of validation rules defined in this configuration"),
    column("ParamKind", "string", "ParamKind specifies the kind of resources used to parameterize this policy"),
    AGE_COLUMN,
  ],
  rows: (obj, ctx) => {
    const spec = (obj as unknown as PolicyLike).spec;
    const paramKind = spec?.paramKind ? `${spec.paramKind.apiVersion ?? ""}/${spec.paramKind.kind ?? ""}` : "<unset>";
    return [[obj.metadata.name, (spec?.validations ?? []).length, paramKind, creationAge(obj, ctx.now)]];
  },
};

interface BindingLike {
  spec?: {
    policyName?: string;
    paramRef?: { name?: string; namespace?: string; selector?: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] } };
  };
}

export const validatingAdmissionPolicyBindingPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column("PolicyName", "string", "PolicyName indicates the policy definition which the policy binding binded to"),
    column("ParamRef", "string", "ParamRef indicates the param resource which sets the configration param"),
    AGE_COLUMN,
  ],
  rows: (obj, ctx) => {
    const spec = (obj as unknown as BindingLike).spec;
    let param = "<unset>";
    const ref = spec?.paramRef;
    if (ref) {
      if (ref.name) param = ref.namespace ? `${ref.namespace}/${ref.name}` : `*/${ref.name}`;
      else if (ref.selector) param = labelSelectorText(ref.selector);
    }
    return [[obj.metadata.name, spec?.policyName ?? "", param, creationAge(obj, ctx.now)]];
  },
};

/** metav1.LabelSelector.String(): the Go struct printer's text, as printers.go uses it. */
function labelSelectorText(selector: NonNullable<NonNullable<BindingLike["spec"]>["paramRef"]>["selector"]): string {
  const labels = Object.keys(selector?.matchLabels ?? {})
    .sort()
    .map((k) => `${k}: ${selector!.matchLabels![k]},`)
    .join("");
  const expressions = (selector?.matchExpressions ?? [])
    .map((e) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(" ")}],},`)
    .join("");
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${expressions}},}`;
}

interface APIServiceLike {
  spec?: { service?: { namespace?: string; name?: string } | null };
  status?: { conditions?: { type: string; status: string; reason?: string }[] };
}

export const apiServicePrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column("Service", "string", "The reference to the service that hosts this API endpoint."),
    column("Available", "string", "Whether this service is available."),
    AGE_COLUMN,
  ],
  rows: (obj, ctx) => {
    const svc = obj as unknown as APIServiceLike;
    const service = svc.spec?.service ? `${svc.spec.service.namespace ?? ""}/${svc.spec.service.name ?? ""}` : "Local";
    let available = "Unknown";
    const condition = (svc.status?.conditions ?? []).find((c) => c.type === "Available");
    if (condition) available = condition.status === "True" || !condition.reason ? condition.status : `${condition.status} (${condition.reason})`;
    return [[obj.metadata.name, service, available, creationAge(obj, ctx.now)]];
  },
};

interface FlowSchemaLike {
  spec?: { priorityLevelConfiguration?: { name?: string }; matchingPrecedence?: number; distinguisherMethod?: { type?: string } };
  status?: { conditions?: { type: string; status: string }[] };
}

export const flowSchemaPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    docColumn("PriorityLevel", "string", "fs.plName"),
    docColumn("MatchingPrecedence", "string", "fs.matchingPrecedence"),
    docColumn("DistinguisherMethod", "string", "fs.distinguisherMethod"),
    AGE_COLUMN,
    column("MissingPL", "string", "references a broken or non-existent PriorityLevelConfiguration"),
  ],
  rows: (obj, ctx) => {
    const fs = obj as unknown as FlowSchemaLike;
    const dangling = (fs.status?.conditions ?? []).find((c) => c.type === "Dangling");
    return [
      [
        obj.metadata.name,
        fs.spec?.priorityLevelConfiguration?.name ?? "",
        fs.spec?.matchingPrecedence ?? 0,
        fs.spec?.distinguisherMethod?.type ?? "<none>",
        creationAge(obj, ctx.now),
        dangling ? dangling.status : "?",
      ],
    ];
  },
};

interface PriorityLevelLike {
  spec?: {
    type?: string;
    limited?: { nominalConcurrencyShares?: number; limitResponse?: { queuing?: { queues?: number; handSize?: number; queueLengthLimit?: number } } };
  };
}

export const priorityLevelPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    docColumn("Type", "string", "plc.type"),
    docColumn("NominalConcurrencyShares", "string", "plc.ncs"),
    docColumn("Queues", "string", "plc.queues"),
    docColumn("HandSize", "string", "plc.handSize"),
    docColumn("QueueLengthLimit", "string", "plc.queueLengthLimit"),
    AGE_COLUMN,
  ],
  rows: (obj, ctx) => {
    const spec = (obj as unknown as PriorityLevelLike).spec;
    let ncs: unknown = "<none>";
    let queues: unknown = "<none>";
    let handSize: unknown = "<none>";
    let queueLengthLimit: unknown = "<none>";
    if (spec?.limited) {
      ncs = spec.limited.nominalConcurrencyShares ?? 0;
      const queuing = spec.limited.limitResponse?.queuing;
      if (queuing) {
        queues = queuing.queues ?? 0;
        handSize = queuing.handSize ?? 0;
        queueLengthLimit = queuing.queueLengthLimit ?? 0;
      }
    }
    return [[obj.metadata.name, spec?.type ?? "", ncs, queues, handSize, queueLengthLimit, creationAge(obj, ctx.now)]];
  },
};
