import { DIFFICULTIES, DOMAIN_IDS, type Difficulty, type Domain } from "../lib/scenarios/curriculum";
import { loadCatalogue, type Catalogue } from "../lib/scenarios/catalogue";
import { formatIssue } from "../lib/scenarios/issues";
import { loadKnownGaps, writeKnownGaps } from "../lib/scenarios/known-gaps";
import { importKillercoda } from "../lib/scenarios/killercoda";
import { scaffoldScenario } from "../lib/scenarios/scaffold";
import { LESSON_SECTION_IDS, type LessonSection } from "../lib/scenarios/curriculum";
import { selfTestExam, selfTestScenario, type SelfTestResult } from "../lib/scenarios/self-test";
import { defaultScriptRunner } from "../lib/scenarios/shell";
import { parseArgs, stringFlag } from "./args";

const USAGE = `Usage:
  kubecoach scenarios validate                 check every scenario, exam and lesson file
  kubecoach scenarios list                     the catalogue: id, domain, difficulty, minutes, points
  kubecoach scenarios test [ID…] [--strict] [--write-gaps]
                                               self-test scenarios and exams in fresh environments;
                                               --write-gaps rewrites KNOWN-GAPS.md from the failures
  kubecoach scenarios new ID --domain D --difficulty easy|medium|hard
  kubecoach scenarios import-killercoda DIR --domain D --difficulty X --lessons a,b [--id ID]
`;

function validate(cat: Catalogue): number {
  for (const issue of cat.issues) process.stdout.write(formatIssue(issue) + "\n");
  const summary = `${cat.scenarios.size} scenarios, ${cat.exams.size} exams, ${cat.lessons.size} lessons`;
  if (cat.issues.length > 0) {
    process.stdout.write(`${summary}: ${cat.issues.length} problem(s)\n`);
    return 1;
  }
  process.stdout.write(`${summary}: all valid\n`);
  return 0;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] + 3))).join("").trimEnd()).join("\n") + "\n";
}

function list(cat: Catalogue): number {
  const rows = [["ID", "DOMAIN", "DIFFICULTY", "MINUTES", "POINTS", "TITLE"]];
  for (const s of [...cat.scenarios.values()].sort((a, b) => a.meta.domain.localeCompare(b.meta.domain) || a.id.localeCompare(b.id))) {
    rows.push([s.id, s.meta.domain, s.meta.difficulty, String(s.meta.minutes), String(s.meta.points), s.meta.title]);
  }
  process.stdout.write(table(rows));
  for (const e of cat.exams.values()) process.stdout.write(`exam ${e.meta.id}: ${e.tasks.length} tasks, ${e.meta.minutes} minutes, pass ${e.meta.passPercent}%\n`);
  return 0;
}

/** Outcome of one self-test once KNOWN-GAPS.md is taken into account. */
export function verdict(result: SelfTestResult, knownGap: boolean): "ok" | "FAIL" | "known gap" | "UNEXPECTED PASS" {
  if (knownGap) return result.ok ? "UNEXPECTED PASS" : "known gap";
  return result.ok ? "ok" : "FAIL";
}

async function test(cat: Catalogue, ids: string[], strict: boolean, writeGaps: boolean): Promise<number> {
  if (cat.issues.length > 0) {
    validate(cat);
    return 1;
  }
  const gaps = strict || writeGaps ? new Map() : loadKnownGaps(cat.root);
  const failing: { id: string; reason: string }[] = [];
  const unknown = ids.filter((id) => !cat.scenarios.has(id) && !cat.exams.has(id));
  if (unknown.length) {
    process.stderr.write(`kubecoach: no scenario or exam ${unknown.map((u) => `"${u}"`).join(", ")}\n`);
    return 1;
  }
  const wanted = ids.length ? ids : [...cat.scenarios.keys(), ...cat.exams.keys()];
  const runScript = defaultScriptRunner();
  const rows = [["ID", "KIND", "SETUP", "SOLUTION", "RESULT"]];
  const details: string[] = [];
  let failed = 0;
  for (const id of wanted) {
    const exam = cat.exams.get(id);
    const result = exam ? await selfTestExam(exam, runScript) : await selfTestScenario(cat.scenarios.get(id)!, runScript);
    if (!result.ok) failing.push({ id, reason: result.unavailable[0] ?? result.problems[0] ?? "unknown" });
    const gap = gaps.get(id);
    const outcome = verdict(result, gap !== undefined);
    if (outcome === "FAIL" || outcome === "UNEXPECTED PASS") failed++;
    const score = (n?: number) => (n === undefined ? "-" : exam ? `${n}%` : `${n}/${result.total}`);
    rows.push([id, result.kind, score(result.setupScore), score(result.solutionScore), outcome]);
    if (outcome === "FAIL") details.push(`${id}:\n${result.problems.map((p) => `  - ${p}`).join("\n")}`);
    if (outcome === "UNEXPECTED PASS") details.push(`${id}: passes now; remove it from scenarios/KNOWN-GAPS.md (line ${gap!.line})`);
  }
  process.stdout.write(table(rows));
  if (details.length) process.stdout.write("\n" + details.join("\n") + "\n");
  const known = rows.slice(1).filter((r) => r[4] === "known gap").length;
  process.stdout.write(`\n${wanted.length - failed - known} passed, ${failed} failed, ${known} known gaps\n`);
  if (writeGaps) {
    if (ids.length) throw new Error("--write-gaps needs the whole catalogue: give no IDs");
    writeKnownGaps(cat.root, failing);
    process.stdout.write(`wrote ${failing.length} row(s) to scenarios/KNOWN-GAPS.md\n`);
    return 0;
  }
  return failed > 0 ? 1 : 0;
}

function scaffold(args: ReturnType<typeof parseArgs>, root: string): number {
  const [id] = args.positionals;
  const domain = stringFlag(args, "domain") as Domain | undefined;
  const difficulty = (stringFlag(args, "difficulty") ?? "easy") as Difficulty;
  if (!id || !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(id)) {
    process.stderr.write(`kubecoach: scenarios new needs an ID of lower-case letters, digits and dashes\n${USAGE}`);
    return 2;
  }
  if (!domain || !DOMAIN_IDS.includes(domain)) {
    process.stderr.write(`kubecoach: --domain must be one of ${DOMAIN_IDS.join(", ")}\n`);
    return 2;
  }
  if (!DIFFICULTIES.includes(difficulty)) {
    process.stderr.write(`kubecoach: --difficulty must be one of ${DIFFICULTIES.join(", ")}\n`);
    return 2;
  }
  const dir = scaffoldScenario(root, id, domain, difficulty);
  process.stdout.write(`created ${dir}: fill in every TODO(author), then run kubecoach scenarios validate\n`);
  return 0;
}

function importCommand(args: ReturnType<typeof parseArgs>, root: string): number {
  const [source] = args.positionals;
  const domain = stringFlag(args, "domain") as Domain | undefined;
  const difficulty = (stringFlag(args, "difficulty") ?? "easy") as Difficulty;
  const lessons = (stringFlag(args, "lessons") ?? "").split(",").filter(Boolean) as LessonSection[];
  if (!source || !domain || !DOMAIN_IDS.includes(domain) || !DIFFICULTIES.includes(difficulty) || lessons.length === 0 || lessons.some((l) => !LESSON_SECTION_IDS.includes(l))) {
    process.stderr.write(`kubecoach: import-killercoda needs DIR, --domain (${DOMAIN_IDS.join(", ")}), --difficulty and --lessons (${LESSON_SECTION_IDS.join(", ")})\n`);
    return 2;
  }
  const result = importKillercoda(source, root, { domain, difficulty, lessons, id: stringFlag(args, "id") });
  process.stdout.write(`imported ${result.id} into ${result.dir}\n`);
  for (const note of result.notes) process.stdout.write(`note: ${note}\n`);
  return 0;
}

export async function scenariosCommand(argv: string[], root?: string): Promise<number> {
  const [sub, ...rest] = argv;
  const args = parseArgs(rest, ["strict", "write-gaps"]);
  switch (sub) {
    case "validate":
      return validate(loadCatalogue(root));
    case "list":
      return list(loadCatalogue(root));
    case "test":
      return test(loadCatalogue(root), args.positionals, args.flags.strict === true, args.flags["write-gaps"] === true);
    case "new":
      return scaffold(args, loadCatalogue(root).root);
    case "import-killercoda":
      return importCommand(args, loadCatalogue(root).root);
    default:
      process.stderr.write(sub ? `kubecoach: unknown scenarios command "${sub}"\n\n${USAGE}` : USAGE);
      return 2;
  }
}
