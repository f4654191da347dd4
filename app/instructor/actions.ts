"use server";
// Instructor actions: every one checks the role and that the instructor teaches the cohort.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { addAssignment, CohortError, createCohort, removeAssignment, removeMember, rotateJoinCode } from "@/lib/instructor/cohorts";

export type ActionResult = { ok: true } | { ok: false; error: string };

async function run(path: string, work: (user: Awaited<ReturnType<typeof requireRole>>) => Promise<unknown>): Promise<ActionResult> {
  const user = await requireRole("instructor", path);
  try {
    await work(user);
  } catch (e) {
    if (e instanceof CohortError) return { ok: false, error: e.message };
    throw e;
  }
  revalidatePath(path);
  return { ok: true };
}

export async function createCohortAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const user = await requireRole("instructor", "/instructor");
  let id: string;
  try {
    id = await createCohort(db, user, { name: String(form.get("name") ?? ""), description: String(form.get("description") ?? "") });
  } catch (e) {
    if (e instanceof CohortError) return { ok: false, error: e.message };
    throw e;
  }
  redirect(`/instructor/cohorts/${id}`);
}

export async function rotateCodeAction(cohortId: string, open: boolean): Promise<ActionResult> {
  return run(`/instructor/cohorts/${cohortId}`, (user) => rotateJoinCode(db, user, cohortId, open));
}

export async function removeMemberAction(cohortId: string, userId: string): Promise<ActionResult> {
  return run(`/instructor/cohorts/${cohortId}`, (user) => removeMember(db, user, cohortId, userId));
}

export async function addAssignmentAction(cohortId: string, _: ActionResult | null, form: FormData): Promise<ActionResult> {
  const target = String(form.get("target") ?? "");
  const [kind, targetId] = target.split(":") as ["scenario" | "exam", string];
  const due = String(form.get("due") ?? "");
  if (!targetId || (kind !== "scenario" && kind !== "exam")) return { ok: false, error: "Choose a scenario or a mock exam." };
  return run(`/instructor/cohorts/${cohortId}`, (user) => addAssignment(db, user, cohortId, { kind, targetId, dueAt: due ? new Date(`${due}T23:59:59Z`) : null, note: String(form.get("note") ?? "") }));
}

export async function removeAssignmentAction(cohortId: string, assignmentId: string): Promise<ActionResult> {
  return run(`/instructor/cohorts/${cohortId}`, (user) => removeAssignment(db, user, assignmentId));
}
