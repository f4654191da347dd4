// Lessons and a learner's progress through them: opened (started), knowledge checks answered
// (the latest answer per question is kept), completed once every question is answered correctly
// or the learner marks the lesson done.
import type { Db } from "../db";
import type { Lesson } from "../scenarios";
import { engineHost } from "../session/host";

export class LessonError extends Error {}

export function allLessons(): Lesson[] {
  return [...engineHost().catalogue().lessons.values()].sort((a, b) => a.meta.order - b.meta.order);
}

export function lessonById(id: string): Lesson | undefined {
  return engineHost().catalogue().lessons.get(id);
}

export type LessonProgressRow = { status: "started" | "completed"; correct: number; answered: number };

export async function lessonProgress(db: Db, userId: string): Promise<Map<string, LessonProgressRow>> {
  const [rows, answers] = await Promise.all([
    db.lessonProgress.findMany({ where: { userId }, select: { lessonId: true, status: true } }),
    db.quizAnswer.findMany({ where: { userId }, select: { lessonId: true, correct: true } }),
  ]);
  const map = new Map<string, LessonProgressRow>();
  for (const r of rows) map.set(r.lessonId, { status: r.status, correct: 0, answered: 0 });
  for (const a of answers) {
    const row = map.get(a.lessonId) ?? { status: "started" as const, correct: 0, answered: 0 };
    row.answered++;
    if (a.correct) row.correct++;
    map.set(a.lessonId, row);
  }
  return map;
}

/** Opening a lesson marks it started (a completed lesson stays completed). */
export async function openLesson(db: Db, userId: string, lessonId: string): Promise<void> {
  await db.lessonProgress.upsert({ where: { userId_lessonId: { userId, lessonId } }, create: { userId, lessonId }, update: {} });
}

export async function quizAnswers(db: Db, userId: string, lessonId: string): Promise<Map<number, { choice: number; correct: boolean }>> {
  const rows = await db.quizAnswer.findMany({ where: { userId, lessonId }, select: { question: true, choice: true, correct: true } });
  return new Map(rows.map((r) => [r.question, { choice: r.choice, correct: r.correct }]));
}

async function complete(db: Db, userId: string, lessonId: string): Promise<void> {
  await db.lessonProgress.upsert({
    where: { userId_lessonId: { userId, lessonId } },
    create: { userId, lessonId, status: "completed", completedAt: new Date() },
    update: { status: "completed", completedAt: new Date() },
  });
}

/** Records an answer (graded here, never in the browser); all correct completes the lesson. */
export async function answerQuestion(db: Db, userId: string, lessonId: string, question: number, choice: number): Promise<{ correct: boolean; explanation: string; completed: boolean }> {
  const lesson = lessonById(lessonId);
  const q = lesson?.meta.quiz[question];
  if (!lesson || !q || !Number.isInteger(choice) || choice < 0 || choice >= q.options.length) throw new LessonError("No such question.");
  const correct = choice === q.answer;
  await db.quizAnswer.upsert({
    where: { userId_lessonId_question: { userId, lessonId, question } },
    create: { userId, lessonId, question, choice, correct },
    update: { choice, correct, answeredAt: new Date() },
  });
  await openLesson(db, userId, lessonId);
  const answers = await quizAnswers(db, userId, lessonId);
  const allCorrect = lesson.meta.quiz.every((_, i) => answers.get(i)?.correct);
  if (allCorrect) await complete(db, userId, lessonId);
  return { correct, explanation: q.explanation, completed: allCorrect };
}

export async function markLessonComplete(db: Db, userId: string, lessonId: string): Promise<void> {
  if (!lessonById(lessonId)) throw new LessonError("No such lesson.");
  await complete(db, userId, lessonId);
}
