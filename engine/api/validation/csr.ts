import { createPublicKey, verify, type KeyObject } from "node:crypto";
import { CertificationRequest } from "@peculiar/asn1-csr";
import { AsnConvert } from "@peculiar/asn1-schema";
import type { FieldError } from "../errors";
import { duplicate, invalid, invalidGo, notSupported, Path, required, tooLong } from "./field";
import { nameProblems } from "./names";

/**
 * CertificateSigningRequest spec checks of pkg/apis/certificates/validation (v1.33): the request must be
 * a PEM "CERTIFICATE REQUEST" whose self-signature verifies (certificates.ParseCSR + CheckSignature),
 * usages come from a fixed set without duplicates, and signerName is `<domain>/<path>`.
 */

/** allValidUsages.List(): sorted, as the NotSupported message lists them. */
export const KEY_USAGES = [
  "any", "cert sign", "client auth", "code signing", "content commitment", "crl sign", "data encipherment", "decipher only",
  "digital signature", "email protection", "encipher only", "ipsec end system", "ipsec tunnel", "ipsec user", "key agreement",
  "key encipherment", "microsoft sgc", "netscape sgc", "ocsp signing", "s/mime", "server auth", "signing", "timestamping",
];

const LEGACY_SIGNER = "kubernetes.io/legacy-unknown";

/** %#v of a []byte: every byte, as the real error prints it. */
function goBytes(bytes: Buffer): string {
  return `[]byte{${[...bytes].map((b) => `0x${b.toString(16)}`).join(", ")}}`;
}

/** encoding/pem.Decode: the first well-formed block (headers skipped), or undefined. */
function firstPemBlock(text: string): { type: string; der: Buffer } | undefined {
  const re = /-----BEGIN ([^\n-]*)-----\r?\n([\s\S]*?)-----END \1-----/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const lines = m[2].split(/\r?\n/);
    const bodyStart = lines.some((l) => l.includes(":")) ? lines.findIndex((l) => l.trim() === "") + 1 : 0;
    const body = lines.slice(bodyStart).join("").replace(/\s+/g, "");
    if (/^[A-Za-z0-9+/]*={0,2}$/.test(body) && body.length % 4 === 0) return { type: m[1], der: Buffer.from(body, "base64") };
  }
  return undefined;
}

/** The raw bytes of the first element inside the outer DER SEQUENCE: what the signature covers. */
function signedPart(der: Buffer): Buffer {
  const header = (offset: number): { len: number; start: number } => {
    const first = der[offset + 1];
    if (first === undefined) throw new Error("asn1: syntax error: data truncated");
    if (first < 0x80) return { len: first, start: offset + 2 };
    const n = first & 0x7f;
    let len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + der[offset + 2 + i];
    return { len, start: offset + 2 + n };
  };
  const outer = header(0);
  if (outer.start + outer.len > der.length) throw new Error("asn1: syntax error: data truncated");
  const inner = header(outer.start);
  return der.subarray(outer.start, inner.start + inner.len);
}

/** Go's crypto/x509 algorithm names and their verification. */
const SIGNATURES: Record<string, { hash: string | null; kind: "rsa" | "ecdsa" | "ed25519" }> = {
  "1.2.840.113549.1.1.5": { hash: "sha1", kind: "rsa" },
  "1.2.840.113549.1.1.11": { hash: "sha256", kind: "rsa" },
  "1.2.840.113549.1.1.12": { hash: "sha384", kind: "rsa" },
  "1.2.840.113549.1.1.13": { hash: "sha512", kind: "rsa" },
  "1.2.840.10045.4.1": { hash: "sha1", kind: "ecdsa" },
  "1.2.840.10045.4.3.2": { hash: "sha256", kind: "ecdsa" },
  "1.2.840.10045.4.3.3": { hash: "sha384", kind: "ecdsa" },
  "1.2.840.10045.4.3.4": { hash: "sha512", kind: "ecdsa" },
  "1.3.101.112": { hash: null, kind: "ed25519" },
};

const VERIFY_FAILURES = { rsa: "crypto/rsa: verification error", ecdsa: "x509: ECDSA verification failure", ed25519: "x509: Ed25519 verification failure" };

/** The error validateCSR returns for a request's PEM bytes, or undefined when it is a valid signed CSR. */
export function csrRequestProblem(pem: Buffer): string | undefined {
  const block = firstPemBlock(pem.toString("latin1"));
  if (!block || block.type !== "CERTIFICATE REQUEST") return "PEM block type must be CERTIFICATE REQUEST";
  let request: CertificationRequest;
  let tbs: Buffer;
  try {
    tbs = signedPart(block.der);
    request = AsnConvert.parse(block.der, CertificationRequest);
  } catch (e) {
    // encoding/asn1's structure errors name Go types; the truncation one is exact, the rest share its prefix.
    const message = e instanceof Error ? e.message : String(e);
    return message.startsWith("asn1:") ? message : "asn1: structure error: tags don't match";
  }
  const algorithm = SIGNATURES[request.signatureAlgorithm.algorithm];
  if (!algorithm) return "x509: cannot verify signature: algorithm unimplemented";
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(AsnConvert.serialize(request.certificationRequestInfo.subjectPKInfo)), format: "der", type: "spki" });
  } catch {
    return "x509: unsupported public key type";
  }
  const signature = Buffer.from(request.signature);
  let ok = false;
  try {
    ok = algorithm.kind === "ecdsa" ? verify(algorithm.hash, tbs, { key, dsaEncoding: "der" }, signature) : verify(algorithm.hash, tbs, key, signature);
  } catch {
    ok = false;
  }
  return ok ? undefined : VERIFY_FAILURES[algorithm.kind];
}

/** ValidateCertificateSigningRequestSignerName. */
export function validateSignerName(path: Path, signerName: string): FieldError[] {
  if (!signerName) return [required(path)];
  const segments = signerName.split("/");
  if (segments.length !== 2) return [invalid(path, signerName, "must be a fully qualified domain and path of the form 'example.com/signer-name'")];
  const errs: FieldError[] = [];
  const [domain, rest] = segments;
  if (domain.length > 253) errs.push(tooLong(path, 253));
  const domainLabels = domain.split(".");
  for (const label of domainLabels) {
    const problems = nameProblems(label, "label");
    if (problems.length > 0) {
      errs.push(...problems.map((p) => invalid(path, domain, `validating label ${JSON.stringify(label)}: ${p}`)));
      break;
    }
  }
  if (domainLabels.length < 2) errs.push(invalid(path, domain, "should be a domain with at least two segments separated by dots"));
  for (const label of rest.split(".")) {
    const problems = nameProblems(label, "subdomain");
    if (problems.length > 0) {
      errs.push(...problems.map((p) => invalid(path, rest, `validating label ${JSON.stringify(label)}: ${p}`)));
      break;
    }
  }
  if (signerName.length > 253 + 63 + 1 + 253 + 1) errs.push(tooLong(path, 571));
  return errs;
}

/** The spec part of validateCertificateSigningRequest for certificates.k8s.io/v1. */
export function validateCsrSpec(spec: Record<string, unknown>): FieldError[] {
  const path = Path.root("spec");
  const errs: FieldError[] = [];
  const request = Buffer.from(typeof spec.request === "string" ? spec.request : "", "base64");
  const problem = csrRequestProblem(request);
  if (problem) errs.push(invalidGo(path.child("request"), goBytes(request), problem));
  const usages = Array.isArray(spec.usages) ? (spec.usages as string[]) : [];
  if (usages.length === 0) errs.push(required(path.child("usages")));
  usages.forEach((u, i) => {
    if (!KEY_USAGES.includes(u)) errs.push(notSupported(path.child("usages").index(i), u, KEY_USAGES));
  });
  const seen = new Set<string>();
  usages.forEach((u, i) => {
    if (seen.has(u)) errs.push(duplicate(path.child("usages").index(i), u));
    seen.add(u);
  });
  const signerName = typeof spec.signerName === "string" ? spec.signerName : "";
  if (signerName === LEGACY_SIGNER) errs.push(invalid(path.child("signerName"), signerName, "the legacy signerName is not allowed via this API version"));
  else errs.push(...validateSignerName(path.child("signerName"), signerName));
  if (typeof spec.expirationSeconds === "number" && spec.expirationSeconds < 600) {
    errs.push(invalid(path.child("expirationSeconds"), spec.expirationSeconds, "may not specify a duration less than 600 seconds (10 minutes)"));
  }
  return errs;
}
