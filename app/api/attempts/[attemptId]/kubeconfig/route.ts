// POST /api/attempts/<id>/kubeconfig: a kubeconfig file for the owner's open practice or exam
// attempt, with a fresh access token (lib/k8s-gateway). POST because every call issues a token.
import { requireRoleForApi } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { gatewayKubeconfig } from "@/lib/k8s-gateway/kubeconfig";
import { issueToken } from "@/lib/k8s-gateway/tokens";
import { engineHost } from "@/lib/session/host";
import type { AttemptRef } from "@/lib/session/types";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ attemptId: string }> }) {
  // Forms post from our own pages only (the session cookie is SameSite=Lax as well).
  const origin = request.headers.get("origin");
  if (origin && origin !== new URL(request.url).origin && origin !== process.env.NEXTAUTH_URL) return Response.json({ error: "forbidden" }, { status: 403 });
  const user = await requireRoleForApi("learner");
  if (user instanceof Response) return user;
  const { attemptId } = await params;
  const scenario = await db.scenarioAttempt.findUnique({ where: { id: attemptId }, select: { userId: true, status: true, examAttemptId: true } });
  const exam = scenario ? null : await db.examAttempt.findUnique({ where: { id: attemptId }, select: { userId: true, status: true, deadlineAt: true } });
  const row = scenario ?? exam;
  if (!row || (scenario && scenario.examAttemptId)) return Response.json({ error: "not found" }, { status: 404 });
  if (row.userId !== user.id) return Response.json({ error: "forbidden", message: "This attempt is not yours." }, { status: 403 });
  if (row.status !== "active" || (exam?.deadlineAt && exam.deadlineAt <= new Date())) return Response.json({ error: "gone", message: "This attempt is over." }, { status: 410 });
  const ref: AttemptRef = scenario ? { kind: "scenario", id: attemptId } : { kind: "exam", id: attemptId };
  const { clusters } = await engineHost().sessions.ensure(ref);
  const { token } = await issueToken(db, user.id, ref);
  const baseUrl = process.env.NEXTAUTH_URL ?? new URL(request.url).origin;
  const body = gatewayKubeconfig({ baseUrl, token, clusters });
  return new Response(body, {
    headers: {
      "content-type": "application/yaml; charset=utf-8",
      "content-disposition": `attachment; filename="kubecoach-${attemptId.slice(-6)}.kubeconfig"`,
      "cache-control": "no-store",
    },
  });
}
