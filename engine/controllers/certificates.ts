import { CertificationRequest } from "@peculiar/asn1-csr";
import { AsnConvert } from "@peculiar/asn1-schema";
import { Certificate, SubjectKeyIdentifier, id_ce_subjectKeyIdentifier } from "@peculiar/asn1-x509";
import type { CertificateSigningRequest } from "kubernetes-types/certificates/v1";
import { ApiError, invalid, methodNotAllowed, notFound } from "../api/errors";
import type { SubresourceHandler } from "../api/server/context";
import type { KubeObject } from "../api/types";
import { clusterAuthKeys } from "../api/auth/pki";
import type { Cluster } from "../cluster/cluster";
import { signCertificate, signingKey, type SignedCert, type SigningKey } from "../controlplane/pki/sign";
import { clone } from "../util/freeze";
import type { ControllerFactory } from "./controller";
import { autoApprovalMessage } from "./csr-approver";

const OID_CN = "2.5.4.3";
const OID_O = "2.5.4.10";
/** Signers kube-controller-manager serves (kubernetes.io/legacy-unknown is never signed by it). */
const SIGNERS = new Set(["kubernetes.io/kube-apiserver-client", "kubernetes.io/kube-apiserver-client-kubelet", "kubernetes.io/kubelet-serving"]);
/** --cluster-signing-duration default. */
const DEFAULT_DURATION_S = 365 * 24 * 3600;
const BACKDATE_MS = 5 * 60_000;
const APPROVED_TTL_MS = 3600_000;
const DENIED_TTL_MS = 3600_000;
const PENDING_TTL_MS = 24 * 3600_000;

type CSR = CertificateSigningRequest & KubeObject;

function pemBody(pem: string, label: string): Buffer {
  const m = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`).exec(pem);
  if (!m) throw new Error(`no ${label} PEM block`);
  return Buffer.from(m[1].replace(/\s+/g, ""), "base64");
}

/** Subject CN and O values and the public key of a PKCS#10 request (spec.request is base64 of its PEM). */
export function parseRequest(requestB64: string): { commonName: string; organizations: string[]; spki: Buffer } {
  const pem = Buffer.from(requestB64, "base64").toString("utf8");
  const req = AsnConvert.parse(pemBody(pem, "CERTIFICATE REQUEST"), CertificationRequest);
  const info = req.certificationRequestInfo;
  let commonName = "";
  const organizations: string[] = [];
  for (const rdn of info.subject) {
    for (const atv of rdn) {
      const v = atv.value;
      const text = v.utf8String ?? v.printableString ?? v.teletexString ?? v.universalString ?? v.bmpString ?? "";
      if (atv.type === OID_CN) commonName = text;
      if (atv.type === OID_O) organizations.push(text);
    }
  }
  return { commonName, organizations, spki: Buffer.from(AsnConvert.serialize(info.subjectPKInfo)) };
}

function caFromPem(certPem: string, keyPem: string): { cert: SignedCert; key: SigningKey } {
  const der = pemBody(certPem, "CERTIFICATE");
  const cert = AsnConvert.parse(der, Certificate);
  const skiExt = cert.tbsCertificate.extensions?.find((e) => e.extnID === id_ce_subjectKeyIdentifier);
  const ski = skiExt ? Buffer.from(AsnConvert.parse(skiExt.extnValue.buffer, SubjectKeyIdentifier).buffer) : Buffer.alloc(0);
  return { cert: { pem: certPem, der, subjectKeyId: ski, name: cert.tbsCertificate.subject }, key: signingKey(keyPem) };
}

const hasCondition = (csr: CSR, type: string) => (csr.status?.conditions ?? []).some((c) => c.type === type && (c.status ?? "True") === "True");

/**
 * PUT/GET certificatesigningrequests/{name}/approval, as `kubectl certificate approve|deny` uses:
 * only status.conditions change; Approved and Denied exclude each other.
 */
export const csrApprovalSubresource: SubresourceHandler = {
  handle(request, server) {
    const typeKey = "certificates.k8s.io/certificatesigningrequests";
    const existing = server.store.get(typeKey, undefined, request.name);
    if (!existing) throw notFound({ group: "certificates.k8s.io", resource: "certificatesigningrequests" }, request.name);
    if (request.method === "GET") return { status: 200, body: existing };
    if (request.method !== "PUT") throw methodNotAllowed();
    const body = request.body as CSR;
    const now = server.clock.nowRfc3339();
    const conditions = (body.status?.conditions ?? []).map((c) => ({ ...c, status: c.status ?? "True", lastUpdateTime: c.lastUpdateTime ?? now, lastTransitionTime: c.lastTransitionTime ?? now }));
    const types = conditions.map((c) => c.type);
    if (types.includes("Approved") && types.includes("Denied")) {
      const i = types.indexOf(types.includes("Approved") && types.indexOf("Denied") > types.indexOf("Approved") ? "Denied" : "Approved");
      throw invalid("CertificateSigningRequest", "certificates.k8s.io", request.name, [
        { type: "FieldValueInvalid", field: `status.conditions[${i}].type`, value: types[i], detail: "Approved and Denied conditions are mutually exclusive" },
      ]);
    }
    const updated = clone(existing) as KubeObject & { status?: Record<string, unknown> };
    updated.status = { ...(updated.status ?? {}), conditions };
    return { status: 200, body: server.store.update(typeKey, updated) };
  },
};

/**
 * csrsigning + csrapproving + csrcleaner: signs approved requests for the built-in signers with the
 * cluster CA (a real X.509 certificate), auto-approves kubelet client requests from nodes and
 * bootstrappers, and removes old requests (issued or denied after an hour, pending after a day).
 */
export function certificateController(cluster: Cluster): ControllerFactory {
  return ({ client, clock, requeueAfter }) => ({
    name: "csr-controller",
    watches: ["certificates.k8s.io/certificatesigningrequests"],
    resync: () => client.server.store.list("certificates.k8s.io/certificatesigningrequests").map((c) => c.metadata.name!),
    reconcile(name) {
      const csr = client.get("certificates.k8s.io", "certificatesigningrequests", undefined, name) as CSR | undefined;
      if (!csr) return;
      const now = clock.now();
      const spec = csr.spec!;
      if (!hasCondition(csr, "Approved") && !hasCondition(csr, "Denied") && spec.signerName === "kubernetes.io/kube-apiserver-client-kubelet") autoApprove(csr);
      const fresh = (client.get("certificates.k8s.io", "certificatesigningrequests", undefined, name) as CSR | undefined) ?? csr;
      if (hasCondition(fresh, "Approved") && !fresh.status?.certificate && !hasCondition(fresh, "Failed") && SIGNERS.has(spec.signerName)) sign(fresh);
      // csrcleaner
      const created = Date.parse(fresh.metadata.creationTimestamp ?? "") || now;
      const decided = (fresh.status?.conditions ?? []).find((c) => c.type === "Approved" || c.type === "Denied" || c.type === "Failed");
      const decidedAt = Date.parse(decided?.lastUpdateTime ?? decided?.lastTransitionTime ?? "") || created;
      const expires = decided ? decidedAt + (decided.type === "Approved" ? APPROVED_TTL_MS : DENIED_TTL_MS) : created + PENDING_TTL_MS;
      if (expires <= now) client.delete("certificates.k8s.io", "certificatesigningrequests", undefined, name);
      else requeueAfter(name, expires - now);
    },
  });

  function autoApprove(csr: CSR): void {
    const client = cluster.admin;
    let subject: ReturnType<typeof parseRequest>;
    try {
      subject = parseRequest(csr.spec!.request);
    } catch {
      return;
    }
    const message = autoApprovalMessage(client, csr, subject);
    if (!message) return;
    const now = cluster.clock.nowRfc3339();
    const conditions = [
      ...(csr.status?.conditions ?? []),
      { type: "Approved", status: "True", reason: "AutoApproved", message, lastUpdateTime: now, lastTransitionTime: now },
    ];
    client.request("PUT", client.path("certificates.k8s.io", "certificatesigningrequests", undefined, csr.metadata.name, "approval"), {
      body: { ...csr, status: { ...(csr.status ?? {}), conditions } },
      contentType: "application/json",
    });
  }

  function sign(csr: CSR): void {
    const client = cluster.admin;
    const keys = clusterAuthKeys(cluster);
    if (!keys) return;
    const fail = (message: string) => {
      const now = cluster.clock.nowRfc3339();
      client.patchStatus("certificates.k8s.io", "certificatesigningrequests", undefined, csr.metadata.name!, {
        conditions: [...(csr.status?.conditions ?? []), { type: "Failed", status: "True", reason: "SignerValidationFailure", message, lastUpdateTime: now, lastTransitionTime: now }],
      });
    };
    let request: ReturnType<typeof parseRequest>;
    try {
      request = parseRequest(csr.spec!.request);
    } catch {
      return fail("failed to parse certificate request");
    }
    const usages = csr.spec?.usages ?? [];
    const client_ = usages.includes("client auth");
    const server_ = usages.includes("server auth");
    if (csr.spec!.signerName === "kubernetes.io/kube-apiserver-client" && server_) return fail(`invalid usage for client certificate: server auth`);
    const seconds = Math.max(600, csr.spec?.expirationSeconds ?? DEFAULT_DURATION_S);
    const nowMs = cluster.clock.now();
    try {
      const issuer = caFromPem(keys.caCertPem, keys.caKeyPem);
      const cert = signCertificate(
        {
          commonName: request.commonName,
          organizations: request.organizations,
          usage: client_ && server_ ? "both" : server_ ? "server" : "client",
          notBefore: new Date(nowMs - BACKDATE_MS),
          notAfter: new Date(nowMs + seconds * 1000),
          serialSeed: `${csr.metadata.uid}`,
        },
        { spki: request.spki } as SigningKey,
        issuer,
      );
      client.patchStatus("certificates.k8s.io", "certificatesigningrequests", undefined, csr.metadata.name!, { certificate: Buffer.from(cert.pem).toString("base64") });
    } catch (e) {
      if (e instanceof ApiError) throw e;
      fail(e instanceof Error ? e.message : String(e));
    }
  }
}
