import type { ResourceDefinition } from "../resource";

/**
 * The built-in resource types of a v1.33 kubeadm cluster, as its discovery documents list them:
 * group, storage version, plural, kind, scope, short names, categories and subresources.
 * Behaviour (defaulting, validation, printing) is attached from strategies/ and printers/.
 */
type Entry = Omit<ResourceDefinition, "singular"> & { singular?: string };

const ALL = ["all"];
const READ_ONLY = ["get", "list"];
const CREATE_ONLY = ["create"];
const NO_DELETECOLLECTION = ["create", "delete", "get", "list", "patch", "update", "watch"];

const core = (e: Omit<Entry, "group" | "version">): Entry => ({ group: "", version: "v1", ...e });
const g = (group: string, version: string) => (e: Omit<Entry, "group" | "version">): Entry => ({ group, version, ...e });

const apps = g("apps", "v1");
const batch = g("batch", "v1");
const networking = g("networking.k8s.io", "v1");
const rbac = g("rbac.authorization.k8s.io", "v1");
const storage = g("storage.k8s.io", "v1");

const entries: Entry[] = [
  core({ resource: "bindings", kind: "Binding", namespaced: true, verbs: CREATE_ONLY, virtual: true }),
  core({
    resource: "componentstatuses",
    kind: "ComponentStatus",
    namespaced: false,
    shortNames: ["cs"],
    verbs: READ_ONLY,
    virtual: true,
    deprecationWarnings: { v1: "v1 ComponentStatus is deprecated in v1.19+" },
  }),
  core({ resource: "configmaps", kind: "ConfigMap", namespaced: true, shortNames: ["cm"] }),
  core({
    resource: "endpoints",
    kind: "Endpoints",
    namespaced: true,
    shortNames: ["ep"],
    deprecationWarnings: { v1: "v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice" },
  }),
  core({ resource: "events", kind: "Event", namespaced: true, shortNames: ["ev"] }),
  core({ resource: "limitranges", kind: "LimitRange", namespaced: true, shortNames: ["limits"] }),
  core({ resource: "namespaces", kind: "Namespace", namespaced: false, shortNames: ["ns"], verbs: NO_DELETECOLLECTION, subresources: ["finalize", "status"] }),
  core({ resource: "nodes", kind: "Node", namespaced: false, shortNames: ["no"], subresources: ["proxy", "status"] }),
  core({ resource: "persistentvolumeclaims", kind: "PersistentVolumeClaim", namespaced: true, shortNames: ["pvc"], subresources: ["status"] }),
  core({ resource: "persistentvolumes", kind: "PersistentVolume", namespaced: false, shortNames: ["pv"], subresources: ["status"] }),
  core({
    resource: "pods",
    kind: "Pod",
    namespaced: true,
    shortNames: ["po"],
    categories: ALL,
    subresources: ["attach", "binding", "ephemeralcontainers", "eviction", "exec", "log", "portforward", "proxy", "resize", "status"],
  }),
  core({ resource: "podtemplates", kind: "PodTemplate", namespaced: true }),
  core({
    resource: "replicationcontrollers",
    kind: "ReplicationController",
    namespaced: true,
    shortNames: ["rc"],
    categories: ALL,
    subresources: ["scale", "status"],
    scale: { specReplicasPath: ["spec", "replicas"], statusReplicasPath: ["status", "replicas"], labelSelectorPath: ["spec", "selector"] },
  }),
  core({ resource: "resourcequotas", kind: "ResourceQuota", namespaced: true, shortNames: ["quota"], subresources: ["status"] }),
  core({ resource: "secrets", kind: "Secret", namespaced: true }),
  core({ resource: "serviceaccounts", kind: "ServiceAccount", namespaced: true, shortNames: ["sa"], subresources: ["token"] }),
  core({ resource: "services", kind: "Service", namespaced: true, shortNames: ["svc"], categories: ALL, subresources: ["proxy", "status"], verbs: NO_DELETECOLLECTION }),

  g("apiregistration.k8s.io", "v1")({ resource: "apiservices", kind: "APIService", namespaced: false, categories: ["api-extensions"], subresources: ["status"] }),

  apps({ resource: "controllerrevisions", kind: "ControllerRevision", namespaced: true }),
  apps({ resource: "daemonsets", kind: "DaemonSet", namespaced: true, shortNames: ["ds"], categories: ALL, subresources: ["status"] }),
  apps({
    resource: "deployments",
    kind: "Deployment",
    namespaced: true,
    shortNames: ["deploy"],
    categories: ALL,
    subresources: ["scale", "status"],
    scale: { specReplicasPath: ["spec", "replicas"], statusReplicasPath: ["status", "replicas"], labelSelectorPath: ["spec", "selector"] },
  }),
  apps({
    resource: "replicasets",
    kind: "ReplicaSet",
    namespaced: true,
    shortNames: ["rs"],
    categories: ALL,
    subresources: ["scale", "status"],
    scale: { specReplicasPath: ["spec", "replicas"], statusReplicasPath: ["status", "replicas"], labelSelectorPath: ["spec", "selector"] },
  }),
  apps({
    resource: "statefulsets",
    // ValidateStatefulSetName: pods are named <name>-<ordinal> and need a DNS label.
    nameRule: "label",
    kind: "StatefulSet",
    namespaced: true,
    shortNames: ["sts"],
    categories: ALL,
    subresources: ["scale", "status"],
    scale: { specReplicasPath: ["spec", "replicas"], statusReplicasPath: ["status", "replicas"], labelSelectorPath: ["spec", "selector"] },
  }),

  g("authentication.k8s.io", "v1")({ resource: "selfsubjectreviews", kind: "SelfSubjectReview", namespaced: false, verbs: CREATE_ONLY, virtual: true }),
  g("authentication.k8s.io", "v1")({ resource: "tokenreviews", kind: "TokenReview", namespaced: false, verbs: CREATE_ONLY, virtual: true }),
  g("authorization.k8s.io", "v1")({ resource: "localsubjectaccessreviews", kind: "LocalSubjectAccessReview", namespaced: true, verbs: CREATE_ONLY, virtual: true }),
  g("authorization.k8s.io", "v1")({ resource: "selfsubjectaccessreviews", kind: "SelfSubjectAccessReview", namespaced: false, verbs: CREATE_ONLY, virtual: true }),
  g("authorization.k8s.io", "v1")({ resource: "selfsubjectrulesreviews", kind: "SelfSubjectRulesReview", namespaced: false, verbs: CREATE_ONLY, virtual: true }),
  g("authorization.k8s.io", "v1")({ resource: "subjectaccessreviews", kind: "SubjectAccessReview", namespaced: false, verbs: CREATE_ONLY, virtual: true }),

  g("autoscaling", "v2")({ resource: "horizontalpodautoscalers", kind: "HorizontalPodAutoscaler", namespaced: true, shortNames: ["hpa"], categories: ALL, subresources: ["status"] }),
  batch({ resource: "cronjobs", kind: "CronJob", namespaced: true, shortNames: ["cj"], categories: ALL, subresources: ["status"] }),
  batch({ resource: "jobs", kind: "Job", namespaced: true, categories: ALL, subresources: ["status"] }),
  g("certificates.k8s.io", "v1")({
    resource: "certificatesigningrequests",
    kind: "CertificateSigningRequest",
    namespaced: false,
    shortNames: ["csr"],
    subresources: ["approval", "status"],
    // ValidateCertificateRequestName accepts any name.
    nameRule: "any",
  }),
  g("coordination.k8s.io", "v1")({ resource: "leases", kind: "Lease", namespaced: true }),
  g("discovery.k8s.io", "v1")({ resource: "endpointslices", kind: "EndpointSlice", namespaced: true }),
  g("events.k8s.io", "v1")({ resource: "events", kind: "Event", namespaced: true, shortNames: ["ev"], etcdPrefix: "events" }),
  g("flowcontrol.apiserver.k8s.io", "v1")({ resource: "flowschemas", kind: "FlowSchema", namespaced: false, subresources: ["status"] }),
  g("flowcontrol.apiserver.k8s.io", "v1")({ resource: "prioritylevelconfigurations", kind: "PriorityLevelConfiguration", namespaced: false, subresources: ["status"] }),
  networking({ resource: "ingressclasses", kind: "IngressClass", namespaced: false }),
  networking({ resource: "ingresses", kind: "Ingress", namespaced: true, shortNames: ["ing"], subresources: ["status"] }),
  networking({ resource: "ipaddresses", kind: "IPAddress", namespaced: false, shortNames: ["ip"] }),
  networking({ resource: "networkpolicies", kind: "NetworkPolicy", namespaced: true, shortNames: ["netpol"] }),
  networking({ resource: "servicecidrs", kind: "ServiceCIDR", namespaced: false, subresources: ["status"] }),
  g("node.k8s.io", "v1")({ resource: "runtimeclasses", kind: "RuntimeClass", namespaced: false }),
  g("policy", "v1")({ resource: "poddisruptionbudgets", kind: "PodDisruptionBudget", namespaced: true, shortNames: ["pdb"], subresources: ["status"] }),
  rbac({ resource: "clusterrolebindings", kind: "ClusterRoleBinding", namespaced: false }),
  rbac({ resource: "clusterroles", kind: "ClusterRole", namespaced: false }),
  rbac({ resource: "rolebindings", kind: "RoleBinding", namespaced: true }),
  rbac({ resource: "roles", kind: "Role", namespaced: true }),
  g("scheduling.k8s.io", "v1")({ resource: "priorityclasses", kind: "PriorityClass", namespaced: false, shortNames: ["pc"] }),
  storage({ resource: "csidrivers", kind: "CSIDriver", namespaced: false }),
  storage({ resource: "csinodes", kind: "CSINode", namespaced: false }),
  storage({ resource: "csistoragecapacities", kind: "CSIStorageCapacity", namespaced: true }),
  storage({ resource: "storageclasses", kind: "StorageClass", namespaced: false, shortNames: ["sc"] }),
  storage({ resource: "volumeattachments", kind: "VolumeAttachment", namespaced: false, subresources: ["status"] }),
  g("admissionregistration.k8s.io", "v1")({ resource: "mutatingwebhookconfigurations", kind: "MutatingWebhookConfiguration", namespaced: false, categories: ["api-extensions"] }),
  g("admissionregistration.k8s.io", "v1")({ resource: "validatingadmissionpolicies", kind: "ValidatingAdmissionPolicy", namespaced: false, categories: ["api-extensions"], subresources: ["status"] }),
  g("admissionregistration.k8s.io", "v1")({ resource: "validatingadmissionpolicybindings", kind: "ValidatingAdmissionPolicyBinding", namespaced: false, categories: ["api-extensions"] }),
  g("admissionregistration.k8s.io", "v1")({ resource: "validatingwebhookconfigurations", kind: "ValidatingWebhookConfiguration", namespaced: false, categories: ["api-extensions"] }),
  g("apiextensions.k8s.io", "v1")({ resource: "customresourcedefinitions", kind: "CustomResourceDefinition", namespaced: false, shortNames: ["crd", "crds"], categories: ["api-extensions"], subresources: ["status"] }),
  g("metrics.k8s.io", "v1beta1")({ resource: "nodes", kind: "NodeMetrics", namespaced: false, verbs: READ_ONLY, virtual: true }),
  g("metrics.k8s.io", "v1beta1")({ resource: "pods", kind: "PodMetrics", namespaced: true, verbs: READ_ONLY, virtual: true }),
];

export const BUILTIN_RESOURCES: ResourceDefinition[] = entries.map((e) => ({ singular: e.kind.toLowerCase(), ...e }));
