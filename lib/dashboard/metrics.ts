// The learner dashboard's numbers, as pure functions of attempts: readiness per exam domain
// (weighted like the exam), streak, weakest topics. Kept free of the database so they are tested
// on their own and explained in one place.
import { DOMAINS, DOMAIN_IDS, type Domain } from "../scenarios/curriculum";

/** One graded try at a scenario (practice, or a task of a mock exam). */
export type GradedTry = { scenarioId: string; domain: Domain; topics: string[]; percent: number; at: Date };

/** How many different scenarios of a domain count as having covered it. */
export const COVERAGE_TARGET = 5;

export type DomainReadiness = { domain: Domain; title: string; weight: number; tried: number; averageBest: number | null; readiness: number };

/**
 * Readiness in a domain: the average of your best score on each scenario of the domain you have
 * tried, scaled down until you have tried COVERAGE_TARGET different ones (one lucky task is not
 * readiness). Overall readiness weights the domains as the exam does.
 */
export function readiness(tries: GradedTry[]): { domains: DomainReadiness[]; overall: number } {
  const best = new Map<string, GradedTry>();
  for (const t of tries) if ((best.get(t.scenarioId)?.percent ?? -1) < t.percent) best.set(t.scenarioId, t);
  const domains = DOMAIN_IDS.map((domain) => {
    const scores = [...best.values()].filter((t) => t.domain === domain).map((t) => t.percent);
    const averageBest = scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null;
    const value = averageBest === null ? 0 : averageBest * Math.min(1, scores.length / COVERAGE_TARGET);
    return { domain, title: DOMAINS[domain].title, weight: DOMAINS[domain].weight, tried: scores.length, averageBest: averageBest === null ? null : round(averageBest), readiness: round(value) };
  });
  const overall = round(domains.reduce((sum, d) => sum + (d.weight * d.readiness) / 100, 0));
  return { domains, overall };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** yyyy-mm-dd of a date in UTC (the server does not know the learner's time zone). */
export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Days in a row, ending today or yesterday, with any practice, exam or lesson activity. */
export function streak(activity: Date[], today: Date): number {
  const days = new Set(activity.map(dayOf));
  const cursor = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  if (!days.has(dayOf(cursor))) cursor.setUTCDate(cursor.getUTCDate() - 1);
  let count = 0;
  while (days.has(dayOf(cursor))) {
    count++;
    cursor.setUTCDate(cursor.getUTCDate() - 1);
  }
  return count;
}

export type WeakTopic = { topic: string; averageBest: number; tried: number };

/** Topics with the lowest average best score (at least one try), weakest first. */
export function weakestTopics(tries: GradedTry[], limit = 3): WeakTopic[] {
  const best = new Map<string, GradedTry>();
  for (const t of tries) if ((best.get(t.scenarioId)?.percent ?? -1) < t.percent) best.set(t.scenarioId, t);
  const byTopic = new Map<string, number[]>();
  for (const t of best.values()) for (const topic of t.topics) byTopic.set(topic, [...(byTopic.get(topic) ?? []), t.percent]);
  return [...byTopic.entries()]
    .map(([topic, scores]) => ({ topic, averageBest: round(scores.reduce((a, b) => a + b, 0) / scores.length), tried: scores.length }))
    .filter((t) => t.averageBest < 100)
    .sort((a, b) => a.averageBest - b.averageBest || b.tried - a.tried || a.topic.localeCompare(b.topic))
    .slice(0, limit);
}
