// Mock exam attempts: start (every task set up on the exam's clusters, then the two-hour clock
// starts on the server), notes and flags, submit or auto-submit at the deadline, and the report.
// The deadline lives in the database, so reloads and disconnects never stop the clock.
import type { Db } from "../db";
import type { Role } from "../auth/roles";
import type { Exam, ExamGrade } from "../scenarios";
import { revokeTokens } from "../k8s-gateway/tokens";
import { engineHost } from "../session/host";
import type { AttemptRef } from "../session/types";
import { examReport, type ExamReport } from "./report";
import type { UnavailableTasks } from "./start";

type Viewer = { id: string; role: Role };

export class ExamError extends Error {}

const ref = (id: string): AttemptRef => ({ kind: "exam", id });

export function examById(id: string): Exam | undefined {
  return engineHost().catalogue().exams.get(id);
}

export function allExams(): Exam[] {
  return [...engineHost().catalogue().exams.values()].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
}

/** The user's exam in progress, if any (one at a time, as on exam day). */
export async function activeExam(db: Db, userId: string) {
  return db.examAttempt.findFirst({ where: { userId, status: "active" }, orderBy: { startedAt: "desc" }, select: { id: true, examId: true, deadlineAt: true } });
}

export async function startExamAttempt(db: Db, viewer: Viewer, examId: string, now = () => new Date()): Promise<string> {
  const exam = examById(examId);
  if (!exam) throw new ExamError("There is no such mock exam.");
  const open = await activeExam(db, viewer.id);
  if (open) {
    if (open.examId === examId) return open.id;
    throw new ExamError("You have another mock exam in progress; submit it before starting a new one.");
  }
  const attempt = await db.examAttempt.create({
    data: { userId: viewer.id, examId, examVersion: exam.version, timeLimitSeconds: exam.meta.minutes * 60 },
    select: { id: true },
  });
  try {
    await engineHost().sessions.ensure(ref(attempt.id));
  } catch (e) {
    await db.examAttempt.update({ where: { id: attempt.id }, data: { status: "abandoned", finishedAt: now() } });
    throw new ExamError(`The exam's clusters could not be set up: ${e instanceof Error ? e.message : String(e)}`);
  }
  // The clock starts once the clusters are ready, not while they are being built.
  const started = now();
  await db.examAttempt.update({ where: { id: attempt.id }, data: { startedAt: started, deadlineAt: new Date(started.getTime() + exam.meta.minutes * 60_000) } });
  return attempt.id;
}

export type ExamAttemptView = {
  id: string;
  exam: Exam;
  status: string;
  startedAt: Date;
  deadlineAt: Date | null;
  finishedAt: Date | null;
  notes: string;
  flagged: number[];
  unavailable: UnavailableTasks;
  report: ExamReport | null;
};

export async function loadExamAttempt(db: Db, viewer: Viewer, attemptId: string): Promise<ExamAttemptView | undefined> {
  const row = await db.examAttempt.findUnique({ where: { id: attemptId } });
  if (!row || row.userId !== viewer.id) return undefined;
  const exam = examById(row.examId);
  if (!exam) return undefined;
  const report = (row.report as ExamReport | null) ?? null;
  let unavailable: UnavailableTasks = {};
  if (row.status === "active") unavailable = (await engineHost().sessions.ensure(ref(row.id))).unavailableTasks;
  else if (report) unavailable = Object.fromEntries(report.tasks.filter((t) => t.unavailable).map((t) => [String(t.number), t.unavailable!]));
  return {
    id: row.id,
    exam,
    status: row.status,
    startedAt: row.startedAt,
    deadlineAt: row.deadlineAt,
    finishedAt: row.finishedAt,
    notes: row.notes,
    flagged: Array.isArray(row.flaggedTasks) ? (row.flaggedTasks as number[]) : [],
    unavailable,
    report,
  };
}

async function ownActive(db: Db, viewer: Viewer, attemptId: string) {
  const row = await db.examAttempt.findUnique({ where: { id: attemptId } });
  if (!row || row.userId !== viewer.id) throw new ExamError("This exam attempt is not yours.");
  if (row.status !== "active") throw new ExamError("This exam is over.");
  return row;
}

export const MAX_NOTES = 20_000;

export async function saveNotes(db: Db, viewer: Viewer, attemptId: string, notes: string): Promise<void> {
  await ownActive(db, viewer, attemptId);
  await db.examAttempt.update({ where: { id: attemptId }, data: { notes: notes.slice(0, MAX_NOTES) } });
}

export async function setFlag(db: Db, viewer: Viewer, attemptId: string, task: number, flagged: boolean): Promise<number[]> {
  const row = await ownActive(db, viewer, attemptId);
  const exam = examById(row.examId);
  if (!exam?.tasks.some((t) => t.number === task)) throw new ExamError("No such task.");
  const current = new Set(Array.isArray(row.flaggedTasks) ? (row.flaggedTasks as number[]) : []);
  if (flagged) current.add(task);
  else current.delete(task);
  const list = [...current].sort((a, b) => a - b);
  await db.examAttempt.update({ where: { id: attemptId }, data: { flaggedTasks: list } });
  return list;
}

/**
 * Grades every task on the live clusters and closes the exam. Safe to call twice (the learner's
 * Submit and the deadline sweeper): only the first finishes it.
 */
export async function submitExam(db: Db, attemptId: string, options: { userId?: string; reason: string; now?: Date }): Promise<ExamReport | undefined> {
  const row = await db.examAttempt.findUnique({ where: { id: attemptId } });
  if (!row || (options.userId && row.userId !== options.userId)) throw new ExamError("This exam attempt is not yours.");
  if (row.status !== "active") return (row.report as ExamReport | null) ?? undefined;
  const exam = examById(row.examId);
  if (!exam) throw new ExamError("This mock exam is no longer in the catalogue.");
  const host = engineHost();
  const { grade, unavailableTasks } = await host.sessions.grade(ref(attemptId));
  const report = examReport(exam, grade as ExamGrade, unavailableTasks);
  const now = options.now ?? new Date();
  const activeSeconds = host.sessions.activeSeconds(ref(attemptId));
  const elapsed = Math.round((now.getTime() - row.startedAt.getTime()) / 1000);
  const claimed = await db.examAttempt.updateMany({
    where: { id: attemptId, status: "active" },
    data: {
      status: "submitted",
      finishedAt: now,
      score: Math.round(report.percent * 10),
      // Scores are kept in tenths of a percent: score / maxScore × 100 is the exam percentage.
      maxScore: 1000,
      passed: report.passed,
      report: report as unknown as object,
      timeUsedSeconds: Math.min(row.timeLimitSeconds, activeSeconds ?? elapsed),
    },
  });
  if (claimed.count === 0) return undefined;
  await db.scenarioAttempt.createMany({
    data: report.tasks
      .filter((t) => !t.unavailable)
      .map((t) => ({
        userId: row.userId,
        scenarioId: t.scenarioId,
        scenarioVersion: exam.tasks.find((x) => x.number === t.number)!.scenario.version,
        examAttemptId: attemptId,
        status: "submitted" as const,
        startedAt: row.startedAt,
        finishedAt: now,
        score: t.earned,
        maxScore: t.total,
        checkResults: t.checks as unknown as object,
        checkCount: 1,
        lastCheckedAt: now,
        solutionShown: true,
      })),
  });
  await host.sessions.close(ref(attemptId), options.reason);
  await revokeTokens(db, ref(attemptId));
  return report;
}

/** Submits every exam whose deadline has passed (the server's sweeper calls this). */
export async function submitExpiredExams(db: Db, now = new Date()): Promise<string[]> {
  const expired = await db.examAttempt.findMany({ where: { status: "active", deadlineAt: { lte: now } }, select: { id: true } });
  const done: string[] = [];
  for (const e of expired) {
    try {
      await submitExam(db, e.id, { reason: "Time is up: the exam was submitted automatically.", now });
      done.push(e.id);
    } catch {
      // An exam that cannot be graded any more (its definition is gone) still ends at its deadline.
      await db.examAttempt.updateMany({ where: { id: e.id, status: "active" }, data: { status: "expired", finishedAt: now } });
      await engineHost().sessions.close(ref(e.id), "Time is up.").catch(() => undefined);
    }
  }
  return done;
}

export async function examHistory(db: Db, userId: string) {
  return db.examAttempt.findMany({
    where: { userId },
    orderBy: { startedAt: "desc" },
    select: { id: true, examId: true, status: true, startedAt: true, finishedAt: true, score: true, maxScore: true, passed: true },
  });
}
