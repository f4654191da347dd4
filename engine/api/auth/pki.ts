import type { Cluster } from "../../cluster/cluster";

/**
 * The key material the API server authenticates with, as kube-apiserver reads it from
 * /etc/kubernetes/pki: `--client-ca-file` (ca.crt), the CA key the CSR signer uses (ca.key), and
 * the service-account signing key pair (sa.key / sa.pub). Kept in `cluster.extra` as PEM so it
 * survives snapshots; whoever seeds the node files (the control-plane area) registers it here so
 * the files on disk and the server agree.
 */
export interface ClusterAuthKeys {
  caCertPem: string;
  caKeyPem: string;
  serviceAccountKeyPem: string;
  serviceAccountPublicPem: string;
}

const EXTRA_KEY = "auth/keys";

export function setClusterAuthKeys(cluster: Cluster, keys: ClusterAuthKeys): void {
  cluster.setPluginState(EXTRA_KEY, { ...keys });
  // Controllers that publish the CA or sign legacy tokens look again now that the keys exist.
  for (const ns of cluster.store.list("/namespaces")) cluster.controllers.enqueue("root-ca-cert-publisher", ns.metadata.name!);
  for (const secret of cluster.store.list("/secrets")) {
    if (secret.type === "kubernetes.io/service-account-token") {
      cluster.controllers.enqueue("serviceaccount-token-controller", `${secret.metadata.namespace}/${secret.metadata.name}`);
    }
  }
}

/** The cluster's keys, or undefined when no PKI was seeded (certificates and SA tokens then cannot be used). */
export function clusterAuthKeys(cluster: Cluster): ClusterAuthKeys | undefined {
  return cluster.extra[EXTRA_KEY] as ClusterAuthKeys | undefined;
}
