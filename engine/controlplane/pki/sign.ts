import { AsnConvert, OctetString } from "@peculiar/asn1-schema";
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  AuthorityKeyIdentifier,
  BasicConstraints,
  Certificate,
  ExtendedKeyUsage,
  Extension,
  Extensions,
  GeneralName,
  KeyIdentifier,
  KeyUsage,
  KeyUsageFlags,
  Name,
  RelativeDistinguishedName,
  SubjectAlternativeName,
  SubjectKeyIdentifier,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
  id_ce_authorityKeyIdentifier,
  id_ce_basicConstraints,
  id_ce_extKeyUsage,
  id_ce_keyUsage,
  id_ce_subjectAltName,
  id_ce_subjectKeyIdentifier,
  id_kp_clientAuth,
  id_kp_serverAuth,
} from "@peculiar/asn1-x509";
import { createHash, createPrivateKey, createPublicKey, sign, type KeyObject } from "node:crypto";

/**
 * X.509 certificates signed synchronously (node:crypto `sign` over a DER TBSCertificate), so that
 * seeding a cluster's /etc/kubernetes/pki fits inside the synchronous, millisecond environment
 * start. The async @peculiar/x509 helpers in engine/pki stay for code that can await.
 */
const SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
const OID_CN = "2.5.4.3";
const OID_O = "2.5.4.10";

export interface SigningKey {
  /** PKCS#1 PEM, as kubeadm writes `*.key`. */
  pem: string;
  key: KeyObject;
  /** SubjectPublicKeyInfo DER. */
  spki: Buffer;
  /** PKIX public key PEM, as kubeadm writes `sa.pub`. */
  publicPem: string;
}

export function signingKey(pem: string): SigningKey {
  const key = createPrivateKey(pem);
  const pub = createPublicKey(key);
  return { pem, key, spki: pub.export({ type: "spki", format: "der" }), publicPem: pub.export({ type: "spki", format: "pem" }).toString() };
}

export interface CertSpec {
  commonName: string;
  organizations?: string[];
  dnsNames?: string[];
  ips?: string[];
  usage: "ca" | "server" | "client" | "both";
  notBefore: Date;
  notAfter: Date;
  /** Seed of the serial number: the same inputs give the same certificate (deterministic sessions). */
  serialSeed: string;
}

export interface SignedCert {
  pem: string;
  der: Buffer;
  subjectKeyId: Buffer;
  /** Distinguished name of the subject (reused as the issuer of certificates it signs). */
  name: Name;
}

function distinguishedName(commonName: string, organizations: string[] = []): Name {
  // Go's pkix.Name.ToRDNSequence orders O before CN; openssl prints "O = …, CN = …" the same way.
  const rdns = [
    ...organizations.map((o) => new RelativeDistinguishedName([new AttributeTypeAndValue({ type: OID_O, value: new AttributeValue({ utf8String: o }) })])),
    new RelativeDistinguishedName([new AttributeTypeAndValue({ type: OID_CN, value: new AttributeValue({ utf8String: commonName }) })]),
  ];
  return new Name(rdns);
}

function keyIdentifier(spki: Buffer): Buffer {
  // RFC 5280 method 1: SHA-1 of the subjectPublicKey bit string, as Go's x509 package computes it.
  const info = AsnConvert.parse(spki, SubjectPublicKeyInfo);
  return createHash("sha1").update(Buffer.from(info.subjectPublicKey)).digest();
}

function serialNumber(seed: string): ArrayBuffer {
  const bytes = createHash("sha256").update(seed).digest().subarray(0, 8);
  bytes[0] &= 0x7f; // positive INTEGER
  if (bytes[0] === 0) bytes[0] = 1;
  return new Uint8Array(bytes).buffer;
}

/** Signs `spec` for `subjectKey` with `issuer` (omitted: self-signed). Synchronous. */
export function signCertificate(spec: CertSpec, subjectKey: SigningKey, issuer?: { cert: SignedCert; key: SigningKey }): SignedCert {
  const subject = distinguishedName(spec.commonName, spec.organizations);
  const ski = keyIdentifier(subjectKey.spki);
  const isCA = spec.usage === "ca";
  let usage = KeyUsageFlags.digitalSignature | KeyUsageFlags.keyEncipherment;
  if (isCA) usage |= KeyUsageFlags.keyCertSign;
  const extensions: Extension[] = [makeExtension(id_ce_keyUsage, true, new KeyUsage(usage))];
  if (!isCA) {
    const ekus: string[] = [];
    if (spec.usage === "server" || spec.usage === "both") ekus.push(id_kp_serverAuth);
    if (spec.usage === "client" || spec.usage === "both") ekus.push(id_kp_clientAuth);
    extensions.push(makeExtension(id_ce_extKeyUsage, false, new ExtendedKeyUsage(ekus)));
  }
  extensions.push(makeExtension(id_ce_basicConstraints, true, new BasicConstraints({ cA: isCA })));
  if (isCA) extensions.push(makeExtension(id_ce_subjectKeyIdentifier, false, new SubjectKeyIdentifier(ski)));
  if (issuer) {
    extensions.push(makeExtension(id_ce_authorityKeyIdentifier, false, new AuthorityKeyIdentifier({ keyIdentifier: new KeyIdentifier(issuer.cert.subjectKeyId) })));
  }
  const names = [
    ...(spec.dnsNames ?? []).map((d) => new GeneralName({ dNSName: d })),
    ...(spec.ips ?? []).map((ip) => new GeneralName({ iPAddress: ip })),
  ];
  if (names.length > 0) extensions.push(makeExtension(id_ce_subjectAltName, false, new SubjectAlternativeName(names)));

  const algorithm = new AlgorithmIdentifier({ algorithm: SHA256_WITH_RSA, parameters: null });
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: serialNumber(spec.serialSeed),
    signature: algorithm,
    issuer: issuer ? issuer.cert.name : subject,
    validity: new Validity({ notBefore: spec.notBefore, notAfter: spec.notAfter }),
    subject,
    subjectPublicKeyInfo: AsnConvert.parse(subjectKey.spki, SubjectPublicKeyInfo),
    extensions: new Extensions(extensions),
  });
  const tbsDer = Buffer.from(AsnConvert.serialize(tbs));
  const signature = sign("sha256", tbsDer, (issuer?.key ?? subjectKey).key);
  const cert = new Certificate({ tbsCertificate: tbs, signatureAlgorithm: algorithm, signatureValue: new Uint8Array(signature).buffer });
  const der = Buffer.from(AsnConvert.serialize(cert));
  return { pem: toPem("CERTIFICATE", der), der, subjectKeyId: ski, name: subject };
}

function makeExtension(oid: string, critical: boolean, value: object): Extension {
  return new Extension({ extnID: oid, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });
}

export function toPem(label: string, der: Buffer): string {
  const b64 = der.toString("base64").replace(/(.{64})/g, "$1\n").replace(/\n$/, "");
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}
