// An invite link: /join/<code>. Signed-in learners confirm joining; others sign in first.
import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { normaliseCode } from "@/lib/instructor/cohorts";
import { ActionForm } from "../../_components/form-action";
import { EmptyState, PageHeader } from "../../_components/ui";
import { joinCohortAction } from "../actions";

export const metadata: Metadata = { title: "Join a cohort" };

export default async function JoinPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const user = await requireUser(`/join/${code}`);
  const joinCode = normaliseCode(code);
  const cohort = await db.cohort.findUnique({ where: { joinCode }, select: { id: true, name: true, description: true, memberships: { where: { userId: user.id }, select: { id: true } } } });
  if (!cohort) return <EmptyState title="This invitation does not work">The code is wrong or the cohort closed joining. Ask your instructor for a new link.</EmptyState>;
  return (
    <div className="max-w-lg">
      <PageHeader title={`Join ${cohort.name}`} intro={cohort.description ?? "Your instructor will see your practice results and can give you assignments."} />
      {cohort.memberships.length ? (
        <p>You are already in this cohort.</p>
      ) : (
        <ActionForm action={joinCohortAction} submit="Join the cohort" pending="Joining…">
          <input type="hidden" name="code" value={joinCode} />
          <p className="text-sm text-slate-600 dark:text-slate-400">Its instructors will see your attempts, scores and the commands you type in practice.</p>
        </ActionForm>
      )}
    </div>
  );
}
