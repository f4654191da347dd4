import type { ClusterPlugin } from "../../cluster/cluster";
import { clusterAuthKeys } from "./pki";
import { reviewHandlers } from "./reviews";
import { legacyTokenController, rootCaPublisher } from "./token-controllers";
import { tokenRequestSubresource } from "./token-request";

/**
 * Authentication for a cluster: client certificates and service-account tokens (checked against
 * the keys in ./pki.ts on the simulated clock), the TokenRequest subresource, the review
 * resources, the legacy token Secret controller and the kube-root-ca.crt publisher.
 * Install after the RBAC plugin (the reviews ask its authorizer).
 */
export const authPlugin: ClusterPlugin = {
  name: "authentication",
  install(cluster) {
    cluster.authenticator.attach({ store: cluster.store, now: () => cluster.clock.now(), keys: () => clusterAuthKeys(cluster) });
    cluster.apiserver.registerSubresource("", "serviceaccounts", "token", tokenRequestSubresource(cluster));
    for (const [key, handler] of Object.entries(reviewHandlers(cluster))) cluster.apiserver.virtualResources.set(key, handler);
    cluster.addController("serviceaccount-token-controller", legacyTokenController(cluster));
    cluster.addController("root-ca-cert-publisher", rootCaPublisher(cluster));
  },
};
