// Scenarios written in the browser: create from the scaffold, edit with live validation, preview
// in a real session, run the reference solution there, self-test, publish to a cohort, export.
// Authors see and change their own scenarios; admins see all of them.
import type { Db } from "../db";
import { isUniqueViolation } from "../db";
import { hasRole, type Role } from "../auth/roles";
import type { Scenario, ScenarioGrade, SelfTestResult, ValidationIssue } from "../scenarios";
import { assertTeaches } from "../instructor/cohorts";
import { startPreview } from "../practice/attempts";
import { authoredCard } from "../practice/scenarios";
import { engineHost } from "../session/host";
import { cleanFiles, MAX_FILE_BYTES, SCENARIO_FILES, type ScenarioFiles } from "./files";

type Viewer = { id: string; role: Role };

export class AuthoringError extends Error {
  constructor(
    message: string,
    readonly issues: ValidationIssue[] = [],
  ) {
    super(message);
  }
}

const SLUG = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

export async function listAuthored(db: Db, viewer: Viewer) {
  return db.authoredScenario.findMany({
    where: hasRole(viewer.role, "admin") ? {} : { authorId: viewer.id },
    orderBy: { updatedAt: "desc" },
    select: { id: true, slug: true, status: true, updatedAt: true, publishedAt: true, files: true, cohort: { select: { name: true } }, author: { select: { email: true } } },
  });
}

export async function createAuthored(db: Db, viewer: Viewer, slug: string): Promise<string> {
  if (!hasRole(viewer.role, "instructor")) throw new AuthoringError("Only instructors write scenarios.");
  const id = slug.trim().toLowerCase();
  if (!SLUG.test(id) || id.length > 60) throw new AuthoringError("The scenario id must be lower-case letters, digits and dashes (at most 60).");
  if (engineHost().catalogue().scenarios.has(id)) throw new AuthoringError(`"${id}" is the id of a built-in scenario; choose another.`);
  try {
    const row = await db.authoredScenario.create({ data: { slug: id, authorId: viewer.id, files: engineHost().authoring.scaffold(id) }, select: { id: true } });
    return row.id;
  } catch (e) {
    if (isUniqueViolation(e)) throw new AuthoringError(`A scenario "${id}" already exists.`);
    throw e;
  }
}

async function own(db: Db, viewer: Viewer, id: string) {
  const row = await db.authoredScenario.findUnique({ where: { id } });
  if (!row || (row.authorId !== viewer.id && !hasRole(viewer.role, "admin"))) throw new AuthoringError("This scenario is not yours.");
  return row;
}

export async function loadAuthored(db: Db, viewer: Viewer, id: string) {
  try {
    const row = await own(db, viewer, id);
    return { ...row, files: cleanFiles(row.files) };
  } catch (e) {
    if (e instanceof AuthoringError) return undefined;
    throw e;
  }
}

export function validateFiles(slug: string, files: ScenarioFiles): ValidationIssue[] {
  return engineHost().authoring.validate(slug, files).issues;
}

function checkedFiles(input: unknown): ScenarioFiles {
  const files = cleanFiles(input);
  for (const name of SCENARIO_FILES) if ((files[name]?.length ?? 0) > MAX_FILE_BYTES) throw new AuthoringError(`${name} is larger than ${MAX_FILE_BYTES / 1024} KiB.`);
  return files;
}

/** Saves the files as they are (a draft may be invalid); returns the validation issues. */
export async function saveFiles(db: Db, viewer: Viewer, id: string, input: unknown): Promise<ValidationIssue[]> {
  const row = await own(db, viewer, id);
  const files = checkedFiles(input);
  const issues = validateFiles(row.slug, files);
  // A published scenario stays playable: it only takes files that validate.
  if (row.status === "published" && issues.length) throw new AuthoringError("A published scenario must stay valid; fix the problems or unpublish it first.", issues);
  await db.authoredScenario.update({ where: { id }, data: { files } });
  return issues;
}

async function validScenario(db: Db, viewer: Viewer, id: string): Promise<{ row: Awaited<ReturnType<typeof own>>; scenario: Scenario }> {
  const row = await own(db, viewer, id);
  const loaded = engineHost().authoring.validate(row.slug, cleanFiles(row.files));
  if (!loaded.scenario) throw new AuthoringError("Fix the validation problems first.", loaded.issues);
  return { row, scenario: loaded.scenario };
}

/** A fresh preview environment (setup done) with a terminal; an older open preview is closed. */
export async function startAuthoredPreview(db: Db, viewer: Viewer, id: string): Promise<string> {
  const { row, scenario } = await validScenario(db, viewer, id);
  const open = await db.scenarioAttempt.findMany({ where: { userId: viewer.id, authoredScenarioId: id, preview: true, status: "active" }, select: { id: true } });
  for (const a of open) {
    await engineHost().sessions.close({ kind: "scenario", id: a.id }, "A newer preview of this scenario was started.");
    await db.scenarioAttempt.update({ where: { id: a.id }, data: { status: "abandoned", finishedAt: new Date() } });
  }
  const card = authoredCard(row);
  if (!card) throw new AuthoringError("scenario.yaml does not describe the scenario.");
  return startPreview(db, viewer.id, card, scenario);
}

export async function activePreview(db: Db, viewer: Viewer, id: string): Promise<string | undefined> {
  const row = await db.scenarioAttempt.findFirst({ where: { userId: viewer.id, authoredScenarioId: id, preview: true, status: "active" }, orderBy: { startedAt: "desc" }, select: { id: true } });
  return row?.id;
}

/** Runs solution.sh in the preview environment as the learner would, then grades it. */
export async function runSolutionInPreview(db: Db, viewer: Viewer, id: string, attemptId: string): Promise<{ exitCode: number; output: string; grade: ScenarioGrade }> {
  const { scenario } = await validScenario(db, viewer, id);
  const attempt = await db.scenarioAttempt.findUnique({ where: { id: attemptId } });
  if (!attempt || attempt.userId !== viewer.id || !attempt.preview || attempt.authoredScenarioId !== id || attempt.status !== "active") throw new AuthoringError("Start a preview first.");
  const host = engineHost();
  const ref = { kind: "scenario" as const, id: attemptId };
  const run = await host.sessions.runScript(ref, scenario.solution);
  const grade = (await host.sessions.grade(ref)).grade as ScenarioGrade;
  await db.scenarioAttempt.update({ where: { id: attemptId }, data: { score: grade.earned, maxScore: grade.total, checkResults: grade.checks as unknown as object, checkCount: { increment: 1 }, lastCheckedAt: new Date() } });
  return { exitCode: run.exitCode, output: (run.stdout + run.stderr).slice(-4000), grade };
}

export async function selfTestAuthored(db: Db, viewer: Viewer, id: string): Promise<SelfTestResult> {
  const { scenario } = await validScenario(db, viewer, id);
  const result = await engineHost().authoring.selfTest(scenario);
  await db.authoredScenario.update({ where: { id }, data: { selfTest: { ...result, at: new Date().toISOString() } as unknown as object } });
  return result;
}

export async function publishAuthored(db: Db, viewer: Viewer, id: string, cohortId: string): Promise<void> {
  await validScenario(db, viewer, id);
  await assertTeaches(db, viewer, cohortId);
  await db.authoredScenario.update({ where: { id }, data: { status: "published", cohortId, publishedAt: new Date() } });
}

export async function unpublishAuthored(db: Db, viewer: Viewer, id: string): Promise<void> {
  await own(db, viewer, id);
  await db.authoredScenario.update({ where: { id }, data: { status: "draft", cohortId: null } });
}
