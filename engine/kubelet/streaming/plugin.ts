import type { EnvironmentPlugin } from "../../cluster/environment";
import { attachSubresource, execSubresource, portForwardSubresource } from "./subresources";
// Container shells holding a terminal come back after a restore.
import "./container-shell-session";

/** Serves pods/exec, pods/attach and pods/portforward in every cluster (they need the environment: shells run over its hosts). */
export const streamingPlugin: EnvironmentPlugin = {
  name: "kubelet-streaming",
  install(env) {
    for (const cluster of env.clusters.values()) {
      cluster.apiserver.registerSubresource("", "pods", "exec", execSubresource(env, cluster));
      cluster.apiserver.registerSubresource("", "pods", "attach", attachSubresource(env, cluster));
      cluster.apiserver.registerSubresource("", "pods", "portforward", portForwardSubresource(env, cluster));
    }
  },
};
