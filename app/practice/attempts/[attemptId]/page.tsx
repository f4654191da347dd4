// The practice workspace: the task on one side, the terminal on the other, a timer, Check, hints,
// and after the first check (or giving up) the explanation and the reference solution. A closed
// attempt shows the same page as a review, without a terminal.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { renderMarkdown } from "@/lib/lessons/markdown";
import { loadPracticeAttempt } from "@/lib/practice/attempts";
import { ActionButton } from "../../../_components/action-button";
import { CheckResults } from "../../../_components/check-results";
import { KubeconfigAccess } from "../../../_components/kubeconfig-access";
import { Markdown } from "../../../_components/markdown";
import { TerminalPanel } from "../../../_components/terminal/terminal-panel";
import { PracticeTimer } from "../../../_components/timer";
import { checkAction, finishAction, hintAction, resetAction, revokeAccessAction, solutionAction } from "../../actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Practice task" };

export default async function AttemptPage({ params }: { params: Promise<{ attemptId: string }> }) {
  const { attemptId } = await params;
  const user = await requireUser(`/practice/attempts/${attemptId}`);
  const attempt = await loadPracticeAttempt(db, user, attemptId);
  if (!attempt) notFound();
  const { scenario, card } = attempt;
  const open = attempt.status === "active";
  const hints = scenario.meta.hints;
  const back = attempt.preview && card.authoredScenarioId ? { href: `/instructor/authoring/${card.authoredScenarioId}`, label: "Back to the editor" } : { href: `/practice/${scenario.id}`, label: card.title };

  const side = (
    <div className="space-y-5">
      <section aria-labelledby="task-heading">
        <h2 id="task-heading" className="mb-2 text-lg font-semibold">Task</h2>
        <Markdown html={renderMarkdown(scenario.task)} />
      </section>

      {attempt.checkCount > 0 ? (
        <section aria-labelledby="result-heading" data-testid="check-results">
          <h2 id="result-heading" className="mb-2 text-lg font-semibold">
            Last check: {attempt.score}/{attempt.maxScore} points
          </h2>
          <CheckResults checks={attempt.checks} />
          {attempt.lastCheckedAt ? <p className="mt-1 text-xs text-slate-500">Checked {attempt.lastCheckedAt.toISOString().slice(11, 19)} UTC · {attempt.checkCount} check{attempt.checkCount === 1 ? "" : "s"} so far</p> : null}
        </section>
      ) : null}

      {hints.length > 0 ? (
        <section aria-labelledby="hints-heading">
          <h2 id="hints-heading" className="mb-2 text-lg font-semibold">Hints</h2>
          {attempt.hintsShown > 0 ? (
            <ol className="list-decimal space-y-1 pl-5 text-sm">
              {hints.slice(0, attempt.hintsShown).map((h, i) => (
                <li key={i}>{h}</li>
              ))}
            </ol>
          ) : (
            <p className="text-sm text-slate-600 dark:text-slate-400">{hints.length} hint{hints.length === 1 ? "" : "s"} available, one at a time.</p>
          )}
          {open && attempt.hintsShown < hints.length ? (
            <ActionButton action={hintAction.bind(null, attempt.id)} variant="secondary" className="mt-2" pending="Revealing…">
              {attempt.hintsShown === 0 ? "Show a hint" : "Show the next hint"}
            </ActionButton>
          ) : null}
        </section>
      ) : null}

      {attempt.solutionShown ? (
        <section aria-labelledby="solution-heading" className="space-y-3">
          {scenario.explanation ? (
            <div>
              <h2 className="mb-2 text-lg font-semibold">Explanation</h2>
              <Markdown html={renderMarkdown(scenario.explanation)} />
            </div>
          ) : null}
          <h2 id="solution-heading" className="text-lg font-semibold">Reference solution</h2>
          <Markdown html={renderMarkdown("```bash\n" + scenario.solution.trimEnd() + "\n```")} />
        </section>
      ) : open ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">The explanation and a reference solution appear after your first check, or if you give up.</p>
      ) : null}
    </div>
  );

  if (!open) {
    return (
      <div className="space-y-6">
        <nav aria-label="Breadcrumb" className="text-sm">
          <Link href={back.href} className="text-brand-600 hover:underline dark:text-brand-300">{back.label}</Link> / attempt of {attempt.startedAt.toISOString().slice(0, 10)}
        </nav>
        <h1 className="text-2xl font-semibold">{card.title}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          This attempt is {attempt.status === "submitted" ? "finished" : "closed (reset)"}; its terminal is closed.{" "}
          <Link href={`/practice/${scenario.id}`} className="text-brand-600 underline dark:text-brand-300">Start a new attempt</Link>
        </p>
        {side}
      </div>
    );
  }

  return (
    <div data-full-bleed className="flex min-h-[640px] flex-col gap-3 lg:h-[calc(100dvh-7.5rem)]">
      <div className="flex flex-wrap items-center gap-2">
        <div className="mr-auto min-w-0">
          <nav aria-label="Breadcrumb" className="text-xs">
            <Link href={back.href} className="text-brand-600 hover:underline dark:text-brand-300">{back.label}</Link>
          </nav>
          <h1 className="truncate text-xl font-semibold">{card.title}</h1>
        </div>
        <PracticeTimer limitSeconds={scenario.meta.minutes * 60} elapsedSeconds={attempt.elapsedSeconds} running />
        <ActionButton action={checkAction.bind(null, attempt.id)} pending="Checking…">Check</ActionButton>
        {!attempt.solutionShown ? (
          <ActionButton action={solutionAction.bind(null, attempt.id)} variant="secondary" confirm="Show the explanation and the reference solution?" confirmLabel="Show solution">
            Give up
          </ActionButton>
        ) : null}
        <KubeconfigAccess attemptId={attempt.id} revoke={revokeAccessAction.bind(null, attempt.id)} />
        <ActionButton action={resetAction.bind(null, attempt.id)} variant="secondary" confirm="Throw this cluster away and start the scenario afresh?" confirmLabel="Reset" pending="Setting up…">
          Reset
        </ActionButton>
        <ActionButton action={finishAction.bind(null, attempt.id)} variant="secondary" confirm="Grade one last time and close this attempt?" confirmLabel="Finish" pending="Finishing…">
          Finish
        </ActionButton>
      </div>
      <div className="grid min-h-0 flex-1 gap-3 lg:grid-cols-[minmax(320px,2fr)_3fr]">
        <aside aria-label="Task and results" className="min-h-0 overflow-y-auto rounded-xl border border-slate-200 p-4 dark:border-slate-800">
          {side}
        </aside>
        <TerminalPanel attemptId={attempt.id} className="min-h-[420px]" />
      </div>
    </div>
  );
}
