"use server";
// Scenario authoring actions: the author (or an admin) only; validation and grading on the server.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireRole } from "@/lib/auth/session";
import { cleanFiles } from "@/lib/authoring/files";
import { db } from "@/lib/db";
import {
  AuthoringError,
  createAuthored,
  loadAuthored,
  publishAuthored,
  runSolutionInPreview,
  saveFiles,
  selfTestAuthored,
  startAuthoredPreview,
  unpublishAuthored,
  validateFiles,
} from "@/lib/authoring/scenarios";
import type { ScenarioGrade, SelfTestResult, ValidationIssue } from "@/lib/scenarios";
import { CohortError } from "@/lib/instructor/cohorts";
import { PracticeError } from "@/lib/practice/attempts";

type Failure = { ok: false; error: string; issues?: ValidationIssue[] };

function failure(e: unknown): Failure {
  if (e instanceof AuthoringError) return { ok: false, error: e.message, issues: e.issues };
  if (e instanceof CohortError || e instanceof PracticeError) return { ok: false, error: e.message };
  throw e;
}

const path = (id: string) => `/instructor/authoring/${id}`;

export async function createScenarioAction(_: unknown, form: FormData): Promise<{ ok: true } | Failure> {
  const user = await requireRole("instructor", "/instructor/authoring");
  let id: string;
  try {
    id = await createAuthored(db, user, String(form.get("slug") ?? ""));
  } catch (e) {
    return failure(e);
  }
  redirect(path(id));
}

async function withAuthor<T>(id: string, work: (user: Awaited<ReturnType<typeof requireRole>>) => Promise<T>): Promise<({ ok: true } & T) | Failure> {
  const user = await requireRole("instructor", path(id));
  try {
    return { ok: true as const, ...(await work(user)) };
  } catch (e) {
    return failure(e);
  }
}

/** Live validation of the files being edited (nothing is saved). */
export async function validateAction(id: string, files: Record<string, string>) {
  return withAuthor(id, async (user) => {
    const row = await loadAuthored(db, user, id);
    if (!row) throw new AuthoringError("This scenario is not yours.");
    return { issues: validateFiles(row.slug, cleanFiles(files)) };
  });
}

export async function saveAction(id: string, files: Record<string, string>) {
  const result = await withAuthor(id, async (user) => ({ issues: await saveFiles(db, user, id, files) }));
  revalidatePath(path(id));
  return result;
}

export async function previewAction(id: string) {
  return withAuthor(id, async (user) => ({ attemptId: await startAuthoredPreview(db, user, id) }));
}

export async function runSolutionAction(id: string, attemptId: string): Promise<({ ok: true } & { exitCode: number; output: string; grade: ScenarioGrade }) | Failure> {
  return withAuthor(id, (user) => runSolutionInPreview(db, user, id, attemptId));
}

export async function selfTestAction(id: string): Promise<({ ok: true } & { result: SelfTestResult }) | Failure> {
  const result = await withAuthor(id, async (user) => ({ result: await selfTestAuthored(db, user, id) }));
  revalidatePath(path(id));
  return result;
}

export async function publishAction(id: string, cohortId: string) {
  const result = await withAuthor(id, async (user) => (await publishAuthored(db, user, id, cohortId), {}));
  revalidatePath(path(id));
  return result;
}

export async function unpublishAction(id: string) {
  const result = await withAuthor(id, async (user) => (await unpublishAuthored(db, user, id), {}));
  revalidatePath(path(id));
  return result;
}
