/**
 * Field numbers of the Kubernetes protobuf messages that kubectl's typed clients send as request
 * bodies (`create <generator>`, `create token`, `auth can-i/whoami`, `autoscale`, `certificate
 * approve`, `drain`), from k8s.io/api generated.proto, checked against bodies kubectl v1.33 sends.
 *
 * A field is `[number, jsonName, type, flags?]`. Types: "s" string, "b" bytes (base64 in JSON),
 * "i" integer, "bool", "f" double, "m:<Message>", "map:s", "map:b", "map:m:<Message>".
 * Flags: "r" repeated, "p" pointer in Go (a zero value is kept), "inline" (fields merge into the parent).
 */
export type FieldSpec = [number, string, string, string?];

const META: FieldSpec = [1, "metadata", "m:ObjectMeta"];
const obj = (spec?: string, status?: string): FieldSpec[] => [META, ...(spec ? [[2, "spec", `m:${spec}`] as FieldSpec] : []), ...(status ? [[3, "status", `m:${status}`] as FieldSpec] : [])];

export const MESSAGES: Record<string, FieldSpec[]> = {
  // ---------- meta/v1 ----------
  ObjectMeta: [
    [1, "name", "s"], [2, "generateName", "s"], [3, "namespace", "s"], [4, "selfLink", "s"], [5, "uid", "s"], [6, "resourceVersion", "s"],
    [7, "generation", "i"], [8, "creationTimestamp", "m:Time"], [9, "deletionTimestamp", "m:Time"], [10, "deletionGracePeriodSeconds", "i", "p"],
    [11, "labels", "map:s"], [12, "annotations", "map:s"], [13, "ownerReferences", "m:OwnerReference", "r"], [14, "finalizers", "s", "r"],
    [17, "managedFields", "m:ManagedFieldsEntry", "r"],
  ],
  OwnerReference: [[1, "kind", "s"], [3, "name", "s"], [4, "uid", "s"], [5, "apiVersion", "s"], [6, "controller", "bool", "p"], [7, "blockOwnerDeletion", "bool", "p"]],
  ManagedFieldsEntry: [[1, "manager", "s"], [2, "operation", "s"], [3, "apiVersion", "s"], [4, "time", "m:Time"], [6, "fieldsType", "s"], [7, "fieldsV1", "m:FieldsV1"], [8, "subresource", "s"]],
  LabelSelector: [[1, "matchLabels", "map:s"], [2, "matchExpressions", "m:LabelSelectorRequirement", "r"]],
  LabelSelectorRequirement: [[1, "key", "s"], [2, "operator", "s"], [3, "values", "s", "r"]],
  Condition: [[1, "type", "s"], [2, "status", "s"], [3, "observedGeneration", "i"], [4, "lastTransitionTime", "m:Time"], [5, "reason", "s"], [6, "message", "s"]],
  DeleteOptions: [[1, "gracePeriodSeconds", "i", "p"], [2, "preconditions", "m:Preconditions"], [3, "orphanDependents", "bool", "p"], [4, "propagationPolicy", "s", "p"], [5, "dryRun", "s", "r"], [6, "ignoreStoreReadErrorWithClusterBreakingPotential", "bool", "p"]],
  Preconditions: [[1, "uid", "s", "p"], [2, "resourceVersion", "s", "p"]],

  // ---------- core/v1 ----------
  Namespace: obj("NamespaceSpec", "NamespaceStatus"),
  NamespaceSpec: [[1, "finalizers", "s", "r"]],
  NamespaceStatus: [[1, "phase", "s"], [2, "conditions", "m:NamespaceCondition", "r"]],
  NamespaceCondition: [[1, "type", "s"], [2, "status", "s"], [4, "lastTransitionTime", "m:Time"], [5, "reason", "s"], [6, "message", "s"]],
  ServiceAccount: [META, [2, "secrets", "m:ObjectReference", "r"], [3, "imagePullSecrets", "m:LocalObjectReference", "r"], [4, "automountServiceAccountToken", "bool", "p"]],
  ObjectReference: [[1, "kind", "s"], [2, "namespace", "s"], [3, "name", "s"], [4, "uid", "s"], [5, "apiVersion", "s"], [6, "resourceVersion", "s"], [7, "fieldPath", "s"]],
  LocalObjectReference: [[1, "name", "s"]],
  ConfigMap: [META, [2, "data", "map:s"], [3, "binaryData", "map:b"], [4, "immutable", "bool", "p"]],
  Secret: [META, [2, "data", "map:b"], [3, "type", "s"], [4, "stringData", "map:s"], [5, "immutable", "bool", "p"]],
  Service: obj("ServiceSpec", "ServiceStatus"),
  ServiceSpec: [
    [1, "ports", "m:ServicePort", "r"], [2, "selector", "map:s"], [3, "clusterIP", "s"], [4, "type", "s"], [5, "externalIPs", "s", "r"], [7, "sessionAffinity", "s"],
    [8, "loadBalancerIP", "s"], [9, "loadBalancerSourceRanges", "s", "r"], [10, "externalName", "s"], [11, "externalTrafficPolicy", "s"], [12, "healthCheckNodePort", "i"],
    [13, "publishNotReadyAddresses", "bool"], [17, "ipFamilyPolicy", "s", "p"], [18, "clusterIPs", "s", "r"], [19, "ipFamilies", "s", "r"],
    [20, "allocateLoadBalancerNodePorts", "bool", "p"], [21, "loadBalancerClass", "s", "p"], [22, "internalTrafficPolicy", "s", "p"], [23, "trafficDistribution", "s", "p"],
  ],
  ServicePort: [[1, "name", "s"], [2, "protocol", "s"], [3, "port", "i"], [4, "targetPort", "m:IntOrString"], [5, "nodePort", "i"], [6, "appProtocol", "s", "p"]],
  ServiceStatus: [[1, "loadBalancer", "m:LoadBalancerStatus"], [2, "conditions", "m:Condition", "r"]],
  LoadBalancerStatus: [[1, "ingress", "m:LoadBalancerIngress", "r"]],
  LoadBalancerIngress: [[1, "ip", "s"], [2, "hostname", "s"]],
  ResourceQuota: obj("ResourceQuotaSpec", "ResourceQuotaStatus"),
  ResourceQuotaSpec: [[1, "hard", "map:m:Quantity"], [2, "scopes", "s", "r"], [3, "scopeSelector", "m:ScopeSelector"]],
  ScopeSelector: [[1, "matchExpressions", "m:ScopedResourceSelectorRequirement", "r"]],
  ScopedResourceSelectorRequirement: [[1, "scopeName", "s"], [2, "operator", "s"], [3, "values", "s", "r"]],
  ResourceQuotaStatus: [[1, "hard", "map:m:Quantity"], [2, "used", "map:m:Quantity"]],
  PodTemplateSpec: [META, [2, "spec", "m:PodSpec"]],
  PodSpec: [
    [2, "containers", "m:Container", "r"], [3, "restartPolicy", "s"], [4, "terminationGracePeriodSeconds", "i", "p"], [5, "activeDeadlineSeconds", "i", "p"],
    [6, "dnsPolicy", "s"], [7, "nodeSelector", "map:s"], [8, "serviceAccountName", "s"], [9, "serviceAccount", "s"], [10, "nodeName", "s"],
    [11, "hostNetwork", "bool"], [12, "hostPID", "bool"], [13, "hostIPC", "bool"], [15, "imagePullSecrets", "m:LocalObjectReference", "r"], [16, "hostname", "s"],
    [17, "subdomain", "s"], [19, "schedulerName", "s"], [20, "initContainers", "m:Container", "r"], [21, "automountServiceAccountToken", "bool", "p"],
    [22, "tolerations", "m:Toleration", "r"], [24, "priorityClassName", "s"], [25, "priority", "i", "p"], [29, "runtimeClassName", "s", "p"],
    [30, "enableServiceLinks", "bool", "p"], [31, "preemptionPolicy", "s", "p"], [35, "setHostnameAsFQDN", "bool", "p"], [37, "hostUsers", "bool", "p"],
    // kubectl debug's pods (node debugging, --copy-to).
    [1, "volumes", "m:Volume", "r"], [14, "securityContext", "m:PodSecurityContext"], [27, "shareProcessNamespace", "bool", "p"],
  ],
  Pod: obj("PodSpec", "PodStatus"),
  PodStatus: [[1, "phase", "s"]],
  Volume: [[1, "name", "s"], [2, "volumeSource", "m:VolumeSource", "inline"]],
  VolumeSource: [
    [1, "hostPath", "m:HostPathVolumeSource"], [2, "emptyDir", "m:EmptyDirVolumeSource"], [6, "secret", "m:SecretVolumeSource"],
    [10, "persistentVolumeClaim", "m:PersistentVolumeClaimVolumeSource"], [17, "downwardAPI", "m:DownwardAPIVolumeSource"], [19, "configMap", "m:ConfigMapVolumeSource"],
    [26, "projected", "m:ProjectedVolumeSource"],
  ],
  SecretVolumeSource: [[1, "secretName", "s"], [2, "items", "m:KeyToPath", "r"], [3, "defaultMode", "i", "p"], [4, "optional", "bool", "p"]],
  ConfigMapVolumeSource: [[1, "localObjectReference", "m:LocalObjectReference", "inline"], [2, "items", "m:KeyToPath", "r"], [3, "defaultMode", "i", "p"], [4, "optional", "bool", "p"]],
  PersistentVolumeClaimVolumeSource: [[1, "claimName", "s"], [2, "readOnly", "bool"]],
  DownwardAPIVolumeSource: [[1, "items", "m:DownwardAPIVolumeFile", "r"], [2, "defaultMode", "i", "p"]],
  KeyToPath: [[1, "key", "s"], [2, "path", "s"], [3, "mode", "i", "p"]],
  ProjectedVolumeSource: [[1, "sources", "m:VolumeProjection", "r"], [2, "defaultMode", "i", "p"]],
  VolumeProjection: [[1, "secret", "m:SecretProjection"], [2, "downwardAPI", "m:DownwardAPIProjection"], [3, "configMap", "m:ConfigMapProjection"], [4, "serviceAccountToken", "m:ServiceAccountTokenProjection"]],
  SecretProjection: [[1, "localObjectReference", "m:LocalObjectReference", "inline"], [2, "items", "m:KeyToPath", "r"], [4, "optional", "bool", "p"]],
  ConfigMapProjection: [[1, "localObjectReference", "m:LocalObjectReference", "inline"], [2, "items", "m:KeyToPath", "r"], [4, "optional", "bool", "p"]],
  DownwardAPIProjection: [[1, "items", "m:DownwardAPIVolumeFile", "r"]],
  DownwardAPIVolumeFile: [[1, "path", "s"], [2, "fieldRef", "m:ObjectFieldSelector"], [4, "mode", "i", "p"]],
  ObjectFieldSelector: [[1, "apiVersion", "s"], [2, "fieldPath", "s"]],
  ServiceAccountTokenProjection: [[1, "audience", "s"], [2, "expirationSeconds", "i", "p"], [3, "path", "s"]],
  HostPathVolumeSource: [[1, "path", "s"], [2, "type", "s", "p"]],
  EmptyDirVolumeSource: [[1, "medium", "s"], [2, "sizeLimit", "m:Quantity"]],
  VolumeMount: [[1, "name", "s"], [2, "readOnly", "bool"], [3, "mountPath", "s"], [4, "subPath", "s"], [6, "subPathExpr", "s"]],
  SecurityContext: [
    [1, "capabilities", "m:Capabilities"], [2, "privileged", "bool", "p"], [4, "runAsUser", "i", "p"], [5, "runAsNonRoot", "bool", "p"],
    [6, "readOnlyRootFilesystem", "bool", "p"], [7, "allowPrivilegeEscalation", "bool", "p"], [8, "runAsGroup", "i", "p"], [11, "seccompProfile", "m:SeccompProfile"],
  ],
  Capabilities: [[1, "add", "s", "r"], [2, "drop", "s", "r"]],
  SeccompProfile: [[1, "type", "s"], [2, "localhostProfile", "s", "p"]],
  PodSecurityContext: [[2, "runAsUser", "i", "p"], [3, "runAsNonRoot", "bool", "p"], [4, "supplementalGroups", "i", "r"], [5, "fsGroup", "i", "p"], [6, "runAsGroup", "i", "p"], [10, "seccompProfile", "m:SeccompProfile"]],
  Container: [
    [1, "name", "s"], [2, "image", "s"], [3, "command", "s", "r"], [4, "args", "s", "r"], [5, "workingDir", "s"], [6, "ports", "m:ContainerPort", "r"],
    [7, "env", "m:EnvVar", "r"], [8, "resources", "m:ResourceRequirements"], [13, "terminationMessagePath", "s"], [14, "imagePullPolicy", "s"],
    [16, "stdin", "bool"], [17, "stdinOnce", "bool"], [18, "tty", "bool"], [20, "terminationMessagePolicy", "s"], [24, "restartPolicy", "s", "p"],
    [9, "volumeMounts", "m:VolumeMount", "r"], [15, "securityContext", "m:SecurityContext"],
  ],
  ContainerPort: [[1, "name", "s"], [2, "hostPort", "i"], [3, "containerPort", "i"], [4, "protocol", "s"], [5, "hostIP", "s"]],
  EnvVar: [[1, "name", "s"], [2, "value", "s"]],
  ResourceRequirements: [[1, "limits", "map:m:Quantity"], [2, "requests", "map:m:Quantity"]],
  Toleration: [[1, "key", "s"], [2, "operator", "s"], [3, "value", "s"], [4, "effect", "s"], [5, "tolerationSeconds", "i", "p"]],

  // ---------- apps/v1, batch/v1, autoscaling ----------
  Deployment: obj("DeploymentSpec", "DeploymentStatus"),
  DeploymentSpec: [
    [1, "replicas", "i", "p"], [2, "selector", "m:LabelSelector"], [3, "template", "m:PodTemplateSpec"], [4, "strategy", "m:DeploymentStrategy"],
    [5, "minReadySeconds", "i"], [6, "revisionHistoryLimit", "i", "p"], [7, "paused", "bool"], [9, "progressDeadlineSeconds", "i", "p"],
  ],
  DeploymentStrategy: [[1, "type", "s"], [2, "rollingUpdate", "m:RollingUpdateDeployment"]],
  RollingUpdateDeployment: [[1, "maxUnavailable", "m:IntOrString"], [2, "maxSurge", "m:IntOrString"]],
  DeploymentStatus: [
    [1, "observedGeneration", "i"], [2, "replicas", "i"], [3, "updatedReplicas", "i"], [4, "availableReplicas", "i"], [5, "unavailableReplicas", "i"],
    [7, "readyReplicas", "i"], [8, "collisionCount", "i", "p"], [9, "terminatingReplicas", "i", "p"],
  ],
  Job: obj("JobSpec", "JobStatus"),
  JobSpec: [
    [1, "parallelism", "i", "p"], [2, "completions", "i", "p"], [3, "activeDeadlineSeconds", "i", "p"], [4, "selector", "m:LabelSelector"], [5, "manualSelector", "bool", "p"],
    [6, "template", "m:PodTemplateSpec"], [7, "backoffLimit", "i", "p"], [8, "ttlSecondsAfterFinished", "i", "p"], [9, "completionMode", "s", "p"], [10, "suspend", "bool", "p"],
    [12, "backoffLimitPerIndex", "i", "p"], [13, "maxFailedIndexes", "i", "p"], [14, "podReplacementPolicy", "s", "p"], [15, "managedBy", "s", "p"],
  ],
  JobStatus: [[4, "active", "i"], [5, "succeeded", "i"], [6, "failed", "i"], [9, "ready", "i", "p"], [11, "terminating", "i", "p"]],
  CronJob: obj("CronJobSpec", "CronJobStatus"),
  CronJobSpec: [
    [1, "schedule", "s"], [2, "startingDeadlineSeconds", "i", "p"], [3, "concurrencyPolicy", "s"], [4, "suspend", "bool", "p"], [5, "jobTemplate", "m:JobTemplateSpec"],
    [6, "successfulJobsHistoryLimit", "i", "p"], [7, "failedJobsHistoryLimit", "i", "p"], [8, "timeZone", "s", "p"],
  ],
  JobTemplateSpec: [META, [2, "spec", "m:JobSpec"]],
  CronJobStatus: [[1, "active", "m:ObjectReference", "r"], [4, "lastScheduleTime", "m:Time"], [5, "lastSuccessfulTime", "m:Time"]],
  "autoscaling/v1.HorizontalPodAutoscaler": obj("autoscaling/v1.HorizontalPodAutoscalerSpec", "autoscaling/v1.HorizontalPodAutoscalerStatus"),
  "autoscaling/v1.HorizontalPodAutoscalerSpec": [[1, "scaleTargetRef", "m:CrossVersionObjectReference"], [2, "minReplicas", "i", "p"], [3, "maxReplicas", "i"], [4, "targetCPUUtilizationPercentage", "i", "p"]],
  "autoscaling/v1.HorizontalPodAutoscalerStatus": [[1, "observedGeneration", "i", "p"], [2, "lastScaleTime", "m:Time"], [3, "currentReplicas", "i"], [4, "desiredReplicas", "i"], [5, "currentCPUUtilizationPercentage", "i", "p"]],
  CrossVersionObjectReference: [[1, "kind", "s"], [2, "name", "s"], [3, "apiVersion", "s"]],
  "autoscaling/v2.HorizontalPodAutoscaler": obj("autoscaling/v2.HorizontalPodAutoscalerSpec", "autoscaling/v2.HorizontalPodAutoscalerStatus"),
  "autoscaling/v2.HorizontalPodAutoscalerSpec": [[1, "scaleTargetRef", "m:CrossVersionObjectReference"], [2, "minReplicas", "i", "p"], [3, "maxReplicas", "i"], [4, "metrics", "m:MetricSpec", "r"]],
  "autoscaling/v2.HorizontalPodAutoscalerStatus": [[1, "observedGeneration", "i", "p"], [2, "lastScaleTime", "m:Time"], [3, "currentReplicas", "i"], [4, "desiredReplicas", "i"]],
  MetricSpec: [[1, "type", "s"], [4, "resource", "m:ResourceMetricSource"]],
  ResourceMetricSource: [[1, "name", "s"], [2, "target", "m:MetricTarget"]],
  MetricTarget: [[1, "type", "s"], [2, "value", "m:Quantity"], [3, "averageValue", "m:Quantity"], [4, "averageUtilization", "i", "p"]],

  // ---------- rbac, policy, scheduling, networking ----------
  Role: [META, [2, "rules", "m:PolicyRule", "r"]],
  ClusterRole: [META, [2, "rules", "m:PolicyRule", "r"], [3, "aggregationRule", "m:AggregationRule"]],
  AggregationRule: [[1, "clusterRoleSelectors", "m:LabelSelector", "r"]],
  PolicyRule: [[1, "verbs", "s", "r"], [2, "apiGroups", "s", "r"], [3, "resources", "s", "r"], [4, "resourceNames", "s", "r"], [5, "nonResourceURLs", "s", "r"]],
  RoleBinding: [META, [2, "subjects", "m:Subject", "r"], [3, "roleRef", "m:RoleRef"]],
  ClusterRoleBinding: [META, [2, "subjects", "m:Subject", "r"], [3, "roleRef", "m:RoleRef"]],
  Subject: [[1, "kind", "s"], [2, "apiGroup", "s"], [3, "name", "s"], [4, "namespace", "s"]],
  RoleRef: [[1, "apiGroup", "s"], [2, "kind", "s"], [3, "name", "s"]],
  PodDisruptionBudget: obj("PodDisruptionBudgetSpec", "PodDisruptionBudgetStatus"),
  PodDisruptionBudgetSpec: [[1, "minAvailable", "m:IntOrString"], [2, "selector", "m:LabelSelector"], [3, "maxUnavailable", "m:IntOrString"], [4, "unhealthyPodEvictionPolicy", "s", "p"]],
  PodDisruptionBudgetStatus: [[1, "observedGeneration", "i"], [3, "disruptionsAllowed", "i"], [4, "currentHealthy", "i"], [5, "desiredHealthy", "i"], [6, "expectedPods", "i"], [7, "conditions", "m:Condition", "r"]],
  Eviction: [META, [2, "deleteOptions", "m:DeleteOptions"]],
  PriorityClass: [META, [2, "value", "i"], [3, "globalDefault", "bool"], [4, "description", "s"], [5, "preemptionPolicy", "s", "p"]],
  Ingress: obj("IngressSpec", "IngressStatus"),
  IngressSpec: [[1, "defaultBackend", "m:IngressBackend"], [2, "tls", "m:IngressTLS", "r"], [3, "rules", "m:IngressRule", "r"], [4, "ingressClassName", "s", "p"]],
  IngressTLS: [[1, "hosts", "s", "r"], [2, "secretName", "s"]],
  IngressRule: [[1, "host", "s"], [2, "ingressRuleValue", "m:IngressRuleValue", "inline"]],
  IngressRuleValue: [[1, "http", "m:HTTPIngressRuleValue"]],
  HTTPIngressRuleValue: [[1, "paths", "m:HTTPIngressPath", "r"]],
  HTTPIngressPath: [[1, "path", "s"], [2, "backend", "m:IngressBackend"], [3, "pathType", "s", "p"]],
  IngressBackend: [[4, "service", "m:IngressServiceBackend"]],
  IngressServiceBackend: [[1, "name", "s"], [2, "port", "m:ServiceBackendPort"]],
  ServiceBackendPort: [[1, "name", "s"], [2, "number", "i"]],
  IngressStatus: [[1, "loadBalancer", "m:IngressLoadBalancerStatus"]],
  IngressLoadBalancerStatus: [[1, "ingress", "m:LoadBalancerIngress", "r"]],

  // ---------- authentication, authorization, certificates ----------
  TokenRequest: obj("TokenRequestSpec", "TokenRequestStatus"),
  TokenRequestSpec: [[1, "audiences", "s", "r"], [3, "boundObjectRef", "m:BoundObjectReference"], [4, "expirationSeconds", "i", "p"]],
  BoundObjectReference: [[1, "kind", "s"], [2, "apiVersion", "s"], [3, "name", "s"], [4, "uid", "s"]],
  TokenRequestStatus: [[1, "token", "s"], [2, "expirationTimestamp", "m:Time"]],
  SelfSubjectReview: [META, [2, "status", "m:SelfSubjectReviewStatus"]],
  SelfSubjectReviewStatus: [[1, "userInfo", "m:UserInfo"]],
  UserInfo: [[1, "username", "s"], [2, "uid", "s"], [3, "groups", "s", "r"]],
  SelfSubjectAccessReview: obj("SelfSubjectAccessReviewSpec", "SubjectAccessReviewStatus"),
  SelfSubjectAccessReviewSpec: [[1, "resourceAttributes", "m:ResourceAttributes"], [2, "nonResourceAttributes", "m:NonResourceAttributes"]],
  ResourceAttributes: [[1, "namespace", "s"], [2, "verb", "s"], [3, "group", "s"], [4, "version", "s"], [5, "resource", "s"], [6, "subresource", "s"], [7, "name", "s"]],
  NonResourceAttributes: [[1, "path", "s"], [2, "verb", "s"]],
  SubjectAccessReviewStatus: [[1, "allowed", "bool"], [2, "reason", "s"], [3, "evaluationError", "s"], [4, "denied", "bool"]],
  SelfSubjectRulesReview: obj("SelfSubjectRulesReviewSpec", "SubjectRulesReviewStatus"),
  SelfSubjectRulesReviewSpec: [[1, "namespace", "s"]],
  SubjectRulesReviewStatus: [[3, "incomplete", "bool"], [4, "evaluationError", "s"]],
  CertificateSigningRequest: obj("CertificateSigningRequestSpec", "CertificateSigningRequestStatus"),
  CertificateSigningRequestSpec: [
    [1, "request", "b"], [2, "username", "s"], [3, "uid", "s"], [4, "groups", "s", "r"], [5, "usages", "s", "r"], [6, "extra", "map:m:ExtraValue"],
    [7, "signerName", "s"], [8, "expirationSeconds", "i", "p"],
  ],
  ExtraValue: [[1, "items", "s", "r"]],
  CertificateSigningRequestStatus: [[1, "conditions", "m:CertificateSigningRequestCondition", "r"], [2, "certificate", "b"]],
  CertificateSigningRequestCondition: [[1, "type", "s"], [2, "reason", "s"], [3, "message", "s"], [4, "lastUpdateTime", "m:Time"], [5, "lastTransitionTime", "m:Time"], [6, "status", "s"]],
};

/** The top-level message for a kind (a few kinds differ between versions). */
export function messageForKind(apiVersion: string, kind: string): string | undefined {
  const versioned = `${apiVersion}.${kind}`;
  if (MESSAGES[versioned]) return versioned;
  return MESSAGES[kind] && !kind.startsWith("autoscaling") ? kind : undefined;
}
