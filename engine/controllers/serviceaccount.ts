import { ApiError } from "../api/errors";
import type { ControllerFactory } from "./controller";

/**
 * The service-account controller: every active namespace has a `default` ServiceAccount, created
 * with the namespace and re-created if someone deletes it.
 */
export const serviceAccountController: ControllerFactory = ({ client }) => ({
  name: "serviceaccount-controller",
  watches: ["/namespaces", "/serviceaccounts"],
  keysFor(event) {
    if (event.typeKey === "/namespaces") return event.type === "DELETED" ? [] : [event.object.metadata.name!];
    return event.type === "DELETED" && event.object.metadata.name === "default" ? [event.object.metadata.namespace!] : [];
  },
  resync: () => client.server.store.list("/namespaces").map((n) => n.metadata.name!),
  reconcile(namespace) {
    const ns = client.server.store.get("/namespaces", undefined, namespace);
    if (!ns || ns.metadata.deletionTimestamp || (ns.status as { phase?: string } | undefined)?.phase === "Terminating") return;
    if (client.server.store.get("/serviceaccounts", namespace, "default")) return;
    try {
      client.create({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "default", namespace } });
    } catch (e) {
      // Namespace going away or already created by someone else: nothing to do.
      if (!(e instanceof ApiError)) throw e;
    }
  },
});
