import type { ClusterLayout, NodeLayout } from "../layout";
import { pooledKey } from "./key-pool";
import { signCertificate, type CertSpec, type SignedCert, type SigningKey } from "./sign";

/**
 * The certificates `kubeadm init` writes under /etc/kubernetes/pki, plus the client certificates
 * embedded in its kubeconfig files and each kubelet's own certificates. Real X.509, signed by the
 * cluster's CAs with kubeadm's subjects, SANs, usages and validity (CAs 10 years, leaves 1 year).
 */
export interface CertAndKey {
  cert: string;
  key: string;
}

export interface NodePki {
  /** kubelet-client-<date>.pem: the kubelet's client certificate and key (rotated by the kubelet). */
  kubeletClient: CertAndKey;
  /** kubelet.crt/kubelet.key: the kubelet's self-signed serving certificate. */
  kubeletServing: CertAndKey;
}

export interface ClusterPki {
  notBefore: Date;
  ca: CertAndKey;
  frontProxyCa: CertAndKey;
  etcdCa: CertAndKey;
  /** file name under /etc/kubernetes/pki (without extension) → certificate and key. */
  leaves: Record<string, CertAndKey>;
  serviceAccount: { key: string; pub: string };
  /** kubeconfig file name → client certificate for its user. */
  kubeconfigs: Record<string, CertAndKey>;
  nodes: Record<string, NodePki>;
}

const CERTIFICATE_BACKDATE_MS = 5 * 60 * 1000;
const YEAR_MS = 365 * 86_400_000;
const CA_MS = 10 * YEAR_MS;

/** Which pooled key each credential uses; node credentials follow from NODE_KEYS_START. */
const KEY = {
  ca: 0,
  apiserver: 1,
  apiserverKubeletClient: 2,
  frontProxyCa: 3,
  frontProxyClient: 4,
  etcdCa: 5,
  etcdServer: 6,
  etcdPeer: 7,
  etcdHealthcheck: 8,
  apiserverEtcdClient: 9,
  sa: 10,
  admin: 11,
  superAdmin: 12,
  controllerManager: 13,
  scheduler: 14,
} as const;
const NODE_KEYS_START = 15;

const cache = new Map<string, ClusterPki>();
const CACHE_LIMIT = 16;

function cacheKey(layout: ClusterLayout, notBefore: Date): string {
  return [layout.clusterName, layout.serviceSubnet, notBefore.toISOString(), ...layout.nodes.map((n) => `${n.name}=${n.ip}`)].join("|");
}

/**
 * The PKI of a cluster created at `createdAt`. Signing ~25 certificates takes ~100 ms, so results
 * are cached per process by cluster shape and hour of creation: later environments start at once.
 */
export function clusterPki(layout: ClusterLayout, createdAt: number): ClusterPki {
  const hour = Math.floor(createdAt / 3_600_000) * 3_600_000;
  const notBefore = new Date(hour - CERTIFICATE_BACKDATE_MS);
  const key = cacheKey(layout, notBefore);
  let pki = cache.get(key);
  if (!pki) {
    pki = buildPki(layout, notBefore);
    cache.set(key, pki);
    if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  }
  return pki;
}

function buildPki(layout: ClusterLayout, notBefore: Date): ClusterPki {
  const seed = (name: string) => `${layout.clusterName}/${notBefore.toISOString()}/${name}`;
  const leafSpec = (name: string, spec: Omit<CertSpec, "notBefore" | "notAfter" | "serialSeed">): CertSpec => ({
    ...spec,
    notBefore,
    notAfter: new Date(notBefore.getTime() + YEAR_MS),
    serialSeed: seed(name),
  });
  const caSpec = (name: string, commonName: string): CertSpec => ({
    commonName,
    dnsNames: [commonName],
    usage: "ca",
    notBefore,
    notAfter: new Date(notBefore.getTime() + CA_MS),
    serialSeed: seed(name),
  });

  const caKey = pooledKey(KEY.ca);
  const ca = signCertificate(caSpec("ca", "kubernetes"), caKey);
  const fpKey = pooledKey(KEY.frontProxyCa);
  const frontProxyCa = signCertificate(caSpec("front-proxy-ca", "front-proxy-ca"), fpKey);
  const etcdKey = pooledKey(KEY.etcdCa);
  const etcdCa = signCertificate(caSpec("etcd/ca", "etcd-ca"), etcdKey);

  const issue = (name: string, keyIndex: number, spec: Omit<CertSpec, "notBefore" | "notAfter" | "serialSeed">, issuer: { cert: SignedCert; key: SigningKey }): CertAndKey => {
    const key = pooledKey(keyIndex);
    return { cert: signCertificate(leafSpec(name, spec), key, issuer).pem, key: key.pem };
  };
  const byCa = { cert: ca, key: caKey };
  const byEtcd = { cert: etcdCa, key: etcdKey };
  const cp = layout.controlPlane;
  const etcdNames = { dnsNames: [cp.name, "localhost"], ips: [cp.ip, "127.0.0.1", "::1"] };
  const domain = layout.dnsDomain;

  const leaves: Record<string, CertAndKey> = {
    apiserver: issue("apiserver", KEY.apiserver, {
      commonName: "kube-apiserver",
      dnsNames: [cp.name, "kubernetes", "kubernetes.default", "kubernetes.default.svc", `kubernetes.default.svc.${domain}`],
      ips: [layout.kubernetesServiceIP, cp.ip],
      usage: "server",
    }, byCa),
    "apiserver-kubelet-client": issue("apiserver-kubelet-client", KEY.apiserverKubeletClient, { commonName: "kube-apiserver-kubelet-client", organizations: ["kubeadm:cluster-admins"], usage: "client" }, byCa),
    "front-proxy-client": issue("front-proxy-client", KEY.frontProxyClient, { commonName: "front-proxy-client", usage: "client" }, { cert: frontProxyCa, key: fpKey }),
    "etcd/server": issue("etcd/server", KEY.etcdServer, { commonName: cp.name, ...etcdNames, usage: "both" }, byEtcd),
    "etcd/peer": issue("etcd/peer", KEY.etcdPeer, { commonName: cp.name, ...etcdNames, usage: "both" }, byEtcd),
    "etcd/healthcheck-client": issue("etcd/healthcheck-client", KEY.etcdHealthcheck, { commonName: "kube-etcd-healthcheck-client", usage: "client" }, byEtcd),
    "apiserver-etcd-client": issue("apiserver-etcd-client", KEY.apiserverEtcdClient, { commonName: "kube-apiserver-etcd-client", usage: "client" }, byEtcd),
  };
  const kubeconfigs: Record<string, CertAndKey> = {
    "admin.conf": issue("admin.conf", KEY.admin, { commonName: "kubernetes-admin", organizations: ["kubeadm:cluster-admins"], usage: "client" }, byCa),
    "super-admin.conf": issue("super-admin.conf", KEY.superAdmin, { commonName: "kubernetes-super-admin", organizations: ["system:masters"], usage: "client" }, byCa),
    "controller-manager.conf": issue("controller-manager.conf", KEY.controllerManager, { commonName: "system:kube-controller-manager", usage: "client" }, byCa),
    "scheduler.conf": issue("scheduler.conf", KEY.scheduler, { commonName: "system:kube-scheduler", usage: "client" }, byCa),
  };
  const nodes: Record<string, NodePki> = {};
  layout.nodes.forEach((node, i) => {
    nodes[node.name] = nodeCredentials(node, i, notBefore, seed, byCa);
  });
  const sa = pooledKey(KEY.sa);
  return {
    notBefore,
    ca: { cert: ca.pem, key: caKey.pem },
    frontProxyCa: { cert: frontProxyCa.pem, key: fpKey.pem },
    etcdCa: { cert: etcdCa.pem, key: etcdKey.pem },
    leaves,
    serviceAccount: { key: sa.pem, pub: sa.publicPem },
    kubeconfigs,
    nodes,
  };
}

function nodeCredentials(node: NodeLayout, i: number, notBefore: Date, seed: (n: string) => string, byCa: { cert: SignedCert; key: SigningKey }): NodePki {
  const clientKey = pooledKey(NODE_KEYS_START + 3 * i);
  const client = signCertificate(
    { commonName: `system:node:${node.name}`, organizations: ["system:nodes"], usage: "client", notBefore, notAfter: new Date(notBefore.getTime() + YEAR_MS), serialSeed: seed(`kubelet-client/${node.name}`) },
    clientKey,
    byCa,
  );
  // The kubelet makes its own serving CA and certificate when none is configured, named after the host and time.
  const stamp = Math.floor(notBefore.getTime() / 1000) + 300;
  const servingCaKey = pooledKey(NODE_KEYS_START + 3 * i + 1);
  const servingCa = signCertificate(
    { commonName: `${node.name}-ca@${stamp}`, usage: "ca", notBefore, notAfter: new Date(notBefore.getTime() + YEAR_MS), serialSeed: seed(`kubelet-ca/${node.name}`) },
    servingCaKey,
  );
  const servingKey = pooledKey(NODE_KEYS_START + 3 * i + 2);
  const serving = signCertificate(
    { commonName: `${node.name}@${stamp}`, dnsNames: [node.name], usage: "server", notBefore, notAfter: new Date(notBefore.getTime() + YEAR_MS), serialSeed: seed(`kubelet-serving/${node.name}`) },
    servingKey,
    { cert: servingCa, key: servingCaKey },
  );
  return {
    kubeletClient: { cert: client.pem, key: clientKey.pem },
    kubeletServing: { cert: serving.pem + servingCa.pem, key: servingKey.pem },
  };
}
