import { parseAllDocuments } from "yaml";
import type { KubeObject } from "../../api/types";
import type { Cluster } from "../../cluster/cluster";
import { metricsServerManifest } from "./manifest";

/**
 * Installs metrics-server the way `kubectl apply -f components.yaml` does (for scenario set-ups and
 * tests). `insecureTls` adds --kubelet-insecure-tls, which a kubeadm lab needs for it to become Ready.
 */
export function installMetricsServer(cluster: Cluster, options: { insecureTls?: boolean } = {}): void {
  for (const doc of parseAllDocuments(metricsServerManifest(options))) {
    const obj = doc.toJSON() as KubeObject | null;
    if (obj) cluster.admin.create(obj);
  }
}
