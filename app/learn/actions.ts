"use server";
// Lesson progress and knowledge checks, graded and recorded on the server.
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { answerQuestion, LessonError, markLessonComplete } from "@/lib/lessons/progress";

export type AnswerResult = { ok: true; correct: boolean; explanation: string; completed: boolean } | { ok: false; error: string };

export async function answerAction(lessonId: string, question: number, choice: number): Promise<AnswerResult> {
  const user = await requireUser(`/learn/${lessonId}`);
  try {
    const result = await answerQuestion(db, user.id, lessonId, Number(question), Number(choice));
    if (result.completed) revalidatePath(`/learn/${lessonId}`);
    return { ok: true, ...result };
  } catch (e) {
    if (e instanceof LessonError) return { ok: false, error: e.message };
    throw e;
  }
}

export async function completeAction(lessonId: string): Promise<{ ok: true } | { ok: false; error: string }> {
  const user = await requireUser(`/learn/${lessonId}`);
  try {
    await markLessonComplete(db, user.id, lessonId);
  } catch (e) {
    if (e instanceof LessonError) return { ok: false, error: e.message };
    throw e;
  }
  revalidatePath(`/learn/${lessonId}`);
  revalidatePath("/learn");
  return { ok: true };
}
