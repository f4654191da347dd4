// GET /api/admin/user-counts — accounts per role, for admins only.
import { userCountsByRole } from "@/lib/admin/user-counts";
import { requireRoleForApi } from "@/lib/auth/session";
import { db } from "@/lib/db";

export async function GET() {
  const user = await requireRoleForApi("admin");
  if (user instanceof Response) return user;
  return Response.json(await userCountsByRole(db), { headers: { "cache-control": "no-store" } });
}
