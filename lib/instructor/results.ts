// What an instructor learns from a cohort's attempts: the learner × scenario matrix of best
// scores, how often each check fails across the cohort, and one learner's attempts in detail with
// the commands they typed. Preview runs of authors never count.
import type { CheckResult } from "../../engine/grading/grader";
import type { Db } from "../db";
import type { Role } from "../auth/roles";
import { scenarioTitles } from "../practice/scenarios";
import { canSeeLearner, type CohortDetail } from "./cohorts";

type Viewer = { id: string; role: Role };

export type MatrixCell = { best: number; attempts: number };
export type CheckFailure = { id: string; description: string; failed: number; graded: number };
export type CohortResults = {
  scenarios: { id: string; title: string; assigned: boolean }[];
  cells: Record<string, Record<string, MatrixCell>>;
  failures: { scenarioId: string; title: string; checks: CheckFailure[] }[];
};

export async function cohortResults(db: Db, cohort: CohortDetail): Promise<CohortResults> {
  const learnerIds = cohort.learners.map((l) => l.id);
  const attempts = await db.scenarioAttempt.findMany({
    where: { userId: { in: learnerIds }, preview: false, score: { not: null } },
    orderBy: { lastCheckedAt: "asc" },
    select: { userId: true, scenarioId: true, score: true, maxScore: true, checkResults: true },
  });
  const titles = await scenarioTitles(db);
  const assigned = new Set(cohort.assignments.filter((a) => a.kind === "scenario").map((a) => a.targetId));
  const ids = [...new Set([...assigned, ...attempts.map((a) => a.scenarioId)])];
  const cells: CohortResults["cells"] = {};
  // The latest graded attempt of each learner at each scenario decides the failure rates.
  const latest = new Map<string, CheckResult[]>();
  for (const a of attempts) {
    const row = (cells[a.userId] ??= {});
    const percent = a.maxScore ? Math.round((a.score! / a.maxScore) * 1000) / 10 : 0;
    const cell = row[a.scenarioId];
    row[a.scenarioId] = { best: Math.max(cell?.best ?? 0, percent), attempts: (cell?.attempts ?? 0) + 1 };
    if (Array.isArray(a.checkResults)) latest.set(`${a.userId}\0${a.scenarioId}`, a.checkResults as unknown as CheckResult[]);
  }
  const failures = ids
    .map((scenarioId) => {
      const counts = new Map<string, CheckFailure>();
      for (const [key, checks] of latest) {
        if (!key.endsWith(`\0${scenarioId}`)) continue;
        for (const c of checks) {
          const f = counts.get(c.id) ?? { id: c.id, description: c.description, failed: 0, graded: 0 };
          f.graded++;
          if (!c.passed) f.failed++;
          counts.set(c.id, f);
        }
      }
      return { scenarioId, title: titles.get(scenarioId)?.title ?? scenarioId, checks: [...counts.values()].sort((a, b) => b.failed / b.graded - a.failed / a.graded) };
    })
    .filter((f) => f.checks.length > 0);
  return {
    scenarios: ids.map((id) => ({ id, title: titles.get(id)?.title ?? id, assigned: assigned.has(id) })).sort((a, b) => Number(b.assigned) - Number(a.assigned) || a.title.localeCompare(b.title)),
    cells,
    failures,
  };
}

export type LearnerAttempts = {
  learner: { id: string; name: string | null; email: string };
  attempts: { id: string; scenarioId: string; title: string; status: string; startedAt: Date; score: number | null; maxScore: number | null; exam: boolean; commands: number }[];
};

export async function learnerAttempts(db: Db, viewer: Viewer, learnerId: string): Promise<LearnerAttempts | undefined> {
  if (!(await canSeeLearner(db, viewer, learnerId))) return undefined;
  const learner = await db.user.findUnique({ where: { id: learnerId }, select: { id: true, name: true, email: true } });
  if (!learner) return undefined;
  const [rows, titles] = await Promise.all([
    db.scenarioAttempt.findMany({
      where: { userId: learnerId, preview: false },
      orderBy: { startedAt: "desc" },
      select: { id: true, scenarioId: true, status: true, startedAt: true, score: true, maxScore: true, examAttemptId: true, _count: { select: { commands: true } } },
    }),
    scenarioTitles(db),
  ]);
  return {
    learner,
    attempts: rows.map((r) => ({ id: r.id, scenarioId: r.scenarioId, title: titles.get(r.scenarioId)?.title ?? r.scenarioId, status: r.status, startedAt: r.startedAt, score: r.score, maxScore: r.maxScore, exam: r.examAttemptId !== null, commands: r._count.commands })),
  };
}

export type AttemptDetail = {
  id: string;
  learner: { id: string; name: string | null; email: string };
  scenarioId: string;
  title: string;
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  timeUsedSeconds: number | null;
  score: number | null;
  maxScore: number | null;
  checks: CheckResult[];
  commands: { seq: number; terminalId: string; line: string; exitCode: number | null; location: string | null; executedAt: Date }[];
};

/** One attempt with its checks and every command typed (for an exam task: the exam's commands). */
export async function attemptDetail(db: Db, viewer: Viewer, attemptId: string): Promise<AttemptDetail | undefined> {
  const row = await db.scenarioAttempt.findUnique({ where: { id: attemptId }, include: { user: { select: { id: true, name: true, email: true } } } });
  if (!row || row.preview || !(await canSeeLearner(db, viewer, row.userId))) return undefined;
  const commands = await db.terminalCommand.findMany({
    where: row.examAttemptId ? { examAttemptId: row.examAttemptId } : { scenarioAttemptId: row.id },
    orderBy: { seq: "asc" },
    take: 2000,
    select: { seq: true, terminalId: true, line: true, exitCode: true, location: true, executedAt: true },
  });
  const titles = await scenarioTitles(db);
  return {
    id: row.id,
    learner: row.user,
    scenarioId: row.scenarioId,
    title: titles.get(row.scenarioId)?.title ?? row.scenarioId,
    status: row.status,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    timeUsedSeconds: row.timeUsedSeconds,
    score: row.score,
    maxScore: row.maxScore,
    checks: Array.isArray(row.checkResults) ? (row.checkResults as unknown as CheckResult[]) : [],
    commands,
  };
}
