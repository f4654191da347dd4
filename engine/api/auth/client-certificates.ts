import { X509Certificate } from "node:crypto";
import { ContentCache } from "../../cluster/content-cache";
import type { UserInfo } from "../types";

const CLIENT_AUTH_OID = "1.3.6.1.5.5.7.3.2";

export type CertificateCheck = { user: UserInfo } | { error: string };

/** Distinguished-name fields from Node's multi-line subject text ("CN=jane\nO=dev\nO=ops"). */
function subjectFields(subject: string, field: string): string[] {
  return subject
    .split("\n")
    .filter((line) => line.startsWith(`${field}=`))
    .map((line) => line.slice(field.length + 1));
}

/**
 * The x509 request authenticator (`--client-ca-file`): the certificate must chain to the cluster CA,
 * be valid at the cluster's current time and allow client authentication; the Common Name becomes
 * the user name and each Organization a group. Errors carry the x509 verification text.
 */
export function checkClientCertificate(pem: string, caPem: string, nowMs: number): CertificateCheck {
  const inspected = inspectedFor(caPem).get(pem, () => inspectCertificate(pem, caPem));
  if ("error" in inspected) return inspected;
  const { notBefore, notAfter } = inspected;
  if (nowMs < notBefore || nowMs > notAfter) {
    const at = new Date(nowMs).toISOString().replace(/\.\d{3}Z$/, "Z");
    const bound = nowMs > notAfter ? `is after ${new Date(notAfter).toISOString().replace(/\.\d{3}Z$/, "Z")}` : `is before ${new Date(notBefore).toISOString().replace(/\.\d{3}Z$/, "Z")}`;
    return { error: `x509: certificate has expired or is not yet valid: current time ${at} ${bound}` };
  }
  return inspected.check;
}

/**
 * What a certificate says whatever the time: parsing and verifying the signature cost far more
 * than a command, and kubectl presents the same certificate on every one, so this is kept per
 * (CA, certificate) text (see ContentCache).
 */
function inspectCertificate(pem: string, caPem: string): { error: string } | { notBefore: number; notAfter: number; check: CertificateCheck } {
  let cert: X509Certificate;
  let ca: X509Certificate;
  try {
    cert = new X509Certificate(pem);
    ca = new X509Certificate(caPem);
  } catch {
    return { error: "x509: malformed certificate" };
  }
  if (!cert.checkIssued(ca) || !cert.verify(ca.publicKey)) {
    return { error: 'x509: certificate signed by unknown authority' };
  }
  const notBefore = Date.parse(cert.validFrom);
  const notAfter = Date.parse(cert.validTo);
  const usages = cert.keyUsage;
  let check: CertificateCheck;
  if (usages && usages.length > 0 && !usages.includes(CLIENT_AUTH_OID)) {
    check = { error: "x509: certificate specifies an incompatible key usage" };
  } else {
    const commonName = subjectFields(cert.subject, "CN")[0];
    check = commonName ? { user: { username: commonName, groups: [...subjectFields(cert.subject, "O"), "system:authenticated"] } } : { error: "x509: certificate has no common name" };
  }
  return { notBefore, notAfter, check };
}

/**
 * Inspections per CA, then per certificate: the texts are looked up as they are (the same string
 * objects on every command, whose hashes are kept) rather than joined into a new ~3 KB key to hash
 * on every request.
 */
const inspectedByCa = new Map<string, ContentCache<ReturnType<typeof inspectCertificate>>>();
const MAX_CAS = 64;

function inspectedFor(caPem: string): ContentCache<ReturnType<typeof inspectCertificate>> {
  let cache = inspectedByCa.get(caPem);
  if (!cache) {
    if (inspectedByCa.size >= MAX_CAS) inspectedByCa.delete(inspectedByCa.keys().next().value!);
    cache = new ContentCache(64);
    inspectedByCa.set(caPem, cache);
  }
  return cache;
}

/** PEM for a DER certificate (what a TLS socket gives for the peer). */
export function derToPem(der: Buffer): string {
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`;
}
