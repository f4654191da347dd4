import { createECDH, createHash, createPrivateKey, createPublicKey, sign, type KeyObject } from "node:crypto";
import { CertificationRequest, CertificationRequestInfo, Attributes } from "@peculiar/asn1-csr";
import { AsnConvert } from "@peculiar/asn1-schema";
import { AlgorithmIdentifier, AttributeTypeAndValue, AttributeValue, Name, RelativeDistinguishedName, SubjectPublicKeyInfo } from "@peculiar/asn1-x509";
import type { CertificateSigningRequest } from "kubernetes-types/certificates/v1";
import { ApiError } from "../api/errors";
import type { KubeObject, UserInfo } from "../api/types";
import type { Cluster } from "../cluster/cluster";
import { bootstrappedKubeletKubeconfig } from "../controlplane/files/kubeconfig";
import type { NodeLayout } from "../controlplane/layout";
import { pooledKey } from "../controlplane/pki/key-pool";
import { signCertificate, toPem } from "../controlplane/pki/sign";
import type { HostFileSystem } from "../hosts/filesystem";
import type { Host } from "../hosts/host";
import type { SeededRandom } from "../util/random";
import type { NodeKubeletState } from "./state";

/**
 * The kubelet's TLS bootstrap, as on a node kubeadm just joined: with no kubelet.conf it reads the
 * bootstrap token from bootstrap-kubelet.conf, makes a P-256 key, posts a CertificateSigningRequest
 * for `system:node:<name>` (signer kube-apiserver-client-kubelet) as the token's user, waits for
 * the controller-manager to approve and sign it, then writes its client certificate under
 * /var/lib/kubelet/pki and a kubelet.conf that points at it.
 */
export const KUBELET_KUBECONFIG = "/etc/kubernetes/kubelet.conf";
export const BOOTSTRAP_KUBECONFIG = "/etc/kubernetes/bootstrap-kubelet.conf";
const PKI_DIR = "/var/lib/kubelet/pki";
const CURRENT_PEM = `${PKI_DIR}/kubelet-client-current.pem`;
const SIGNER = "kubernetes.io/kube-apiserver-client-kubelet";
const USAGES = ["digital signature", "client auth"];
const OID_CN = "2.5.4.3";
const OID_O = "2.5.4.10";
const ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";

/** The CSR the kubelet is waiting on, and the key it made for it (kept so a restart resumes it). */
export interface PendingBootstrap {
  csrName: string;
  keyPem: string;
  /** What it read from bootstrap-kubelet.conf at the start (kubeadm deletes the file when its own wait ends). */
  server: string;
  caPem: string;
  user: UserInfo;
}

/** kubelet.conf is there and its client certificate file too (the kubelet's isClientConfigStillValid, without expiry). */
export function hasClientCredentials(fs: HostFileSystem): boolean {
  const config = fs.readFileSync(KUBELET_KUBECONFIG);
  if (config === undefined) return false;
  const certFile = field(config, "client-certificate");
  return certFile === undefined || fs.existsSync(certFile);
}

/** Why the kubelet cannot start without client credentials (none means it can). */
export function missingKubeconfigError(fs: HostFileSystem): string | undefined {
  if (hasClientCredentials(fs) || fs.existsSync(BOOTSTRAP_KUBECONFIG)) return undefined;
  return `failed to run Kubelet: unable to load bootstrap kubeconfig: stat ${BOOTSTRAP_KUBECONFIG}: no such file or directory`;
}

/** At start, a kubelet without usable credentials bootstraps; one with them keeps them in memory while it runs. */
export function kubeletStarted(fs: HostFileSystem, state: NodeKubeletState): void {
  state.awaitingCredentials = !hasClientCredentials(fs);
}

/** The user the token authenticates as, asked of the API server's own authenticator so the kubelet and HTTP clients agree. */
export function bootstrapTokenUser(cluster: Cluster, token: string): UserInfo | undefined {
  const result = cluster.authenticator.authenticateToken(token);
  return "user" in result ? result.user : undefined;
}

function field(text: string, key: string): string | undefined {
  return new RegExp(`^\\s*${key}: (\\S+)`, "m").exec(text)?.[1];
}

/** A P-256 key drawn from the cluster's seeded random source, so runs and snapshots repeat. */
function newEcKey(random: SeededRandom): KeyObject {
  for (;;) {
    const d = Buffer.from(random.hex(64), "hex");
    try {
      const ecdh = createECDH("prime256v1");
      ecdh.setPrivateKey(d);
      const pub = ecdh.getPublicKey();
      const b64u = (b: Buffer) => b.toString("base64url");
      return createPrivateKey({ key: { kty: "EC", crv: "P-256", d: b64u(d), x: b64u(pub.subarray(1, 33)), y: b64u(pub.subarray(33, 65)) }, format: "jwk" });
    } catch {
      // d was not below the curve order (odds about 2^-32): draw again.
    }
  }
}

/** The kubelet's CSR name: node-csr- and a SHA-512/256 digest of key, subject and usages (certificate/bootstrap). */
function csrName(spki: Buffer, commonName: string, organizations: string[]): string {
  const hash = createHash("sha512-256");
  for (const part of [spki, Buffer.from(commonName), ...organizations.map((o) => Buffer.from(o)), ...USAGES.map((u) => Buffer.from(u))]) {
    hash.update(part.toString("base64url"));
    hash.update("|");
  }
  return `node-csr-${hash.digest().toString("base64url")}`;
}

function certificationRequest(key: KeyObject, commonName: string, organizations: string[]): { pem: string; spki: Buffer } {
  const spki = createPublicKey(key).export({ type: "spki", format: "der" });
  const rdn = (type: string, value: string) => new RelativeDistinguishedName([new AttributeTypeAndValue({ type, value: new AttributeValue({ printableString: value }) })]);
  const info = new CertificationRequestInfo({
    version: 0,
    subject: new Name([...organizations.map((o) => rdn(OID_O, o)), rdn(OID_CN, commonName)]),
    subjectPKInfo: AsnConvert.parse(spki, SubjectPublicKeyInfo),
    attributes: new Attributes(),
  });
  const signature = sign("sha256", Buffer.from(AsnConvert.serialize(info)), key);
  const request = new CertificationRequest({ certificationRequestInfo: info, signatureAlgorithm: new AlgorithmIdentifier({ algorithm: ECDSA_WITH_SHA256 }), signature: new Uint8Array(signature).buffer });
  return { pem: toPem("CERTIFICATE REQUEST", Buffer.from(AsnConvert.serialize(request))), spki };
}

export interface BootstrapContext {
  cluster: Cluster;
  node: NodeLayout;
  host: Host;
  state: NodeKubeletState;
  random: SeededRandom;
  journal(severity: "I" | "W" | "E", source: string, message: string): void;
}

export type BootstrapOutcome = { done: true } | { done: false; retryMs?: number };

/** One step of the bootstrap; the kubelet calls it again after `retryMs` until it is done. */
export function tlsBootstrapStep(b: BootstrapContext): BootstrapOutcome {
  const fail = (reason: string) => {
    b.journal("E", "run.go:72", `"command failed" err="failed to run Kubelet: ${reason}"`);
    b.host.services.fail("kubelet", "exit-code");
    delete b.state.bootstrap;
    return { done: false } as const;
  };

  if (!b.state.bootstrap) {
    const config = b.host.fs.readFileSync(BOOTSTRAP_KUBECONFIG);
    if (config === undefined) return fail(`unable to load bootstrap kubeconfig: stat ${BOOTSTRAP_KUBECONFIG}: no such file or directory`);
    const server = field(config, "server") ?? "";
    const caPem = Buffer.from(field(config, "certificate-authority-data") ?? "", "base64").toString("utf8");
    const user = bootstrapTokenUser(b.cluster, field(config, "token") ?? "");
    if (!user) return fail("cannot create certificate signing request: Unauthorized");
    const client = b.cluster.clientFor(user, "kubelet");
    b.journal("I", "server.go:958", `"Client rotation is on, will bootstrap in background"`);
    const key = newEcKey(b.random);
    const commonName = `system:node:${b.node.name}`;
    const request = certificationRequest(key, commonName, ["system:nodes"]);
    const name = csrName(request.spki, commonName, ["system:nodes"]);
    try {
      client.create({
        apiVersion: "certificates.k8s.io/v1",
        kind: "CertificateSigningRequest",
        metadata: { name },
        spec: { request: Buffer.from(request.pem).toString("base64"), signerName: SIGNER, usages: USAGES },
      });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.code !== 409) return fail(`cannot create certificate signing request: ${e.message}`);
    }
    b.state.bootstrap = { csrName: name, keyPem: key.export({ type: "sec1", format: "pem" }).toString(), server, caPem, user };
    return { done: false, retryMs: 1000 };
  }

  const client = b.cluster.clientFor(b.state.bootstrap.user, "kubelet");

  let csr: (CertificateSigningRequest & KubeObject) | undefined;
  try {
    csr = client.get("certificates.k8s.io", "certificatesigningrequests", undefined, b.state.bootstrap.csrName) as typeof csr;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
  }
  if (!csr) {
    // Deleted before it was signed: start over with a new request.
    delete b.state.bootstrap;
    return { done: false, retryMs: 1000 };
  }
  const denied = (csr.status?.conditions ?? []).find((c) => c.type === "Denied" || c.type === "Failed");
  if (denied) return fail(`cannot get certificate signing request: certificate signing request is ${denied.type.toLowerCase()}, reason: ${denied.reason ?? ""}, message: ${denied.message ?? ""}`);
  if (!csr.status?.certificate) return { done: false, retryMs: 1000 };

  const certPem = Buffer.from(csr.status.certificate, "base64").toString("utf8");
  writeClientCredentials(b, certPem, b.state.bootstrap.keyPem, b.state.bootstrap.server, b.state.bootstrap.caPem);
  delete b.state.bootstrap;
  b.journal("I", "transport.go:147", `"Certificate rotation detected, shutting down client connections to start using new credentials"`);
  return { done: true };
}

function writeClientCredentials(b: BootstrapContext, certPem: string, keyPem: string, server: string, caPem: string): void {
  const fs = b.host.fs;
  const stamp = new Date(b.cluster.clock.now()).toISOString().replace("T", "-").replace(/:/g, "-").replace(/\.\d+Z$/, "");
  const file = `${PKI_DIR}/kubelet-client-${stamp}.pem`;
  fs.mkdirSync(PKI_DIR, { recursive: true });
  fs.writeFileSync(file, certPem + keyPem, { mode: 0o600 });
  fs.rmSync(CURRENT_PEM, { force: true });
  // HostFileSystem's symlink is async in signature only; its effect is immediate.
  fs.symlink(file, CURRENT_PEM).catch(() => undefined);
  if (!fs.existsSync(`${PKI_DIR}/kubelet.crt`)) writeServingPair(b);
  fs.writeFileSync(KUBELET_KUBECONFIG, bootstrappedKubeletKubeconfig(server, caPem, CURRENT_PEM), { mode: 0o600 });
}

/** With no serving certificate configured the kubelet makes its own CA and certificate, named after host and time. */
function writeServingPair(b: BootstrapContext): void {
  const now = b.cluster.clock.now();
  const stamp = Math.floor(now / 1000);
  const year = 365 * 24 * 3600_000;
  const seed = b.random.int(1_000_000);
  const caKey = pooledKey(seed);
  const ca = signCertificate({ commonName: `${b.node.name}-ca@${stamp}`, usage: "ca", notBefore: new Date(now), notAfter: new Date(now + year), serialSeed: `kubelet-ca/${b.node.name}/${stamp}` }, caKey);
  const key = pooledKey(seed + 1);
  const cert = signCertificate(
    { commonName: `${b.node.name}@${stamp}`, dnsNames: [b.node.name], usage: "server", notBefore: new Date(now), notAfter: new Date(now + year), serialSeed: `kubelet-serving/${b.node.name}/${stamp}` },
    key,
    { cert: ca, key: caKey },
  );
  b.host.fs.writeFileSync(`${PKI_DIR}/kubelet.crt`, cert.pem + ca.pem);
  b.host.fs.writeFileSync(`${PKI_DIR}/kubelet.key`, key.pem, { mode: 0o600 });
}
