/**
 * Writes key-pool.json: RSA-2048 keys generated once, ahead of time. Generating an RSA key takes
 * ~100 ms, and a kubeadm cluster needs about twenty, so environments draw from this pool instead
 * and start in milliseconds. The keys protect nothing real — every cluster is simulated.
 *
 *   npx tsx engine/controlplane/pki/generate-key-pool.ts
 */
import { generateKeyPairSync } from "node:crypto";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const POOL_SIZE = 32;
const keys: string[] = [];
for (let i = 0; i < POOL_SIZE; i++) {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  keys.push(privateKey.export({ type: "pkcs1", format: "pem" }).toString());
}
writeFileSync(fileURLToPath(new URL("./key-pool.json", import.meta.url)), JSON.stringify(keys, null, 0) + "\n");
console.log(`wrote ${keys.length} keys`);
