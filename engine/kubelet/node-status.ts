import type { KubeObject } from "../api/types";
import type { NodeLayout } from "../controlplane/layout";
import type { NodeKubeletState } from "./state";

/**
 * The Node object a kubelet registers and the status it posts: kubeadm's labels and control-plane
 * taint, capacity of a 2-CPU 4 GiB lab VM, addresses, versions, and the four conditions with the
 * kubelet's own reasons and messages.
 */
export const CONTAINERD_VERSION = "containerd://1.7.27";
export const OS_IMAGE = "Ubuntu 22.04.5 LTS";
export const KERNEL_VERSION = "5.15.0-143-generic";

const CAPACITY = { cpu: "2", "ephemeral-storage": "20134592Ki", "hugepages-1Gi": "0", "hugepages-2Mi": "0", memory: "4005872Ki", pods: "110" };
// kubeadm reserves nothing; the kubelet's hard eviction thresholds (memory.available<100Mi, nodefs.available<10%) come off allocatable.
const ALLOCATABLE = { cpu: "2", "ephemeral-storage": "18556039957", "hugepages-1Gi": "0", "hugepages-2Mi": "0", memory: "3903472Ki", pods: "110" };

export function nodeLabels(node: NodeLayout): Record<string, string> {
  return {
    "beta.kubernetes.io/arch": "amd64",
    "beta.kubernetes.io/os": "linux",
    "kubernetes.io/arch": "amd64",
    "kubernetes.io/hostname": node.name,
    "kubernetes.io/os": "linux",
    ...(node.role === "control-plane" ? { "node-role.kubernetes.io/control-plane": "", "node.kubernetes.io/exclude-from-external-load-balancers": "" } : {}),
  };
}

export function newNodeObject(node: NodeLayout): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: node.name,
      labels: nodeLabels(node),
      annotations: {
        "kubeadm.alpha.kubernetes.io/cri-socket": "unix:///var/run/containerd/containerd.sock",
        "node.alpha.kubernetes.io/ttl": "0",
        "volumes.kubernetes.io/controller-managed-attach-detach": "true",
      },
    },
    spec: {
      podCIDR: node.podCIDR,
      podCIDRs: [node.podCIDR],
      ...(node.role === "control-plane" ? { taints: [{ effect: "NoSchedule", key: "node-role.kubernetes.io/control-plane" }] } : {}),
    },
  };
}

interface Condition {
  type: string;
  status: "True" | "False" | "Unknown";
  lastHeartbeatTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export interface NodeHealth {
  /** Why the node is not ready (container runtime or network not ready), if it is not. */
  notReadyMessage?: string;
  networkProvider?: "calico" | "flannel";
}

/** The status the kubelet posts now; transition times are kept from `previous` when the status did not change. */
export function nodeStatus(node: NodeLayout, state: NodeKubeletState, previous: KubeObject | undefined, health: NodeHealth, now: string): Record<string, unknown> {
  const prevConditions = ((previous?.status as { conditions?: Condition[] } | undefined)?.conditions ?? []);
  const condition = (type: string, status: Condition["status"], reason: string, message: string): Condition => {
    const old = prevConditions.find((c) => c.type === type);
    return { type, status, lastHeartbeatTime: now, lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now, reason, message };
  };
  const conditions: Condition[] = [];
  if (health.networkProvider) {
    const old = prevConditions.find((c) => c.type === "NetworkUnavailable");
    const [reason, message] = health.networkProvider === "calico" ? ["CalicoIsUp", "Calico is running on this node"] : ["FlannelIsUp", "Flannel is running on this node"];
    conditions.push({ type: "NetworkUnavailable", status: "False", lastHeartbeatTime: old?.lastHeartbeatTime ?? now, lastTransitionTime: old?.lastTransitionTime ?? now, reason, message });
  }
  conditions.push(
    condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
    condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
    condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
    health.notReadyMessage ? condition("Ready", "False", "KubeletNotReady", health.notReadyMessage) : condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
  );
  const images = Object.values(state.images)
    .sort((a, b) => b.size - a.size)
    .map((img) => ({ names: [...img.repoDigests, ...img.repoTags], sizeBytes: img.size }));
  return {
    addresses: [
      { address: node.ip, type: "InternalIP" },
      { address: node.name, type: "Hostname" },
    ],
    allocatable: ALLOCATABLE,
    capacity: CAPACITY,
    conditions,
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    features: { supplementalGroupsPolicy: true },
    images,
    nodeInfo: {
      architecture: "amd64",
      bootID: state.bootId,
      containerRuntimeVersion: CONTAINERD_VERSION,
      kernelVersion: KERNEL_VERSION,
      kubeProxyVersion: state.version,
      kubeletVersion: state.version,
      machineID: state.machineId,
      operatingSystem: "linux",
      osImage: OS_IMAGE,
      systemUUID: state.machineId.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5"),
    },
    runtimeHandlers: [
      { features: { recursiveReadOnlyMounts: true, userNamespaces: true }, name: "runc" },
      { features: { recursiveReadOnlyMounts: true, userNamespaces: true }, name: "" },
    ],
  };
}
