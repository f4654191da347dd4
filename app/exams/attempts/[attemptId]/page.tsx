// A mock exam attempt: the exam screen while the clock runs; afterwards the score report by task
// and by domain with every check, and a review of each task with its explanation and solution.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { loadExamAttempt } from "@/lib/exams/attempts";
import { renderMarkdown } from "@/lib/lessons/markdown";
import { Badge } from "../../../_components/badges";
import { CheckResults } from "../../../_components/check-results";
import { Markdown } from "../../../_components/markdown";
import { ExamWorkspace, type WorkspaceTask } from "./exam-workspace";

export const metadata: Metadata = { title: "Mock exam" };
export const dynamic = "force-dynamic";

/** The composed task text starts with the context and nodes, which the exam screen shows with copy buttons. */
function withoutContextHeader(task: string): string {
  return task.replace(/^> \*\*Context:\*\*.*\n> Nodes of this cluster:.*\n\n/, "");
}

export default async function ExamAttemptPage({ params }: { params: Promise<{ attemptId: string }> }) {
  const { attemptId } = await params;
  const user = await requireUser(`/exams/attempts/${attemptId}`);
  const attempt = await loadExamAttempt(db, user, attemptId);
  if (!attempt) notFound();
  const { exam } = attempt;

  if (attempt.status === "active" && attempt.deadlineAt) {
    const tasks: WorkspaceTask[] = exam.tasks.map((t) => ({
      number: t.number,
      title: t.scenario.meta.title,
      weight: t.weight,
      context: t.context,
      nodes: t.nodes,
      html: renderMarkdown(withoutContextHeader(t.scenario.task)),
      ...(attempt.unavailable[String(t.number)] ? { unavailable: attempt.unavailable[String(t.number)] } : {}),
    }));
    return <ExamWorkspace attemptId={attempt.id} title={exam.meta.title} tasks={tasks} deadline={attempt.deadlineAt.toISOString()} serverNow={new Date().toISOString()} notes={attempt.notes} flagged={attempt.flagged} />;
  }

  const report = attempt.report;
  if (!report) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">{exam.meta.title}</h1>
        <p>This exam ended without a score ({attempt.status}).</p>
        <Link href="/exams" className="text-brand-600 underline dark:text-brand-300">Back to the mock exams</Link>
      </div>
    );
  }
  const taskByNumber = new Map(exam.tasks.map((t) => [t.number, t]));
  return (
    <div className="space-y-8">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/exams" className="text-brand-600 hover:underline dark:text-brand-300">Mock exams</Link> / report
      </nav>
      <header className="flex flex-wrap items-end gap-6">
        <div className="mr-auto">
          <h1 className="text-3xl font-semibold tracking-tight">{exam.meta.title}: score report</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Submitted {attempt.finishedAt?.toISOString().slice(0, 16).replace("T", " ")} UTC
          </p>
        </div>
        <div className="text-right" data-testid="exam-result">
          <p className="text-5xl font-bold tabular-nums">{report.percent}%</p>
          <p className={`text-lg font-semibold ${report.passed ? "text-emerald-700 dark:text-emerald-400" : "text-rose-700 dark:text-rose-400"}`}>
            {report.passed ? "Passed" : "Not passed"} · pass line {report.passPercent}%
          </p>
        </div>
      </header>
      {report.countedWeight < 100 ? (
        <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          {report.tasks.filter((t) => t.unavailable).length} task(s) could not be set up in the simulation and are left out; the other tasks ({report.countedWeight}% of the exam) are scaled to 100%.
        </p>
      ) : null}

      <section aria-labelledby="by-domain">
        <h2 id="by-domain" className="mb-3 text-xl font-semibold">By domain</h2>
        <table className="w-full text-sm" data-testid="domain-scores">
          <thead>
            <tr className="text-left text-slate-600 dark:text-slate-400">
              <th className="py-1 font-medium">Domain</th>
              <th className="py-1 font-medium">Weight</th>
              <th className="py-1 font-medium">Scored</th>
              <th className="py-1 font-medium">Of the domain</th>
            </tr>
          </thead>
          <tbody>
            {report.domains.map((d) => (
              <tr key={d.domain} className="border-t border-slate-200 dark:border-slate-800">
                <td className="py-1.5">{d.title}</td>
                <td className="py-1.5 tabular-nums">{d.weight}%</td>
                <td className="py-1.5 tabular-nums">{d.earned}%</td>
                <td className="py-1.5">
                  <span className="flex items-center gap-2">
                    <span className="h-2 w-24 rounded bg-slate-100 dark:bg-slate-800">
                      <span className={`block h-2 rounded ${d.percent >= report.passPercent ? "bg-emerald-500" : "bg-rose-500"}`} style={{ width: `${d.percent}%` }} />
                    </span>
                    <span className="tabular-nums">{d.percent}%</span>
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="by-task">
        <h2 id="by-task" className="mb-3 text-xl font-semibold">By task, with review</h2>
        <ol className="space-y-2">
          {report.tasks.map((t) => {
            const task = taskByNumber.get(t.number);
            return (
              <li key={t.number} className="rounded-xl border border-slate-200 dark:border-slate-800" data-task={t.number}>
                <details>
                  <summary className="flex cursor-pointer flex-wrap items-center gap-2 px-4 py-3">
                    <span className="font-medium">
                      {t.number}. {t.title}
                    </span>
                    <Badge>weight {t.weight}%</Badge>
                    <span className="ml-auto text-sm tabular-nums">
                      {t.unavailable ? <Badge tone="warn">not counted</Badge> : <Badge tone={t.earned === t.total ? "good" : t.earned > 0 ? "warn" : "bad"}>{t.earned}/{t.total} points · {t.contribution}%</Badge>}
                    </span>
                  </summary>
                  <div className="space-y-4 border-t border-slate-200 px-4 py-3 dark:border-slate-800">
                    {t.unavailable ? <p className="text-sm text-amber-800 dark:text-amber-300">Could not be set up in the simulation: {t.unavailable}</p> : <CheckResults checks={t.checks} showExplanations />}
                    {task ? (
                      <>
                        <div>
                          <h3 className="mb-1 font-semibold">The task</h3>
                          <Markdown html={renderMarkdown(task.scenario.task)} />
                        </div>
                        {task.scenario.explanation ? (
                          <div>
                            <h3 className="mb-1 font-semibold">Explanation</h3>
                            <Markdown html={renderMarkdown(task.scenario.explanation)} />
                          </div>
                        ) : null}
                        <div>
                          <h3 className="mb-1 font-semibold">Reference solution</h3>
                          <Markdown html={renderMarkdown("```bash\n" + task.scenario.solution.trimEnd() + "\n```")} />
                        </div>
                      </>
                    ) : null}
                  </div>
                </details>
              </li>
            );
          })}
        </ol>
      </section>
    </div>
  );
}
