import "reflect-metadata";
import { webcrypto, X509Certificate } from "node:crypto";
import * as x509 from "@peculiar/x509";
import { describe, expect, it } from "vitest";
import { setClusterAuthKeys } from "../../api/auth/pki";
import { pooledKey } from "../../controlplane/pki/key-pool";
import { signCertificate } from "../../controlplane/pki/sign";
import { testCluster } from "./harness";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

async function csrPem(cn: string, org?: string): Promise<string> {
  const keys = (await webcrypto.subtle.generateKey({ name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 }, true, ["sign", "verify"])) as CryptoKeyPair;
  const req = await x509.Pkcs10CertificateRequestGenerator.create({ name: org ? `CN=${cn}, O=${org}` : `CN=${cn}`, keys, signingAlgorithm: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } });
  return req.toString("pem");
}

function withCa() {
  const t = testCluster({ nodes: [] });
  const key = pooledKey(0);
  const now = t.env.clock.now();
  const ca = signCertificate({ commonName: "kubernetes", usage: "ca", notBefore: new Date(now - 3600_000), notAfter: new Date(now + 3650 * 86_400_000), serialSeed: "ca" }, key);
  setClusterAuthKeys(t.cluster, { caCertPem: ca.pem, caKeyPem: key.pem, serviceAccountKeyPem: key.pem, serviceAccountPublicPem: key.publicPem });
  return { t, ca };
}

const csr = (name: string, request: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: "certificates.k8s.io/v1",
  kind: "CertificateSigningRequest",
  metadata: { name },
  spec: { request: Buffer.from(request).toString("base64"), signerName: "kubernetes.io/kube-apiserver-client", usages: ["client auth"], expirationSeconds: 86400, ...extra },
});

describe("certificate signing", () => {
  it("issues a real certificate signed by the cluster CA once approved", async () => {
    const { t, ca } = withCa();
    t.client.create(csr("myuser", await csrPem("myuser", "developers")));
    expect(t.client.get("certificates.k8s.io", "certificatesigningrequests", undefined, "myuser")!.status ?? {}).not.toHaveProperty("certificate");
    const current = t.client.get("certificates.k8s.io", "certificatesigningrequests", undefined, "myuser")!;
    t.client.request("PUT", t.client.path("certificates.k8s.io", "certificatesigningrequests", undefined, "myuser", "approval"), {
      body: { ...current, status: { conditions: [{ type: "Approved", status: "True", reason: "KubectlApprove", message: "This CSR was approved by kubectl certificate approve." }] } },
      contentType: "application/json",
    });
    const issued = t.client.get("certificates.k8s.io", "certificatesigningrequests", undefined, "myuser")!;
    const pem = Buffer.from((issued.status as { certificate: string }).certificate, "base64").toString();
    const cert = new x509.X509Certificate(pem);
    // Go re-encodes the subject through pkix.Name: O comes before CN, as openssl then shows it.
    expect(cert.subject).toBe("O=developers, CN=myuser");
    expect(cert.issuer).toBe("CN=kubernetes");
    expect(new X509Certificate(pem).verify(new X509Certificate(ca.pem).publicKey)).toBe(true);
    expect(cert.notAfter.getTime() - t.env.clock.now()).toBe(86400_000);
  });

  it("refuses Approved and Denied together, and cleans up denied requests after an hour", async () => {
    const { t } = withCa();
    t.client.create(csr("x", await csrPem("x")));
    const current = t.client.get("certificates.k8s.io", "certificatesigningrequests", undefined, "x")!;
    const put = (conditions: unknown[]) =>
      t.client.request("PUT", t.client.path("certificates.k8s.io", "certificatesigningrequests", undefined, "x", "approval"), { body: { ...current, status: { conditions } }, contentType: "application/json" });
    expect(put([{ type: "Approved", status: "True" }, { type: "Denied", status: "True" }]).status).toBe(422);
    expect(put([{ type: "Denied", status: "True", reason: "KubectlDeny" }]).status).toBe(200);
    t.advance(3601_000);
    expect(t.client.get("certificates.k8s.io", "certificatesigningrequests", undefined, "x")).toBeUndefined();
  });
});
