import { AUTOUPDATE, BOOTSTRAP_LABELS, EVENTS_RULE, READ, clusterRoleRef, rule, serviceAccount, type BindingSpec, type PolicyRuleList, type RoleSpec } from "./policy-builders";

/**
 * The roles of kube-controller-manager's controllers (bootstrappolicy/controller_policy.go, read
 * rule by rule from the Kubernetes source; roles behind feature gates that are off in v1.33 —
 * DRA, VolumeAttributesClass, ClusterTrustBundle, storage version APIs — are left out):
 * `system:controller:<name>`, each bound to the service account `kube-system/<name>` that the
 * controller runs as with `--use-service-account-credentials` (kubeadm's default).
 */
const CORE = "";
const APPS = "apps";
const EXT = "extensions";
const BATCH = "batch";
const STORAGE = "storage.k8s.io";
const DISCOVERY = "discovery.k8s.io";
const NETWORKING = "networking.k8s.io";

const CONTROLLERS: [string, PolicyRuleList][] = [
  ["attachdetach-controller", [
    rule(["list", "watch"], [CORE], ["persistentvolumes", "persistentvolumeclaims"]),
    rule(READ, [CORE], ["nodes"]),
    rule(["patch", "update"], [CORE], ["nodes/status"]),
    rule(["list", "watch"], [CORE], ["pods"]),
    EVENTS_RULE,
    rule(["get", "create", "delete", "list", "watch"], [STORAGE], ["volumeattachments"]),
    rule(READ, [STORAGE], ["csidrivers"]),
    rule(READ, [STORAGE], ["csinodes"]),
  ]],
  ["clusterrole-aggregation-controller", [rule(["escalate", "get", "list", "watch", "update", "patch"], ["rbac.authorization.k8s.io"], ["clusterroles"])]],
  ["cronjob-controller", [
    rule(["get", "list", "watch", "update"], [BATCH], ["cronjobs"]),
    rule(["get", "list", "watch", "create", "update", "delete", "patch"], [BATCH], ["jobs"]),
    rule(["update"], [BATCH], ["cronjobs/status"]),
    rule(["update"], [BATCH], ["cronjobs/finalizers"]),
    rule(["list", "watch", "delete"], [CORE], ["pods"]),
    EVENTS_RULE,
  ]],
  ["daemon-set-controller", [
    rule(READ, [EXT, APPS], ["daemonsets"]),
    rule(["update"], [EXT, APPS], ["daemonsets/status"]),
    rule(["update"], [EXT, APPS], ["daemonsets/finalizers"]),
    rule(["list", "watch"], [CORE], ["nodes"]),
    rule(["list", "watch", "create", "delete", "patch"], [CORE], ["pods"]),
    rule(["create"], [CORE], ["pods/binding"]),
    rule(["get", "list", "watch", "create", "delete", "update", "patch"], [APPS], ["controllerrevisions"]),
    EVENTS_RULE,
  ]],
  ["deployment-controller", [
    rule(["get", "list", "watch", "update"], [EXT, APPS], ["deployments"]),
    rule(["update"], [EXT, APPS], ["deployments/status"]),
    rule(["update"], [EXT, APPS], ["deployments/finalizers"]),
    rule(["get", "list", "watch", "create", "update", "patch", "delete"], [APPS, EXT], ["replicasets"]),
    // The real policy keeps "update" on pods until kubernetes#36897 is resolved.
    rule(["get", "list", "watch", "update"], [CORE], ["pods"]),
    EVENTS_RULE,
  ]],
  ["disruption-controller", [
    rule(READ, [EXT, APPS], ["deployments"]),
    rule(READ, [APPS, EXT], ["replicasets"]),
    rule(READ, [CORE], ["replicationcontrollers"]),
    rule(READ, ["policy"], ["poddisruptionbudgets"]),
    rule(READ, [APPS], ["statefulsets"]),
    rule(["update"], ["policy"], ["poddisruptionbudgets/status"]),
    rule(["patch", "update"], [CORE], ["pods/status"]),
    rule(["get"], ["*"], ["*/scale"]),
    EVENTS_RULE,
  ]],
  ["endpoint-controller", [
    rule(READ, [CORE], ["services", "pods"]),
    rule(["get", "list", "watch", "create", "update", "delete"], [CORE], ["endpoints"]),
    rule(["create"], [CORE], ["endpoints/restricted"]),
    EVENTS_RULE,
  ]],
  ["endpointslice-controller", [
    rule(READ, [CORE], ["services", "pods", "nodes"]),
    rule(["update"], [CORE], ["services/finalizers"]),
    rule(["get", "list", "watch", "create", "update", "delete"], [DISCOVERY], ["endpointslices"]),
    EVENTS_RULE,
  ]],
  ["endpointslicemirroring-controller", [
    rule(READ, [CORE], ["services", "endpoints"]),
    rule(["update"], [CORE], ["services/finalizers"]),
    rule(["update"], [CORE], ["endpoints/finalizers"]),
    rule(["get", "list", "watch", "create", "update", "delete"], [DISCOVERY], ["endpointslices"]),
    EVENTS_RULE,
  ]],
  ["expand-controller", [
    rule(["get", "list", "watch", "update", "patch"], [CORE], ["persistentvolumes"]),
    rule(["update", "patch"], [CORE], ["persistentvolumeclaims/status"]),
    rule(READ, [CORE], ["persistentvolumeclaims"]),
    EVENTS_RULE,
    // volume plugin: portworx
    rule(["get"], [CORE], ["services"]),
  ]],
  ["ephemeral-volume-controller", [
    rule(READ, [CORE], ["pods"]),
    rule(["update"], [CORE], ["pods/finalizers"]),
    rule(["get", "list", "watch", "create"], [CORE], ["persistentvolumeclaims"]),
    EVENTS_RULE,
  ]],
  ["generic-garbage-collector", [rule(["get", "list", "watch", "patch", "update", "delete"], ["*"], ["*"]), EVENTS_RULE]],
  ["horizontal-pod-autoscaler", [
    rule(READ, ["autoscaling"], ["horizontalpodautoscalers"]),
    rule(["update"], ["autoscaling"], ["horizontalpodautoscalers/status"]),
    rule(["get", "update"], ["*"], ["*/scale"]),
    rule(["list", "watch"], [CORE], ["pods"]),
    rule(["list", "watch"], ["metrics.k8s.io"], ["pods"]),
    rule(READ, ["custom.metrics.k8s.io"], ["*"]),
    rule(READ, ["external.metrics.k8s.io"], ["*"]),
    EVENTS_RULE,
  ]],
  ["job-controller", [
    rule(["get", "list", "watch", "update", "patch"], [BATCH], ["jobs"]),
    rule(["update"], [BATCH], ["jobs/status"]),
    rule(["update"], [BATCH], ["jobs/finalizers"]),
    rule(["list", "watch", "create", "delete", "patch"], [CORE], ["pods"]),
    EVENTS_RULE,
  ]],
  ["namespace-controller", [
    rule(["get", "list", "watch", "delete"], [CORE], ["namespaces"]),
    rule(["update"], [CORE], ["namespaces/finalize", "namespaces/status"]),
    rule(["get", "list", "watch", "delete", "deletecollection"], ["*"], ["*"]),
  ]],
  ["node-controller", [
    rule(["get", "list", "watch", "update", "delete", "patch"], [CORE], ["nodes"]),
    rule(["patch", "update"], [CORE], ["nodes/status"]),
    rule(["patch", "update"], [CORE], ["pods/status"]),
    rule(["list", "watch", "get", "delete"], [CORE], ["pods"]),
    EVENTS_RULE,
  ]],
  ["persistent-volume-binder", [
    rule(["get", "list", "watch", "update", "create", "delete"], [CORE], ["persistentvolumes"]),
    rule(["update"], [CORE], ["persistentvolumes/status"]),
    rule(["get", "list", "watch", "update"], [CORE], ["persistentvolumeclaims"]),
    rule(["update"], [CORE], ["persistentvolumeclaims/status"]),
    rule(["list", "watch", "get", "create", "delete"], [CORE], ["pods"]),
    rule(READ, [STORAGE], ["storageclasses"]),
    rule(["list", "watch"], [CORE], ["nodes"]),
    EVENTS_RULE,
    // recyclerClient.WatchPod
    rule(["watch"], [CORE], ["events"]),
    // volume plugin: portworx
    rule(["get"], [CORE], ["services"]),
  ]],
  ["pod-garbage-collector", [rule(["list", "watch", "delete"], [CORE], ["pods"]), rule(READ, [CORE], ["nodes"]), rule(["patch"], [CORE], ["pods/status"])]],
  ["replicaset-controller", [
    rule(["get", "list", "watch", "update"], [APPS, EXT], ["replicasets"]),
    rule(["update"], [APPS, EXT], ["replicasets/status"]),
    rule(["update"], [APPS, EXT], ["replicasets/finalizers"]),
    rule(["list", "watch", "patch", "create", "delete"], [CORE], ["pods"]),
    EVENTS_RULE,
  ]],
  ["replication-controller", [
    rule(["get", "list", "watch", "update"], [CORE], ["replicationcontrollers"]),
    rule(["update"], [CORE], ["replicationcontrollers/status"]),
    rule(["update"], [CORE], ["replicationcontrollers/finalizers"]),
    rule(["list", "watch", "patch", "create", "delete"], [CORE], ["pods"]),
    EVENTS_RULE,
  ]],
  ["resourcequota-controller", [rule(["list", "watch"], ["*"], ["*"]), rule(["update"], [CORE], ["resourcequotas/status"]), EVENTS_RULE]],
  ["route-controller", [rule(["list", "watch"], [CORE], ["nodes"]), rule(["patch"], [CORE], ["nodes/status"]), EVENTS_RULE]],
  ["service-account-controller", [rule(["create"], [CORE], ["serviceaccounts"]), EVENTS_RULE]],
  ["service-controller", [
    rule(READ, [CORE], ["services"]),
    rule(["patch", "update"], [CORE], ["services/status"]),
    rule(["list", "watch"], [CORE], ["nodes"]),
    EVENTS_RULE,
  ]],
  // MultiCIDRServiceAllocator is GA (on) in v1.33.
  ["service-cidrs-controller", [
    rule(["get", "list", "watch", "patch", "update"], [NETWORKING], ["servicecidrs"]),
    rule(["patch", "update"], [NETWORKING], ["servicecidrs/finalizers"]),
    rule(["patch", "update"], [NETWORKING], ["servicecidrs/status"]),
    rule(READ, [NETWORKING], ["ipaddresses"]),
    EVENTS_RULE,
  ]],
  ["statefulset-controller", [
    rule(["list", "watch"], [CORE], ["pods"]),
    rule(READ, [APPS], ["statefulsets"]),
    rule(["update"], [APPS], ["statefulsets/status"]),
    rule(["update"], [APPS], ["statefulsets/finalizers"]),
    rule(["get", "create", "delete", "update", "patch"], [CORE], ["pods"]),
    rule(["get", "create", "delete", "update", "patch", "list", "watch"], [APPS], ["controllerrevisions"]),
    rule(["get", "create", "list", "watch"], [CORE], ["persistentvolumeclaims"]),
    rule(["update", "delete"], [CORE], ["persistentvolumeclaims"]),
    rule(["update"], [CORE], ["pods/finalizers"]),
    EVENTS_RULE,
  ]],
  ["ttl-controller", [rule(["update", "patch", "list", "watch"], [CORE], ["nodes"]), EVENTS_RULE]],
  ["certificate-controller", [
    rule(["get", "list", "watch", "delete"], ["certificates.k8s.io"], ["certificatesigningrequests"]),
    rule(["update"], ["certificates.k8s.io"], ["certificatesigningrequests/status", "certificatesigningrequests/approval"]),
    rule(["approve"], ["certificates.k8s.io"], ["signers"], ["kubernetes.io/kube-apiserver-client-kubelet"]),
    rule(["sign"], ["certificates.k8s.io"], ["signers"], ["kubernetes.io/legacy-unknown", "kubernetes.io/kube-apiserver-client", "kubernetes.io/kube-apiserver-client-kubelet", "kubernetes.io/kubelet-serving"]),
    rule(["create"], ["authorization.k8s.io"], ["subjectaccessreviews"]),
    EVENTS_RULE,
  ]],
  ["pvc-protection-controller", [rule(["get", "list", "watch", "update"], [CORE], ["persistentvolumeclaims"]), rule(["list", "watch", "get"], [CORE], ["pods"]), EVENTS_RULE]],
  ["pv-protection-controller", [rule(["get", "list", "watch", "update"], [CORE], ["persistentvolumes"]), EVENTS_RULE]],
  ["ttl-after-finished-controller", [rule(["get", "list", "watch", "delete"], [BATCH], ["jobs"]), EVENTS_RULE]],
  ["root-ca-cert-publisher", [rule(["create", "update"], [CORE], ["configmaps"]), EVENTS_RULE]],
  ["validatingadmissionpolicy-status-controller", [
    rule(READ, ["admissionregistration.k8s.io"], ["validatingadmissionpolicies"]),
    rule(["get", "patch", "update"], ["admissionregistration.k8s.io"], ["validatingadmissionpolicies/status"]),
    EVENTS_RULE,
  ]],
  ["legacy-service-account-token-cleaner", [
    rule(["get"], [CORE], ["configmaps"], ["kube-apiserver-legacy-service-account-token-tracking"]),
    rule(["patch", "delete"], [CORE], ["secrets"]),
  ]],
  // SELinuxChangePolicy is beta and on in v1.33.
  ["selinux-warning-controller", [
    EVENTS_RULE,
    rule(READ, [CORE], ["persistentvolumes"]),
    rule(READ, [CORE], ["persistentvolumeclaims"]),
    rule(READ, [CORE], ["pods"]),
    rule(READ, [STORAGE], ["csidrivers"]),
  ]],
];

export const CONTROLLER_ROLES: RoleSpec[] = CONTROLLERS.map(([name, rules]) => ({
  name: `system:controller:${name}`,
  rules,
  annotations: AUTOUPDATE,
  labels: BOOTSTRAP_LABELS,
}));

export const CONTROLLER_ROLE_BINDINGS: BindingSpec[] = CONTROLLERS.map(([name]) => ({
  name: `system:controller:${name}`,
  roleRef: clusterRoleRef(`system:controller:${name}`),
  subjects: [serviceAccount("kube-system", name)],
  annotations: AUTOUPDATE,
  labels: BOOTSTRAP_LABELS,
}));
