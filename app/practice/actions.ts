"use server";
// Practice server actions. Each one checks the signed-in user and the attempt's owner on the
// server (lib/practice); nothing the browser sends is trusted beyond the ids it names.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { revokeTokens } from "@/lib/k8s-gateway/tokens";
import { logger } from "@/lib/log";
import { checkPractice, finishPractice, PracticeError, resetPractice, revealHint, showSolution, startPractice } from "@/lib/practice/attempts";

export type ActionResult = { ok: true } | { ok: false; error: string };

const log = logger.child({ module: "practice" });

function failure(e: unknown): ActionResult {
  if (e instanceof PracticeError) return { ok: false, error: e.message };
  log.error({ err: e }, "practice action failed");
  return { ok: false, error: "Something went wrong on the server; please try again." };
}

export async function startPracticeAction(scenarioId: string): Promise<ActionResult> {
  const user = await requireUser(`/practice/${scenarioId}`);
  let id: string;
  try {
    id = await startPractice(db, user, scenarioId);
  } catch (e) {
    return failure(e);
  }
  redirect(`/practice/attempts/${id}`);
}

async function onAttempt(attemptId: string, work: (user: Awaited<ReturnType<typeof requireUser>>) => Promise<unknown>): Promise<ActionResult> {
  const user = await requireUser(`/practice/attempts/${attemptId}`);
  try {
    await work(user);
  } catch (e) {
    return failure(e);
  }
  revalidatePath(`/practice/attempts/${attemptId}`);
  return { ok: true };
}

export async function checkAction(attemptId: string): Promise<ActionResult> {
  return onAttempt(attemptId, (user) => checkPractice(db, user, attemptId));
}

export async function hintAction(attemptId: string): Promise<ActionResult> {
  return onAttempt(attemptId, (user) => revealHint(db, user, attemptId));
}

export async function solutionAction(attemptId: string): Promise<ActionResult> {
  return onAttempt(attemptId, (user) => showSolution(db, user, attemptId));
}

export async function finishAction(attemptId: string): Promise<ActionResult> {
  return onAttempt(attemptId, (user) => finishPractice(db, user, attemptId));
}

export async function resetAction(attemptId: string): Promise<ActionResult> {
  const user = await requireUser(`/practice/attempts/${attemptId}`);
  let next: string;
  try {
    next = await resetPractice(db, user, attemptId);
  } catch (e) {
    return failure(e);
  }
  redirect(`/practice/attempts/${next}`);
}

export async function revokeAccessAction(attemptId: string): Promise<ActionResult> {
  return onAttempt(attemptId, async (user) => {
    const row = await db.scenarioAttempt.findUnique({ where: { id: attemptId }, select: { userId: true } });
    if (!row || row.userId !== user.id) throw new PracticeError("This attempt is not yours.");
    await revokeTokens(db, { kind: "scenario", id: attemptId });
  });
}
