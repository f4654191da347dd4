import "reflect-metadata";
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";
import { describe, expect, it } from "vitest";
import { Environment } from "../../cluster/environment";
import { SYSTEM_ADMIN, type KubeObject } from "../types";
import { errorOf } from "./support";

// CertificateSigningRequest checks of pkg/apis/certificates/validation/validation.go (v1.33):
// validateCSR (PEM type, signature), usages, signerName; and the []byte decoding of spec.request.

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const RSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
const EC = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };

async function csrPem(cn: string, algorithm: typeof RSA | typeof EC = RSA): Promise<string> {
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ["sign", "verify"])) as CryptoKeyPair;
  const req = await x509.Pkcs10CertificateRequestGenerator.create({ name: `CN=${cn}`, keys, signingAlgorithm: algorithm });
  return req.toString("pem");
}

function setup() {
  const env = Environment.create();
  return env.cluster().clientFor(SYSTEM_ADMIN);
}

const csr = (request: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: "certificates.k8s.io/v1",
  kind: "CertificateSigningRequest",
  metadata: { name: "jane" },
  spec: { request, signerName: "kubernetes.io/kube-apiserver-client", usages: ["client auth"], ...extra },
});

const b64 = (text: string) => Buffer.from(text).toString("base64");

describe("CertificateSigningRequest validation", () => {
  it("accepts RSA and ECDSA requests and records the requester", async () => {
    const client = setup();
    const created = client.create(csr(b64(await csrPem("jane"))));
    expect(created.spec).toMatchObject({ username: "kubernetes-admin", groups: expect.arrayContaining(["system:authenticated"]) });
    expect(client.create({ ...csr(b64(await csrPem("joe", EC))), metadata: { name: "joe" } }).metadata.name).toBe("joe");
  });

  it("refuses a request whose signature does not match its content", async () => {
    const client = setup();
    const pem = await csrPem("jane");
    const der = Buffer.from(pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, ""), "base64");
    // Flip a byte of the subject name ("jane" → "jone"), as editing a request after signing would.
    const at = der.indexOf(Buffer.from("jane"));
    der[at + 1] = "o".charCodeAt(0);
    const tampered = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString("base64").replace(/(.{64})/g, "$1\n")}\n-----END CERTIFICATE REQUEST-----\n`;
    const err = errorOf(() => client.create(csr(b64(tampered))));
    expect(err.code).toBe(422);
    expect(err.message).toMatch(/^CertificateSigningRequest\.certificates\.k8s\.io "jane" is invalid: spec\.request: Invalid value: \[\]byte\{0x2d, 0x2d, .*\}: crypto\/rsa: verification error$/);
  });

  it("refuses a private key sent in place of the request, printing every byte as the real server does", () => {
    const client = setup();
    const key = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
    const err = errorOf(() => client.create(csr(b64(key))));
    const bytes = [...Buffer.from(key)].map((b) => `0x${b.toString(16)}`).join(", ");
    expect(err.message).toBe(`CertificateSigningRequest.certificates.k8s.io "jane" is invalid: spec.request: Invalid value: []byte{${bytes}}: PEM block type must be CERTIFICATE REQUEST`);
  });

  it("fails to decode a request that is not base64 (the PEM pasted as is)", () => {
    const client = setup();
    const err = errorOf(() => client.create(csr("-----BEGIN CERTIFICATE REQUEST-----")));
    expect(err.code).toBe(400);
    expect(err.message).toBe('CertificateSigningRequest in version "v1" cannot be handled as a CertificateSigningRequest: illegal base64 data at input byte 0');
  });

  it("checks usages and the signer name", async () => {
    const client = setup();
    const request = b64(await csrPem("jane"));
    const err = errorOf(() => client.create(csr(request, { usages: ["client auth", "client auth", "login"], signerName: "example/signer" })));
    expect(err.message).toBe(
      'CertificateSigningRequest.certificates.k8s.io "jane" is invalid: [spec.usages[2]: Unsupported value: "login": supported values: "any", "cert sign", "client auth", "code signing", "content commitment", "crl sign", "data encipherment", "decipher only", "digital signature", "email protection", "encipher only", "ipsec end system", "ipsec tunnel", "ipsec user", "key agreement", "key encipherment", "microsoft sgc", "netscape sgc", "ocsp signing", "s/mime", "server auth", "signing", "timestamping", spec.usages[1]: Duplicate value: "client auth", spec.signerName: Invalid value: "example": should be a domain with at least two segments separated by dots]',
    );
    const legacy = errorOf(() => client.create(csr(request, { signerName: "kubernetes.io/legacy-unknown" })));
    expect(legacy.message).toBe('CertificateSigningRequest.certificates.k8s.io "jane" is invalid: spec.signerName: Invalid value: "kubernetes.io/legacy-unknown": the legacy signerName is not allowed via this API version');
  });
});
