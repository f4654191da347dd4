// GET /api/me — the signed-in user, for client code (the terminal, later) that needs to know who it is.
import { requireRoleForApi } from "@/lib/auth/session";

export async function GET() {
  const user = await requireRoleForApi("learner");
  if (user instanceof Response) return user;
  return Response.json(user, { headers: { "cache-control": "no-store" } });
}
