// @peculiar/x509 resolves its crypto provider through tsyringe, which needs the Reflect metadata polyfill.
import "reflect-metadata";
import { webcrypto, createPublicKey, generateKeyPair as nodeGenerateKeyPair, KeyObject } from "node:crypto";
import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALGORITHM = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;

export interface KeyPair {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** PKCS#1 PEM ("RSA PRIVATE KEY"), the format kubeadm writes under /etc/kubernetes/pki. */
  privateKeyPem: string;
}

export interface IssuedCertificate {
  certificate: x509.X509Certificate;
  certificatePem: string;
  key: KeyPair;
}

function generateRsa(): Promise<KeyObject> {
  return new Promise((resolve, reject) =>
    nodeGenerateKeyPair("rsa", { modulusLength: 2048 }, (err, _pub, priv) => (err ? reject(err) : resolve(priv))),
  );
}

/** A 2048-bit RSA key, as kubeadm generates by default. */
export async function generateKeyPair(): Promise<KeyPair> {
  const priv = await generateRsa();
  return importKeyPair(priv);
}

async function importKeyPair(priv: KeyObject): Promise<KeyPair> {
  const pkcs8 = priv.export({ type: "pkcs8", format: "der" });
  const spki = createPrivateKeyPublic(priv);
  const privateKey = await webcrypto.subtle.importKey("pkcs8", pkcs8, ALGORITHM, true, ["sign"]);
  const publicKey = await webcrypto.subtle.importKey("spki", spki, ALGORITHM, true, ["verify"]);
  return {
    privateKey: privateKey as unknown as CryptoKey,
    publicKey: publicKey as unknown as CryptoKey,
    privateKeyPem: priv.export({ type: "pkcs1", format: "pem" }).toString(),
  };
}

function createPrivateKeyPublic(priv: KeyObject): Buffer {
  return createPublicKey(priv).export({ type: "spki", format: "der" });
}

export interface CertificateRequest {
  commonName: string;
  organizations?: string[];
  dnsNames?: string[];
  ips?: string[];
  usage: "server" | "client" | "both";
  notBefore: Date;
  /** Validity in days (kubeadm: 365 for leaf certificates, 3650 for CAs). */
  days: number;
}

function subject(commonName: string, organizations: string[] = []): string {
  return [...organizations.map((o) => `O=${o}`), `CN=${commonName}`].join(", ");
}

function serial(): string {
  return Buffer.from(webcrypto.getRandomValues(new Uint8Array(8))).toString("hex").replace(/^[89a-f]/, "1");
}

export async function createCertificateAuthority(commonName: string, notBefore: Date, days = 3650): Promise<IssuedCertificate> {
  const key = await generateKeyPair();
  const notAfter = new Date(notBefore.getTime() + days * 86_400_000);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${commonName}`,
    notBefore,
    notAfter,
    signingAlgorithm: ALGORITHM,
    keys: { privateKey: key.privateKey, publicKey: key.publicKey },
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      await x509.SubjectKeyIdentifierExtension.create(key.publicKey),
    ],
  });
  return { certificate, certificatePem: certificate.toString("pem"), key };
}

export async function issueCertificate(ca: IssuedCertificate, request: CertificateRequest, key?: KeyPair): Promise<IssuedCertificate> {
  const leafKey = key ?? (await generateKeyPair());
  const usages: string[] = [];
  if (request.usage !== "client") usages.push(x509.ExtendedKeyUsage.serverAuth);
  if (request.usage !== "server") usages.push(x509.ExtendedKeyUsage.clientAuth);
  const names: x509.JsonGeneralName[] = [
    ...(request.dnsNames ?? []).map((value) => ({ type: "dns" as const, value })),
    ...(request.ips ?? []).map((value) => ({ type: "ip" as const, value })),
  ];
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: subject(request.commonName, request.organizations),
    issuer: ca.certificate.subject,
    notBefore: request.notBefore,
    notAfter: new Date(request.notBefore.getTime() + request.days * 86_400_000),
    signingAlgorithm: ALGORITHM,
    publicKey: leafKey.publicKey,
    signingKey: ca.key.privateKey,
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension(usages),
      new x509.BasicConstraintsExtension(false, undefined, true),
      await x509.AuthorityKeyIdentifierExtension.create(ca.key.publicKey),
      ...(names.length > 0 ? [new x509.SubjectAlternativeNameExtension(names)] : []),
    ],
  });
  return { certificate, certificatePem: certificate.toString("pem"), key: leafKey };
}
