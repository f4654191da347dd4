import type { Cluster, ClusterPlugin } from "../cluster/cluster";
import { layoutOf } from "../controlplane/plugin";
import { lookupImage, parseImageRef } from "./images";
import { readKubeletConfig } from "./kubelet-config";
import { klog } from "./klog";
import { ensureNodeState, isKubeletRunning, kubeletController, kubeletControllerName, selfWriting } from "./kubelet";
import { TASK_ROOT } from "./container-fs";
import { podLogSubresource } from "./log-subresource";
import { kubeletStates } from "./state";
import { kubeletStarted, missingKubeconfigError } from "./tls-bootstrap";
import { installedBinaryVersion } from "../nodetools/apt/dpkg";
import { keepVouchersIn } from "../controllers/heartbeats";

/**
 * Installs a kubelet per node: its control loop, the systemd start hook that decides whether
 * `systemctl start kubelet` succeeds, and file watches so edits to static-pod manifests and
 * container files take effect at once.
 */
const NODE_USER = (node: string) => ({ username: `system:node:${node}`, groups: ["system:nodes", "system:masters", "system:authenticated"] });

/** Images a kubeadm lab node has before anything is scheduled (kubeadm pulls them; the add-ons' images are cached). */
function preloadedImages(cluster: Cluster, role: string): string[] {
  const layout = layoutOf(cluster);
  const common = [`registry.k8s.io/kube-proxy:${layout.version}`, "registry.k8s.io/pause:3.10", "docker.io/calico/node:v3.29.3", "docker.io/calico/cni:v3.29.3", "ghcr.io/flannel-io/flannel:v0.26.7", "ghcr.io/flannel-io/flannel-cni-plugin:v1.6.2-flannel1", "registry.k8s.io/coredns/coredns:v1.12.0", "docker.io/calico/kube-controllers:v3.29.3"];
  if (role !== "control-plane") return common;
  return [...common, `registry.k8s.io/kube-apiserver:${layout.version}`, `registry.k8s.io/kube-controller-manager:${layout.version}`, `registry.k8s.io/kube-scheduler:${layout.version}`, "registry.k8s.io/etcd:3.5.21-0"];
}

function enqueueAll(cluster: Cluster, node: string): void {
  const name = kubeletControllerName(node);
  cluster.controllers.enqueue(name, "node");
  cluster.controllers.enqueue(name, "static");
  for (const pod of cluster.store.list("/pods")) {
    if ((pod.spec as { nodeName?: string }).nodeName === node) cluster.controllers.enqueue(name, `pod:${pod.metadata.namespace}/${pod.metadata.name}`);
  }
}

export const kubeletPlugin: ClusterPlugin = {
  name: "kubelet",
  install(cluster) {
    const layout = layoutOf(cluster);
    cluster.apiserver.registerSubresource("", "pods", "log", podLogSubresource(cluster));
    keepVouchersIn(cluster.store, (node) => kubeletStates(cluster)[node]?.vouchedUntil);
    for (const node of layout.nodes) {
      const host = cluster.hosts.get(node.name);
      if (!host) continue;
      const controllerName = kubeletControllerName(node.name);
      cluster.addController(controllerName, kubeletController(cluster, node, host), NODE_USER(node.name));

      host.services.onStart("kubelet", () => {
        const config = readKubeletConfig(host.fs);
        const pid = host.services.get("kubelet")?.mainPid ?? 0;
        if (!config.ok) {
          // klog quotes the error value, escaping the quotes inside it.
          return { ok: false, reason: "exit-code", logs: [klog("E", cluster.clock.now(), pid, "run.go:72", `"command failed" err="${config.error.replace(/"/g, '\\"')}"`)] };
        }
        const credentials = missingKubeconfigError(host.fs);
        if (credentials) return { ok: false, reason: "exit-code", logs: [klog("E", cluster.clock.now(), pid, "run.go:72", `"command failed" err="${credentials}"`)] };
        return { ok: true };
      });
      host.services.onChange((unit) => {
        if (unit.name !== "kubelet") return;
        // A stopped kubelet renews nothing more: it no longer vouches for renewals it skipped.
        if (unit.active !== "active") {
          delete kubeletStates(cluster)[node.name]?.vouchedUntil;
          return;
        }
        const state = kubeletStates(cluster)[node.name];
        if (state) {
          state.startedAt = cluster.clock.now();
          state.registered = false;
          kubeletStarted(host.fs, state);
          // The binary the unit starts is the installed package's (a newer one after `apt-get install kubelet=…`).
          state.version = installedBinaryVersion(host.fs, "kubelet") ?? state.version;
        }
        host.services.log("kubelet", klog("I", cluster.clock.now(), unit.mainPid ?? 0, "server.go:530", `"Kubelet version" kubeletVersion="${state?.version ?? layout.version}"`));
        enqueueAll(cluster, node.name);
        cluster.settle();
      });
      host.fs.onChange((path) => {
        if (!isKubeletRunning(host) || selfWriting.has(host)) return;
        if (path.startsWith("/etc/kubernetes/manifests") || path.startsWith("/var/lib/kubelet/config.yaml")) {
          const config = readKubeletConfig(host.fs);
          const dir = config.ok ? config.config.staticPodPath : undefined;
          if (path === "/var/lib/kubelet/config.yaml" || (dir && path.startsWith(dir))) {
            cluster.controllers.enqueue(controllerName, "static");
            cluster.settle();
          }
          return;
        }
        // A learner's change to a container's files (exec, cp) may change what its probes see.
        if (path.startsWith(TASK_ROOT) || path.startsWith("/var/lib/kubelet/pods/")) {
          const state = kubeletStates(cluster)[node.name];
          if (!state) return;
          for (const rec of Object.values(state.pods)) {
            if (path.startsWith(`/var/lib/kubelet/pods/${rec.uid}/`) || Object.values(rec.containers).some((c) => c.id && path.startsWith(`${TASK_ROOT}/${c.id}/`))) {
              cluster.controllers.enqueue(controllerName, `pod:${rec.namespace}/${rec.name}`);
            }
          }
        }
      });
    }
  },
  bootstrap(cluster) {
    const layout = layoutOf(cluster);
    for (const node of layout.nodes) {
      const host = cluster.hosts.get(node.name);
      if (!host) continue;
      const state = ensureNodeState(cluster, node, host, node.kubeletVersion);
      for (const raw of preloadedImages(cluster, node.role)) {
        const ref = parseImageRef(raw)!;
        const found = lookupImage(ref);
        if (found.found) state.images[ref.full] = { id: found.imageId, repoTags: [ref.full], repoDigests: [`${ref.repository}@${found.digest}`], size: found.image.sizeBytes, ...(raw.includes("pause") ? { pinned: true } : {}) };
      }
      host.services.log("kubelet", klog("I", cluster.clock.now(), host.services.get("kubelet")?.mainPid ?? 0, "server.go:530", `"Kubelet version" kubeletVersion="${node.kubeletVersion}"`));
      enqueueAll(cluster, node.name);
    }
    cluster.settle();
  },
};
