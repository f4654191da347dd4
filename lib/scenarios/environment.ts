import type { ClusterSpec } from "../../engine/cluster/cluster";
import type { EnvironmentSpec } from "../../engine/cluster/environment";
import type { EnvironmentDecl } from "./schema";

/** The lab most courses use, as scenario.yaml would write it (cluster "kubernetes", three nodes). */
export const DEFAULT_ENVIRONMENT_DECL: EnvironmentDecl = {
  clusters: [
    {
      name: "kubernetes",
      nodes: [
        { name: "controlplane", role: "control-plane" },
        { name: "node01", role: "worker" },
        { name: "node02", role: "worker" },
      ],
    },
  ],
};

/**
 * Turns an environment declaration into the engine's EnvironmentSpec. Addresses follow the common
 * lab plan (control planes 172.30.1.x, workers 172.30.2.x for the first cluster; +10 in the third
 * octet for each further cluster) unless the author fixed them.
 */
export function toEnvironmentSpec(decl: EnvironmentDecl): EnvironmentSpec {
  const clusters: ClusterSpec[] = decl.clusters.map((c, k) => {
    let cp = 0;
    let worker = 0;
    return {
      name: c.name,
      ...(c.version ? { version: c.version } : {}),
      ...(c.networkPolicy !== undefined ? { networkPolicy: c.networkPolicy } : {}),
      ...(c.podSubnet ? { podSubnet: c.podSubnet } : {}),
      ...(c.serviceSubnet ? { serviceSubnet: c.serviceSubnet } : {}),
      nodes: c.nodes.map((n) => {
        const role = n.role ?? "worker";
        const ip = n.ip ?? (role === "control-plane" ? `172.30.${1 + 10 * k}.${2 + cp++}` : `172.30.${2 + 10 * k}.${2 + worker++}`);
        return { name: n.name, role, ip, ...(n.version ? { version: n.version } : {}) };
      }),
    };
  });
  return { clusters, ...(decl.workstation ? { workstation: { name: decl.workstation, ip: "172.30.0.2" } } : {}) };
}

/** Every host name the declaration creates (nodes and the workstation). */
export function hostNames(decl: EnvironmentDecl): string[] {
  return [...(decl.workstation ? [decl.workstation] : []), ...decl.clusters.flatMap((c) => c.nodes.map((n) => n.name))];
}

/** Where a scenario's terminal and scripts start: the workstation, else the first control plane. */
export function homeHostOf(decl: EnvironmentDecl): string {
  if (decl.workstation) return decl.workstation;
  return decl.clusters[0].nodes.find((n) => n.role === "control-plane")!.name;
}

/** kubeadm's admin context name for a cluster, as in every kubeconfig the engine writes. */
export function contextName(cluster: string): string {
  return `kubernetes-admin@${cluster}`;
}
