import type { Cluster } from "../cluster/cluster";
import type { NetworkModel } from "../network/types";

/**
 * The environment's network model as seen from a cluster's kubelets (for wget/curl in container
 * scripts and for probes). Set by the network plugin; a cluster without one has no reachable peers.
 */
const models = new WeakMap<Cluster, NetworkModel>();

export function setClusterNetwork(cluster: Cluster, model: NetworkModel): void {
  models.set(cluster, model);
}

export function clusterNetwork(cluster: Cluster): NetworkModel | undefined {
  return models.get(cluster);
}
