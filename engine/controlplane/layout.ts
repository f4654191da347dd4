import type { ClusterSpec, NodeSpec } from "../cluster/cluster";
import { KUBERNETES_GIT_VERSION } from "../version";

/**
 * The addresses and names a kubeadm cluster is built from, derived once from its ClusterSpec so the
 * seeded files, the kubelets and the network model all agree (service CIDR, DNS IP, pod CIDRs).
 */
export interface NodeLayout {
  name: string;
  role: NodeSpec["role"];
  ip: string;
  /** The /24 the node IPAM controller gives this node, in registration order (10.244.N.0/24). */
  podCIDR: string;
  kubeletVersion: string;
}

export interface ClusterLayout {
  clusterName: string;
  version: string;
  podSubnet: string;
  serviceSubnet: string;
  /** First address of the service range: the `kubernetes` Service. */
  kubernetesServiceIP: string;
  /** Tenth address of the service range: the `kube-dns` Service. */
  dnsServiceIP: string;
  dnsDomain: string;
  controlPlane: NodeLayout;
  nodes: NodeLayout[];
  /** Whether the CNI enforces NetworkPolicy (Calico) or not (Flannel). */
  cni: "calico" | "flannel";
}

export const DEFAULT_POD_SUBNET = "10.244.0.0/16";
export const DEFAULT_SERVICE_SUBNET = "10.96.0.0/12";

export function ipToInt(ip: string): number {
  return ip.split(".").reduce((acc, part) => acc * 256 + Number(part), 0);
}

export function intToIp(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");
}

export function parseCidr(cidr: string): { base: number; bits: number; size: number } {
  const [ip, bits] = cidr.split("/");
  const b = Number(bits);
  const size = 2 ** (32 - b);
  return { base: Math.floor(ipToInt(ip) / size) * size, bits: b, size };
}

export function cidrContains(cidr: string, ip: string): boolean {
  const { base, size } = parseCidr(cidr);
  const n = ipToInt(ip);
  return n >= base && n < base + size;
}

/** The Nth address of a CIDR (0 is the network address). */
export function nthAddress(cidr: string, n: number): string {
  return intToIp(parseCidr(cidr).base + n);
}

export function clusterLayout(spec: ClusterSpec): ClusterLayout {
  const version = spec.version ?? KUBERNETES_GIT_VERSION;
  const podSubnet = spec.podSubnet ?? DEFAULT_POD_SUBNET;
  const serviceSubnet = spec.serviceSubnet ?? DEFAULT_SERVICE_SUBNET;
  const pod = parseCidr(podSubnet);
  // The node IPAM controller hands out /24s in the order nodes register: control plane first.
  const ordered = [...spec.nodes.filter((n) => n.role === "control-plane"), ...spec.nodes.filter((n) => n.role !== "control-plane")];
  const nodes = ordered.map(
    (n, i): NodeLayout => ({
      name: n.name,
      role: n.role,
      ip: n.ip,
      podCIDR: `${intToIp(pod.base + i * 256)}/24`,
      kubeletVersion: n.version ?? version,
    }),
  );
  const controlPlane = nodes.find((n) => n.role === "control-plane") ?? nodes[0];
  return {
    clusterName: spec.name,
    version,
    podSubnet,
    serviceSubnet,
    kubernetesServiceIP: nthAddress(serviceSubnet, 1),
    dnsServiceIP: nthAddress(serviceSubnet, 10),
    dnsDomain: "cluster.local",
    controlPlane,
    nodes,
    cni: spec.networkPolicy === false ? "flannel" : "calico",
  };
}

/** "v1.33.2" → { minor: 33, patch: 2 }. */
export function parseVersion(v: string): { major: number; minor: number; patch: number } {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(v);
  if (!m) return { major: 1, minor: 0, patch: 0 };
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) };
}
