// A learner's practice attempts: start (the scenario's setup runs once, in the engine host),
// check (graded on the server against the live environment), hints, give up, reset and finish.
// Every function checks that the attempt belongs to the user; the browser is never trusted.
import type { CheckResult } from "../../engine/grading/grader";
import type { Db } from "../db";
import type { Role } from "../auth/roles";
import type { Scenario, ScenarioGrade } from "../scenarios";
import { revokeTokens } from "../k8s-gateway/tokens";
import { engineHost } from "../session/host";
import type { AttemptRef } from "../session/types";
import { cleanFiles } from "../authoring/files";
import { authoredCard, findScenario, type ScenarioCard } from "./scenarios";

type Viewer = { id: string; role: Role };

export class PracticeError extends Error {}

const ref = (id: string): AttemptRef => ({ kind: "scenario", id });

/** The user's open attempt at a scenario, or a new one with the environment set up. */
export async function startPractice(db: Db, viewer: Viewer, scenarioId: string): Promise<string> {
  const found = await findScenario(db, viewer, scenarioId);
  if (!found) throw new PracticeError("There is no such scenario, or it is not shared with you.");
  const open = await db.scenarioAttempt.findFirst({
    where: { userId: viewer.id, scenarioId, status: "active", examAttemptId: null, preview: false },
    orderBy: { startedAt: "desc" },
    select: { id: true },
  });
  if (open) return open.id;
  return createAttempt(db, viewer.id, found.card, found.scenario);
}

async function createAttempt(db: Db, userId: string, card: ScenarioCard, scenario: Scenario, preview = false): Promise<string> {
  const attempt = await db.scenarioAttempt.create({
    data: {
      userId,
      scenarioId: scenario.id,
      scenarioVersion: scenario.version,
      maxScore: scenario.meta.points,
      preview,
      ...(card.authoredScenarioId ? { authoredScenarioId: card.authoredScenarioId } : {}),
    },
    select: { id: true },
  });
  try {
    await engineHost().sessions.ensure(ref(attempt.id));
  } catch (e) {
    await db.scenarioAttempt.update({ where: { id: attempt.id }, data: { status: "abandoned", finishedAt: new Date() } });
    throw new PracticeError(`The environment for this scenario could not be set up: ${e instanceof Error ? e.message : String(e)}`);
  }
  return attempt.id;
}

/** An author's preview run of their own (possibly unpublished) scenario. */
export async function startPreview(db: Db, userId: string, card: ScenarioCard, scenario: Scenario): Promise<string> {
  return createAttempt(db, userId, card, scenario, true);
}

export type PracticeAttempt = {
  id: string;
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  scenario: Scenario;
  card: ScenarioCard;
  score: number | null;
  maxScore: number;
  checks: CheckResult[];
  checkCount: number;
  lastCheckedAt: Date | null;
  hintsShown: number;
  solutionShown: boolean;
  elapsedSeconds: number;
  preview: boolean;
};

/** The attempt with its scenario, for its owner only (undefined otherwise). */
export async function loadPracticeAttempt(db: Db, viewer: Viewer, attemptId: string): Promise<PracticeAttempt | undefined> {
  const row = await db.scenarioAttempt.findUnique({ where: { id: attemptId } });
  if (!row || row.userId !== viewer.id || row.examAttemptId) return undefined;
  let found = await findScenario(db, viewer, row.scenarioId);
  if (!found && row.authoredScenarioId) found = await authoredForPreview(db, viewer, row.authoredScenarioId);
  if (!found) return undefined;
  const live = row.status === "active" ? engineHost().sessions.activeSeconds(ref(row.id)) : undefined;
  return {
    id: row.id,
    status: row.status,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    scenario: found.scenario,
    card: found.card,
    score: row.score,
    maxScore: row.maxScore ?? found.scenario.meta.points,
    checks: Array.isArray(row.checkResults) ? (row.checkResults as unknown as CheckResult[]) : [],
    checkCount: row.checkCount,
    lastCheckedAt: row.lastCheckedAt,
    hintsShown: row.hintsShown,
    solutionShown: row.solutionShown,
    elapsedSeconds: live ?? row.timeUsedSeconds ?? 0,
    preview: row.preview,
  };
}

/** A draft is not visible in practice; its author still opens their preview attempts. */
async function authoredForPreview(db: Db, viewer: Viewer, authoredId: string): Promise<{ card: ScenarioCard; scenario: Scenario } | undefined> {
  const row = await db.authoredScenario.findUnique({ where: { id: authoredId }, select: { id: true, slug: true, files: true, authorId: true } });
  if (!row || (row.authorId !== viewer.id && viewer.role !== "admin")) return undefined;
  const card = authoredCard(row);
  const loaded = engineHost().authoring.validate(row.slug, cleanFiles(row.files));
  return card && loaded.scenario ? { card, scenario: loaded.scenario } : undefined;
}

async function ownActive(db: Db, viewer: Viewer, attemptId: string) {
  const row = await db.scenarioAttempt.findUnique({ where: { id: attemptId } });
  if (!row || row.userId !== viewer.id || row.examAttemptId) throw new PracticeError("This attempt is not yours.");
  if (row.status !== "active") throw new PracticeError("This attempt is over; start a new one from the scenario page.");
  return row;
}

/** Grades the live environment; the explanation and solution unlock after the first check. */
export async function checkPractice(db: Db, viewer: Viewer, attemptId: string): Promise<ScenarioGrade> {
  await ownActive(db, viewer, attemptId);
  const grade = (await engineHost().sessions.grade(ref(attemptId))).grade as ScenarioGrade;
  await db.scenarioAttempt.update({
    where: { id: attemptId },
    data: {
      score: grade.earned,
      maxScore: grade.total,
      checkResults: grade.checks as unknown as object,
      checkCount: { increment: 1 },
      lastCheckedAt: new Date(),
      solutionShown: true,
    },
  });
  return grade;
}

/** Reveals the next hint; returns how many are shown now. */
export async function revealHint(db: Db, viewer: Viewer, attemptId: string): Promise<number> {
  const row = await ownActive(db, viewer, attemptId);
  const attempt = await loadPracticeAttempt(db, viewer, attemptId);
  const available = attempt?.scenario.meta.hints.length ?? 0;
  const shown = Math.min(available, row.hintsShown + 1);
  await db.scenarioAttempt.update({ where: { id: attemptId }, data: { hintsShown: shown } });
  return shown;
}

/** Giving up shows the explanation and reference solution; the terminal stays open to try it. */
export async function showSolution(db: Db, viewer: Viewer, attemptId: string): Promise<void> {
  await ownActive(db, viewer, attemptId);
  await db.scenarioAttempt.update({ where: { id: attemptId }, data: { solutionShown: true } });
}

async function endAttempt(db: Db, attemptId: string, status: "submitted" | "abandoned", reason: string): Promise<void> {
  const host = engineHost();
  const seconds = host.sessions.activeSeconds(ref(attemptId));
  await host.sessions.close(ref(attemptId), reason);
  await revokeTokens(db, ref(attemptId));
  const row = await db.scenarioAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { timeUsedSeconds: true } });
  await db.scenarioAttempt.update({
    where: { id: attemptId },
    data: { status, finishedAt: new Date(), timeUsedSeconds: seconds ?? row.timeUsedSeconds ?? 0 },
  });
}

/** Starts the scenario afresh: this attempt is abandoned (its history kept) and a new one set up. */
export async function resetPractice(db: Db, viewer: Viewer, attemptId: string): Promise<string> {
  const row = await ownActive(db, viewer, attemptId);
  await endAttempt(db, attemptId, "abandoned", "This attempt was reset; the new attempt opens in this page.");
  if (row.preview && row.authoredScenarioId) {
    const found = await authoredForPreview(db, viewer, row.authoredScenarioId);
    if (!found) throw new PracticeError("The scenario of this preview no longer validates.");
    return startPreview(db, viewer.id, found.card, found.scenario);
  }
  return startPractice(db, viewer, row.scenarioId);
}

/** Grades one last time and closes the attempt. */
export async function finishPractice(db: Db, viewer: Viewer, attemptId: string): Promise<ScenarioGrade> {
  const grade = await checkPractice(db, viewer, attemptId);
  await endAttempt(db, attemptId, "submitted", "You finished this attempt; its terminal is closed.");
  return grade;
}

export type AttemptSummary = { id: string; status: string; startedAt: Date; finishedAt: Date | null; score: number | null; maxScore: number | null; checkCount: number; timeUsedSeconds: number | null };

/** The user's attempts at one scenario, newest first. */
export async function attemptsAt(db: Db, userId: string, scenarioId: string): Promise<AttemptSummary[]> {
  return db.scenarioAttempt.findMany({
    where: { userId, scenarioId, examAttemptId: null, preview: false },
    orderBy: { startedAt: "desc" },
    select: { id: true, status: true, startedAt: true, finishedAt: true, score: true, maxScore: true, checkCount: true, timeUsedSeconds: true },
  });
}

export type ScenarioProgress = { attempts: number; bestPercent: number | null; activeAttemptId: string | null };

/** Per scenario: how often tried, the best checked score, and an attempt still open. */
export async function practiceProgress(db: Db, userId: string): Promise<Map<string, ScenarioProgress>> {
  const rows = await db.scenarioAttempt.findMany({
    where: { userId, examAttemptId: null, preview: false },
    select: { id: true, scenarioId: true, status: true, score: true, maxScore: true, startedAt: true },
    orderBy: { startedAt: "desc" },
  });
  const progress = new Map<string, ScenarioProgress>();
  for (const row of rows) {
    const p = progress.get(row.scenarioId) ?? { attempts: 0, bestPercent: null, activeAttemptId: null };
    p.attempts++;
    if (row.score !== null && row.maxScore) p.bestPercent = Math.max(p.bestPercent ?? 0, Math.round((row.score / row.maxScore) * 1000) / 10);
    if (row.status === "active" && !p.activeAttemptId) p.activeAttemptId = row.id;
    progress.set(row.scenarioId, p);
  }
  return progress;
}
