import type { Grade } from "../../engine/grading/grader";
import type { ScriptRunner } from "../../engine/grading/script-runner";
import { FeatureUnavailableError } from "../../engine/grading/unavailable";
import type { Exam } from "./exam";
import type { Scenario } from "./load";
import { gradeAttempt, gradeExam, runAsLearner, runExamSolutions, SetupFailedError, startAttempt, startExam } from "./run";

/**
 * A scenario proves itself (DESIGN.md §5): in a fresh environment its setup alone scores below full
 * marks with at least one check failing, and in another fresh environment setup plus the reference
 * solution scores full marks.
 */
export interface SelfTestResult {
  id: string;
  kind: "scenario" | "exam";
  ok: boolean;
  /** Points after setup alone, and after the solution, out of `total`. */
  setupScore?: number;
  solutionScore?: number;
  total?: number;
  problems: string[];
  /** The engine features missing for this run, when those are why it failed. */
  unavailable: string[];
}

function failures(grade: Grade): string[] {
  return grade.checks.filter((c) => !c.passed).map((c) => `${c.id}: ${c.reason}`);
}

function unavailableIn(grade: Grade): string[] {
  return grade.checks.filter((c) => c.problem === "unavailable").map((c) => c.reason ?? "");
}

async function guarded(id: string, kind: SelfTestResult["kind"], run: (r: SelfTestResult) => Promise<void>): Promise<SelfTestResult> {
  const result: SelfTestResult = { id, kind, ok: false, problems: [], unavailable: [] };
  try {
    await run(result);
  } catch (e) {
    if (e instanceof FeatureUnavailableError) result.unavailable.push(e.message);
    if (e instanceof SetupFailedError) result.problems.push(e.message);
    else result.problems.push(e instanceof Error ? e.message : String(e));
  }
  result.unavailable = [...new Set(result.unavailable)];
  result.ok = result.problems.length === 0;
  return result;
}

export function selfTestScenario(scenario: Scenario, runScript: ScriptRunner): Promise<SelfTestResult> {
  return guarded(scenario.id, "scenario", async (result) => {
    const before = await gradeAttempt(await startAttempt(scenario, { runScript }), { runScript });
    result.setupScore = before.earned;
    result.total = before.total;
    result.unavailable.push(...unavailableIn(before));
    if (before.earned >= before.total || before.checks.every((c) => c.passed)) result.problems.push("setup alone already scores full marks: the task would be solved before the learner starts");
    const attempt = await startAttempt(scenario, { runScript });
    const solution = await runAsLearner(attempt, scenario.solution, { runScript });
    if (solution.exitCode !== 0) result.problems.push(`solution exited with ${solution.exitCode}: ${(solution.stderr || solution.stdout).trim().split("\n").slice(-1)[0] ?? ""}`);
    const after = await gradeAttempt(attempt, { runScript });
    result.solutionScore = after.earned;
    result.unavailable.push(...unavailableIn(after));
    if (after.earned < after.total) result.problems.push(`solution scores ${after.earned}/${after.total}: ${failures(after).join("; ")}`);
  });
}

export function selfTestExam(exam: Exam, runScript: ScriptRunner): Promise<SelfTestResult> {
  return guarded(exam.meta.id, "exam", async (result) => {
    const before = await gradeExam(await startExam(exam, { runScript }), { runScript });
    result.setupScore = before.percent;
    result.total = 100;
    for (const t of before.tasks) {
      result.unavailable.push(...unavailableIn(t));
      if (t.earned >= t.total) result.problems.push(`task ${t.task} (${t.scenario}): setup alone scores full marks`);
    }
    const attempt = await startExam(exam, { runScript });
    const solutions = await runExamSolutions(attempt, { runScript });
    solutions.forEach((s, i) => {
      if (s.exitCode !== 0) result.problems.push(`task ${i + 1} solution exited with ${s.exitCode}`);
    });
    const after = await gradeExam(attempt, { runScript });
    result.solutionScore = after.percent;
    for (const t of after.tasks) {
      result.unavailable.push(...unavailableIn(t));
      if (t.earned < t.total) result.problems.push(`task ${t.task} (${t.scenario}) scores ${t.earned}/${t.total} after its solution: ${failures(t).join("; ")}`);
    }
  });
}
