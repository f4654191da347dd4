import {
  AUTOUPDATE,
  BOOTSTRAP_LABELS,
  EVENTS_RULE,
  READ,
  READ_WRITE,
  WRITE,
  clusterRoleRef,
  group,
  roleRef,
  rule,
  serviceAccount,
  urls,
  user,
  type BindingSpec,
  type RoleSpec,
} from "./policy-builders";

/**
 * The kube-apiserver's bootstrap RBAC policy for v1.33 (plugin/pkg/auth/authorizer/rbac/bootstrappolicy),
 * written as data: the roles and bindings every cluster has before anyone touches it. The
 * controller roles are in controller-policy.ts and kubeadm's additions in kubeadm-policy.ts.
 */
const AGGREGATE_TO_ADMIN = "rbac.authorization.k8s.io/aggregate-to-admin";
const AGGREGATE_TO_EDIT = "rbac.authorization.k8s.io/aggregate-to-edit";
const AGGREGATE_TO_VIEW = "rbac.authorization.k8s.io/aggregate-to-view";

const clusterRole = (name: string, rules: RoleSpec["rules"], extra: Partial<RoleSpec> = {}): RoleSpec => ({
  name,
  rules,
  annotations: AUTOUPDATE,
  labels: { ...BOOTSTRAP_LABELS, ...(extra.labels ?? {}) },
  ...(extra.aggregationLabel ? { aggregationLabel: extra.aggregationLabel } : {}),
});

const SIGNERS = "signers";
const CERTS = "certificates.k8s.io";

export const BOOTSTRAP_CLUSTER_ROLES: RoleSpec[] = [
  clusterRole("admin", [], { aggregationLabel: AGGREGATE_TO_ADMIN }),
  clusterRole("cluster-admin", [rule(["*"], ["*"], ["*"]), urls(["*"], ["*"])]),
  clusterRole("edit", [], { aggregationLabel: AGGREGATE_TO_EDIT, labels: { [AGGREGATE_TO_ADMIN]: "true" } }),
  clusterRole("view", [], { aggregationLabel: AGGREGATE_TO_VIEW, labels: { [AGGREGATE_TO_EDIT]: "true" } }),
  clusterRole(
    "system:aggregate-to-admin",
    [rule(["create"], ["authorization.k8s.io"], ["localsubjectaccessreviews"]), rule(READ_WRITE, ["rbac.authorization.k8s.io"], ["rolebindings", "roles"])],
    { labels: { [AGGREGATE_TO_ADMIN]: "true" } },
  ),
  clusterRole(
    "system:aggregate-to-edit",
    [
      rule(READ, [""], ["pods/attach", "pods/proxy", "pods/exec", "pods/portforward", "secrets", "services/proxy"]),
      rule(["impersonate"], [""], ["serviceaccounts"]),
      rule(WRITE, [""], ["pods", "pods/attach", "pods/proxy", "pods/exec", "pods/portforward"]),
      rule(["create"], [""], ["pods/eviction"]),
      rule(WRITE, [""], ["replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/proxy", "persistentvolumeclaims", "configmaps", "secrets", "events"]),
      rule(["create"], [""], ["serviceaccounts/token"]),
      rule(WRITE, ["apps"], ["statefulsets", "statefulsets/scale", "daemonsets", "deployments", "deployments/scale", "deployments/rollback", "replicasets", "replicasets/scale"]),
      rule(WRITE, ["autoscaling"], ["horizontalpodautoscalers"]),
      rule(WRITE, ["batch"], ["jobs", "cronjobs"]),
      rule(WRITE, ["extensions"], ["daemonsets", "deployments", "deployments/scale", "deployments/rollback", "ingresses", "replicasets", "replicasets/scale", "replicationcontrollers/scale", "networkpolicies"]),
      rule(WRITE, ["policy"], ["poddisruptionbudgets"]),
      rule(WRITE, ["networking.k8s.io"], ["ingresses", "networkpolicies"]),
      rule(READ_WRITE, ["coordination.k8s.io"], ["leases"]),
    ],
    { labels: { [AGGREGATE_TO_EDIT]: "true" } },
  ),
  clusterRole(
    "system:aggregate-to-view",
    [
      rule(READ, [""], ["pods", "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/status", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "configmaps"]),
      rule(READ, [""], ["limitranges", "resourcequotas", "bindings", "events", "pods/status", "resourcequotas/status", "namespaces/status", "replicationcontrollers/status", "pods/log"]),
      rule(READ, [""], ["namespaces"]),
      rule(READ, ["discovery.k8s.io"], ["endpointslices"]),
      rule(READ, ["apps"], ["controllerrevisions", "statefulsets", "statefulsets/status", "statefulsets/scale", "daemonsets", "daemonsets/status", "deployments", "deployments/status", "deployments/scale", "replicasets", "replicasets/status", "replicasets/scale"]),
      rule(READ, ["autoscaling"], ["horizontalpodautoscalers", "horizontalpodautoscalers/status"]),
      rule(READ, ["batch"], ["jobs", "cronjobs", "cronjobs/status", "jobs/status"]),
      rule(READ, ["extensions"], ["daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status", "ingresses", "ingresses/status", "replicasets", "replicasets/scale", "replicasets/status", "replicationcontrollers/scale", "networkpolicies"]),
      rule(READ, ["policy"], ["poddisruptionbudgets", "poddisruptionbudgets/status"]),
      rule(READ, ["networking.k8s.io"], ["ingresses", "ingresses/status", "networkpolicies"]),
    ],
    { labels: { [AGGREGATE_TO_VIEW]: "true" } },
  ),
  clusterRole("system:auth-delegator", [rule(["create"], ["authentication.k8s.io"], ["tokenreviews"]), rule(["create"], ["authorization.k8s.io"], ["subjectaccessreviews"])]),
  clusterRole("system:basic-user", [
    rule(["create"], ["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
    rule(["create"], ["authentication.k8s.io"], ["selfsubjectreviews"]),
  ]),
  clusterRole("system:certificates.k8s.io:certificatesigningrequests:nodeclient", [rule(["create"], [CERTS], ["certificatesigningrequests/nodeclient"])]),
  clusterRole("system:certificates.k8s.io:certificatesigningrequests:selfnodeclient", [rule(["create"], [CERTS], ["certificatesigningrequests/selfnodeclient"])]),
  clusterRole("system:certificates.k8s.io:kube-apiserver-client-approver", [rule(["approve"], [CERTS], [SIGNERS], ["kubernetes.io/kube-apiserver-client"])]),
  clusterRole("system:certificates.k8s.io:kube-apiserver-client-kubelet-approver", [rule(["approve"], [CERTS], [SIGNERS], ["kubernetes.io/kube-apiserver-client-kubelet"])]),
  clusterRole("system:certificates.k8s.io:kubelet-serving-approver", [rule(["approve"], [CERTS], [SIGNERS], ["kubernetes.io/kubelet-serving"])]),
  clusterRole("system:certificates.k8s.io:legacy-unknown-approver", [rule(["approve"], [CERTS], [SIGNERS], ["kubernetes.io/legacy-unknown"])]),
  clusterRole("system:discovery", [urls(["get"], ["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"])]),
  clusterRole("system:heapster", [rule(READ, [""], ["events", "namespaces", "nodes", "pods"]), rule(READ, ["extensions"], ["deployments"])]),
  clusterRole("system:kube-aggregator", [rule(READ, [""], ["endpoints", "services"])]),
  clusterRole("system:kube-controller-manager", [
    EVENTS_RULE,
    rule(["create"], ["coordination.k8s.io"], ["leases"]),
    rule(["get", "update"], ["coordination.k8s.io"], ["leases"], ["kube-controller-manager"]),
    rule(["create"], [""], ["secrets", "serviceaccounts"]),
    rule(["delete"], [""], ["secrets"]),
    rule(["get"], [""], ["configmaps", "namespaces", "secrets", "serviceaccounts"]),
    rule(["update"], [""], ["secrets", "serviceaccounts"]),
    rule(["create"], ["authentication.k8s.io"], ["tokenreviews"]),
    rule(["create"], ["authorization.k8s.io"], ["subjectaccessreviews"]),
    rule(["list", "watch"], ["*"], ["*"]),
    rule(["create"], [""], ["serviceaccounts/token"]),
  ]),
  clusterRole("system:kube-dns", [rule(["list", "watch"], [""], ["endpoints", "services"])]),
  clusterRole("system:kube-scheduler", [
    EVENTS_RULE,
    rule(["create"], ["coordination.k8s.io"], ["leases"]),
    rule(["get", "update"], ["coordination.k8s.io"], ["leases"], ["kube-scheduler"]),
    rule(READ, [""], ["nodes"]),
    rule(["get", "list", "watch", "delete"], [""], ["pods"]),
    rule(["create"], [""], ["pods/binding", "bindings"]),
    rule(["patch", "update"], [""], ["pods/status"]),
    rule(READ, [""], ["services", "replicationcontrollers"]),
    rule(READ, ["apps", "extensions"], ["replicasets"]),
    rule(READ, ["apps"], ["statefulsets"]),
    rule(READ, ["policy"], ["poddisruptionbudgets"]),
    rule(READ, [""], ["persistentvolumeclaims", "persistentvolumes"]),
    rule(["create"], ["authentication.k8s.io"], ["tokenreviews"]),
    rule(["create"], ["authorization.k8s.io"], ["subjectaccessreviews"]),
    rule(READ, ["storage.k8s.io"], ["csinodes"]),
    // Since v1.32 the CSI volume-limits plugin counts VolumeAttachments still detaching.
    rule(READ, ["storage.k8s.io"], ["volumeattachments"]),
    rule(READ, [""], ["namespaces"]),
    rule(READ, ["storage.k8s.io"], ["csidrivers"]),
    rule(READ, ["storage.k8s.io"], ["csistoragecapacities"]),
  ]),
  clusterRole("system:kubelet-api-admin", [
    rule(READ, [""], ["nodes"]),
    rule(["proxy"], [""], ["nodes"]),
    rule(["*"], [""], ["nodes/proxy", "nodes/metrics", "nodes/stats", "nodes/log"]),
    // KubeletFineGrainedAuthz (beta, on by default since v1.33) gives the kubelet API its own subresources.
    rule(["*"], [""], ["nodes/configz", "nodes/healthz", "nodes/pods"]),
  ]),
  clusterRole("system:monitoring", [urls(["get"], ["/metrics", "/metrics/slis", "/livez", "/readyz", "/healthz", "/livez/*", "/readyz/*", "/healthz/*"])]),
  clusterRole("system:node", [
    rule(["create"], ["authentication.k8s.io"], ["tokenreviews"]),
    rule(["create"], ["authorization.k8s.io"], ["subjectaccessreviews", "localsubjectaccessreviews"]),
    rule(READ, [""], ["services"]),
    rule(["create", "get", "list", "watch"], [""], ["nodes"]),
    rule(["update", "patch"], [""], ["nodes/status"]),
    rule(["update", "patch"], [""], ["nodes"]),
    rule(["create", "update", "patch"], [""], ["events"]),
    rule(READ, [""], ["pods"]),
    rule(["create", "delete"], [""], ["pods"]),
    rule(["update", "patch"], [""], ["pods/status"]),
    rule(["create"], [""], ["pods/eviction"]),
    rule(READ, [""], ["secrets", "configmaps"]),
    rule(["get"], [""], ["persistentvolumeclaims", "persistentvolumes"]),
    rule(["get"], [""], ["endpoints"]),
    rule(["create", "get", "list", "watch"], [CERTS], ["certificatesigningrequests"]),
    rule(["delete", "get", "create", "update", "patch"], ["coordination.k8s.io"], ["leases"]),
    rule(["get"], ["storage.k8s.io"], ["volumeattachments"]),
    rule(["create"], [""], ["serviceaccounts/token"]),
    rule(["get", "update", "patch"], [""], ["persistentvolumeclaims/status"]),
    rule(READ, ["storage.k8s.io"], ["csidrivers"]),
    rule(["create", "delete", "get", "patch", "update"], ["storage.k8s.io"], ["csinodes"]),
    rule(READ, ["node.k8s.io"], ["runtimeclasses"]),
  ]),
  clusterRole("system:node-bootstrapper", [rule(["create", "get", "list", "watch"], [CERTS], ["certificatesigningrequests"])]),
  clusterRole("system:node-problem-detector", [rule(["get"], [""], ["nodes"]), rule(["patch"], [""], ["nodes/status"]), EVENTS_RULE]),
  clusterRole("system:node-proxier", [
    rule(["list", "watch"], [""], ["services", "endpoints"]),
    rule(READ, [""], ["nodes"]),
    EVENTS_RULE,
    // kube-proxy watches ServiceCIDRs once MultiCIDRServiceAllocator is on (GA and locked on in v1.33).
    rule(["list", "watch"], ["networking.k8s.io"], ["servicecidrs"]),
    rule(["list", "watch"], ["discovery.k8s.io"], ["endpointslices"]),
  ]),
  clusterRole("system:persistent-volume-provisioner", [
    rule(["get", "list", "watch", "create", "delete"], [""], ["persistentvolumes"]),
    rule(["get", "list", "watch", "update"], [""], ["persistentvolumeclaims"]),
    rule(READ, ["storage.k8s.io"], ["storageclasses"]),
    rule(["watch"], [""], ["events"]),
    EVENTS_RULE,
  ]),
  clusterRole("system:public-info-viewer", [urls(["get"], ["/healthz", "/livez", "/readyz", "/version", "/version/"])]),
  // The slash-ended forms are the paths the published OpenAPI names (kubernetes/kubernetes#117455).
  clusterRole("system:service-account-issuer-discovery", [
    urls(["get"], ["/.well-known/openid-configuration", "/.well-known/openid-configuration/", "/openid/v1/jwks", "/openid/v1/jwks/"]),
  ]),
  clusterRole("system:volume-scheduler", [
    rule(["get", "list", "watch", "patch", "update"], [""], ["persistentvolumes"]),
    rule(READ, ["storage.k8s.io"], ["storageclasses"]),
    rule(["get", "list", "watch", "patch", "update"], [""], ["persistentvolumeclaims"]),
  ]),
];

const clusterBinding = (name: string, subjects: BindingSpec["subjects"], role = name): BindingSpec => ({
  name,
  roleRef: clusterRoleRef(role),
  subjects,
  annotations: AUTOUPDATE,
  labels: BOOTSTRAP_LABELS,
});

export const BOOTSTRAP_CLUSTER_ROLE_BINDINGS: BindingSpec[] = [
  clusterBinding("cluster-admin", [group("system:masters")]),
  clusterBinding("system:basic-user", [group("system:authenticated")]),
  clusterBinding("system:discovery", [group("system:authenticated")]),
  clusterBinding("system:kube-controller-manager", [user("system:kube-controller-manager")]),
  clusterBinding("system:kube-dns", [serviceAccount("kube-system", "kube-dns")]),
  clusterBinding("system:kube-scheduler", [user("system:kube-scheduler")]),
  clusterBinding("system:monitoring", [group("system:monitoring")]),
  // Deprecated since the Node authorizer; kept with no subjects so reconciliation can tighten it.
  clusterBinding("system:node", []),
  clusterBinding("system:node-proxier", [user("system:kube-proxy")]),
  clusterBinding("system:public-info-viewer", [group("system:authenticated"), group("system:unauthenticated")]),
  clusterBinding("system:service-account-issuer-discovery", [group("system:serviceaccounts")]),
  clusterBinding("system:volume-scheduler", [user("system:kube-scheduler")]),
];

const namespacedRole = (namespace: string, name: string, rules: RoleSpec["rules"]): RoleSpec => ({
  name,
  namespace,
  rules,
  annotations: AUTOUPDATE,
  labels: BOOTSTRAP_LABELS,
});

export const BOOTSTRAP_ROLES: RoleSpec[] = [
  namespacedRole("kube-system", "extension-apiserver-authentication-reader", [rule(READ, [""], ["configmaps"], ["extension-apiserver-authentication"])]),
  namespacedRole("kube-system", "system::leader-locking-kube-controller-manager", [
    rule(["watch"], [""], ["configmaps"]),
    rule(["get", "update"], [""], ["configmaps"], ["kube-controller-manager"]),
  ]),
  namespacedRole("kube-system", "system::leader-locking-kube-scheduler", [
    rule(["watch"], [""], ["configmaps"]),
    rule(["get", "update"], [""], ["configmaps"], ["kube-scheduler"]),
  ]),
  namespacedRole("kube-system", "system:controller:bootstrap-signer", [rule(READ, [""], ["secrets"])]),
  namespacedRole("kube-system", "system:controller:cloud-provider", [rule(["create", "get", "list", "watch"], [""], ["configmaps"])]),
  namespacedRole("kube-system", "system:controller:token-cleaner", [rule(["delete", "get", "list", "watch"], [""], ["secrets"]), EVENTS_RULE]),
  namespacedRole("kube-public", "system:controller:bootstrap-signer", [
    rule(READ, [""], ["configmaps"]),
    rule(["update"], [""], ["configmaps"], ["cluster-info"]),
    EVENTS_RULE,
  ]),
];

const namespacedBinding = (namespace: string, name: string, role: string, subjects: BindingSpec["subjects"]): BindingSpec => ({
  name,
  namespace,
  roleRef: roleRef(role),
  subjects,
  annotations: AUTOUPDATE,
  labels: BOOTSTRAP_LABELS,
});

export const BOOTSTRAP_ROLE_BINDINGS: BindingSpec[] = [
  namespacedBinding("kube-system", "system::extension-apiserver-authentication-reader", "extension-apiserver-authentication-reader", [
    user("system:kube-controller-manager"),
    user("system:kube-scheduler"),
  ]),
  namespacedBinding("kube-system", "system::leader-locking-kube-controller-manager", "system::leader-locking-kube-controller-manager", [
    user("system:kube-controller-manager"),
    serviceAccount("kube-system", "kube-controller-manager"),
  ]),
  namespacedBinding("kube-system", "system::leader-locking-kube-scheduler", "system::leader-locking-kube-scheduler", [
    user("system:kube-scheduler"),
    serviceAccount("kube-system", "kube-scheduler"),
  ]),
  namespacedBinding("kube-system", "system:controller:bootstrap-signer", "system:controller:bootstrap-signer", [serviceAccount("kube-system", "bootstrap-signer")]),
  namespacedBinding("kube-system", "system:controller:cloud-provider", "system:controller:cloud-provider", [serviceAccount("kube-system", "cloud-provider")]),
  namespacedBinding("kube-system", "system:controller:token-cleaner", "system:controller:token-cleaner", [serviceAccount("kube-system", "token-cleaner")]),
  namespacedBinding("kube-public", "system:controller:bootstrap-signer", "system:controller:bootstrap-signer", [serviceAccount("kube-system", "bootstrap-signer")]),
];
