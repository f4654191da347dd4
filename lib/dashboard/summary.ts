// Everything the learner dashboard shows, read from the learner's attempts, exams, lessons and
// cohorts in a handful of queries.
import type { Db } from "../db";
import type { Role } from "../auth/roles";
import { visibleScenarios, type ScenarioCard } from "../practice/scenarios";
import { engineHost } from "../session/host";
import { readiness, streak, weakestTopics, type DomainReadiness, type GradedTry, type WeakTopic } from "./metrics";

export type ScorePoint = { at: string; percent: number; label: string; kind: "practice" | "exam" };
export type AttemptRow = { id: string; scenarioId: string; title: string; status: string; startedAt: Date; score: number | null; maxScore: number | null };
export type ExamRow = { id: string; examId: string; title: string; status: string; startedAt: Date; percent: number | null; passed: boolean | null };
export type AssignmentRow = { id: string; cohort: string; kind: "scenario" | "exam"; targetId: string; title: string; dueAt: Date | null; done: boolean };

export type LearnerDashboard = {
  readiness: { domains: DomainReadiness[]; overall: number };
  scores: ScorePoint[];
  secondsSpent: number;
  secondsThisWeek: number;
  streakDays: number;
  weakTopics: (WeakTopic & { suggestions: ScenarioCard[] })[];
  attempts: AttemptRow[];
  exams: ExamRow[];
  lessonsCompleted: number;
  lessonsTotal: number;
  cohorts: { id: string; name: string }[];
  assignments: AssignmentRow[];
};

export async function learnerDashboard(db: Db, user: { id: string; role: Role }, now = new Date()): Promise<LearnerDashboard> {
  const [cards, practice, examTasks, exams, lessons, quiz, memberships] = await Promise.all([
    visibleScenarios(db, user),
    db.scenarioAttempt.findMany({
      where: { userId: user.id, examAttemptId: null, preview: false },
      orderBy: { startedAt: "desc" },
      select: { id: true, scenarioId: true, status: true, startedAt: true, finishedAt: true, lastCheckedAt: true, score: true, maxScore: true, timeUsedSeconds: true },
    }),
    db.scenarioAttempt.findMany({
      where: { userId: user.id, examAttemptId: { not: null }, score: { not: null } },
      select: { scenarioId: true, score: true, maxScore: true, finishedAt: true, startedAt: true },
    }),
    db.examAttempt.findMany({
      where: { userId: user.id },
      orderBy: { startedAt: "desc" },
      select: { id: true, examId: true, status: true, startedAt: true, finishedAt: true, score: true, maxScore: true, passed: true, timeUsedSeconds: true },
    }),
    db.lessonProgress.findMany({ where: { userId: user.id }, select: { status: true, updatedAt: true } }),
    db.quizAnswer.findMany({ where: { userId: user.id }, select: { answeredAt: true } }),
    db.cohortMembership.findMany({
      where: { userId: user.id, role: "learner" },
      select: { cohort: { select: { id: true, name: true, assignments: { orderBy: [{ dueAt: "asc" }, { createdAt: "asc" }] } } } },
    }),
  ]);
  const byId = new Map(cards.map((c) => [c.id, c]));
  const catalogue = engineHost().catalogue();

  const tries: GradedTry[] = [];
  const scores: ScorePoint[] = [];
  for (const a of practice) {
    const card = byId.get(a.scenarioId);
    if (a.score === null || !a.maxScore || !card) continue;
    const at = a.lastCheckedAt ?? a.finishedAt ?? a.startedAt;
    const pct = (a.score / a.maxScore) * 100;
    tries.push({ scenarioId: a.scenarioId, domain: card.domain, topics: card.topics, percent: pct, at });
    scores.push({ at: at.toISOString(), percent: Math.round(pct), label: card.title, kind: "practice" });
  }
  for (const t of examTasks) {
    const card = byId.get(t.scenarioId);
    if (!card || !t.maxScore) continue;
    tries.push({ scenarioId: t.scenarioId, domain: card.domain, topics: card.topics, percent: (t.score! / t.maxScore) * 100, at: t.finishedAt ?? t.startedAt });
  }
  for (const e of exams) {
    if (e.status === "submitted" && e.score !== null && e.maxScore) {
      scores.push({ at: (e.finishedAt ?? e.startedAt).toISOString(), percent: Math.round((e.score / e.maxScore) * 100), label: catalogue.exams.get(e.examId)?.meta.title ?? e.examId, kind: "exam" });
    }
  }
  scores.sort((a, b) => a.at.localeCompare(b.at));

  const weekAgo = now.getTime() - 7 * 24 * 3600_000;
  const spent = [...practice, ...exams];
  const secondsSpent = spent.reduce((s, a) => s + (a.timeUsedSeconds ?? 0), 0);
  const secondsThisWeek = spent.filter((a) => a.startedAt.getTime() >= weekAgo).reduce((s, a) => s + (a.timeUsedSeconds ?? 0), 0);

  const activity = [
    ...practice.flatMap((a) => [a.startedAt, a.lastCheckedAt, a.finishedAt]),
    ...exams.flatMap((e) => [e.startedAt, e.finishedAt]),
    ...lessons.map((l) => l.updatedAt),
    ...quiz.map((q) => q.answeredAt),
  ].filter((d): d is Date => d instanceof Date);

  const best = new Map<string, number>();
  for (const t of tries) best.set(t.scenarioId, Math.max(best.get(t.scenarioId) ?? 0, t.percent));
  const weakTopics = weakestTopics(tries).map((w) => ({
    ...w,
    suggestions: cards
      .filter((c) => c.topics.includes(w.topic) && (best.get(c.id) ?? -1) < 100)
      .sort((a, b) => (best.has(a.id) ? 1 : 0) - (best.has(b.id) ? 1 : 0) || a.minutes - b.minutes)
      .slice(0, 2),
  }));

  const passedScenario = new Set([...best.entries()].filter(([, p]) => p >= 100).map(([id]) => id));
  const submittedExams = new Set(exams.filter((e) => e.status === "submitted").map((e) => e.examId));
  const assignments: AssignmentRow[] = memberships.flatMap((m) =>
    m.cohort.assignments.map((a) => ({
      id: a.id,
      cohort: m.cohort.name,
      kind: a.kind,
      targetId: a.targetId,
      title: a.kind === "scenario" ? (byId.get(a.targetId)?.title ?? a.targetId) : (catalogue.exams.get(a.targetId)?.meta.title ?? a.targetId),
      dueAt: a.dueAt,
      done: a.kind === "scenario" ? passedScenario.has(a.targetId) : submittedExams.has(a.targetId),
    })),
  );

  return {
    readiness: readiness(tries),
    scores,
    secondsSpent,
    secondsThisWeek,
    streakDays: streak(activity, now),
    weakTopics,
    attempts: practice.slice(0, 10).map((a) => ({ id: a.id, scenarioId: a.scenarioId, title: byId.get(a.scenarioId)?.title ?? a.scenarioId, status: a.status, startedAt: a.startedAt, score: a.score, maxScore: a.maxScore })),
    exams: exams.slice(0, 10).map((e) => ({
      id: e.id,
      examId: e.examId,
      title: catalogue.exams.get(e.examId)?.meta.title ?? e.examId,
      status: e.status,
      startedAt: e.startedAt,
      percent: e.score !== null && e.maxScore ? Math.round((e.score / e.maxScore) * 1000) / 10 : null,
      passed: e.passed,
    })),
    lessonsCompleted: lessons.filter((l) => l.status === "completed").length,
    lessonsTotal: catalogue.lessons.size,
    cohorts: memberships.map((m) => ({ id: m.cohort.id, name: m.cohort.name })),
    assignments,
  };
}
