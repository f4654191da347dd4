// One spelling per address: accounts are found by the trimmed, lower-cased e-mail.
import { z } from "zod";

const emailSchema = z.email();

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function isValidEmail(email: string): boolean {
  return email.length <= 254 && emailSchema.safeParse(email).success;
}
