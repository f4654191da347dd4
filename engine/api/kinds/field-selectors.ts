import type { KubeObject } from "../types";

/**
 * The fields each kind can be selected by (the registries' ToSelectableFields and the field label
 * conversion functions of pkg/apis/*, v1.33), beyond metadata.name and metadata.namespace which
 * every kind supports. Anything else is refused with "field label not supported: <field>".
 */
type Getter = (obj: KubeObject) => string | undefined;
type Json = Record<string, unknown>;

const at = (obj: KubeObject, ...path: string[]): unknown => {
  let v: unknown = obj;
  for (const p of path) v = v && typeof v === "object" ? (v as Json)[p] : undefined;
  return v;
};
const text = (v: unknown) => (v === undefined || v === null ? "" : String(v));
const field = (...path: string[]): Getter => (o) => text(at(o, ...path));

const podIP: Getter = (o) => text(((at(o, "status", "podIPs") as { ip?: string }[] | undefined) ?? [])[0]?.ip);

export const FIELD_SELECTORS: Record<string, Record<string, Getter>> = {
  "/pods": {
    "spec.nodeName": field("spec", "nodeName"),
    "spec.restartPolicy": field("spec", "restartPolicy"),
    "spec.schedulerName": field("spec", "schedulerName"),
    "spec.serviceAccountName": field("spec", "serviceAccountName"),
    "spec.hostNetwork": (o) => String(at(o, "spec", "hostNetwork") === true),
    "status.phase": field("status", "phase"),
    "status.podIP": podIP,
    "status.podIPs": podIP,
    "status.nominatedNodeName": field("status", "nominatedNodeName"),
  },
  "/events": {
    "involvedObject.kind": field("involvedObject", "kind"),
    "involvedObject.namespace": field("involvedObject", "namespace"),
    "involvedObject.name": field("involvedObject", "name"),
    "involvedObject.uid": field("involvedObject", "uid"),
    "involvedObject.apiVersion": field("involvedObject", "apiVersion"),
    "involvedObject.resourceVersion": field("involvedObject", "resourceVersion"),
    "involvedObject.fieldPath": field("involvedObject", "fieldPath"),
    reason: field("reason"),
    reportingComponent: field("reportingComponent"),
    source: (o) => text(at(o, "source", "component")) || text(at(o, "reportingComponent")),
    type: field("type"),
  },
  "/nodes": { "spec.unschedulable": (o) => String(at(o, "spec", "unschedulable") === true) },
  "/namespaces": { "status.phase": field("status", "phase") },
  "/secrets": { type: field("type") },
  "/replicationcontrollers": { "status.replicas": (o) => String(Number(at(o, "status", "replicas") ?? 0)) },
  "apps/replicasets": { "status.replicas": (o) => String(Number(at(o, "status", "replicas") ?? 0)) },
  "batch/jobs": { "status.successful": (o) => String(Number(at(o, "status", "succeeded") ?? 0)) },
  "certificates.k8s.io/certificatesigningrequests": { "spec.signerName": field("spec", "signerName") },
  "/services": { "spec.clusterIP": field("spec", "clusterIP"), "spec.type": field("spec", "type") },
};
// events.k8s.io Events are stored as core Events, so they are selected by the same fields.
FIELD_SELECTORS["events.k8s.io/events"] = FIELD_SELECTORS["/events"];
