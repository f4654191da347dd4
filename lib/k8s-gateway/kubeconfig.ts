// The kubeconfig a learner downloads: one cluster, context and user per cluster of the attempt,
// named the way kubeadm names them (the same contexts the Kubecoach terminal shows). The access
// token is in the server URL, so the file needs no client certificate or bearer token.
import { stringify } from "yaml";

export function gatewayKubeconfig(options: { baseUrl: string; token: string; clusters: string[]; current?: string }): string {
  const base = options.baseUrl.replace(/\/+$/, "");
  const current = options.current ?? options.clusters[0];
  const config = {
    apiVersion: "v1",
    kind: "Config",
    clusters: options.clusters.map((name) => ({ name, cluster: { server: `${base}/k8s/${options.token}/clusters/${encodeURIComponent(name)}` } })),
    contexts: options.clusters.map((name) => ({ name: `kubernetes-admin@${name}`, context: { cluster: name, user: `kubernetes-admin@${name}` } })),
    "current-context": `kubernetes-admin@${current}`,
    preferences: {},
    users: options.clusters.map((name) => ({ name: `kubernetes-admin@${name}`, user: {} })),
  };
  return `# Kubecoach: this file reaches one attempt's simulated clusters until it expires or you revoke it.\n${stringify(config)}`;
}
