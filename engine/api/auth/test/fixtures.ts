import type { Cluster } from "../../../cluster/cluster";
import { pooledKey } from "../../../controlplane/pki/key-pool";
import { signCertificate, type SignedCert, type SigningKey } from "../../../controlplane/pki/sign";
import { setClusterAuthKeys } from "../pki";

/** A CA (certificate and key) signed synchronously from the pre-generated key pool: no key generation in tests. */
export interface TestCa {
  cert: SignedCert;
  key: SigningKey;
  certificatePem: string;
}

let serial = 0;

export function testCa(keyIndex: number, notBefore: Date): TestCa {
  const key = pooledKey(keyIndex);
  const cert = signCertificate({ commonName: "kubernetes", usage: "ca", notBefore, notAfter: new Date(notBefore.getTime() + 10 * 365 * 86_400_000), serialSeed: `test-ca-${keyIndex}` }, key);
  return { cert, key, certificatePem: cert.pem };
}

/** Registers a cluster CA and service-account key pair for tests (the control-plane area seeds the real ones). */
export function seedTestKeys(cluster: Cluster, options: { keyIndex?: number } = {}): TestCa {
  const ca = testCa(options.keyIndex ?? 40, new Date(cluster.clock.now() - 60_000));
  const sa = pooledKey(41);
  setClusterAuthKeys(cluster, { caCertPem: ca.certificatePem, caKeyPem: ca.key.pem, serviceAccountKeyPem: sa.pem, serviceAccountPublicPem: sa.publicPem });
  return ca;
}

export function clientCertificate(ca: TestCa, commonName: string, organizations: string[], notBefore: Date, days = 365): { certificatePem: string } {
  const cert = signCertificate(
    { commonName, organizations, usage: "client", notBefore, notAfter: new Date(notBefore.getTime() + days * 86_400_000), serialSeed: `test-client-${serial++}` },
    pooledKey(42),
    { cert: ca.cert, key: ca.key },
  );
  return { certificatePem: cert.pem };
}
