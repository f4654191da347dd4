// The practice catalogue: every scenario the learner may open, filtered by domain, topic,
// difficulty and their own status, or searched by words. Filters are a plain GET form, so they
// work without JavaScript and the URL can be shared.
import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { practiceProgress } from "@/lib/practice/attempts";
import { filterScenarios, PRACTICE_STATUSES, type PracticeFilters } from "@/lib/practice/filters";
import { visibleScenarios } from "@/lib/practice/scenarios";
import { DIFFICULTIES, DOMAINS, DOMAIN_IDS } from "@/lib/scenarios/curriculum";
import { Badge, DifficultyBadge } from "../_components/badges";
import { EmptyState, PageHeader } from "../_components/ui";

export const metadata: Metadata = { title: "Practice" };
export const dynamic = "force-dynamic";

const selectClass = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950";

export default async function PracticePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser("/practice");
  const params = await searchParams;
  const one = (k: string) => (typeof params[k] === "string" ? (params[k] as string) : "");
  const filters: PracticeFilters = { domain: one("domain"), topic: one("topic"), difficulty: one("difficulty"), status: one("status"), q: one("q") };
  const [cards, progress] = await Promise.all([visibleScenarios(db, user), practiceProgress(db, user.id)]);
  const topics = [...new Set(cards.flatMap((c) => c.topics))].sort();
  const shown = filterScenarios(cards, progress, filters);

  return (
    <div>
      <PageHeader title="Practice" intro="Timed tasks in a simulated cluster, solved with kubectl in a web terminal and graded on the cluster's final state." />
      <form method="get" className="mb-6 grid gap-3 rounded-xl border border-slate-200 p-4 sm:grid-cols-2 lg:grid-cols-6 dark:border-slate-800" aria-label="Filter scenarios">
        <div className="lg:col-span-2">
          <label htmlFor="q" className="block text-sm font-medium">Search</label>
          <input id="q" name="q" type="search" defaultValue={filters.q} placeholder="e.g. etcd, ingress, drain" className={selectClass} />
        </div>
        <div>
          <label htmlFor="domain" className="block text-sm font-medium">Domain</label>
          <select id="domain" name="domain" defaultValue={filters.domain} className={selectClass}>
            <option value="">All domains</option>
            {DOMAIN_IDS.map((d) => (
              <option key={d} value={d}>{DOMAINS[d].title}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="topic" className="block text-sm font-medium">Topic</label>
          <select id="topic" name="topic" defaultValue={filters.topic} className={selectClass}>
            <option value="">All topics</option>
            {topics.map((t) => (
              <option key={t} value={t}>{t}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="difficulty" className="block text-sm font-medium">Difficulty</label>
          <select id="difficulty" name="difficulty" defaultValue={filters.difficulty} className={selectClass}>
            <option value="">Any</option>
            {DIFFICULTIES.map((d) => (
              <option key={d} value={d}>{d}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="status" className="block text-sm font-medium">Your status</label>
          <select id="status" name="status" defaultValue={filters.status} className={selectClass}>
            <option value="">Any</option>
            {PRACTICE_STATUSES.map((s) => (
              <option key={s.id} value={s.id}>{s.label}</option>
            ))}
          </select>
        </div>
        <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-6">
          <button type="submit" className="rounded-md bg-brand-500 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-600">Apply filters</button>
          <Link href="/practice" className="rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800">Clear</Link>
          <p className="ml-auto text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
            {shown.length} of {cards.length} scenarios
          </p>
        </div>
      </form>

      {shown.length === 0 ? (
        <EmptyState title="No scenario matches">Try fewer filters or another search word.</EmptyState>
      ) : (
        <ul className="grid gap-3 md:grid-cols-2" aria-label="Scenarios">
          {shown.map(({ card, status, progress: p }) => (
            <li key={card.id} className="rounded-xl border border-slate-200 p-4 hover:border-brand-300 dark:border-slate-800 dark:hover:border-brand-700">
              <div className="flex items-start gap-2">
                <h2 className="flex-1 font-semibold">
                  <Link href={`/practice/${card.id}`} className="hover:underline">{card.title}</Link>
                </h2>
                {status.id === "passed" ? <Badge tone="good">Full marks</Badge> : status.id === "in-progress" ? <Badge tone="brand">In progress</Badge> : status.id === "attempted" ? <Badge tone="warn">Best {p?.bestPercent}%</Badge> : null}
              </div>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{card.domainTitle}</p>
              <div className="mt-2 flex flex-wrap items-center gap-1.5 text-xs">
                <DifficultyBadge difficulty={card.difficulty} />
                <Badge>{card.minutes} min</Badge>
                <Badge>{card.points} points</Badge>
                {card.source === "authored" ? <Badge tone="brand">From your instructor</Badge> : null}
                {card.topics.map((t) => (
                  <Badge key={t}>#{t}</Badge>
                ))}
              </div>
              {card.inExam ? <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">Also a task of {card.inExam}.</p> : null}
              {card.knownGap ? <p className="mt-2 text-xs text-amber-800 dark:text-amber-300" title={card.knownGap}>The simulation cannot fully solve this one yet; some checks may not pass.</p> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
