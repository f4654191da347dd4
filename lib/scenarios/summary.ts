import type { Catalogue } from "./catalogue";
import { DOMAINS, LESSON_SECTIONS } from "./curriculum";

/**
 * Plain-JSON views of the catalogue for pages and APIs (lists, filters, progress): what a learner
 * sees before opening a scenario, without setup scripts, solutions or checks' internals.
 */
export interface ScenarioSummary {
  id: string;
  version: string;
  title: string;
  domain: string;
  domainTitle: string;
  difficulty: string;
  minutes: number;
  points: number;
  topics: string[];
  lessons: string[];
  clusters: number;
}

export interface ExamSummary {
  id: string;
  version: string;
  title: string;
  description: string;
  minutes: number;
  passPercent: number;
  tasks: { number: number; scenario: string; title: string; weight: number; context: string }[];
}

export interface LessonSummary {
  id: string;
  title: string;
  section: string;
  sectionTitle: string;
  order: number;
  summary: string;
  scenarios: string[];
  questions: number;
}

export function scenarioSummaries(cat: Catalogue): ScenarioSummary[] {
  return [...cat.scenarios.values()].map((s) => ({
    id: s.id,
    version: s.version,
    title: s.meta.title,
    domain: s.meta.domain,
    domainTitle: DOMAINS[s.meta.domain].title,
    difficulty: s.meta.difficulty,
    minutes: s.meta.minutes,
    points: s.meta.points,
    topics: s.meta.topics,
    lessons: s.meta.lessons,
    clusters: s.environment.clusters.length,
  }));
}

export function examSummaries(cat: Catalogue): ExamSummary[] {
  return [...cat.exams.values()].map((e) => ({
    id: e.meta.id,
    version: e.version,
    title: e.meta.title,
    description: e.meta.description,
    minutes: e.meta.minutes,
    passPercent: e.meta.passPercent,
    tasks: e.tasks.map((t) => ({ number: t.number, scenario: t.scenario.id, title: t.scenario.meta.title, weight: t.weight, context: t.context })),
  }));
}

export function lessonSummaries(cat: Catalogue): LessonSummary[] {
  return [...cat.lessons.values()]
    .sort((a, b) => a.meta.order - b.meta.order)
    .map((l) => ({
      id: l.meta.id,
      title: l.meta.title,
      section: l.meta.section,
      sectionTitle: LESSON_SECTIONS[l.meta.section],
      order: l.meta.order,
      summary: l.meta.summary,
      scenarios: l.meta.scenarios,
      questions: l.meta.quiz.length,
    }));
}
