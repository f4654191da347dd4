import { clusterRoleRef, group, roleRef, rule, serviceAccount, user, type BindingSpec, type RoleSpec } from "./policy-builders";

/**
 * What `kubeadm init` (v1.33) adds to the bootstrap policy: the admin group binding its
 * kubeconfig relies on, node bootstrap and certificate auto-approval, kube-proxy and CoreDNS.
 * kubeadm creates these without the rbac-defaults label and autoupdate annotation.
 */
const BOOTSTRAP_TOKEN_GROUP = "system:bootstrappers:kubeadm:default-node-token";

export const KUBEADM_CLUSTER_ROLES: RoleSpec[] = [
  { name: "kubeadm:get-nodes", rules: [rule(["get"], [""], ["nodes"])] },
  {
    name: "system:coredns",
    rules: [rule(["list", "watch"], [""], ["endpoints", "services", "pods", "namespaces"]), rule(["list", "watch"], ["discovery.k8s.io"], ["endpointslices"])],
  },
];

export const KUBEADM_CLUSTER_ROLE_BINDINGS: BindingSpec[] = [
  { name: "kubeadm:cluster-admins", roleRef: clusterRoleRef("cluster-admin"), subjects: [group("kubeadm:cluster-admins")] },
  { name: "kubeadm:get-nodes", roleRef: clusterRoleRef("kubeadm:get-nodes"), subjects: [group(BOOTSTRAP_TOKEN_GROUP)] },
  { name: "kubeadm:kubelet-bootstrap", roleRef: clusterRoleRef("system:node-bootstrapper"), subjects: [group(BOOTSTRAP_TOKEN_GROUP)] },
  {
    name: "kubeadm:node-autoapprove-bootstrap",
    roleRef: clusterRoleRef("system:certificates.k8s.io:certificatesigningrequests:nodeclient"),
    subjects: [group(BOOTSTRAP_TOKEN_GROUP)],
  },
  {
    name: "kubeadm:node-autoapprove-certificate-rotation",
    roleRef: clusterRoleRef("system:certificates.k8s.io:certificatesigningrequests:selfnodeclient"),
    subjects: [group("system:nodes")],
  },
  { name: "kubeadm:node-proxier", roleRef: clusterRoleRef("system:node-proxier"), subjects: [serviceAccount("kube-system", "kube-proxy")] },
  { name: "system:coredns", roleRef: clusterRoleRef("system:coredns"), subjects: [serviceAccount("kube-system", "coredns")] },
];

export const KUBEADM_ROLES: RoleSpec[] = [
  { name: "kube-proxy", namespace: "kube-system", rules: [rule(["get"], [""], ["configmaps"], ["kube-proxy"])] },
  { name: "kubeadm:kubelet-config", namespace: "kube-system", rules: [rule(["get"], [""], ["configmaps"], ["kubelet-config"])] },
  { name: "kubeadm:nodes-kubeadm-config", namespace: "kube-system", rules: [rule(["get"], [""], ["configmaps"], ["kubeadm-config"])] },
  { name: "kubeadm:bootstrap-signer-clusterinfo", namespace: "kube-public", rules: [rule(["get"], [""], ["configmaps"], ["cluster-info"])] },
];

export const KUBEADM_ROLE_BINDINGS: BindingSpec[] = [
  { name: "kube-proxy", namespace: "kube-system", roleRef: roleRef("kube-proxy"), subjects: [group(BOOTSTRAP_TOKEN_GROUP)] },
  { name: "kubeadm:kubelet-config", namespace: "kube-system", roleRef: roleRef("kubeadm:kubelet-config"), subjects: [group("system:nodes"), group(BOOTSTRAP_TOKEN_GROUP)] },
  { name: "kubeadm:nodes-kubeadm-config", namespace: "kube-system", roleRef: roleRef("kubeadm:nodes-kubeadm-config"), subjects: [group(BOOTSTRAP_TOKEN_GROUP), group("system:nodes")] },
  { name: "kubeadm:bootstrap-signer-clusterinfo", namespace: "kube-public", roleRef: roleRef("kubeadm:bootstrap-signer-clusterinfo"), subjects: [user("system:anonymous")] },
];
