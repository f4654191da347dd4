import type { EnvironmentPlugin } from "../cluster/environment";
import { layoutOf } from "../controlplane/plugin";
import { setClusterNetwork } from "../kubelet/network-hooks";
import { ClusterNetwork } from "./model";

/** Makes `env.network` the cluster network model and lets kubelets use it for containers' traffic. */
export const networkPlugin: EnvironmentPlugin = {
  name: "network",
  install(env) {
    const model = new ClusterNetwork(env);
    env.network = model;
    for (const cluster of env.clusters.values()) {
      setClusterNetwork(cluster, model);
      cluster.setPluginState("network/dnsServiceIP", layoutOf(cluster).dnsServiceIP);
    }
  },
};
