import "reflect-metadata";
import { createPrivateKey, createPublicKey, generateKeyPairSync, webcrypto, type KeyObject } from "node:crypto";
import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

/** RSA keys as OpenSSL 3 reads and writes them (PKCS#8 by default, PKCS#1 accepted). */
export const RSA_SHA256 = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;

export function newRsaKey(bits: number): KeyObject {
  return generateKeyPairSync("rsa", { modulusLength: bits, publicExponent: 0x10001 }).privateKey;
}

export function pkcs8Pem(key: KeyObject): string {
  return key.export({ type: "pkcs8", format: "pem" }).toString();
}

export function readPrivateKey(pem: string): KeyObject {
  return createPrivateKey({ key: pem, format: "pem" });
}

export async function cryptoKeys(key: KeyObject): Promise<{ privateKey: CryptoKey; publicKey: CryptoKey }> {
  const pkcs8 = key.export({ type: "pkcs8", format: "der" });
  const spki = createPublicKey(key).export({ type: "spki", format: "der" });
  const privateKey = (await webcrypto.subtle.importKey("pkcs8", pkcs8, RSA_SHA256, true, ["sign"])) as unknown as CryptoKey;
  const publicKey = (await webcrypto.subtle.importKey("spki", spki, RSA_SHA256, true, ["verify"])) as unknown as CryptoKey;
  return { privateKey, publicKey };
}

/** Modulus and exponent of an RSA public key given as SPKI DER. */
export function rsaNumbers(spki: ArrayBuffer): { bits: number; modulus: Buffer; exponent: number } {
  const jwk = createPublicKey({ key: Buffer.from(spki), format: "der", type: "spki" }).export({ format: "jwk" }) as { n: string; e: string };
  const modulus = Buffer.from(jwk.n, "base64url");
  const exponent = Buffer.from(jwk.e, "base64url").reduce((acc, b) => acc * 256 + b, 0);
  return { bits: modulus.length * 8, modulus, exponent };
}
