import { clone } from "../../util/freeze";
import { badRequest, conflict, invalid, methodNotAllowed, notFound, OPTIMISTIC_LOCK_MESSAGE } from "../errors";
import type { KubeObject } from "../types";
import { validateFinalizers } from "../validation/names";
import type { SubresourceHandler } from "./context";
import { checkName, finishDeletionIfDone } from "./rest";

/**
 * PUT namespaces/{name}/finalize: replaces spec.finalizers; the namespace goes when none remain.
 * As the apiserver's update handler and finalize strategy: the body must name this namespace (400),
 * carry its current resourceVersion if any (409), and list only valid finalizer names (422).
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
    const errors = validateFinalizers(finalizers, true, "spec.finalizers");
    if (errors.length > 0) throw invalid("Namespace", "", request.name, errors);
    const updated = clone(existing);
    updated.spec = { ...((updated.spec as object) ?? {}), finalizers };
    const stored = server.store.update("/namespaces", updated);
    return { status: 200, body: finishDeletionIfDone(server, def, stored) };
  },
};
