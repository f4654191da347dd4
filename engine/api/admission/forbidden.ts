import { forbidden, qualifiedResource } from "../errors";
import type { AdmissionAttributes } from "./types";

/** admission.NewForbidden: `<resource> "<name>" is forbidden: <reason>`. */
export function admissionForbidden(attrs: AdmissionAttributes, reason: string) {
  const gr = { group: attrs.def.group, resource: attrs.def.resource };
  const name = attrs.name ?? attrs.object?.metadata.name ?? "";
  return forbidden(`${qualifiedResource(gr)} "${name}" is forbidden: ${reason}`, gr, name);
}

export function isCreateOf(attrs: AdmissionAttributes, group: string, resource: string): boolean {
  return attrs.operation === "CREATE" && attrs.def.group === group && attrs.def.resource === resource && !attrs.subresource && !!attrs.object;
}
