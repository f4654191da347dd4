// @peculiar/x509 resolves its crypto provider through tsyringe, which needs the Reflect metadata polyfill first.
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { rsaNumbers } from "./keys";

/** OpenSSL 3.0's text forms: distinguished names, dates, hex dumps and `-text` output. */
const SHORT: Record<string, string> = { "2.5.4.3": "CN", "2.5.4.10": "O", "2.5.4.11": "OU", "2.5.4.6": "C", "2.5.4.8": "ST", "2.5.4.7": "L", "1.2.840.113549.1.9.1": "emailAddress" };
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `O = system:masters, CN = kubernetes-admin` (OpenSSL's default name format). */
export function formatName(name: string): string {
  const parsed = new x509.Name(name).toJSON();
  const parts: string[] = [];
  for (const rdn of parsed) {
    for (const [type, values] of Object.entries(rdn)) for (const v of values) parts.push(`${SHORT[type] ?? type} = ${v}`);
  }
  return parts.join(", ");
}

/** `Jan  1 00:00:00 2026 GMT` */
export function formatTime(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCFullYear()} GMT`;
}

export function hexBytes(bytes: Uint8Array, perLine: number, indent: string): string {
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0"));
  const lines: string[] = [];
  for (let i = 0; i < hex.length; i += perLine) lines.push(`${indent}${hex.slice(i, i + perLine).join(":")}${i + perLine < hex.length ? ":" : ""}`);
  return lines.join("\n");
}

export function colonHex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).toUpperCase().padStart(2, "0")).join(":");
}

function serialLine(serialHex: string): string {
  const bytes = Buffer.from(serialHex.length % 2 ? `0${serialHex}` : serialHex, "hex");
  if (bytes.length <= 8 && (bytes[0] & 0x80) === 0) {
    const value = BigInt(`0x${serialHex}`);
    return `        Serial Number: ${value} (0x${value.toString(16)})`;
  }
  return `        Serial Number:\n${hexBytes(bytes, 18, "            ")}`;
}

const KEY_USAGES: [number, string][] = [
  [x509.KeyUsageFlags.digitalSignature, "Digital Signature"],
  [x509.KeyUsageFlags.nonRepudiation, "Non Repudiation"],
  [x509.KeyUsageFlags.keyEncipherment, "Key Encipherment"],
  [x509.KeyUsageFlags.dataEncipherment, "Data Encipherment"],
  [x509.KeyUsageFlags.keyAgreement, "Key Agreement"],
  [x509.KeyUsageFlags.keyCertSign, "Certificate Sign"],
  [x509.KeyUsageFlags.cRLSign, "CRL Sign"],
];
const EKU: Record<string, string> = { "1.3.6.1.5.5.7.3.1": "TLS Web Server Authentication", "1.3.6.1.5.5.7.3.2": "TLS Web Client Authentication", "1.3.6.1.5.5.7.3.3": "Code Signing", "1.3.6.1.5.5.7.3.4": "E-mail Protection" };

export function formatExtension(ext: x509.Extension): string[] {
  const critical = ext.critical ? " critical" : "";
  if (ext instanceof x509.KeyUsagesExtension) return [`            X509v3 Key Usage:${critical}`, `                ${KEY_USAGES.filter(([f]) => ext.usages & f).map(([, n]) => n).join(", ")}`];
  if (ext instanceof x509.ExtendedKeyUsageExtension) return [`            X509v3 Extended Key Usage:${critical} `, `                ${ext.usages.map((u) => EKU[String(u)] ?? String(u)).join(", ")}`];
  if (ext instanceof x509.BasicConstraintsExtension) return [`            X509v3 Basic Constraints:${critical}`, `                CA:${ext.ca ? "TRUE" : "FALSE"}${ext.pathLength !== undefined ? `, pathlen:${ext.pathLength}` : ""}`];
  if (ext instanceof x509.SubjectKeyIdentifierExtension) return [`            X509v3 Subject Key Identifier:${critical} `, `                ${colonHex(Buffer.from(ext.keyId, "hex"))}`];
  if (ext instanceof x509.AuthorityKeyIdentifierExtension) return [`            X509v3 Authority Key Identifier:${critical} `, `                ${ext.keyId ? colonHex(Buffer.from(ext.keyId, "hex")) : ""}`];
  if (ext instanceof x509.SubjectAlternativeNameExtension) {
    const names = ext.names.toJSON().map((n) => (n.type === "dns" ? `DNS:${n.value}` : n.type === "ip" ? `IP Address:${n.value}` : n.type === "email" ? `email:${n.value}` : n.type === "url" ? `URI:${n.value}` : `${n.type}:${n.value}`));
    return [`            X509v3 Subject Alternative Name:${critical} `, `                ${names.join(", ")}`];
  }
  return [`            ${ext.type}:${critical}`, `                ${colonHex(new Uint8Array(ext.value)).slice(0, 60)}`];
}

function publicKeyLines(spki: ArrayBuffer, indent: string): string[] {
  const { bits, modulus, exponent } = rsaNumbers(spki);
  const withSign = modulus[0] & 0x80 ? Buffer.concat([Buffer.from([0]), modulus]) : modulus;
  return [
    `${indent}Public Key Algorithm: rsaEncryption`,
    `${indent}    Public-Key: (${bits} bit)`,
    `${indent}    Modulus:`,
    hexBytes(withSign, 15, `${indent}        `),
    `${indent}    Exponent: ${exponent} (0x${exponent.toString(16)})`,
  ];
}

export function certificateText(cert: x509.X509Certificate): string {
  const lines = [
    "Certificate:",
    "    Data:",
    "        Version: 3 (0x2)",
    serialLine(cert.serialNumber),
    "        Signature Algorithm: sha256WithRSAEncryption",
    `        Issuer: ${formatName(cert.issuer)}`,
    "        Validity",
    `            Not Before: ${formatTime(cert.notBefore)}`,
    `            Not After : ${formatTime(cert.notAfter)}`,
    `        Subject: ${formatName(cert.subject)}`,
    "        Subject Public Key Info:",
    ...publicKeyLines(cert.publicKey.rawData, "            "),
  ];
  if (cert.extensions.length) {
    lines.push("        X509v3 extensions:");
    for (const ext of cert.extensions) lines.push(...formatExtension(ext));
  }
  lines.push("    Signature Algorithm: sha256WithRSAEncryption", "    Signature Value:", hexBytes(new Uint8Array(cert.signature), 18, "        "));
  return `${lines.join("\n")}\n`;
}

export function requestText(csr: x509.Pkcs10CertificateRequest): string {
  const lines = ["Certificate Request:", "    Data:", "        Version: 1 (0x0)", `        Subject: ${formatName(csr.subject)}`, "        Subject Public Key Info:", ...publicKeyLines(csr.publicKey.rawData, "            "), "        Attributes:"];
  if (csr.extensions.length) {
    lines.push("            Requested Extensions:");
    for (const ext of csr.extensions) lines.push(...formatExtension(ext).map((l) => `    ${l}`));
  } else lines.push("            (none)");
  lines.push("    Signature Algorithm: sha256WithRSAEncryption", "    Signature Value:", hexBytes(new Uint8Array(csr.signature), 18, "        "));
  return `${lines.join("\n")}\n`;
}
