// E-mail + password sign-in, independent of next-auth so it can be tested directly.
import type { Db } from "../db";
import { normalizeEmail } from "./email";
import { verifyPasswordOrDummy } from "./password";
import type { Role } from "./roles";
import { checkSignInThrottle, clearSignInFailures, describeRetry, recordSignInFailure } from "./throttle";

export type AuthenticatedUser = { id: string; email: string; name: string | null; role: Role };

export type PasswordSignInResult =
  | { ok: true; user: AuthenticatedUser }
  | { ok: false; reason: "invalid" | "throttled"; message: string };

export const WRONG_CREDENTIALS_MESSAGE = "Wrong e-mail or password.";

export async function signInWithPassword(
  db: Db,
  input: { email: string; password: string; clientIp: string },
): Promise<PasswordSignInResult> {
  const email = normalizeEmail(input.email);
  const throttle = await checkSignInThrottle(db, email, input.clientIp);
  if (!throttle.allowed) {
    return {
      ok: false,
      reason: "throttled",
      message: `Too many failed sign-ins. Try again in ${describeRetry(throttle.retryAfterMs)}.`,
    };
  }
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, role: true, passwordHash: true } });
  // Checked even for unknown e-mails so the response time doesn't tell which addresses exist.
  const matches = await verifyPasswordOrDummy(input.password, user?.passwordHash);
  if (!user || !matches) {
    await recordSignInFailure(db, email, input.clientIp);
    return { ok: false, reason: "invalid", message: WRONG_CREDENTIALS_MESSAGE };
  }
  await clearSignInFailures(db, email);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
