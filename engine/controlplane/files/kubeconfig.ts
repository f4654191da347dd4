/**
 * kubeconfig files as kubeadm writes them: one cluster, one user, one context, credentials embedded
 * as base64 (`*-data`) or, for the kubelet after its client certificate rotated, as file paths.
 */
const b64 = (s: string) => Buffer.from(s).toString("base64");

export interface KubeconfigUser {
  name: string;
  certPem?: string;
  keyPem?: string;
  /** Paths instead of embedded data (the kubelet's kubelet-client-current.pem). */
  certFile?: string;
  keyFile?: string;
}

export function kubeconfig(options: { clusterName: string; server: string; caPem: string; user: KubeconfigUser }): string {
  const { clusterName, server, caPem, user } = options;
  const context = `${user.name}@${clusterName}`;
  const credentials = user.certFile
    ? [`    client-certificate: ${user.certFile}`, `    client-key: ${user.keyFile ?? user.certFile}`]
    : [`    client-certificate-data: ${b64(user.certPem ?? "")}`, `    client-key-data: ${b64(user.keyPem ?? "")}`];
  return [
    "apiVersion: v1",
    "clusters:",
    "- cluster:",
    `    certificate-authority-data: ${b64(caPem)}`,
    `    server: ${server}`,
    `  name: ${clusterName}`,
    "contexts:",
    "- context:",
    `    cluster: ${clusterName}`,
    `    user: ${user.name}`,
    `  name: ${context}`,
    `current-context: ${context}`,
    "kind: Config",
    "preferences: {}",
    "users:",
    `- name: ${user.name}`,
    "  user:",
    ...credentials,
    "",
  ].join("\n");
}

/** The kubeconfig the kubelet writes for itself after TLS bootstrap on a joined node. */
export function bootstrappedKubeletKubeconfig(server: string, caPem: string, certFile: string): string {
  return [
    "apiVersion: v1",
    "clusters:",
    "- cluster:",
    `    certificate-authority-data: ${b64(caPem)}`,
    `    server: ${server}`,
    "  name: default-cluster",
    "contexts:",
    "- context:",
    "    cluster: default-cluster",
    "    namespace: default",
    "    user: default-auth",
    "  name: default-context",
    "current-context: default-context",
    "kind: Config",
    "preferences: {}",
    "users:",
    "- name: default-auth",
    "  user:",
    `    client-certificate: ${certFile}`,
    `    client-key: ${certFile}`,
    "",
  ].join("\n");
}
