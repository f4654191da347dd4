// The signed-in user of a raw Node request (WebSocket upgrades, the server's own HTTP routes),
// read from next-auth's session cookie. This trusts the JWT's role as of sign-in; handlers that
// guard something valuable re-check the user in the database.
import type { IncomingMessage } from "node:http";
import { getToken } from "next-auth/jwt";
import { isRole, type Role } from "../auth/roles";

export type RequestUser = { id: string; role: Role; email: string | null };

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? "").split(/;\s*/)) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const value = part.slice(eq + 1);
    try {
      cookies[part.slice(0, eq)] = decodeURIComponent(value);
    } catch {
      cookies[part.slice(0, eq)] = value;
    }
  }
  return cookies;
}

// One decryption per request, however many places ask (access log, route handler).
const seen = new WeakMap<IncomingMessage, Promise<RequestUser | null>>();

export function userFromRequest(req: IncomingMessage): Promise<RequestUser | null> {
  let user = seen.get(req);
  if (!user) {
    user = decodeSessionCookie(req);
    seen.set(req, user);
  }
  return user;
}

async function decodeSessionCookie(req: IncomingMessage): Promise<RequestUser | null> {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret || !req.headers.cookie) return null;
  // next-auth v4 reads `req.cookies`, which only frameworks add; a raw request needs it parsed.
  const token = await getToken({
    req: { headers: req.headers, cookies: parseCookies(req.headers.cookie) } as unknown as Parameters<typeof getToken>[0]["req"],
    secret,
  }).catch(() => null);
  if (!token?.sub || !isRole(token.role)) return null;
  return { id: token.sub, role: token.role, email: token.email ?? null };
}
