import { clone } from "../../util/freeze";
import { badRequest, methodNotAllowed } from "../errors";
import { formatLabelSelector, type LabelSelectorObject } from "../selectors/labels";
import type { ApiRequest, ApiResponse, KubeObject } from "../types";
import { decodeBody } from "./body";
import type { ServerContext } from "./context";
import { applyPatchDocument, getObject, patchTypeOf, updateExisting, type ResourceCall, typeKey } from "./rest";
import { notFound } from "../errors";

function at(obj: unknown, path: string[]): unknown {
  let cur = obj;
  for (const p of path) cur = cur && typeof cur === "object" ? (cur as Record<string, unknown>)[p] : undefined;
  return cur;
}

function setAt(obj: Record<string, unknown>, path: string[], value: unknown): void {
  let cur = obj;
  for (const p of path.slice(0, -1)) {
    if (!cur[p] || typeof cur[p] !== "object") cur[p] = {};
    cur = cur[p] as Record<string, unknown>;
  }
  cur[path[path.length - 1]] = value;
}

/** The autoscaling/v1 Scale view of a workload, as `kubectl scale` and the HPA read and write it. */
function toScale(call: ResourceCall, obj: KubeObject): KubeObject {
  const spec = call.def.scale!;
  const selector = spec.labelSelectorPath ? at(obj, spec.labelSelectorPath) : undefined;
  const selectorText =
    typeof selector === "string"
      ? selector
      : selector && typeof selector === "object"
        ? formatSelector(selector as Record<string, unknown>)
        : undefined;
  return {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: {
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
      uid: obj.metadata.uid,
      resourceVersion: obj.metadata.resourceVersion,
      creationTimestamp: obj.metadata.creationTimestamp,
    },
    spec: { replicas: (at(obj, spec.specReplicasPath) as number | undefined) ?? 0 },
    status: {
      replicas: (at(obj, spec.statusReplicasPath) as number | undefined) ?? 0,
      ...(selectorText ? { selector: selectorText } : {}),
    },
  };
}

/** A ReplicationController's selector is a plain map; the others are LabelSelectors. */
function formatSelector(selector: Record<string, unknown>): string {
  if ("matchLabels" in selector || "matchExpressions" in selector) {
    const text = formatLabelSelector(selector as LabelSelectorObject);
    return text === "<none>" ? "" : text;
  }
  return Object.entries(selector)
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join(",");
}

export function scaleSubresource(server: ServerContext, request: ApiRequest, call: ResourceCall): ApiResponse {
  const spec = call.def.scale!;
  const stored = server.store.get(typeKey(call.def), call.namespace, call.name!);
  if (!stored) throw notFound({ group: call.def.group, resource: call.def.resource }, call.name!);
  if (request.method === "GET") return { status: 200, body: toScale(call, getObject(server, call)) };
  let desired: unknown;
  const current = toScale(call, stored);
  if (request.method === "PUT") {
    desired = decodeBody(request.body, call.headers["content-type"]);
  } else if (request.method === "PATCH") {
    const type = patchTypeOf(call.headers["content-type"]);
    if (!type || type === "apply") throw badRequest("unsupported patch type for scale");
    desired = applyPatchDocument({ ...call.def, kind: "Scale" }, type, current, decodeBody(request.body, "application/json"));
  } else {
    throw methodNotAllowed();
  }
  const scale = desired as KubeObject & { spec?: { replicas?: number } };
  const rv = scale.metadata?.resourceVersion;
  const replicas = scale.spec?.replicas ?? 0;
  const updated = clone(stored) as KubeObject & Record<string, unknown>;
  setAt(updated, spec.specReplicasPath, replicas);
  if (rv) updated.metadata.resourceVersion = rv;
  const result = updateExisting(server, call, stored, updated, { checkResourceVersion: !!rv });
  return { status: 200, body: toScale(call, result) };
}
