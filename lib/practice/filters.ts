// The catalogue's filters, applied on the server to the scenarios a learner may see.
import type { ScenarioProgress } from "./attempts";
import type { ScenarioCard } from "./scenarios";

export type PracticeFilters = { domain: string; topic: string; difficulty: string; status: string; q: string };

export const PRACTICE_STATUSES = [
  { id: "new", label: "Not tried" },
  { id: "in-progress", label: "In progress" },
  { id: "attempted", label: "Tried, not full marks" },
  { id: "passed", label: "Full marks" },
] as const;

export type PracticeStatus = (typeof PRACTICE_STATUSES)[number];

export function statusOf(progress: ScenarioProgress | undefined): PracticeStatus {
  const by = (id: PracticeStatus["id"]) => PRACTICE_STATUSES.find((s) => s.id === id)!;
  if (!progress) return by("new");
  if (progress.bestPercent === 100) return by("passed");
  if (progress.activeAttemptId) return by("in-progress");
  return by("attempted");
}

export function filterScenarios(cards: ScenarioCard[], progress: Map<string, ScenarioProgress>, f: PracticeFilters) {
  const words = f.q.toLowerCase().split(/\s+/).filter(Boolean);
  return cards
    .map((card) => ({ card, progress: progress.get(card.id), status: statusOf(progress.get(card.id)) }))
    .filter(({ card, status }) => {
      if (f.domain && card.domain !== f.domain) return false;
      if (f.topic && !card.topics.includes(f.topic)) return false;
      if (f.difficulty && card.difficulty !== f.difficulty) return false;
      if (f.status && status.id !== f.status) return false;
      const haystack = `${card.title} ${card.id} ${card.topics.join(" ")} ${card.domainTitle}`.toLowerCase();
      return words.every((w) => haystack.includes(w));
    })
    .sort((a, b) => a.card.domainTitle.localeCompare(b.card.domainTitle) || ["easy", "medium", "hard"].indexOf(a.card.difficulty) - ["easy", "medium", "hard"].indexOf(b.card.difficulty) || a.card.title.localeCompare(b.card.title));
}
