"use server";
// A learner joins a cohort with its code (typed on the dashboard, or from an invite link).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { CohortError, joinCohort } from "@/lib/instructor/cohorts";

export type JoinResult = { ok: true } | { ok: false; error: string };

export async function joinCohortAction(_: JoinResult | null, form: FormData): Promise<JoinResult> {
  const user = await requireUser("/dashboard");
  try {
    await joinCohort(db, user.id, String(form.get("code") ?? ""));
  } catch (e) {
    if (e instanceof CohortError) return { ok: false, error: e.message };
    throw e;
  }
  revalidatePath("/dashboard");
  redirect("/dashboard?joined=1");
}
