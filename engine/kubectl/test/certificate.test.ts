import "reflect-metadata";
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";
import { beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { KubectlBench } from "./harness";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

let k: KubectlBench;
let request = "";

beforeAll(async () => {
  k = new KubectlBench();
  const algorithm = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ["sign", "verify"])) as CryptoKeyPair;
  const req = await x509.Pkcs10CertificateRequestGenerator.create({ name: "CN=maria,O=dev", keys, signingAlgorithm: algorithm });
  request = Buffer.from(req.toString("pem")).toString("base64");
});

function csr(name: string): void {
  k.env.cluster().admin.create({
    apiVersion: "certificates.k8s.io/v1",
    kind: "CertificateSigningRequest",
    metadata: { name },
    spec: { request, signerName: "kubernetes.io/kube-apiserver-client", usages: ["client auth"] },
  } as unknown as KubeObject);
}

describe("kubectl certificate", () => {
  it("approve adds the Approved condition once and the signer issues the certificate", async () => {
    csr("maria");
    expect(await k.run("certificate approve maria")).toEqual({ stdout: "certificatesigningrequest.certificates.k8s.io/maria approved\n", stderr: "", code: 0 });
    k.env.advanceBy(5_000);
    const conditions = JSON.parse((await k.run("get csr maria -o jsonpath={.status.conditions}")).stdout) as { type: string; reason: string; message: string }[];
    expect(conditions).toHaveLength(1);
    expect(conditions[0]).toMatchObject({ type: "Approved", reason: "KubectlApprove", message: "This CSR was approved by kubectl certificate approve." });
    expect((await k.run("get csr maria -o jsonpath={.status.certificate}")).stdout).not.toBe("");
    expect((await k.run("certificate approve maria")).stdout).toBe("certificatesigningrequest.certificates.k8s.io/maria approved\n");
    expect((await k.run("certificate approve maria --force")).code).toBe(0);
    expect(JSON.parse((await k.run("get csr maria -o jsonpath={.status.conditions}")).stdout)).toHaveLength(1);
  });

  it("refuses to deny an approved CSR and reports missing ones, acting on the rest", async () => {
    csr("d1");
    csr("d2");
    expect(await k.run("certificate deny maria")).toEqual({ stdout: "", stderr: 'error: certificate signing request "maria" is already Approved\n', code: 1 });
    const r = await k.run("certificate deny d1 d2 nope");
    expect(r.stdout).toBe("certificatesigningrequest.certificates.k8s.io/d1 denied\ncertificatesigningrequest.certificates.k8s.io/d2 denied\n");
    expect(r.stderr).toBe('Error from server (NotFound): certificatesigningrequests.certificates.k8s.io "nope" not found\n');
    expect(r.code).toBe(1);
    expect((await k.run("get csr d1")).stdout).toMatch(/\bDenied\n$/);
    expect((await k.run("certificate approve d1")).stderr).toBe('error: certificate signing request "d1" is already Denied\n');
  });

  it("takes TYPE/NAME arguments, so the output of get csr -o name can be approved", async () => {
    csr("by-type");
    csr("by-full-type");
    const r = await k.run("certificate approve csr/by-type certificatesigningrequest.certificates.k8s.io/by-full-type");
    expect(r).toEqual({ stdout: "certificatesigningrequest.certificates.k8s.io/by-type approved\ncertificatesigningrequest.certificates.k8s.io/by-full-type approved\n", stderr: "", code: 0 });
    expect((await k.run("get csr by-full-type")).stdout).toMatch(/\bApproved/);
  });

  it("needs a name or a file, and prints with -o", async () => {
    expect(await k.run("certificate approve")).toEqual({ stdout: "", stderr: "error: one or more CSRs must be specified as <name> or -f <filename>\n", code: 1 });
    csr("named");
    expect((await k.run("certificate approve named -o name")).stdout).toBe("certificatesigningrequest.certificates.k8s.io/named\n");
  });
});
