import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { EXAM_FORMAT } from "./curriculum";
import { composeExam, type Exam } from "./exam";
import { YamlSource, type ValidationIssue } from "./issues";
import { loadLesson, type Lesson } from "./lesson";
import { loadScenario, type Scenario } from "./load";
import { examSchema } from "./schema";

/** Everything under scenarios/: scenarios, mock exams and lessons, validated together. */
export interface Catalogue {
  root: string;
  scenarios: Map<string, Scenario>;
  exams: Map<string, Exam>;
  lessons: Map<string, Lesson>;
  issues: ValidationIssue[];
}

/** scenarios/ of this repository (or KUBECOACH_SCENARIOS). */
export function defaultScenariosRoot(): string {
  if (process.env.KUBECOACH_SCENARIOS) return resolve(process.env.KUBECOACH_SCENARIOS);
  try {
    const here = fileURLToPath(new URL("../../scenarios", import.meta.url));
    if (existsSync(here)) return here;
  } catch {
    // Bundled code has no file URL; fall back to the working directory.
  }
  return resolve("scenarios");
}

/** Folders holding a scenario.yaml (or looking like a scenario that lost it) below `dir`. */
function scenarioDirs(dir: string, issues: ValidationIssue[], root: string): string[] {
  if (!existsSync(dir)) return [];
  const entries = readdirSync(dir).sort();
  if (entries.includes("scenario.yaml")) return [dir];
  if (entries.includes("checks.yaml") || entries.includes("task.md")) {
    issues.push({ file: labelOf(root, join(dir, "scenario.yaml")), message: "is missing (the folder has other scenario files)" });
    return [];
  }
  return entries.filter((e) => statSync(join(dir, e)).isDirectory()).flatMap((e) => scenarioDirs(join(dir, e), issues, root));
}

function labelOf(root: string, path: string): string {
  return join("scenarios", relative(root, path));
}

export function loadCatalogue(root = defaultScenariosRoot()): Catalogue {
  const issues: ValidationIssue[] = [];
  const scenarios = new Map<string, Scenario>();
  for (const dir of scenarioDirs(join(root, "cka"), issues, root)) {
    const loaded = loadScenario(dir, labelOf(root, dir));
    issues.push(...loaded.issues);
    if (!loaded.scenario) continue;
    const other = scenarios.get(loaded.scenario.id);
    if (other) issues.push({ file: `${loaded.scenario.dir}/scenario.yaml`, field: "id", message: `"${loaded.scenario.id}" is also the id of ${other.dir}` });
    else scenarios.set(loaded.scenario.id, loaded.scenario);
  }

  const lessons = new Map<string, Lesson>();
  const lessonDir = join(root, "lessons");
  if (existsSync(lessonDir)) {
    for (const name of readdirSync(lessonDir).filter((n) => n.endsWith(".md")).sort()) {
      const loaded = loadLesson(readFileSync(join(lessonDir, name), "utf8"), labelOf(root, join(lessonDir, name)), name.replace(/\.md$/, ""));
      issues.push(...loaded.issues);
      if (loaded.lesson) lessons.set(loaded.lesson.meta.id, loaded.lesson);
    }
  }

  const exams = new Map<string, Exam>();
  const examDir = join(root, "exams");
  if (existsSync(examDir)) {
    for (const name of readdirSync(examDir).filter((n) => n.endsWith(".yaml")).sort()) {
      const label = labelOf(root, join(examDir, name));
      const source = new YamlSource(label, readFileSync(join(examDir, name), "utf8"));
      const syntax = source.syntaxIssues();
      if (syntax.length) {
        issues.push(...syntax);
        continue;
      }
      const parsed = examSchema.safeParse(source.value ?? {});
      if (!parsed.success) {
        issues.push(...source.schemaIssues(parsed.error));
        continue;
      }
      if (parsed.data.id !== name.replace(/\.yaml$/, "")) issues.push({ file: label, field: "id", ...source.position(["id"]), message: `is "${parsed.data.id}" but the file is named "${name}"` });
      const composed = composeExam(parsed.data, scenarios, source);
      issues.push(...composed.issues);
      if (composed.exam) exams.set(parsed.data.id, composed.exam);
    }
  }

  issues.push(...crossIssues(scenarios, exams, lessons));
  return { root, scenarios, exams, lessons, issues };
}

/** Rules across files: links resolve, exams follow the real format, no scenario in two exams. */
function crossIssues(scenarios: Map<string, Scenario>, exams: Map<string, Exam>, lessons: Map<string, Lesson>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const sections = new Set([...lessons.values()].map((l) => l.meta.section));
  for (const s of scenarios.values()) {
    for (const section of s.meta.lessons) {
      if (lessons.size > 0 && !sections.has(section)) issues.push({ file: `${s.dir}/scenario.yaml`, field: "lessons", message: `no lesson covers section "${section}"` });
    }
  }
  for (const lesson of lessons.values()) {
    for (const link of lesson.links) {
      const known = link.kind === "scenario" ? scenarios.has(link.id) : link.kind === "lesson" ? lessons.has(link.id) : exams.has(link.id);
      if (!known) issues.push({ file: lesson.file, line: link.line, message: `links to ${link.kind} "${link.id}", which does not exist` });
    }
    lesson.meta.scenarios.forEach((id, i) => {
      if (!scenarios.has(id)) issues.push({ file: lesson.file, field: `scenarios[${i}]`, message: `no scenario "${id}"` });
    });
  }
  const usedBy = new Map<string, string>();
  for (const exam of exams.values()) {
    const { meta } = exam;
    const total = meta.tasks.reduce((s, t) => s + t.weight, 0);
    if (total !== EXAM_FORMAT.totalWeight) issues.push({ file: exam.file, field: "tasks", message: `weights add up to ${total}, not ${EXAM_FORMAT.totalWeight}` });
    if (meta.tasks.length < EXAM_FORMAT.minTasks || meta.tasks.length > EXAM_FORMAT.maxTasks) {
      issues.push({ file: exam.file, field: "tasks", message: `has ${meta.tasks.length} tasks; the exam has ${EXAM_FORMAT.minTasks} to ${EXAM_FORMAT.maxTasks}` });
    }
    if (meta.minutes !== EXAM_FORMAT.minutes) issues.push({ file: exam.file, field: "minutes", message: `is ${meta.minutes}; the exam lasts ${EXAM_FORMAT.minutes}` });
    if (meta.passPercent !== EXAM_FORMAT.passPercent) issues.push({ file: exam.file, field: "passPercent", message: `is ${meta.passPercent}; the exam's pass mark is ${EXAM_FORMAT.passPercent}` });
    for (const task of meta.tasks) {
      const other = usedBy.get(task.scenario);
      if (other && other !== meta.id) issues.push({ file: exam.file, message: `scenario "${task.scenario}" is already a task of exam "${other}"; each exam uses its own scenarios` });
      usedBy.set(task.scenario, meta.id);
    }
  }
  return issues;
}

let cached: Catalogue | undefined;

/** The repository's catalogue, loaded once per process (the app and CLI read it often). */
export function catalogue(): Catalogue {
  cached ??= loadCatalogue();
  return cached;
}

/**
 * Makes `loaded` (the catalogue another thread of this process read and validated, structured-cloned
 * to this one) this thread's catalogue: reading and validating every file again would cost a
 * session worker half a second of CPU or more as it starts, for the same result.
 */
export function adoptCatalogue(loaded: Catalogue): void {
  cached = loaded;
}

export function scenarioById(id: string, from: Catalogue = catalogue()): Scenario {
  const s = from.scenarios.get(id);
  if (!s) throw new Error(`no scenario "${id}" in the catalogue${from.issues.length ? ` (${from.issues.length} validation problem(s); run kubecoach scenarios validate)` : ""}`);
  return s;
}
