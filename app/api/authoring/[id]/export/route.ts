// GET /api/authoring/<id>/export: the scenario's folder as <slug>.tar.gz, for its author or an admin.
import { requireRoleForApi } from "@/lib/auth/session";
import { scenarioTarball } from "@/lib/authoring/export";
import { loadAuthored } from "@/lib/authoring/scenarios";
import { db } from "@/lib/db";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await requireRoleForApi("instructor");
  if (user instanceof Response) return user;
  const row = await loadAuthored(db, user, (await params).id);
  if (!row) return Response.json({ error: "not found" }, { status: 404 });
  const body = scenarioTarball(row.slug, row.files, row.updatedAt.getTime());
  return new Response(new Uint8Array(body), {
    headers: { "content-type": "application/gzip", "content-disposition": `attachment; filename="${row.slug}.tar.gz"`, "cache-control": "no-store" },
  });
}
