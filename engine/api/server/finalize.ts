import { clone } from "../../util/freeze";
import { badRequest, conflict, invalid, methodNotAllowed, notFound, OPTIMISTIC_LOCK_MESSAGE } from "../errors";
import type { KubeObject } from "../types";
import { validateFinalizers } from "../validation/names";
import type { SubresourceHandler } from "./context";
import { checkName, finishDeletionIfDone, metadataErrors } from "./rest";

/**
 * PUT namespaces/{name}/finalize: replaces spec.finalizers; the namespace goes when none remain.
 * As the apiserver's update handler and finalize strategy: the body must name this namespace (400),
 * carry its current resourceVersion if any (409), and list only valid finalizer names (422). The
 * finalize strategy's PrepareForUpdate resets only status, so the body's labels, annotations and
 * metadata.finalizers are written too (the system fields, as on any update, stay as stored).
 */
export const namespaceFinalize: SubresourceHandler = {
  handle(request, server) {
    if (request.method !== "PUT") throw methodNotAllowed();
    const def = server.registry.get("", "namespaces")!;
    const incoming = request.body as KubeObject | undefined;
    // An empty body fails the handler's decode (transformDecodeError), before any lookup.
    if (!incoming || typeof incoming !== "object") {
      throw badRequest("the object provided is unrecognized (must be of type Namespace): couldn't get version/kind; json parse error: unexpected end of JSON input ()");
    }
    checkName(incoming, request.name, undefined);
    const existing = server.store.get("/namespaces", undefined, request.name);
    if (!existing) throw notFound({ group: "", resource: "namespaces" }, request.name);
    if (incoming.metadata.resourceVersion && incoming.metadata.resourceVersion !== existing.metadata.resourceVersion) {
      throw conflict({ group: "", resource: "namespaces" }, request.name, OPTIMISTIC_LOCK_MESSAGE);
    }
    const finalizers = ((incoming.spec ?? {}) as { finalizers?: string[] }).finalizers ?? [];
    const updated = clone(existing);
    const kept = existing.metadata;
    updated.metadata = {
      ...clone(incoming.metadata),
      name: kept.name,
      uid: kept.uid,
      resourceVersion: kept.resourceVersion,
      creationTimestamp: kept.creationTimestamp,
      ...(kept.deletionTimestamp ? { deletionTimestamp: kept.deletionTimestamp } : {}),
      ...(kept.deletionGracePeriodSeconds !== undefined ? { deletionGracePeriodSeconds: kept.deletionGracePeriodSeconds } : {}),
      ...(kept.managedFields ? { managedFields: kept.managedFields } : {}),
    };
    delete updated.metadata.namespace;
    // The name label is defaulted on every decode of a Namespace (SetDefaults_Namespace).
    updated.metadata.labels = { ...(updated.metadata.labels ?? {}), "kubernetes.io/metadata.name": request.name };
    for (const key of Object.keys(updated.metadata) as (keyof typeof updated.metadata)[]) if (updated.metadata[key] === undefined) delete updated.metadata[key];
    const errors = [...metadataErrors(def, updated), ...validateFinalizers(finalizers, true, "spec.finalizers")];
    if (errors.length > 0) throw invalid("Namespace", "", request.name, errors);
    updated.spec = { ...((updated.spec as object) ?? {}), finalizers };
    const stored = server.store.update("/namespaces", updated);
    return { status: 200, body: finishDeletionIfDone(server, def, stored) };
  },
};
