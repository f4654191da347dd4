// Who is signed in, for server components, server actions and route handlers.
// The session cookie says who the user was at sign-in; the database says who they are now,
// so the role checked here is always current.
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { db } from "../db";
import { authOptions } from "./options";
import { hasRole, type Role } from "./roles";

export type CurrentUser = { id: string; email: string; name: string | null; role: Role };

/** The signed-in user, or null. Cached for the duration of one request. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  return db.user.findUnique({ where: { id }, select: { id: true, email: true, name: true, role: true } });
});

function signInPath(returnTo?: string): string {
  return returnTo ? `/signin?callbackUrl=${encodeURIComponent(returnTo)}` : "/signin";
}

/**
 * For pages and server actions: the signed-in user if their role is at least `role`.
 * Signed out → redirect to sign-in (then back to `returnTo`); signed in without the role → 403 page.
 */
export async function requireRole(role: Role, returnTo?: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(signInPath(returnTo));
  if (!hasRole(user.role, role)) forbidden();
  return user;
}

/** For pages any signed-in user may open. */
export function requireUser(returnTo?: string): Promise<CurrentUser> {
  return requireRole("learner", returnTo);
}

/**
 * For route handlers: the user, or a JSON error response to return as is.
 *   const auth = await requireRoleForApi("instructor");
 *   if (auth instanceof Response) return auth;
 */
export async function requireRoleForApi(role: Role): Promise<CurrentUser | Response> {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "unauthenticated", message: "Sign in first." }, { status: 401 });
  if (!hasRole(user.role, role)) {
    return Response.json({ error: "forbidden", message: `This needs the ${role} role.` }, { status: 403 });
  }
  return user;
}
