// The scenarios a user may practise: the built-in catalogue, plus scenarios written in the browser
// and published to a cohort the user belongs to (their authors and admins see them too).
import { parse as parseYaml } from "yaml";
import type { Db } from "../db";
import { hasRole, type Role } from "../auth/roles";
import { DOMAINS, type Difficulty, type Domain } from "../scenarios/curriculum";
import type { Scenario } from "../scenarios";
import { cleanFiles } from "../authoring/files";
import { engineHost } from "../session/host";

export type ScenarioCard = {
  id: string;
  title: string;
  domain: Domain;
  domainTitle: string;
  topics: string[];
  difficulty: Difficulty;
  minutes: number;
  points: number;
  source: "built-in" | "authored";
  authoredScenarioId?: string;
  /** Why a built-in scenario cannot be fully solved in the simulation yet (scenarios/KNOWN-GAPS.md). */
  knownGap?: string;
  /** The mock exam that uses this scenario as a task (practising it first spoils that task). */
  inExam?: string;
};

type Viewer = { id: string; role: Role };

function builtInCards(): ScenarioCard[] {
  const host = engineHost();
  const cat = host.catalogue();
  const gaps = host.knownGaps();
  const examOf = new Map<string, string>();
  for (const exam of cat.exams.values()) for (const task of exam.meta.tasks) examOf.set(task.scenario, exam.meta.title);
  return [...cat.scenarios.values()].map((s) => ({
    id: s.id,
    title: s.meta.title,
    domain: s.meta.domain,
    domainTitle: DOMAINS[s.meta.domain].title,
    topics: s.meta.topics,
    difficulty: s.meta.difficulty,
    minutes: s.meta.minutes,
    points: s.meta.points,
    source: "built-in" as const,
    ...(gaps.get(s.id) ? { knownGap: gaps.get(s.id)!.waitsOn } : {}),
    ...(examOf.get(s.id) ? { inExam: examOf.get(s.id)! } : {}),
  }));
}

/** Published authored scenarios this user may open. */
async function authoredRows(db: Db, viewer: Viewer) {
  return db.authoredScenario.findMany({
    where: hasRole(viewer.role, "admin")
      ? { status: "published" }
      : { status: "published", OR: [{ authorId: viewer.id }, { cohort: { memberships: { some: { userId: viewer.id } } } }] },
    select: { id: true, slug: true, files: true },
    orderBy: { publishedAt: "desc" },
  });
}

/** The card of an authored scenario, read from its scenario.yaml (undefined when it does not parse). */
export function authoredCard(row: { id: string; slug: string; files: unknown }): ScenarioCard | undefined {
  try {
    const meta = parseYaml(cleanFiles(row.files)["scenario.yaml"] ?? "") as Record<string, unknown>;
    const domain = meta.domain as Domain;
    if (!DOMAINS[domain]) return undefined;
    return {
      id: row.slug,
      title: String(meta.title ?? row.slug),
      domain,
      domainTitle: DOMAINS[domain].title,
      topics: Array.isArray(meta.topics) ? meta.topics.map(String) : [],
      difficulty: (["easy", "medium", "hard"].includes(String(meta.difficulty)) ? meta.difficulty : "medium") as Difficulty,
      minutes: Number(meta.minutes) || 10,
      points: Number(meta.points) || 0,
      source: "authored",
      authoredScenarioId: row.id,
    };
  } catch {
    return undefined;
  }
}

export async function visibleScenarios(db: Db, viewer: Viewer): Promise<ScenarioCard[]> {
  const authored = (await authoredRows(db, viewer)).map(authoredCard).filter((c): c is ScenarioCard => c !== undefined);
  return [...builtInCards(), ...authored];
}

/** The full scenario (task, hints, checks, solution) when this user may practise it. */
export async function findScenario(db: Db, viewer: Viewer, id: string): Promise<{ card: ScenarioCard; scenario: Scenario } | undefined> {
  const host = engineHost();
  const builtIn = host.catalogue().scenarios.get(id);
  if (builtIn) return { card: builtInCards().find((c) => c.id === id)!, scenario: builtIn };
  const row = (await authoredRows(db, viewer)).find((r) => r.slug === id);
  if (!row) return undefined;
  const card = authoredCard(row);
  const loaded = host.authoring.validate(row.slug, cleanFiles(row.files));
  return card && loaded.scenario ? { card, scenario: loaded.scenario } : undefined;
}

/** Scenario summaries by id, for lists of attempts (built-in and every authored scenario). */
export async function scenarioTitles(db: Db): Promise<Map<string, { title: string; domain: Domain; points: number }>> {
  const titles = new Map<string, { title: string; domain: Domain; points: number }>();
  for (const card of builtInCards()) titles.set(card.id, { title: card.title, domain: card.domain, points: card.points });
  const rows = await db.authoredScenario.findMany({ select: { id: true, slug: true, files: true } });
  for (const row of rows) {
    const card = authoredCard(row);
    if (card) titles.set(card.id, { title: card.title, domain: card.domain, points: card.points });
  }
  return titles;
}
