import { setClusterAuthKeys } from "../api/auth/pki";
import { ApiError } from "../api/errors";
import type { KubeObject } from "../api/types";
import type { Cluster, ClusterPlugin } from "../cluster/cluster";
import { kubeadmAddonObjects } from "./addons";
import { clusterLayout, type ClusterLayout } from "./layout";
import { clusterPki } from "./pki/cluster-pki";
import { seedNodeHost } from "./seed-hosts";
import { HEALTH_CONTROLLER, controlPlaneHealth } from "./health";
import "./components";

/**
 * A cluster built the way `kubeadm init` + `kubeadm join` build one: every node's Kubernetes files,
 * the PKI the API server authenticates with, and the objects kubeadm and the lab's network add-on
 * create (CoreDNS, kube-proxy, Calico/Flannel). The kubelet plugin then runs what these describe.
 */
const layouts = new WeakMap<Cluster, ClusterLayout>();

export function layoutOf(cluster: Cluster): ClusterLayout {
  let layout = layouts.get(cluster);
  if (!layout) {
    layout = clusterLayout(cluster.spec);
    layouts.set(cluster, layout);
  }
  return layout;
}

function createIfAbsent(cluster: Cluster, obj: KubeObject): void {
  try {
    cluster.admin.create(obj);
  } catch (e) {
    if (!(e instanceof ApiError) || e.code !== 409) throw e;
  }
}

/** The objects the kube-apiserver itself maintains: the `kubernetes` Service and the critical priority classes. */
function apiserverObjects(layout: ClusterLayout): KubeObject[] {
  return [
    {
      apiVersion: "scheduling.k8s.io/v1",
      kind: "PriorityClass",
      metadata: { name: "system-node-critical" },
      value: 2000001000,
      description: "Used for system critical pods that must not be moved from their current node.",
    },
    {
      apiVersion: "scheduling.k8s.io/v1",
      kind: "PriorityClass",
      metadata: { name: "system-cluster-critical" },
      value: 2000000000,
      description: "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.",
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "kubernetes", namespace: "default", labels: { component: "apiserver", provider: "kubernetes" } },
      spec: {
        clusterIP: layout.kubernetesServiceIP,
        clusterIPs: [layout.kubernetesServiceIP],
        ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: 6443 }],
        sessionAffinity: "None",
        type: "ClusterIP",
      },
    },
  ];
}

export const kubeadmPlugin: ClusterPlugin = {
  name: "kubeadm",
  install(cluster) {
    cluster.addController(HEALTH_CONTROLLER, controlPlaneHealth(cluster));
  },
  bootstrap(cluster) {
    const layout = layoutOf(cluster);
    const pki = clusterPki(layout, cluster.clock.now());
    // The API server reads its keys from the files kubeadm writes; register them before anything signs tokens
    // (this plugin runs right after the core one for that reason).
    setClusterAuthKeys(cluster, { caCertPem: pki.ca.cert, caKeyPem: pki.ca.key, serviceAccountKeyPem: pki.serviceAccount.key, serviceAccountPublicPem: pki.serviceAccount.pub });
    for (const node of layout.nodes) {
      const host = cluster.hosts.get(node.name);
      if (host) seedNodeHost(host, node, layout, pki);
    }
    for (const obj of [...apiserverObjects(layout), ...kubeadmAddonObjects(layout, pki.ca.cert)]) createIfAbsent(cluster, obj);
  },
};
