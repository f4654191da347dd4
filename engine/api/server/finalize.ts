import { clone } from "../../util/freeze";
import { methodNotAllowed, notFound } from "../errors";
import type { KubeObject } from "../types";
import type { SubresourceHandler } from "./context";
import { finishDeletionIfDone } from "./rest";

/** PUT namespaces/{name}/finalize: replaces spec.finalizers; the namespace goes when none remain. */
export const namespaceFinalize: SubresourceHandler = {
  handle(request, server) {
    if (request.method !== "PUT") throw methodNotAllowed();
    const def = server.registry.get("", "namespaces")!;
    const existing = server.store.get("/namespaces", undefined, request.name);
    if (!existing) throw notFound({ group: "", resource: "namespaces" }, request.name);
    const incoming = request.body as KubeObject;
    const updated = clone(existing);
    updated.spec = { ...((updated.spec as object) ?? {}), finalizers: ((incoming.spec ?? {}) as { finalizers?: string[] }).finalizers ?? [] };
    const stored = server.store.update("/namespaces", updated);
    return { status: 200, body: finishDeletionIfDone(server, def, stored) };
  },
};
