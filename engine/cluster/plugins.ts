import type { ClusterPlugin } from "./cluster";
import { corePlugin } from "./core-plugin";

/**
 * The plugins every cluster gets, in install order. Each area of the engine adds its plugin here
 * (RBAC, workload controllers, scheduler, kubelet, network, …).
 */
export const DEFAULT_PLUGINS: ClusterPlugin[] = [corePlugin];
