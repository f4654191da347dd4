import type { KubeObject } from "../../api/types";
import type { Cluster } from "../../cluster/cluster";
import type { ProgramContext } from "../../process/types";
import { installedBinaryVersion } from "../apt/dpkg";

/**
 * What every kubeadm command starts from: the installed kubeadm's version, the cluster this node
 * belongs to (reached with /etc/kubernetes/admin.conf on a control plane, kubelet.conf on a worker)
 * and kubeadm's ClusterConfiguration from the kubeadm-config ConfigMap.
 */
export interface KubeadmContext {
  ctx: ProgramContext;
  cluster: Cluster;
  version: string;
  isControlPlane: boolean;
}

export function klogLine(ctx: ProgramContext, severity: "I" | "W" | "E", source: string, message: string): string {
  const d = new Date(ctx.environment.clock.now());
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${severity}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds() * 1000, 6)}   ${4000 + (ctx.environment.clock.now() % 60000)} ${source}] ${message}\n`;
}

export function kubeadmVersion(ctx: ProgramContext): string {
  return installedBinaryVersion(ctx.host.fs, "kubeadm") ?? "v1.33.2";
}

/** The cluster, or the error kubeadm prints when it cannot build a client. */
export function openCluster(ctx: ProgramContext, kubeconfig = "/etc/kubernetes/admin.conf"): KubeadmContext | { error: string } {
  const fs = ctx.host.fs;
  const cluster = ctx.host.cluster ? ctx.environment.clusters.get(ctx.host.cluster) : undefined;
  if (ctx.user !== "root") return { error: `couldn't create a Kubernetes client from file "${kubeconfig}": failed to load admin kubeconfig: open ${kubeconfig}: permission denied` };
  if (!fs.existsSync(kubeconfig) || !cluster) return { error: `couldn't create a Kubernetes client from file "${kubeconfig}": failed to load admin kubeconfig: open ${kubeconfig}: no such file or directory` };
  if (!cluster.apiserverUp) {
    const ip = cluster.spec.nodes.find((n) => n.role === "control-plane")?.ip ?? "127.0.0.1";
    return { error: `failed to get config map: Get "https://${ip}:6443/api/v1/namespaces/kube-system/configmaps/kubeadm-config?timeout=10s": dial tcp ${ip}:6443: connect: connection refused` };
  }
  return { ctx, cluster, version: kubeadmVersion(ctx), isControlPlane: fs.existsSync("/etc/kubernetes/manifests/kube-apiserver.yaml") };
}

export function clusterConfiguration(cluster: Cluster): { text: string; kubernetesVersion: string; object: KubeObject } | undefined {
  const cm = cluster.admin.get("", "configmaps", "kube-system", "kubeadm-config");
  const text = (cm?.data as { ClusterConfiguration?: string } | undefined)?.ClusterConfiguration;
  if (!cm || !text) return undefined;
  return { text, kubernetesVersion: /kubernetesVersion: (\S+)/.exec(text)?.[1] ?? "", object: cm };
}

export function imageTag(image: string | undefined): string {
  return image?.replace(/^.*:/, "") ?? "";
}

/** A Go tabwriter table with kubeadm's padding of three spaces. */
export function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] + 3))).join("")).join("\n") + "\n";
}

export const CONFIG_READ = "[upgrade/config] Reading configuration from the cluster...\n[upgrade/config] FYI: You can look at this config file with 'kubectl -n kube-system get cm kubeadm-config -o yaml'\n";
export const STACK_HINT = "To see the stack trace of this error execute with --v=5 or higher\n";
