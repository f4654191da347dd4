// A learner's progress at a glance, read from their attempts and lesson progress.
import type { Db } from "../db";

export type LearnerSummary = {
  scenarioAttempts: number;
  scenariosFinished: number;
  examAttempts: number;
  examsPassed: number;
  lessonsCompleted: number;
  recentAttempts: { id: string; scenarioId: string; status: string; startedAt: Date; score: number | null; maxScore: number | null }[];
  cohorts: { id: string; name: string }[];
};

export async function learnerSummary(db: Db, userId: string): Promise<LearnerSummary> {
  const [scenarioAttempts, scenariosFinished, examAttempts, examsPassed, lessonsCompleted, recentAttempts, memberships] = await Promise.all([
    db.scenarioAttempt.count({ where: { userId } }),
    db.scenarioAttempt.count({ where: { userId, status: "submitted" } }),
    db.examAttempt.count({ where: { userId } }),
    db.examAttempt.count({ where: { userId, passed: true } }),
    db.lessonProgress.count({ where: { userId, status: "completed" } }),
    db.scenarioAttempt.findMany({
      where: { userId },
      orderBy: { startedAt: "desc" },
      take: 5,
      select: { id: true, scenarioId: true, status: true, startedAt: true, score: true, maxScore: true },
    }),
    db.cohortMembership.findMany({ where: { userId }, select: { cohort: { select: { id: true, name: true } } } }),
  ]);
  return {
    scenarioAttempts,
    scenariosFinished,
    examAttempts,
    examsPassed,
    lessonsCompleted,
    recentAttempts,
    cohorts: memberships.map((m) => m.cohort),
  };
}
