import type { ResourceStrategy } from "../resource";
import { cronJobStrategy, jobStrategy } from "./batch";
import { eventStrategy, leaseStrategy, limitRangeStrategy, nodeStrategy, priorityClassStrategy, resourceQuotaStrategy } from "./cluster";
import { configMapStrategy, secretStrategy, serviceAccountStrategy } from "./config";
import { namespaceStrategy } from "./namespace";
import { endpointSliceStrategy, ingressClassStrategy, ingressStrategy, networkPolicyStrategy } from "./networking";
import { podStrategy } from "./pod";
import {
  certificateSigningRequestStrategy,
  clusterRoleBindingStrategy,
  clusterRoleStrategy,
  horizontalPodAutoscalerStrategy,
  podDisruptionBudgetStrategy,
  roleBindingStrategy,
  roleStrategy,
} from "./policy";
import { endpointsStrategy, serviceStrategy } from "./service";
import { csiStorageCapacityStrategy, persistentVolumeClaimStrategy, persistentVolumeStrategy, storageClassStrategy } from "./storage";
import { podTemplateStrategy } from "./templates";
import { daemonSetStrategy, deploymentStrategy, replicaSetStrategy, replicationControllerStrategy, statefulSetStrategy } from "./workloads";

/** Per-resource behaviour, keyed by "group/resource". Kinds without an entry get generic handling. */
export const STRATEGIES: Record<string, ResourceStrategy> = {
  "/configmaps": configMapStrategy,
  "/endpoints": endpointsStrategy,
  "/events": eventStrategy,
  "/limitranges": limitRangeStrategy,
  "/namespaces": namespaceStrategy,
  "/nodes": nodeStrategy,
  "/persistentvolumeclaims": persistentVolumeClaimStrategy,
  "/persistentvolumes": persistentVolumeStrategy,
  "/pods": podStrategy,
  "/podtemplates": podTemplateStrategy,
  "/replicationcontrollers": replicationControllerStrategy,
  "/resourcequotas": resourceQuotaStrategy,
  "/secrets": secretStrategy,
  "/serviceaccounts": serviceAccountStrategy,
  "/services": serviceStrategy,
  "apps/daemonsets": daemonSetStrategy,
  "apps/deployments": deploymentStrategy,
  "apps/replicasets": replicaSetStrategy,
  "apps/statefulsets": statefulSetStrategy,
  "autoscaling/horizontalpodautoscalers": horizontalPodAutoscalerStrategy,
  "batch/cronjobs": cronJobStrategy,
  "batch/jobs": jobStrategy,
  "certificates.k8s.io/certificatesigningrequests": certificateSigningRequestStrategy,
  "coordination.k8s.io/leases": leaseStrategy,
  "discovery.k8s.io/endpointslices": endpointSliceStrategy,
  "events.k8s.io/events": eventStrategy,
  "networking.k8s.io/ingressclasses": ingressClassStrategy,
  "networking.k8s.io/ingresses": ingressStrategy,
  "networking.k8s.io/networkpolicies": networkPolicyStrategy,
  "policy/poddisruptionbudgets": podDisruptionBudgetStrategy,
  "rbac.authorization.k8s.io/clusterrolebindings": clusterRoleBindingStrategy,
  "rbac.authorization.k8s.io/clusterroles": clusterRoleStrategy,
  "rbac.authorization.k8s.io/rolebindings": roleBindingStrategy,
  "rbac.authorization.k8s.io/roles": roleStrategy,
  "scheduling.k8s.io/priorityclasses": priorityClassStrategy,
  "storage.k8s.io/csistoragecapacities": csiStorageCapacityStrategy,
  "storage.k8s.io/storageclasses": storageClassStrategy,
};
