import type { KubeObject } from "../api/types";
import type { Cluster } from "../cluster/cluster";
import { ContainerFs, type Mount } from "./container-fs";
import { ephemeralContainers } from "./ephemeral";
import { imageLayer } from "./image-fs";
import { lookupImage, parseImageRef } from "./images";
import type { PodSpec } from "./pod-types";
import { runtimeUid } from "./pod-worker";
import { kubeletStates, type ContainerRecord, type PodRecord } from "./state";

/**
 * A running container seen from outside the kubelet (the network model serving a page, kubectl
 * exec, crictl): its runtime record and its filesystem, rebuilt from the pod spec without writing.
 */
export interface OpenContainer {
  pod: KubeObject;
  record: PodRecord;
  container: ContainerRecord;
  fs: ContainerFs;
  nodeName: string;
}

const PLUGIN_DIRS: Record<string, string> = {
  emptyDir: "kubernetes.io~empty-dir",
  configMap: "kubernetes.io~configmap",
  secret: "kubernetes.io~secret",
  projected: "kubernetes.io~projected",
  downwardAPI: "kubernetes.io~downward-api",
};

export function openContainer(cluster: Cluster, pod: KubeObject, containerName: string): OpenContainer | undefined {
  const spec = pod.spec as PodSpec;
  const nodeName = spec.nodeName;
  if (!nodeName) return undefined;
  const host = cluster.hosts.get(nodeName);
  const record = kubeletStates(cluster)[nodeName]?.pods[runtimeUid(pod)];
  const container = record?.containers[containerName];
  const containerSpec = [...spec.containers, ...(spec.initContainers ?? []), ...ephemeralContainers(spec)].find((c) => c.name === containerName);
  if (!host || !record || !container?.id || !containerSpec) return undefined;
  const ref = parseImageRef(containerSpec.image ?? "");
  const image = ref && lookupImage(ref);
  if (!image?.found) return undefined;
  const dirs: Record<string, { hostPath: string; readOnly: boolean }> = {};
  for (const vol of spec.volumes ?? []) {
    const kind = Object.keys(PLUGIN_DIRS).find((k) => (vol as Record<string, unknown>)[k] !== undefined);
    if (vol.hostPath) dirs[vol.name] = { hostPath: vol.hostPath.path, readOnly: false };
    else if (vol.persistentVolumeClaim) {
      const claim = cluster.store.get("/persistentvolumeclaims", pod.metadata.namespace, vol.persistentVolumeClaim.claimName);
      const pv = cluster.store.get("/persistentvolumes", undefined, (claim?.spec as { volumeName?: string } | undefined)?.volumeName ?? "");
      const pvSpec = (pv?.spec ?? {}) as { hostPath?: { path: string }; local?: { path: string } };
      dirs[vol.name] = { hostPath: pvSpec.hostPath?.path ?? pvSpec.local?.path ?? `/var/lib/kubelet/pods/${record.uid}/volumes/kubernetes.io~csi/${pv?.metadata.name ?? "unknown"}/mount`, readOnly: false };
    } else dirs[vol.name] = { hostPath: `/var/lib/kubelet/pods/${record.uid}/volumes/${kind ? PLUGIN_DIRS[kind] : "kubernetes.io~unknown"}/${vol.name}`, readOnly: !!kind && kind !== "emptyDir" };
  }
  const sandbox = `/var/lib/containerd/io.containerd.grpc.v1.cri/sandboxes/${record.sandboxId}`;
  const mounts: Mount[] = [
    { containerPath: "/etc/hosts", hostPath: `/var/lib/kubelet/pods/${record.uid}/etc-hosts`, readOnly: false },
    { containerPath: "/etc/hostname", hostPath: `${sandbox}/hostname`, readOnly: false },
    { containerPath: "/etc/resolv.conf", hostPath: `${sandbox}/resolv.conf`, readOnly: false },
  ];
  for (const vm of containerSpec.volumeMounts ?? []) {
    const dir = dirs[vm.name];
    if (dir) mounts.push({ containerPath: vm.mountPath, hostPath: vm.subPath ? `${dir.hostPath}/${vm.subPath}` : dir.hostPath, readOnly: dir.readOnly || !!vm.readOnly });
  }
  return { pod, record, container, fs: new ContainerFs(host.fs, container.id, imageLayer(image.image), mounts), nodeName };
}

/** The pod (and node) that has an IP, found through the kubelets' sandboxes. */
export function podByIp(cluster: Cluster, ip: string): { pod: KubeObject; record: PodRecord; nodeName: string } | undefined {
  for (const [nodeName, state] of Object.entries(kubeletStates(cluster))) {
    for (const record of Object.values(state.pods)) {
      if (record.ip !== ip) continue;
      const pod = cluster.store.get("/pods", record.namespace, record.name);
      if (pod) return { pod, record, nodeName };
    }
  }
  return undefined;
}
