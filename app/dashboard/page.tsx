// The learner dashboard: readiness per exam domain (weighted like the exam), scores over time,
// time spent, streak, weakest topics with scenarios to practise, assignments, and history.
import type { Metadata } from "next";
import dynamic from "next/dynamic";
import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { COVERAGE_TARGET } from "@/lib/dashboard/metrics";
import { learnerDashboard } from "@/lib/dashboard/summary";
import { EXAM_FORMAT } from "@/lib/scenarios/curriculum";
import { Badge, formatDuration } from "../_components/badges";
import { Field } from "../_components/form";
import { ActionForm } from "../_components/form-action";
import { joinCohortAction } from "../join/actions";
import { Card, EmptyState, PageHeader } from "../_components/ui";

export const metadata: Metadata = { title: "Dashboard" };


const ScoreChart = dynamic(() => import("./score-chart").then((m) => m.ScoreChart));

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="rounded-xl border border-slate-200 p-4 dark:border-slate-800">
      <dt className="text-sm text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold">{value}</dd>
      {hint ? <dd className="text-xs text-slate-500 dark:text-slate-400">{hint}</dd> : null}
    </div>
  );
}

function Region({ title, children, className = "" }: { title: string; children: React.ReactNode; className?: string }) {
  const id = `dash-${title.toLowerCase().replace(/[^a-z]+/g, "-")}`;
  return (
    <section aria-labelledby={id} className={`rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900 ${className}`}>
      <h2 id={id} className="mb-3 text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

export default async function DashboardPage() {
  const user = await requireUser("/dashboard");
  const d = await learnerDashboard(db, user);
  const firstName = (user.name ?? user.email).split(/[\s@]/)[0];
  const pass = EXAM_FORMAT.passPercent;

  return (
    <div className="space-y-6">
      <PageHeader title={`Welcome, ${firstName}`} intro="Your practice, exams and lessons, in one place." />

      <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
        <Stat label="Exam readiness" value={`${d.readiness.overall}%`} hint={`pass line ${pass}%`} />
        <Stat label="Time practising" value={formatDuration(d.secondsSpent)} hint={`${formatDuration(d.secondsThisWeek)} this week`} />
        <Stat label="Streak" value={`${d.streakDays} day${d.streakDays === 1 ? "" : "s"}`} hint="days in a row with practice" />
        <Stat label="Lessons completed" value={`${d.lessonsCompleted}/${d.lessonsTotal}`} />
      </dl>

      <div className="grid gap-4 lg:grid-cols-2">
        <Region title="Readiness by domain">
          <ul className="space-y-3" aria-label="Domains">
            {d.readiness.domains.map((r) => (
              <li key={r.domain}>
                <div className="flex justify-between text-sm">
                  <span>
                    {r.title} <span className="text-slate-500 dark:text-slate-400">({r.weight}% of the exam)</span>
                  </span>
                  <span className="font-medium tabular-nums">{r.readiness}%</span>
                </div>
                <div className="mt-1 h-2 rounded bg-slate-100 dark:bg-slate-800" role="progressbar" aria-label={`${r.title} readiness`} aria-valuenow={r.readiness} aria-valuemin={0} aria-valuemax={100}>
                  <div className={`h-2 rounded ${r.readiness >= pass ? "bg-emerald-500" : "bg-brand-500"}`} style={{ width: `${r.readiness}%` }} />
                </div>
                <p className="text-xs text-slate-500 dark:text-slate-400">
                  {r.tried === 0 ? "No scenario tried yet." : `Average best ${r.averageBest}% over ${r.tried} scenario${r.tried === 1 ? "" : "s"}${r.tried < COVERAGE_TARGET ? ` (full weight from ${COVERAGE_TARGET})` : ""}.`}
                </p>
              </li>
            ))}
          </ul>
        </Region>
        <Region title="Scores over time">
          {d.scores.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">Check a task or finish a mock exam and your scores are plotted here.</p> : <ScoreChart points={d.scores} passPercent={pass} />}
        </Region>
      </div>

      {d.assignments.length > 0 ? (
        <Region title="Your assignments">
          <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800">
            {d.assignments.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center gap-2 py-2">
                <Link href={a.kind === "scenario" ? `/practice/${a.targetId}` : `/exams/${a.targetId}`} className="font-medium text-brand-600 hover:underline dark:text-brand-300">
                  {a.title}
                </Link>
                <Badge>{a.kind === "scenario" ? "task" : "mock exam"}</Badge>
                <span className="text-slate-600 dark:text-slate-400">{a.cohort}</span>
                <span className="ml-auto">{a.done ? <Badge tone="good">Done</Badge> : a.dueAt ? <Badge tone={a.dueAt < new Date() ? "bad" : "warn"}>Due {a.dueAt.toISOString().slice(0, 10)}</Badge> : <Badge>Open</Badge>}</span>
              </li>
            ))}
          </ul>
        </Region>
      ) : null}

      <Region title="Weakest topics">
        {d.weakTopics.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">Nothing weak yet: topics where your best scores stay below full marks show here with scenarios to practise.</p>
        ) : (
          <ul className="grid gap-3 md:grid-cols-3">
            {d.weakTopics.map((w) => (
              <li key={w.topic} className="rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-800">
                <p className="font-medium">#{w.topic}</p>
                <p className="text-slate-600 dark:text-slate-400">Average best {w.averageBest}% over {w.tried} scenario{w.tried === 1 ? "" : "s"}</p>
                {w.suggestions.length ? (
                  <ul className="mt-2 space-y-1">
                    {w.suggestions.map((s) => (
                      <li key={s.id}>
                        Practise: <Link href={`/practice/${s.id}`} className="text-brand-600 hover:underline dark:text-brand-300">{s.title}</Link>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Region>

      <div className="grid gap-4 lg:grid-cols-2">
        <Region title="Recent practice">
          {d.attempts.length === 0 ? (
            <EmptyState title="No practice yet" action={{ href: "/practice", label: "Open the catalogue" }}>
              Your task attempts, their scores and the checks you passed will be listed here.
            </EmptyState>
          ) : (
            <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800">
              {d.attempts.map((a) => (
                <li key={a.id} className="flex justify-between gap-2 py-2">
                  <Link href={`/practice/attempts/${a.id}`} className="text-brand-600 hover:underline dark:text-brand-300">{a.title}</Link>
                  <span className="text-slate-600 dark:text-slate-400">
                    {a.status === "active" ? "open" : a.status === "submitted" ? "finished" : "reset"}
                    {a.score !== null && a.maxScore !== null ? ` · ${a.score}/${a.maxScore}` : ""} · {a.startedAt.toISOString().slice(0, 10)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Region>
        <Region title="Mock exams">
          {d.exams.length === 0 ? (
            <EmptyState title="No mock exams taken" action={{ href: "/exams", label: "See the mock exams" }}>
              Two hours, 15 to 20 tasks, a pass mark of {pass}% — like the real exam. Your results will appear here.
            </EmptyState>
          ) : (
            <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800">
              {d.exams.map((e) => (
                <li key={e.id} className="flex justify-between gap-2 py-2">
                  <Link href={`/exams/attempts/${e.id}`} className="text-brand-600 hover:underline dark:text-brand-300">{e.title}</Link>
                  <span className="text-slate-600 dark:text-slate-400">
                    {e.status === "active" ? "in progress" : e.percent !== null ? `${e.percent}% · ${e.passed ? "passed" : "not passed"}` : e.status} · {e.startedAt.toISOString().slice(0, 10)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Region>
      </div>

      <Card title="Your cohorts">
        {d.cohorts.length === 0 ? (
          <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">Not in a cohort. If your instructor gave you a code, join here.</p>
        ) : (
          <ul className="mb-3 list-inside list-disc text-sm" aria-label="Cohorts">
            {d.cohorts.map((c) => (
              <li key={c.id}>{c.name}</li>
            ))}
          </ul>
        )}
        <ActionForm action={joinCohortAction} submit="Join" pending="Joining…" className="max-w-sm">
          <Field id="join-code" name="code" label="Cohort code" required autoComplete="off" placeholder="e.g. K8SX4PQR" />
        </ActionForm>
      </Card>
    </div>
  );
}
