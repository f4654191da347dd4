// next-auth signs and encrypts session cookies with NEXTAUTH_SECRET. A fresh clone has none, so
// the first start writes a random one next to the SQLite database and reuses it afterwards:
// sessions then survive restarts without any set-up. Deployments set NEXTAUTH_SECRET themselves.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export function ensureAuthSecret(dataDir: string): { source: "environment" | "file"; file?: string } {
  if (process.env.NEXTAUTH_SECRET) return { source: "environment" };
  const file = path.join(dataDir, "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url") + "\n", { mode: 0o600 });
  }
  process.env.NEXTAUTH_SECRET = readFileSync(file, "utf8").trim();
  return { source: "file", file };
}
