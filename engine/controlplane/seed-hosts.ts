import type { Host } from "../hosts/host";
import type { HostFileSystem } from "../hosts/filesystem";
import { cniBinaries, cniConfig } from "./files/cni";
import { bootstrappedKubeletKubeconfig, kubeconfig } from "./files/kubeconfig";
import {
  CONTAINERD_CONFIG,
  CONTAINERD_SERVICE,
  CRICTL_YAML,
  KUBEADM_DROP_IN,
  KUBELET_SERVICE,
  kubeadmFlagsEnv,
  kubeletConfigYaml,
} from "./files/kubelet-files";
import { CONTROL_PLANE_MANIFESTS, PKI } from "./files/manifests";
import type { ClusterLayout, NodeLayout } from "./layout";
import type { ClusterPki } from "./pki/cluster-pki";
import { seedKubernetesPackages } from "../nodetools/apt/seed";

/**
 * Writes a node's Kubernetes files exactly where `kubeadm init` / `kubeadm join` and the packages
 * put them: PKI, kubeconfigs, static-pod manifests, kubelet configuration, systemd units, CNI.
 */
export const KUBELET_CLIENT_DIR = "/var/lib/kubelet/pki";
const SECRET = 0o600;
const EXEC = 0o755;

function symlink(fs: HostFileSystem, target: string, path: string): void {
  // HostFileSystem's symlink is async in signature only; its effect is immediate.
  fs.symlink(target, path).catch(() => undefined);
}

/** The timestamp the kubelet puts in its rotated client certificate's file name. */
function kubeletCertStamp(pki: ClusterPki): string {
  return new Date(pki.notBefore.getTime() + 5 * 60 * 1000).toISOString().replace(/T/, "-").replace(/:/g, "-").replace(/\.\d+Z$/, "");
}

export function seedNodeHost(host: Host, node: NodeLayout, layout: ClusterLayout, pki: ClusterPki): void {
  const fs = host.fs;
  const cp = layout.controlPlane;
  const server = `https://${cp.ip}:6443`;
  const isControlPlane = node.role === "control-plane";

  fs.mkdirSync("/etc/kubernetes/manifests", { recursive: true });
  fs.writeFileSync(`${PKI}/ca.crt`, pki.ca.cert);
  if (isControlPlane) {
    fs.writeFileSync(`${PKI}/ca.key`, pki.ca.key, { mode: SECRET });
    fs.writeFileSync(`${PKI}/front-proxy-ca.crt`, pki.frontProxyCa.cert);
    fs.writeFileSync(`${PKI}/front-proxy-ca.key`, pki.frontProxyCa.key, { mode: SECRET });
    fs.writeFileSync(`${PKI}/etcd/ca.crt`, pki.etcdCa.cert);
    fs.writeFileSync(`${PKI}/etcd/ca.key`, pki.etcdCa.key, { mode: SECRET });
    for (const [name, pair] of Object.entries(pki.leaves)) {
      fs.writeFileSync(`${PKI}/${name}.crt`, pair.cert);
      fs.writeFileSync(`${PKI}/${name}.key`, pair.key, { mode: SECRET });
    }
    fs.writeFileSync(`${PKI}/sa.key`, pki.serviceAccount.key, { mode: SECRET });
    fs.writeFileSync(`${PKI}/sa.pub`, pki.serviceAccount.pub);
    for (const [file, pair] of Object.entries(pki.kubeconfigs)) {
      const user = file === "admin.conf" ? "kubernetes-admin" : file === "super-admin.conf" ? "kubernetes-super-admin" : file === "controller-manager.conf" ? "system:kube-controller-manager" : "system:kube-scheduler";
      fs.writeFileSync(`/etc/kubernetes/${file}`, kubeconfig({ clusterName: layout.clusterName, server, caPem: pki.ca.cert, user: { name: user, certPem: pair.cert, keyPem: pair.key } }), { mode: SECRET });
    }
    for (const [file, render] of Object.entries(CONTROL_PLANE_MANIFESTS)) {
      fs.writeFileSync(`/etc/kubernetes/manifests/${file}`, render(layout), { mode: SECRET });
    }
    fs.writeFileSync("/root/.kube/config", fs.readFileSync("/etc/kubernetes/admin.conf")!, { mode: SECRET });
    fs.mkdirSync("/var/lib/etcd/member/snap", { recursive: true });
    fs.mkdirSync("/var/lib/etcd/member/wal", { recursive: true });
  }

  // The kubelet's own credentials: its rotated client certificate and self-signed serving pair.
  const creds = pki.nodes[node.name];
  const stamp = kubeletCertStamp(pki);
  fs.writeFileSync(`${KUBELET_CLIENT_DIR}/kubelet-client-${stamp}.pem`, creds.kubeletClient.cert + creds.kubeletClient.key, { mode: SECRET });
  symlink(fs, `${KUBELET_CLIENT_DIR}/kubelet-client-${stamp}.pem`, `${KUBELET_CLIENT_DIR}/kubelet-client-current.pem`);
  fs.writeFileSync(`${KUBELET_CLIENT_DIR}/kubelet.crt`, creds.kubeletServing.cert);
  fs.writeFileSync(`${KUBELET_CLIENT_DIR}/kubelet.key`, creds.kubeletServing.key, { mode: SECRET });
  const currentPem = `${KUBELET_CLIENT_DIR}/kubelet-client-current.pem`;
  fs.writeFileSync(
    "/etc/kubernetes/kubelet.conf",
    isControlPlane
      ? kubeconfig({ clusterName: layout.clusterName, server, caPem: pki.ca.cert, user: { name: `system:node:${node.name}`, certFile: currentPem } })
      : bootstrappedKubeletKubeconfig(server, pki.ca.cert, currentPem),
    { mode: SECRET },
  );
  fs.writeFileSync("/var/lib/kubelet/config.yaml", kubeletConfigYaml(layout));
  fs.writeFileSync("/var/lib/kubelet/kubeadm-flags.env", kubeadmFlagsEnv());
  fs.mkdirSync("/var/lib/kubelet/pods", { recursive: true });
  fs.mkdirSync("/var/log/pods", { recursive: true });
  fs.mkdirSync("/var/log/containers", { recursive: true });

  fs.writeFileSync("/usr/lib/systemd/system/kubelet.service", KUBELET_SERVICE);
  fs.writeFileSync("/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf", KUBEADM_DROP_IN);
  fs.writeFileSync("/usr/lib/systemd/system/containerd.service", CONTAINERD_SERVICE);
  symlink(fs, "/usr/lib/systemd/system/kubelet.service", "/etc/systemd/system/multi-user.target.wants/kubelet.service");
  symlink(fs, "/usr/lib/systemd/system/containerd.service", "/etc/systemd/system/multi-user.target.wants/containerd.service");
  fs.writeFileSync("/etc/containerd/config.toml", CONTAINERD_CONFIG);
  fs.writeFileSync("/etc/crictl.yaml", CRICTL_YAML);

  for (const { file, content } of cniConfig(layout, node.name)) fs.writeFileSync(`/etc/cni/net.d/${file}`, content);
  if (layout.cni === "calico") {
    fs.writeFileSync(
      "/etc/cni/net.d/calico-kubeconfig",
      kubeconfig({ clusterName: "local", server: `https://${layout.kubernetesServiceIP}:443`, caPem: pki.ca.cert, user: { name: "calico", certPem: "", keyPem: "" } }),
      { mode: SECRET },
    );
  }
  for (const bin of cniBinaries(layout)) fs.writeFileSync(`/opt/cni/bin/${bin}`, `\u007fELF simulated CNI plugin ${bin}\n`, { mode: EXEC });

  seedKubernetesPackages(fs, node.kubeletVersion);
  host.services.define("containerd", "containerd container runtime", { active: true, enabled: true });
  host.services.define("kubelet", "kubelet: The Kubernetes Node Agent", { active: true, enabled: true });
}
