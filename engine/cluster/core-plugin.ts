import { defaultIngressClass, defaultStorageClass } from "../api/admission/default-classes";
import { limitRanger } from "../api/admission/limit-ranger";
import { namespaceLifecycle } from "../api/admission/namespace-lifecycle";
import { resourceQuotaController } from "../api/admission/quota-controller";
import { resourceQuotaAdmission } from "../api/admission/resource-quota";
import { serviceAccountAdmission } from "../api/admission/service-account";
import { persistentVolumeClaimResize, pvcProtectionController, pvProtectionController, storageObjectInUseProtection } from "../api/admission/storage-protection";
import { apiserverEndpointsController, defaultServiceCIDR, serviceCIDRReadyStatus } from "../api/kinds/bootstrap";
import { BUILTIN_RESOURCES } from "../api/kinds/catalog";
import { componentStatusResource, type ComponentName } from "../api/kinds/component-status";
import { KIND_EXTRAS } from "../api/kinds/extras";
import { PRINTERS } from "../api/printers";
import { namespaceFinalize } from "../api/server/finalize";
import { STRATEGIES } from "../api/strategies";
import { DEFAULT_SERVICE_CIDR } from "../api/strategies/service";
import { serviceIPAddressController } from "../api/strategies/service-ipaddresses";
import { namespaceController } from "../controllers/namespace";
import { componentServing, controlPlaneBooted } from "../controlplane/health";
import type { Cluster, ClusterPlugin } from "./cluster";

const SYSTEM_NAMESPACES = ["default", "kube-node-lease", "kube-public", "kube-system"];

/** Where the `kubernetes` Endpoints point: the first control-plane node's address and the secure port. */
function apiserverAddress(cluster: Cluster): { ip: string; port: number } {
  const [host, port] = cluster.apiserver.serverAddress.split(":");
  return { ip: host, port: Number(port || 6443) };
}

/**
 * A component is healthy when its static pod serves; a cluster without the kubeadm control-plane
 * model runs the scheduler and controllers in process, so they always answer.
 */
function componentHealthy(cluster: Cluster, component: ComponentName): boolean {
  if (!controlPlaneBooted(cluster)) return true;
  const served = { scheduler: "kube-scheduler", "controller-manager": "kube-controller-manager", "etcd-0": "etcd" } as const;
  return componentServing(cluster, served[component]).up;
}

/**
 * The API server's built-in kinds with their behaviour, its admission chain (in the real plugin
 * order: NamespaceLifecycle, LimitRanger, ServiceAccount, …, ResourceQuota; Priority and
 * DefaultTolerationSeconds are installed by the scheduler and controller plugins), the controllers
 * that belong to the apiserver and quota, and the objects every cluster starts with.
 */
export const corePlugin: ClusterPlugin = {
  name: "core",
  install(cluster) {
    for (const def of BUILTIN_RESOURCES) {
      const key = `${def.group}/${def.resource}`;
      cluster.registry.register({ ...def, ...KIND_EXTRAS[key], strategy: STRATEGIES[key] ?? def.strategy, printer: PRINTERS[key] ?? def.printer });
    }
    cluster.apiserver.admission.push(
      namespaceLifecycle,
      limitRanger,
      serviceAccountAdmission,
      defaultStorageClass,
      storageObjectInUseProtection,
      persistentVolumeClaimResize,
      defaultIngressClass,
      resourceQuotaAdmission(() => cluster.admin),
    );
    cluster.apiserver.registerSubresource("", "namespaces", "finalize", namespaceFinalize);
    cluster.apiserver.virtualResources.set("/componentstatuses", componentStatusResource((c) => componentHealthy(cluster, c)));
    cluster.addController("namespace-controller", namespaceController);
    cluster.addController("resourcequota-controller", resourceQuotaController);
    cluster.addController("pvc-protection-controller", pvcProtectionController);
    cluster.addController("pv-protection-controller", pvProtectionController);
    cluster.addController("service-ipaddress-allocations", serviceIPAddressController);
    cluster.addController("apiserver-endpoints", apiserverEndpointsController(() => apiserverAddress(cluster)));
  },
  bootstrap(cluster) {
    for (const name of SYSTEM_NAMESPACES) {
      cluster.admin.create({ apiVersion: "v1", kind: "Namespace", metadata: { name } });
    }
    const cidr = cluster.admin.create(defaultServiceCIDR(cluster.spec.serviceSubnet ?? DEFAULT_SERVICE_CIDR));
    cluster.admin.update({ ...cidr, status: serviceCIDRReadyStatus(cluster.clock.nowRfc3339()) }, "status");
  },
};
