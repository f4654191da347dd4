// Cluster access tokens: the credential in a downloaded kubeconfig's server URL
// (/k8s/<token>/clusters/<name>). A token reaches exactly one attempt's clusters, expires, and can
// be revoked; only its SHA-256 is stored, so a database leak does not hand out clusters.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db";
import type { AttemptRef } from "../session/types";

export const TOKEN_PREFIX = "kc_";
/** How long a downloaded kubeconfig works (a practice day; exams end sooner anyway). */
export const TOKEN_LIFETIME_MS = 12 * 3600_000;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function looksLikeToken(value: string): boolean {
  return value.startsWith(TOKEN_PREFIX) && /^[A-Za-z0-9_-]{20,100}$/.test(value);
}

/** A new token for the attempt; the plain value is returned once and never stored. */
export async function issueToken(db: Db, userId: string, ref: AttemptRef, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + TOKEN_LIFETIME_MS);
  await db.clusterAccessToken.create({
    data: {
      tokenHash: hashToken(token),
      userId,
      expiresAt,
      ...(ref.kind === "scenario" ? { scenarioAttemptId: ref.id } : { examAttemptId: ref.id }),
    },
  });
  return { token, expiresAt };
}

/** Revokes every token of the attempt (the learner's "Revoke access" and the end of an attempt). */
export async function revokeTokens(db: Db, ref: AttemptRef, now = new Date()): Promise<number> {
  const where = ref.kind === "scenario" ? { scenarioAttemptId: ref.id } : { examAttemptId: ref.id };
  const result = await db.clusterAccessToken.updateMany({ where: { ...where, revokedAt: null }, data: { revokedAt: now } });
  return result.count;
}

export async function activeTokenCount(db: Db, ref: AttemptRef, now = new Date()): Promise<number> {
  const where = ref.kind === "scenario" ? { scenarioAttemptId: ref.id } : { examAttemptId: ref.id };
  return db.clusterAccessToken.count({ where: { ...where, revokedAt: null, expiresAt: { gt: now } } });
}

export type ResolvedToken = { id: string; userId: string; ref: AttemptRef };

/** The attempt a token opens, when it is valid now. */
export async function resolveToken(db: Db, token: string, now = new Date()): Promise<ResolvedToken | undefined> {
  if (!looksLikeToken(token)) return undefined;
  const row = await db.clusterAccessToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.revokedAt || row.expiresAt <= now) return undefined;
  const ref: AttemptRef | undefined = row.scenarioAttemptId ? { kind: "scenario", id: row.scenarioAttemptId } : row.examAttemptId ? { kind: "exam", id: row.examAttemptId } : undefined;
  return ref ? { id: row.id, userId: row.userId, ref } : undefined;
}
