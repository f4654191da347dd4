import type { TablePrinter } from "../table";
import { hpaPrinter } from "./autoscaling";
import { cronJobPrinter, jobPrinter } from "./batch";
import { componentStatusPrinter, configMapPrinter, nodePrinter, secretPrinter, serviceAccountPrinter } from "./cluster";
import { eventPrinter } from "./events";
import {
  apiServicePrinter,
  flowSchemaPrinter,
  mutatingWebhookPrinter,
  priorityLevelPrinter,
  validatingAdmissionPolicyBindingPrinter,
  validatingAdmissionPolicyPrinter,
  validatingWebhookPrinter,
} from "./extensions";
import { namespacePrinter } from "./namespace";
import {
  endpointSlicePrinter,
  endpointsPrinter,
  ingressClassPrinter,
  ingressPrinter,
  ipAddressPrinter,
  networkPolicyPrinter,
  serviceCIDRPrinter,
  servicePrinter,
} from "./network";
import { podPrinter } from "./pod";
import { csrPrinter, leasePrinter, podDisruptionBudgetPrinter, priorityClassPrinter, resourceQuotaPrinter, runtimeClassPrinter } from "./policy";
import { clusterRoleBindingPrinter, roleBindingPrinter } from "./rbac";
import {
  csiDriverPrinter,
  csiNodePrinter,
  csiStorageCapacityPrinter,
  persistentVolumeClaimPrinter,
  persistentVolumePrinter,
  storageClassPrinter,
  volumeAttachmentPrinter,
} from "./storage";
import {
  controllerRevisionPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  podTemplatePrinter,
  replicaSetPrinter,
  replicationControllerPrinter,
  statefulSetPrinter,
} from "./workloads";
import { eventsV1ToCore } from "../kinds/events";
import { hpaToV2 } from "../kinds/hpa";

/**
 * Server-side table printers, keyed by "group/resource". Kinds without one (roles, clusterroles,
 * limitranges, …) use the apiserver's default convertor: NAME and CREATED AT.
 */
export const PRINTERS: Record<string, TablePrinter> = {
  "/componentstatuses": componentStatusPrinter,
  "/configmaps": configMapPrinter,
  "/endpoints": endpointsPrinter,
  "/events": eventPrinter(),
  "/namespaces": namespacePrinter,
  "/nodes": nodePrinter,
  "/persistentvolumeclaims": persistentVolumeClaimPrinter,
  "/persistentvolumes": persistentVolumePrinter,
  "/pods": podPrinter,
  "/podtemplates": podTemplatePrinter,
  "/replicationcontrollers": replicationControllerPrinter,
  "/resourcequotas": resourceQuotaPrinter,
  "/secrets": secretPrinter,
  "/serviceaccounts": serviceAccountPrinter,
  "/services": servicePrinter,
  "apiregistration.k8s.io/apiservices": apiServicePrinter,
  "apps/controllerrevisions": controllerRevisionPrinter,
  "apps/daemonsets": daemonSetPrinter,
  "apps/deployments": deploymentPrinter,
  "apps/replicasets": replicaSetPrinter,
  "apps/statefulsets": statefulSetPrinter,
  "autoscaling/horizontalpodautoscalers": hpaPrinter(hpaToV2),
  "batch/cronjobs": cronJobPrinter,
  "batch/jobs": jobPrinter,
  "certificates.k8s.io/certificatesigningrequests": csrPrinter,
  "coordination.k8s.io/leases": leasePrinter,
  "discovery.k8s.io/endpointslices": endpointSlicePrinter,
  "events.k8s.io/events": eventPrinter(eventsV1ToCore),
  "flowcontrol.apiserver.k8s.io/flowschemas": flowSchemaPrinter,
  "flowcontrol.apiserver.k8s.io/prioritylevelconfigurations": priorityLevelPrinter,
  "networking.k8s.io/ingressclasses": ingressClassPrinter,
  "networking.k8s.io/ingresses": ingressPrinter,
  "networking.k8s.io/ipaddresses": ipAddressPrinter,
  "networking.k8s.io/networkpolicies": networkPolicyPrinter,
  "networking.k8s.io/servicecidrs": serviceCIDRPrinter,
  "node.k8s.io/runtimeclasses": runtimeClassPrinter,
  "policy/poddisruptionbudgets": podDisruptionBudgetPrinter,
  "rbac.authorization.k8s.io/clusterrolebindings": clusterRoleBindingPrinter,
  "rbac.authorization.k8s.io/rolebindings": roleBindingPrinter,
  "scheduling.k8s.io/priorityclasses": priorityClassPrinter,
  "storage.k8s.io/csidrivers": csiDriverPrinter,
  "storage.k8s.io/csinodes": csiNodePrinter,
  "storage.k8s.io/csistoragecapacities": csiStorageCapacityPrinter,
  "storage.k8s.io/storageclasses": storageClassPrinter,
  "storage.k8s.io/volumeattachments": volumeAttachmentPrinter,
  "admissionregistration.k8s.io/mutatingwebhookconfigurations": mutatingWebhookPrinter,
  "admissionregistration.k8s.io/validatingadmissionpolicies": validatingAdmissionPolicyPrinter,
  "admissionregistration.k8s.io/validatingadmissionpolicybindings": validatingAdmissionPolicyBindingPrinter,
  "admissionregistration.k8s.io/validatingwebhookconfigurations": validatingWebhookPrinter,
};
