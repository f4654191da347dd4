// The mock exams: the real exam's shape (two hours, 15 to 20 weighted tasks on several clusters,
// 66% to pass), and the learner's results.
import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { activeExam, allExams, examHistory } from "@/lib/exams/attempts";
import { Badge } from "../_components/badges";
import { EmptyState, PageHeader } from "../_components/ui";

export const metadata: Metadata = { title: "Mock exams" };

export default async function ExamsPage() {
  const user = await requireUser("/exams");
  const [exams, history, open] = [allExams(), await examHistory(db, user.id), await activeExam(db, user.id)];
  const titles = new Map(exams.map((e) => [e.meta.id, e.meta.title]));
  return (
    <div className="space-y-8">
      <PageHeader title="Mock exams" intro="Two hours, weighted tasks on several clusters, each with its own context and nodes reached over ssh — graded on the clusters' final state, with 66% to pass." />
      {open ? (
        <p role="status" className="rounded-md border border-brand-300 bg-brand-50 px-4 py-3 text-sm dark:border-brand-700 dark:bg-brand-900/40">
          You have an exam in progress: <Link href={`/exams/attempts/${open.id}`} className="font-medium underline">{titles.get(open.examId) ?? open.examId}</Link>. Its timer is running.
        </p>
      ) : null}
      {exams.length === 0 ? (
        <EmptyState title="No mock exams yet">Mock exams are written in scenarios/exams; none is in this catalogue.</EmptyState>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2" aria-label="Mock exams">
          {exams.map((exam) => (
            <li key={exam.meta.id} className="rounded-xl border border-slate-200 p-5 dark:border-slate-800">
              <h2 className="text-lg font-semibold">
                <Link href={`/exams/${exam.meta.id}`} className="hover:underline">{exam.meta.title}</Link>
              </h2>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{exam.meta.description}</p>
              <div className="mt-3 flex flex-wrap gap-1.5">
                <Badge>{exam.meta.minutes} min</Badge>
                <Badge>{exam.tasks.length} tasks</Badge>
                <Badge>{exam.environment.clusters.length} clusters</Badge>
                <Badge>pass {exam.meta.passPercent}%</Badge>
              </div>
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="exam-history">
        <h2 id="exam-history" className="mb-3 text-lg font-semibold">Your results</h2>
        {history.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No mock exam taken yet.</p>
        ) : (
          <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800">
            {history.map((h) => (
              <li key={h.id} className="flex flex-wrap justify-between gap-2 py-2">
                <Link href={`/exams/attempts/${h.id}`} className="text-brand-600 hover:underline dark:text-brand-300">
                  {titles.get(h.examId) ?? h.examId} · {h.startedAt.toISOString().slice(0, 16).replace("T", " ")}
                </Link>
                <span>{h.status === "active" ? <Badge tone="brand">in progress</Badge> : h.score !== null && h.maxScore ? <Badge tone={h.passed ? "good" : "bad"}>{Math.round((h.score / h.maxScore) * 1000) / 10}% · {h.passed ? "passed" : "not passed"}</Badge> : <Badge>{h.status}</Badge>}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
