import type { ClusterPlugin } from "./cluster";
import { corePlugin } from "./core-plugin";
import { controllersPlugin } from "../controllers/plugin";
import { rbacPlugin } from "../api/auth/rbac-plugin";
import { authPlugin } from "../api/auth/auth-plugin";
import { openApiPlugin } from "../api/openapi/openapi-plugin";
import { crdPlugin } from "../api/crd/crd-plugin";
import type { EnvironmentPlugin } from "./environment";
import { kubeadmPlugin } from "../controlplane/plugin";
import { kubeletPlugin } from "../kubelet/plugin";
import { clusterBootPlugin } from "../controlplane/boot";
import { networkPlugin } from "../network/plugin";
import { hostBasePlugin } from "../hosts/seed";
import { streamingPlugin } from "../kubelet/streaming/plugin";
import { metricsPlugin } from "../kubelet/metrics/plugin";
import { bootstrapTokensPlugin } from "../controllers/bootstrap-tokens";
import { leaderElectionPlugin } from "../controllers/leader-election";
import { ephemeralContainersPlugin } from "../api/server/ephemeral-containers";

/**
 * The plugins every cluster gets, in install order. Each area of the engine adds its plugin here
 * (RBAC, workload controllers, scheduler, kubelet, network, …).
 */
export const DEFAULT_PLUGINS: ClusterPlugin[] = [corePlugin, kubeadmPlugin, rbacPlugin, authPlugin, openApiPlugin, crdPlugin, controllersPlugin, kubeletPlugin, metricsPlugin, bootstrapTokensPlugin, ephemeralContainersPlugin];

/** Environment-wide plugins (host seeding, the network model), installed after the cluster plugins. */
export const DEFAULT_ENVIRONMENT_PLUGINS: EnvironmentPlugin[] = [hostBasePlugin, networkPlugin, clusterBootPlugin, streamingPlugin];
DEFAULT_PLUGINS.push(leaderElectionPlugin);
