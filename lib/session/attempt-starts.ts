// How many attempts learners have started per scenario and per mock exam: the session workers'
// template warming and prefetch go by it, so the scenarios people start most are the ones whose
// first attempt on a worker finds its set-up template there already (template-prefetch.ts).
import type { Db } from "../db";

/** Attempts started per scenario id (practice: not an exam's tasks) and per exam id, all time. */
export async function attemptStarts(db: Db): Promise<Record<string, number>> {
  const [scenarios, exams] = await Promise.all([
    db.scenarioAttempt.groupBy({ by: ["scenarioId"], where: { examAttemptId: null }, _count: { _all: true } }),
    db.examAttempt.groupBy({ by: ["examId"], _count: { _all: true } }),
  ]);
  const starts: Record<string, number> = {};
  for (const row of scenarios) starts[row.scenarioId] = row._count._all;
  for (const row of exams) starts[row.examId] = (starts[row.examId] ?? 0) + row._count._all;
  return starts;
}
