// One cohort for its instructors: how learners join, members, assignments with due dates, the
// learner × scenario matrix of best scores, and which checks the cohort fails most.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { allExams } from "@/lib/exams/attempts";
import { cohortDetail } from "@/lib/instructor/cohorts";
import { cohortResults } from "@/lib/instructor/results";
import { visibleScenarios } from "@/lib/practice/scenarios";
import { ActionButton } from "../../../_components/action-button";
import { Badge } from "../../../_components/badges";
import { CopyButton } from "../../../_components/copy-button";
import { ActionForm } from "../../../_components/form-action";
import { Card } from "../../../_components/ui";
import { addAssignmentAction, removeAssignmentAction, removeMemberAction, rotateCodeAction } from "../../actions";

export const metadata: Metadata = { title: "Cohort" };

function cellStyle(best: number): string {
  if (best >= 100) return "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100";
  if (best >= 66) return "bg-lime-100 text-lime-900 dark:bg-lime-900 dark:text-lime-100";
  if (best > 0) return "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100";
  return "bg-rose-100 text-rose-900 dark:bg-rose-950 dark:text-rose-100";
}

export default async function CohortPage({ params }: { params: Promise<{ cohortId: string }> }) {
  const { cohortId } = await params;
  const user = await requireRole("instructor", `/instructor/cohorts/${cohortId}`);
  const cohort = await cohortDetail(db, user, cohortId);
  if (!cohort) notFound();
  const [results, scenarios] = await Promise.all([cohortResults(db, cohort), visibleScenarios(db, user)]);
  const exams = allExams();
  const titleOf = (kind: string, id: string) => (kind === "scenario" ? (scenarios.find((s) => s.id === id)?.title ?? id) : (exams.find((e) => e.meta.id === id)?.meta.title ?? id));
  const base = process.env.NEXTAUTH_URL ?? "";
  const invite = cohort.joinCode ? `${base}/join/${cohort.joinCode}` : null;

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/instructor" className="text-brand-600 hover:underline dark:text-brand-300">Instructor</Link> / cohort
      </nav>
      <header>
        <h1 className="text-3xl font-semibold tracking-tight">{cohort.name}</h1>
        {cohort.description ? <p className="mt-1 text-slate-600 dark:text-slate-400">{cohort.description}</p> : null}
      </header>

      <div className="grid gap-4 lg:grid-cols-3">
        <Card title="Invite learners">
          {cohort.joinCode ? (
            <div className="space-y-2 text-sm">
              <p>Learners join with this code on their dashboard:</p>
              <p className="flex items-center gap-2">
                <span className="rounded bg-slate-100 px-2 py-1 font-mono text-lg tracking-widest dark:bg-slate-800" data-testid="join-code">{cohort.joinCode}</span>
                <CopyButton text={cohort.joinCode} label="Copy the join code" />
              </p>
              <p>or with the invite link:</p>
              <p className="flex items-center gap-2">
                <span className="min-w-0 flex-1 truncate font-mono text-xs">{invite}</span>
                <CopyButton text={invite!} label="Copy the invite link" />
              </p>
              <div className="flex flex-wrap gap-2 pt-1">
                <ActionButton action={rotateCodeAction.bind(null, cohortId, true)} variant="secondary" confirm="Replace the code? The old code and link stop working." confirmLabel="New code">New code</ActionButton>
                <ActionButton action={rotateCodeAction.bind(null, cohortId, false)} variant="secondary">Close joining</ActionButton>
              </div>
            </div>
          ) : (
            <div className="space-y-2 text-sm">
              <p>Joining is closed.</p>
              <ActionButton action={rotateCodeAction.bind(null, cohortId, true)}>Open with a new code</ActionButton>
            </div>
          )}
        </Card>

        <Card title={`Learners (${cohort.learners.length})`} className="lg:col-span-2">
          {cohort.learners.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">Nobody has joined yet.</p>
          ) : (
            <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800" aria-label="Learners">
              {cohort.learners.map((l) => (
                <li key={l.id} className="flex flex-wrap items-center gap-2 py-1.5">
                  <Link href={`/instructor/learners/${l.id}`} className="font-medium text-brand-600 hover:underline dark:text-brand-300">{l.name ?? l.email}</Link>
                  <span className="text-slate-500">{l.email}</span>
                  <span className="ml-auto text-xs text-slate-500">joined {l.joinedAt.toISOString().slice(0, 10)}</span>
                  <ActionButton action={removeMemberAction.bind(null, cohortId, l.id)} variant="secondary" confirm={`Remove ${l.name ?? l.email} from the cohort?`} confirmLabel="Remove">Remove</ActionButton>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>

      <Card title="Assignments">
        {cohort.assignments.length === 0 ? <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">No assignments yet.</p> : (
          <ul className="mb-4 divide-y divide-slate-200 text-sm dark:divide-slate-800">
            {cohort.assignments.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center gap-2 py-1.5">
                <Badge>{a.kind === "scenario" ? "task" : "mock exam"}</Badge>
                <span className="font-medium">{titleOf(a.kind, a.targetId)}</span>
                {a.note ? <span className="text-slate-600 dark:text-slate-400">— {a.note}</span> : null}
                <span className="ml-auto">{a.dueAt ? `due ${a.dueAt.toISOString().slice(0, 10)}` : "no due date"}</span>
                <ActionButton action={removeAssignmentAction.bind(null, cohortId, a.id)} variant="secondary">Remove</ActionButton>
              </li>
            ))}
          </ul>
        )}
        <ActionForm action={addAssignmentAction.bind(null, cohortId)} submit="Assign" className="grid gap-3 md:grid-cols-[2fr_1fr_2fr_auto] md:items-end md:space-y-0">
          <div>
            <label htmlFor="target" className="block text-sm font-medium">Scenario or mock exam</label>
            <select id="target" name="target" required className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-sm dark:border-slate-700 dark:bg-slate-950">
              <optgroup label="Mock exams">
                {exams.map((e) => (
                  <option key={e.meta.id} value={`exam:${e.meta.id}`}>{e.meta.title}</option>
                ))}
              </optgroup>
              <optgroup label="Scenarios">
                {scenarios.map((s) => (
                  <option key={s.id} value={`scenario:${s.id}`}>{s.title}{s.source === "authored" ? " (yours)" : ""}</option>
                ))}
              </optgroup>
            </select>
          </div>
          <div>
            <label htmlFor="due" className="block text-sm font-medium">Due (optional)</label>
            <input id="due" name="due" type="date" className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950" />
          </div>
          <div>
            <label htmlFor="note" className="block text-sm font-medium">Note (optional)</label>
            <input id="note" name="note" maxLength={300} className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950" />
          </div>
        </ActionForm>
      </Card>

      <section aria-labelledby="matrix-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <h2 id="matrix-heading" className="mb-3 text-lg font-semibold">Best scores</h2>
        {results.scenarios.length === 0 || cohort.learners.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">Scores appear here once learners check their work.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="text-sm" data-testid="cohort-matrix">
              <thead>
                <tr>
                  <th scope="col" className="sticky left-0 bg-white px-2 py-1 text-left dark:bg-slate-900">Learner</th>
                  {results.scenarios.map((s) => (
                    <th key={s.id} scope="col" className="max-w-[8rem] px-2 py-1 text-left align-bottom text-xs font-medium" title={s.id}>
                      {s.title}
                      {s.assigned ? <span className="block text-[10px] text-brand-600 dark:text-brand-300">assigned</span> : null}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {cohort.learners.map((l) => (
                  <tr key={l.id} className="border-t border-slate-200 dark:border-slate-800">
                    <th scope="row" className="sticky left-0 bg-white px-2 py-1 text-left font-normal dark:bg-slate-900">
                      <Link href={`/instructor/learners/${l.id}`} className="hover:underline">{l.name ?? l.email}</Link>
                    </th>
                    {results.scenarios.map((s) => {
                      const cell = results.cells[l.id]?.[s.id];
                      return (
                        <td key={s.id} className="px-1 py-1 text-center">
                          {cell ? <span className={`inline-block min-w-12 rounded px-1.5 py-0.5 tabular-nums ${cellStyle(cell.best)}`} title={`${cell.attempts} graded attempt(s)`}>{cell.best}%</span> : <span className="text-slate-400" aria-label="not tried">—</span>}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="failures-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <h2 id="failures-heading" className="mb-3 text-lg font-semibold">Checks the cohort fails</h2>
        {results.failures.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No graded attempts yet.</p>
        ) : (
          <div className="grid gap-4 md:grid-cols-2">
            {results.failures.map((f) => (
              <div key={f.scenarioId}>
                <h3 className="font-medium">{f.title}</h3>
                <ul className="mt-1 space-y-1 text-sm">
                  {f.checks.map((c) => (
                    <li key={c.id} className="flex items-center gap-2">
                      <span className="h-2 w-20 shrink-0 rounded bg-slate-100 dark:bg-slate-800" aria-hidden="true">
                        <span className="block h-2 rounded bg-rose-500" style={{ width: `${(c.failed / c.graded) * 100}%` }} />
                      </span>
                      <span className="tabular-nums">{Math.round((c.failed / c.graded) * 100)}% fail</span>
                      <span className="text-slate-600 dark:text-slate-400">{c.description}</span>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        )}
      </section>
    </div>
  );
}
