// One scenario: what it asks, how long it should take, and the learner's attempts at it.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { renderMarkdown } from "@/lib/lessons/markdown";
import { attemptsAt } from "@/lib/practice/attempts";
import { findScenario } from "@/lib/practice/scenarios";
import { ActionButton } from "../../_components/action-button";
import { Badge, DifficultyBadge, formatDuration, percent } from "../../_components/badges";
import { Markdown } from "../../_components/markdown";
import { Card } from "../../_components/ui";
import { startPracticeAction } from "../actions";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ scenarioId: string }> }): Promise<Metadata> {
  return { title: (await params).scenarioId };
}

export default async function ScenarioPage({ params }: { params: Promise<{ scenarioId: string }> }) {
  const { scenarioId } = await params;
  const user = await requireUser(`/practice/${scenarioId}`);
  const found = await findScenario(db, user, scenarioId);
  if (!found) notFound();
  const { card, scenario } = found;
  const attempts = await attemptsAt(db, user.id, scenarioId);
  const open = attempts.find((a) => a.status === "active");

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/practice" className="text-brand-600 hover:underline dark:text-brand-300">Practice</Link> / {card.domainTitle}
      </nav>
      <div className="flex flex-wrap items-start gap-4">
        <div className="flex-1">
          <h1 className="text-3xl font-semibold tracking-tight">{card.title}</h1>
          <div className="mt-2 flex flex-wrap gap-1.5">
            <DifficultyBadge difficulty={card.difficulty} />
            <Badge>{card.minutes} min</Badge>
            <Badge>{card.points} points</Badge>
            {card.topics.map((t) => (
              <Badge key={t}>#{t}</Badge>
            ))}
          </div>
        </div>
        <ActionButton action={startPracticeAction.bind(null, scenarioId)} pending="Setting up your cluster…">
          {open ? "Resume attempt" : attempts.length ? "Start a new attempt" : "Start"}
        </ActionButton>
      </div>
      {card.inExam ? <p className="text-sm text-slate-600 dark:text-slate-400">This scenario is also a task of {card.inExam}: practising it here first will spoil that task in the exam.</p> : null}
      {card.knownGap ? (
        <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          Kubecoach&apos;s simulation cannot fully solve this scenario yet ({card.knownGap}). You can still practise it, but some checks may not pass.
        </p>
      ) : null}
      <Card title="The task">
        <Markdown html={renderMarkdown(scenario.task)} />
      </Card>
      <Card title="Your attempts">
        {attempts.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">You have not tried this scenario yet. The timer starts when you open the terminal.</p>
        ) : (
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left text-slate-600 dark:text-slate-400">
                <th className="py-1 font-medium">Started</th>
                <th className="py-1 font-medium">Status</th>
                <th className="py-1 font-medium">Score</th>
                <th className="py-1 font-medium">Checks</th>
                <th className="py-1 font-medium">Time</th>
              </tr>
            </thead>
            <tbody>
              {attempts.map((a) => {
                const p = percent(a.score, a.maxScore);
                return (
                  <tr key={a.id} className="border-t border-slate-200 dark:border-slate-800">
                    <td className="py-1.5">
                      <Link href={`/practice/attempts/${a.id}`} className="text-brand-600 hover:underline dark:text-brand-300">
                        {a.startedAt.toISOString().slice(0, 16).replace("T", " ")}
                      </Link>
                    </td>
                    <td className="py-1.5">{a.status === "active" ? "open" : a.status === "submitted" ? "finished" : a.status === "abandoned" ? "reset" : a.status}</td>
                    <td className="py-1.5">{p === null ? "not checked" : `${a.score}/${a.maxScore} (${p}%)`}</td>
                    <td className="py-1.5">{a.checkCount}</td>
                    <td className="py-1.5">{formatDuration(a.timeUsedSeconds ?? 0)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
