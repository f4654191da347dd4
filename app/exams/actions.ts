"use server";
// Mock exam server actions: the signed-in user and the attempt's owner are checked on the server.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { ExamError, saveNotes, setFlag, startExamAttempt, submitExam } from "@/lib/exams/attempts";
import { logger } from "@/lib/log";

export type ActionResult = { ok: true } | { ok: false; error: string };
const log = logger.child({ module: "exams" });

function failure(e: unknown): ActionResult {
  if (e instanceof ExamError) return { ok: false, error: e.message };
  log.error({ err: e }, "exam action failed");
  return { ok: false, error: "Something went wrong on the server; please try again." };
}

export async function startExamAction(examId: string): Promise<ActionResult> {
  const user = await requireUser(`/exams/${examId}`);
  let id: string;
  try {
    id = await startExamAttempt(db, user, examId);
  } catch (e) {
    return failure(e);
  }
  redirect(`/exams/attempts/${id}`);
}

export async function saveNotesAction(attemptId: string, notes: string): Promise<ActionResult> {
  const user = await requireUser(`/exams/attempts/${attemptId}`);
  try {
    await saveNotes(db, user, attemptId, String(notes));
    return { ok: true };
  } catch (e) {
    return failure(e);
  }
}

export async function flagAction(attemptId: string, task: number, flagged: boolean): Promise<ActionResult> {
  const user = await requireUser(`/exams/attempts/${attemptId}`);
  try {
    await setFlag(db, user, attemptId, Number(task), Boolean(flagged));
    return { ok: true };
  } catch (e) {
    return failure(e);
  }
}

export async function submitExamAction(attemptId: string, automatic = false): Promise<ActionResult> {
  const user = await requireUser(`/exams/attempts/${attemptId}`);
  try {
    await submitExam(db, attemptId, { userId: user.id, reason: automatic ? "Time is up: the exam was submitted." : "You submitted the exam; its terminal is closed." });
  } catch (e) {
    return failure(e);
  }
  revalidatePath(`/exams/attempts/${attemptId}`);
  return { ok: true };
}
