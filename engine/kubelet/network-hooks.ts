import { AttachedState } from "../cluster/attached-state";
import type { Cluster } from "../cluster/cluster";
import type { NetworkModel } from "../network/types";

/**
 * The environment's network model as seen from a cluster's kubelets (for wget/curl in container
 * scripts and for probes). Set by the network plugin; a cluster without one has no reachable peers.
 */
// Not a WeakMap: V8 keeps a WeakMap's values through young-generation collections, and this one
// reaches the cluster, so dropped attempts would survive each scavenge (engine/cluster/attached-state.ts).
const models = new AttachedState<Cluster, NetworkModel>("network model");

export function setClusterNetwork(cluster: Cluster, model: NetworkModel): void {
  models.set(cluster, model);
}

export function clusterNetwork(cluster: Cluster): NetworkModel | undefined {
  return models.get(cluster);
}
