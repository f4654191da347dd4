import { generateKeyPairSync } from "node:crypto";
import { createCertificateAuthority, issueCertificate, type IssuedCertificate } from "../../../pki/certificates";
import type { Cluster } from "../../../cluster/cluster";
import { setClusterAuthKeys } from "../pki";

let shared: Promise<{ ca: IssuedCertificate; sa: ReturnType<typeof generateKeyPairSync> }> | undefined;

async function makeKeys(notBefore: Date) {
  return { ca: await createCertificateAuthority("kubernetes", notBefore), sa: generateKeyPairSync("rsa", { modulusLength: 2048 }) };
}

/**
 * A cluster CA and service-account key pair for tests (the control-plane area seeds the real ones).
 * Key generation is slow, so tests share one set unless they need a CA of their own.
 */
export async function seedTestKeys(cluster: Cluster, options: { fresh?: boolean } = {}): Promise<IssuedCertificate> {
  const notBefore = new Date(cluster.clock.now() - 60_000);
  const { ca, sa } = options.fresh ? await makeKeys(notBefore) : await (shared ??= makeKeys(notBefore));
  setClusterAuthKeys(cluster, {
    caCertPem: ca.certificatePem,
    caKeyPem: ca.key.privateKeyPem,
    serviceAccountKeyPem: sa.privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
    serviceAccountPublicPem: sa.publicKey.export({ type: "spki", format: "pem" }).toString(),
  });
  return ca;
}

export function clientCertificate(ca: IssuedCertificate, commonName: string, organizations: string[], notBefore: Date, days = 365): Promise<IssuedCertificate> {
  return issueCertificate(ca, { commonName, organizations, usage: "client", notBefore, days });
}
