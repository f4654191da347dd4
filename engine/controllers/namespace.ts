import type { ControllerFactory } from "./controller";

/**
 * The namespace controller: once a namespace is marked for deletion it deletes everything in it,
 * and when nothing is left it removes the `kubernetes` finalizer so the namespace itself goes away
 * (once no other finalizer remains).
 */
export const namespaceController: ControllerFactory = ({ client, requeueAfter }) => ({
  name: "namespace",
  watches: ["/namespaces"],
  resync: () => client.list("", "namespaces").filter((n) => n.metadata.deletionTimestamp).map((n) => n.metadata.name!),
  reconcile(name) {
    const ns = client.get("", "namespaces", undefined, name);
    if (!ns?.metadata.deletionTimestamp) return;
    let remaining = 0;
    for (const def of client.server.registry.all()) {
      if (!def.namespaced || def.virtual || !def.verbs?.includes("delete")) continue;
      const key = `${def.group}/${def.resource}`;
      for (const obj of client.server.store.list(key, name)) {
        if (!obj.metadata.deletionTimestamp) {
          client.delete(def.group, def.resource, name, obj.metadata.name!, { propagationPolicy: "Background" });
        }
      }
      remaining += client.server.store.list(key, name).length;
    }
    if (remaining > 0) {
      // Pods terminate gracefully; look again once they have had time to go.
      requeueAfter(name, 1000);
      return;
    }
    // Only its own finalizer, "kubernetes": another one keeps the namespace Terminating until
    // whoever owns it (or a learner, through /finalize) removes it.
    const spec = (ns.spec ?? {}) as { finalizers?: string[] };
    const finalizers = spec.finalizers ?? [];
    if (finalizers.includes("kubernetes")) {
      client.request("PUT", client.path("", "namespaces", undefined, name, "finalize"), {
        body: { ...ns, spec: { ...spec, finalizers: finalizers.filter((f) => f !== "kubernetes") } },
        contentType: "application/json",
      });
    }
  },
});
