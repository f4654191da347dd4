// Creating an account with e-mail and password. New accounts are learners; instructors and
// admins are promoted by an admin.
import { isUniqueViolation, type Db } from "../db";
import { isValidEmail, normalizeEmail } from "./email";
import { hashPassword, passwordWeakness } from "./password";

export type SignUpInput = { email: string; password: string; name?: string };
export type SignUpResult =
  | { ok: true; userId: string }
  | { ok: false; field: "email" | "password" | "name"; message: string };

export const EMAIL_TAKEN_MESSAGE = "An account with this e-mail already exists. Sign in instead.";

export async function signUp(db: Db, input: SignUpInput): Promise<SignUpResult> {
  const email = normalizeEmail(input.email);
  const name = input.name?.trim() || null;
  if (!isValidEmail(email)) return { ok: false, field: "email", message: "Enter a valid e-mail address, like ada@example.com." };
  if (name && name.length > 100) return { ok: false, field: "name", message: "Keep the name under 100 characters." };
  const weakness = passwordWeakness(input.password, email);
  if (weakness) return { ok: false, field: "password", message: `Password too weak. ${weakness}` };

  if (await db.user.findUnique({ where: { email }, select: { id: true } })) {
    return { ok: false, field: "email", message: EMAIL_TAKEN_MESSAGE };
  }
  try {
    const user = await db.user.create({ data: { email, name, passwordHash: await hashPassword(input.password) } });
    return { ok: true, userId: user.id };
  } catch (error) {
    // Two sign-ups for the same address at once: the database's unique index decides.
    if (isUniqueViolation(error)) return { ok: false, field: "email", message: EMAIL_TAKEN_MESSAGE };
    throw error;
  }
}
