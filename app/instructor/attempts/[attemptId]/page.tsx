// One attempt for an instructor: the checks and every command the learner typed, in order.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { attemptDetail } from "@/lib/instructor/results";
import { formatDuration } from "../../../_components/badges";
import { CheckResults } from "../../../_components/check-results";
import { Card } from "../../../_components/ui";

export const metadata: Metadata = { title: "Attempt" };

export default async function InstructorAttemptPage({ params }: { params: Promise<{ attemptId: string }> }) {
  const { attemptId } = await params;
  const user = await requireRole("instructor", `/instructor/attempts/${attemptId}`);
  const a = await attemptDetail(db, user, attemptId);
  if (!a) notFound();
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={`/instructor/learners/${a.learner.id}`} className="text-brand-600 hover:underline dark:text-brand-300">{a.learner.name ?? a.learner.email}</Link> / attempt
      </nav>
      <h1 className="text-3xl font-semibold tracking-tight">{a.title}</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Started {a.startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC · {a.status} · {formatDuration(a.timeUsedSeconds ?? 0)} in the terminal · {a.score !== null ? `${a.score}/${a.maxScore} points` : "not checked"}
      </p>
      {a.checks.length ? (
        <Card title="Checks at the last grading">
          <CheckResults checks={a.checks} showExplanations />
        </Card>
      ) : null}
      <Card title={`Command history (${a.commands.length})`}>
        {a.commands.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No commands typed.</p>
        ) : (
          <ol className="max-h-[32rem] overflow-y-auto rounded-lg bg-slate-900 p-3 font-mono text-xs text-slate-100" aria-label="Commands" data-testid="command-history">
            {a.commands.map((c) => (
              <li key={c.seq} className="flex gap-3 whitespace-pre-wrap">
                <span className="shrink-0 text-slate-500">{c.executedAt.toISOString().slice(11, 19)}</span>
                <span className="shrink-0 text-slate-400">{c.location ?? ""}#{c.terminalId}</span>
                <span className="min-w-0 flex-1 break-all">{c.line}</span>
                <span className={`shrink-0 ${c.exitCode === 0 ? "text-emerald-400" : "text-rose-400"}`}>{c.exitCode ?? ""}</span>
              </li>
            ))}
          </ol>
        )}
      </Card>
    </div>
  );
}
