// Slows password guessing: after too many failed sign-ins for one e-mail, or from one client
// address, further attempts are refused for a while. Failures are rows in the database, so the
// limit holds across restarts and across several app servers sharing one database.
import type { Db } from "../db";

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_CLIENT = 20;

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

export async function checkSignInThrottle(db: Db, email: string, clientIp: string, now = new Date()): Promise<ThrottleVerdict> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const [byEmail, byClient] = await Promise.all([
    db.signInFailure.findMany({ where: { email, createdAt: { gt: since } }, orderBy: { createdAt: "desc" }, take: MAX_FAILURES_PER_EMAIL, select: { createdAt: true } }),
    db.signInFailure.findMany({ where: { clientIp, createdAt: { gt: since } }, orderBy: { createdAt: "desc" }, take: MAX_FAILURES_PER_CLIENT, select: { createdAt: true } }),
  ]);
  // Locked until the oldest failure that counts towards the limit leaves the window.
  const lockedUntil = (rows: { createdAt: Date }[], limit: number) =>
    rows.length >= limit ? rows[limit - 1]!.createdAt.getTime() + THROTTLE_WINDOW_MS : 0;
  const until = Math.max(lockedUntil(byEmail, MAX_FAILURES_PER_EMAIL), lockedUntil(byClient, MAX_FAILURES_PER_CLIENT));
  return until > now.getTime() ? { allowed: false, retryAfterMs: until - now.getTime() } : { allowed: true };
}

export async function recordSignInFailure(db: Db, email: string, clientIp: string): Promise<void> {
  await db.signInFailure.create({ data: { email, clientIp } });
}

/** A successful sign-in clears that e-mail's failures, and old rows are pruned as we go. */
export async function clearSignInFailures(db: Db, email: string, now = new Date()): Promise<void> {
  await db.signInFailure.deleteMany({
    where: { OR: [{ email }, { createdAt: { lt: new Date(now.getTime() - THROTTLE_WINDOW_MS) } }] },
  });
}

export function describeRetry(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
