import type { AdmissionPlugin } from "./types";
import { forbidden, notFound } from "../errors";

const IMMORTAL = new Set(["default", "kube-system", "kube-public"]);

/**
 * NamespaceLifecycle: objects cannot be created in a namespace that does not exist or is being
 * deleted, and the system namespaces cannot be deleted.
 */
export const namespaceLifecycle: AdmissionPlugin = {
  name: "NamespaceLifecycle",
  validate(attrs, ctx) {
    const isNamespace = attrs.def.group === "" && attrs.def.resource === "namespaces";
    if (isNamespace && attrs.operation === "DELETE" && attrs.name && IMMORTAL.has(attrs.name)) {
      throw forbidden(`namespaces "${attrs.name}" is forbidden: this namespace may not be deleted`, { group: "", resource: "namespaces" }, attrs.name);
    }
    if (attrs.operation !== "CREATE" || !attrs.def.namespaced || !attrs.namespace) return;
    const ns = ctx.lookup("", "namespaces", undefined, attrs.namespace);
    if (!ns) throw notFound({ group: "", resource: "namespaces" }, attrs.namespace);
    if ((ns.status as { phase?: string } | undefined)?.phase === "Terminating") {
      throw forbidden(
        `${attrs.def.resource}${attrs.def.group ? "." + attrs.def.group : ""} "${attrs.object?.metadata.name ?? ""}" is forbidden: unable to create new content in namespace ${attrs.namespace} because it is being terminated`,
        { group: attrs.def.group, resource: attrs.def.resource },
        attrs.object?.metadata.name,
      );
    }
  },
};
