// Password hashing and the strength rule shown to people signing up.
import bcrypt from "bcryptjs";

// Cost 12 is about a quarter of a second per hash on a small server: slow for offline
// guessing, still quick enough for a sign-in.
const BCRYPT_COST = 12;
export const MIN_PASSWORD_LENGTH = 10;
const MAX_PASSWORD_BYTES = 72; // bcrypt ignores everything after 72 bytes.

// Passwords that meet the length rule but are guessed first by every cracking list.
const COMMON = new Set([
  "password123",
  "password1234",
  "1234567890",
  "12345678910",
  "qwertyuiop",
  "qwerty12345",
  "iloveyou123",
  "letmein1234",
  "welcome123",
  "administrator",
  "kubernetes",
  "kubernetes1",
  "kubernetes123",
  "kubecoach123",
]);

/** Returns why a password is too weak, in words for the person choosing it, or null if it is fine. */
export function passwordWeakness(password: string, email = ""): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (Buffer.byteLength(password, "utf8") > MAX_PASSWORD_BYTES) return `Use at most ${MAX_PASSWORD_BYTES} bytes (about 70 characters).`;
  if (new Set(password).size < 4) return "Use more different characters: repeats are easy to guess.";
  if (COMMON.has(password.toLowerCase())) return "That password is on every list of common passwords; choose another.";
  const local = email.split("@")[0]?.toLowerCase() ?? "";
  if (local.length >= 4 && password.toLowerCase().includes(local)) return "Don't include your e-mail name in the password.";
  if (/^[a-z]+$/i.test(password) || /^\d+$/.test(password)) return "Mix in digits, symbols or more words: letters or digits alone are easy to guess.";
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when the e-mail is unknown, so a wrong e-mail takes as long as a wrong password
// and response times don't reveal which addresses have accounts.
let dummyHash: Promise<string> | undefined;

export async function verifyPasswordOrDummy(password: string, hash: string | null | undefined): Promise<boolean> {
  if (!hash) {
    dummyHash ??= bcrypt.hash("kubecoach-timing-equaliser", BCRYPT_COST);
    await bcrypt.compare(password, await dummyHash);
    return false;
  }
  return bcrypt.compare(password, hash);
}
