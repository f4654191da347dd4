import type { ClusterLayout } from "../layout";
import { goYaml } from "./yaml";

/**
 * The static-pod manifests `kubeadm init` (v1.33) writes to /etc/kubernetes/manifests, with its
 * flags, probes, host-path volumes and resource requests. Field order does not matter: they are
 * written sorted, as kubeadm's serializer does.
 */
export const ETCD_IMAGE_TAG = "3.5.21-0";
export const PKI = "/etc/kubernetes/pki";

interface HostPathVolume {
  name: string;
  path: string;
  type: "DirectoryOrCreate" | "FileOrCreate";
  readOnly?: boolean;
  mountPath?: string;
}

function volumes(list: HostPathVolume[]) {
  const sorted = [...list].sort((a, b) => a.name.localeCompare(b.name));
  return {
    volumeMounts: sorted.map((v) => ({ mountPath: v.mountPath ?? v.path, name: v.name, ...(v.readOnly ? { readOnly: true } : {}) })),
    volumes: sorted.map((v) => ({ hostPath: { path: v.path, type: v.type }, name: v.name })),
  };
}

const CA_CERT_VOLUMES: HostPathVolume[] = [
  { name: "ca-certs", path: "/etc/ssl/certs", type: "DirectoryOrCreate", readOnly: true },
  { name: "etc-ca-certificates", path: "/etc/ca-certificates", type: "DirectoryOrCreate", readOnly: true },
  { name: "usr-local-share-ca-certificates", path: "/usr/local/share/ca-certificates", type: "DirectoryOrCreate", readOnly: true },
  { name: "usr-share-ca-certificates", path: "/usr/share/ca-certificates", type: "DirectoryOrCreate", readOnly: true },
];

function probe(host: string, path: string, scheme: "HTTP" | "HTTPS", failureThreshold: number, initialDelaySeconds?: number, periodSeconds = 10) {
  return {
    failureThreshold,
    httpGet: { host, path, port: "probe-port", scheme },
    ...(initialDelaySeconds !== undefined ? { initialDelaySeconds } : {}),
    periodSeconds,
    timeoutSeconds: 15,
  };
}

function staticPod(name: string, annotations: Record<string, string> | undefined, container: Record<string, unknown>, vols: ReturnType<typeof volumes>): string {
  return goYaml({
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      ...(annotations ? { annotations } : {}),
      creationTimestamp: null,
      labels: { component: name, tier: "control-plane" },
      name,
      namespace: "kube-system",
    },
    spec: {
      containers: [{ ...container, imagePullPolicy: "IfNotPresent", name, volumeMounts: vols.volumeMounts }],
      hostNetwork: true,
      priority: 2000001000,
      priorityClassName: "system-node-critical",
      securityContext: { seccompProfile: { type: "RuntimeDefault" } },
      volumes: vols.volumes,
    },
    status: {},
  });
}

export function etcdManifest(layout: ClusterLayout, imageRepository = "registry.k8s.io"): string {
  const cp = layout.controlPlane;
  return staticPod(
    "etcd",
    { "kubeadm.kubernetes.io/etcd.advertise-client-urls": `https://${cp.ip}:2379` },
    {
      command: [
        "etcd",
        `--advertise-client-urls=https://${cp.ip}:2379`,
        `--cert-file=${PKI}/etcd/server.crt`,
        "--client-cert-auth=true",
        "--data-dir=/var/lib/etcd",
        "--experimental-initial-corrupt-check=true",
        "--experimental-watch-progress-notify-interval=5s",
        `--initial-advertise-peer-urls=https://${cp.ip}:2380`,
        `--initial-cluster=${cp.name}=https://${cp.ip}:2380`,
        `--key-file=${PKI}/etcd/server.key`,
        `--listen-client-urls=https://127.0.0.1:2379,https://${cp.ip}:2379`,
        "--listen-metrics-urls=http://127.0.0.1:2381",
        `--listen-peer-urls=https://${cp.ip}:2380`,
        `--name=${cp.name}`,
        `--peer-cert-file=${PKI}/etcd/peer.crt`,
        "--peer-client-cert-auth=true",
        `--peer-key-file=${PKI}/etcd/peer.key`,
        `--peer-trusted-ca-file=${PKI}/etcd/ca.crt`,
        "--snapshot-count=10000",
        `--trusted-ca-file=${PKI}/etcd/ca.crt`,
      ],
      image: `${imageRepository}/etcd:${ETCD_IMAGE_TAG}`,
      livenessProbe: probe("127.0.0.1", "/livez", "HTTP", 8, 10),
      ports: [{ containerPort: 2381, name: "probe-port", protocol: "TCP" }],
      readinessProbe: probe("127.0.0.1", "/readyz", "HTTP", 3, undefined, 1),
      resources: { requests: { cpu: "100m", memory: "100Mi" } },
      startupProbe: probe("127.0.0.1", "/readyz", "HTTP", 24, 10),
    },
    volumes([
      { name: "etcd-certs", path: `${PKI}/etcd`, type: "DirectoryOrCreate" },
      { name: "etcd-data", path: "/var/lib/etcd", type: "DirectoryOrCreate" },
    ]),
  );
}

export function apiserverManifest(layout: ClusterLayout, imageRepository = "registry.k8s.io"): string {
  const cp = layout.controlPlane;
  return staticPod(
    "kube-apiserver",
    { "kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint": `${cp.ip}:6443` },
    {
      command: [
        "kube-apiserver",
        `--advertise-address=${cp.ip}`,
        "--allow-privileged=true",
        "--authorization-mode=Node,RBAC",
        `--client-ca-file=${PKI}/ca.crt`,
        "--enable-admission-plugins=NodeRestriction",
        "--enable-bootstrap-token-auth=true",
        `--etcd-cafile=${PKI}/etcd/ca.crt`,
        `--etcd-certfile=${PKI}/apiserver-etcd-client.crt`,
        `--etcd-keyfile=${PKI}/apiserver-etcd-client.key`,
        "--etcd-servers=https://127.0.0.1:2379",
        `--kubelet-client-certificate=${PKI}/apiserver-kubelet-client.crt`,
        `--kubelet-client-key=${PKI}/apiserver-kubelet-client.key`,
        "--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname",
        `--proxy-client-cert-file=${PKI}/front-proxy-client.crt`,
        `--proxy-client-key-file=${PKI}/front-proxy-client.key`,
        "--requestheader-allowed-names=front-proxy-client",
        `--requestheader-client-ca-file=${PKI}/front-proxy-ca.crt`,
        "--requestheader-extra-headers-prefix=X-Remote-Extra-",
        "--requestheader-group-headers=X-Remote-Group",
        "--requestheader-username-headers=X-Remote-User",
        "--secure-port=6443",
        `--service-account-issuer=https://kubernetes.default.svc.${layout.dnsDomain}`,
        `--service-account-key-file=${PKI}/sa.pub`,
        `--service-account-signing-key-file=${PKI}/sa.key`,
        `--service-cluster-ip-range=${layout.serviceSubnet}`,
        `--tls-cert-file=${PKI}/apiserver.crt`,
        `--tls-private-key-file=${PKI}/apiserver.key`,
      ],
      image: `${imageRepository}/kube-apiserver:${layout.version}`,
      livenessProbe: probe(cp.ip, "/livez", "HTTPS", 8, 10),
      ports: [{ containerPort: 6443, name: "probe-port", protocol: "TCP" }],
      readinessProbe: probe(cp.ip, "/readyz", "HTTPS", 3, undefined, 1),
      resources: { requests: { cpu: "250m" } },
      startupProbe: probe(cp.ip, "/livez", "HTTPS", 24, 10),
    },
    volumes([...CA_CERT_VOLUMES, { name: "k8s-certs", path: PKI, type: "DirectoryOrCreate", readOnly: true }]),
  );
}

export function controllerManagerManifest(layout: ClusterLayout, imageRepository = "registry.k8s.io"): string {
  const conf = "/etc/kubernetes/controller-manager.conf";
  return staticPod(
    "kube-controller-manager",
    undefined,
    {
      command: [
        "kube-controller-manager",
        "--allocate-node-cidrs=true",
        `--authentication-kubeconfig=${conf}`,
        `--authorization-kubeconfig=${conf}`,
        "--bind-address=127.0.0.1",
        `--client-ca-file=${PKI}/ca.crt`,
        `--cluster-cidr=${layout.podSubnet}`,
        `--cluster-name=${layout.clusterName}`,
        `--cluster-signing-cert-file=${PKI}/ca.crt`,
        `--cluster-signing-key-file=${PKI}/ca.key`,
        "--controllers=*,bootstrapsigner,tokencleaner",
        `--kubeconfig=${conf}`,
        "--leader-elect=true",
        `--requestheader-client-ca-file=${PKI}/front-proxy-ca.crt`,
        `--root-ca-file=${PKI}/ca.crt`,
        `--service-account-private-key-file=${PKI}/sa.key`,
        `--service-cluster-ip-range=${layout.serviceSubnet}`,
        "--use-service-account-credentials=true",
      ],
      image: `${imageRepository}/kube-controller-manager:${layout.version}`,
      livenessProbe: probe("127.0.0.1", "/healthz", "HTTPS", 8, 10),
      ports: [{ containerPort: 10257, name: "probe-port", protocol: "TCP" }],
      resources: { requests: { cpu: "200m" } },
      startupProbe: probe("127.0.0.1", "/healthz", "HTTPS", 24, 10),
    },
    volumes([
      ...CA_CERT_VOLUMES,
      { name: "flexvolume-dir", path: "/usr/libexec/kubernetes/kubelet-plugins/volume/exec", type: "DirectoryOrCreate" },
      { name: "k8s-certs", path: PKI, type: "DirectoryOrCreate", readOnly: true },
      { name: "kubeconfig", path: conf, type: "FileOrCreate", readOnly: true },
    ]),
  );
}

export function schedulerManifest(layout: ClusterLayout, imageRepository = "registry.k8s.io"): string {
  const conf = "/etc/kubernetes/scheduler.conf";
  return staticPod(
    "kube-scheduler",
    undefined,
    {
      command: [
        "kube-scheduler",
        `--authentication-kubeconfig=${conf}`,
        `--authorization-kubeconfig=${conf}`,
        "--bind-address=127.0.0.1",
        `--kubeconfig=${conf}`,
        "--leader-elect=true",
      ],
      image: `${imageRepository}/kube-scheduler:${layout.version}`,
      livenessProbe: probe("127.0.0.1", "/livez", "HTTPS", 8, 10),
      ports: [{ containerPort: 10259, name: "probe-port", protocol: "TCP" }],
      readinessProbe: probe("127.0.0.1", "/readyz", "HTTPS", 3, undefined, 1),
      resources: { requests: { cpu: "100m" } },
      startupProbe: probe("127.0.0.1", "/livez", "HTTPS", 24, 10),
    },
    volumes([{ name: "kubeconfig", path: conf, type: "FileOrCreate", readOnly: true }]),
  );
}

export const CONTROL_PLANE_MANIFESTS = {
  "etcd.yaml": etcdManifest,
  "kube-apiserver.yaml": apiserverManifest,
  "kube-controller-manager.yaml": controllerManagerManifest,
  "kube-scheduler.yaml": schedulerManifest,
} as const;
