import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { learnerSummary } from "@/lib/progress/learner-summary";
import { Card, EmptyState, PageHeader } from "../_components/ui";

export const metadata: Metadata = { title: "Dashboard" };

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div className="rounded-xl border border-slate-200 p-4 dark:border-slate-800">
      <dt className="text-sm text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold">{value}</dd>
    </div>
  );
}

export default async function DashboardPage() {
  const user = await requireUser("/dashboard");
  const summary = await learnerSummary(db, user.id);
  const firstName = (user.name ?? user.email).split(/[\s@]/)[0];

  return (
    <div className="space-y-8">
      <PageHeader title={`Welcome, ${firstName}`} intro="Your practice, exams and lessons, in one place." />

      <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
        <Stat label="Tasks attempted" value={summary.scenarioAttempts} />
        <Stat label="Tasks submitted" value={summary.scenariosFinished} />
        <Stat label="Mock exams passed" value={summary.examsPassed} />
        <Stat label="Lessons completed" value={summary.lessonsCompleted} />
      </dl>

      <Card title="Recent practice">
        {summary.recentAttempts.length === 0 ? (
          <EmptyState title="No practice yet">
            Your task attempts, their scores and the checks you passed will be listed here. The practice catalogue and the web
            terminal are being built and are not open yet.
          </EmptyState>
        ) : (
          <ul className="divide-y divide-slate-200 dark:divide-slate-800">
            {summary.recentAttempts.map((a) => (
              <li key={a.id} className="flex justify-between py-2 text-sm">
                <span className="font-mono">{a.scenarioId}</span>
                <span className="text-slate-600 dark:text-slate-400">
                  {a.status}
                  {a.score !== null && a.maxScore !== null ? ` · ${a.score}/${a.maxScore}` : ""} · {a.startedAt.toISOString().slice(0, 10)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <div className="grid gap-4 md:grid-cols-2">
        <Card title="Mock exams">
          {summary.examAttempts === 0 ? (
            <EmptyState title="No mock exams taken">
              Timed mock exams with a pass mark are coming; your results will appear here.
            </EmptyState>
          ) : (
            <p className="text-sm">
              {summary.examAttempts} taken, {summary.examsPassed} passed.
            </p>
          )}
        </Card>
        <Card title="Your cohorts">
          {summary.cohorts.length === 0 ? (
            <EmptyState title="Not in a cohort">If an instructor adds you to a cohort, it shows here.</EmptyState>
          ) : (
            <ul className="list-inside list-disc text-sm">
              {summary.cohorts.map((c) => (
                <li key={c.id}>{c.name}</li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
