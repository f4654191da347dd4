import { createHash, createPrivateKey, createPublicKey, sign, verify } from "node:crypto";
import { stableStringify } from "../../util/json";

/**
 * RS256 JSON Web Tokens as the service-account token signer writes them. RSASSA-PKCS1-v1_5 is
 * deterministic, so the same claims and key give the same token (reproducible sessions).
 */
function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString("base64url");
}

/** kid: base64url(SHA-256(PKIX DER of the public key)), as keyIDFromPublicKey computes it. */
export function keyId(publicOrPrivatePem: string): string {
  const der = createPublicKey(publicOrPrivatePem).export({ type: "spki", format: "der" });
  return base64url(createHash("sha256").update(der).digest());
}

/** Claims are serialised with sorted keys, as go-jose's builder does when it merges them. */
export function signJwt(privateKeyPem: string, claims: Record<string, unknown>): string {
  const header = { alg: "RS256", kid: keyId(privateKeyPem) };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(stableStringify(claims))}`;
  const signature = sign("sha256", Buffer.from(signingInput), createPrivateKey(privateKeyPem));
  return `${signingInput}.${base64url(signature)}`;
}

/** The claims of a token whose RS256 signature verifies with `publicKeyPem`; undefined otherwise. */
export function verifyJwt(publicKeyPem: string, token: string): Record<string, unknown> | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0], "base64url").toString("utf8")) as { alg?: string };
    if (header.alg !== "RS256") return undefined;
    const ok = verify("sha256", Buffer.from(`${parts[0]}.${parts[1]}`), createPublicKey(publicKeyPem), Buffer.from(parts[2], "base64url"));
    if (!ok) return undefined;
    const claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) as unknown;
    return claims && typeof claims === "object" && !Array.isArray(claims) ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The claims of any JWT-shaped token, unverified (TokenReview explains why a token failed). */
export function peekJwt(token: string): Record<string, unknown> | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  try {
    return JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
