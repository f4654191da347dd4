import { accessCheck } from "./checks/access";
import { auditCheck, historyCheck, untouchedOutsideCheck } from "./checks/audit";
import { commandCheck } from "./checks/command";
import { countCheck } from "./checks/count";
import { customCheck } from "./checks/custom";
import { fileCheck } from "./checks/file";
import { absentCheck, existsCheck, fieldCheck } from "./checks/objects";
import type { CheckEvaluator, CheckOutcome } from "./checks/outcome";
import { podReadyCheck } from "./checks/pods";
import { programCheck } from "./checks/program";
import { reachableCheck } from "./checks/reachable";
import { CheckFailure, type GradingContext } from "./context";
import { JsonPathError } from "./jsonpath";
import type { CheckSpec, CheckType } from "./schema";
import { FeatureUnavailableError } from "./unavailable";

const EVALUATORS: { [T in CheckType]: CheckEvaluator<T> } = {
  exists: existsCheck,
  absent: absentCheck,
  field: fieldCheck,
  count: countCheck,
  podReady: podReadyCheck,
  file: fileCheck,
  command: commandCheck,
  reachable: reachableCheck,
  audit: auditCheck,
  history: historyCheck,
  untouchedOutside: untouchedOutsideCheck,
  custom: customCheck,
  access: accessCheck,
  program: programCheck,
};

/** One check's result as the learner sees it after grading. */
export interface CheckResult {
  id: string;
  type: CheckType;
  description: string;
  points: number;
  earned: number;
  passed: boolean;
  /** Why it failed, in the grader's words (absent when it passed). */
  reason?: string;
  hint?: string;
  /** The author's explanation of what the check is about (shown with a failure). */
  explanation?: string;
  /** "unavailable": the simulation lacks a feature the check needs; "error": the check itself is broken. */
  problem?: "unavailable" | "error";
}

export interface Grade {
  earned: number;
  total: number;
  /** earned / total × 100, rounded to one decimal. */
  percent: number;
  checks: CheckResult[];
}

async function evaluate(check: CheckSpec, ctx: GradingContext): Promise<CheckOutcome & { problem?: CheckResult["problem"] }> {
  try {
    const evaluator = EVALUATORS[check.type] as CheckEvaluator<CheckType>;
    return await evaluator(check, ctx);
  } catch (e) {
    if (e instanceof CheckFailure) return { passed: false, reason: e.message };
    if (e instanceof FeatureUnavailableError) return { passed: false, reason: e.message, problem: "unavailable" };
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof JsonPathError) return { passed: false, reason: message, problem: "error" };
    return { passed: false, reason: `the grader could not evaluate this check: ${message}`, problem: "error" };
  }
}

/**
 * Grades the environment's final state against the checks, in order. Every check earns all of its
 * points or none; the scenario's score is the sum, so partial work earns partial credit.
 */
export async function gradeChecks(checks: readonly CheckSpec[], ctx: GradingContext): Promise<Grade> {
  // The checks' scripts share shells (each still runs as in a fresh one): building a shell for
  // each script cost more than running a short one.
  const session = ctx.runScript.session?.(ctx.env);
  const checkCtx: GradingContext = session ? { ...ctx, runScript: session.run } : ctx;
  const results: CheckResult[] = [];
  try {
    for (const check of checks) results.push(await gradeCheck(check, checkCtx));
  } finally {
    await session?.close();
  }
  return summarize(results);
}

async function gradeCheck(check: CheckSpec, ctx: GradingContext): Promise<CheckResult> {
  const outcome = await evaluate(check, ctx);
  return {
    id: check.id,
    type: check.type,
    description: check.description,
    points: check.points,
    earned: outcome.passed ? check.points : 0,
    passed: outcome.passed,
    ...(outcome.passed ? {} : { reason: outcome.reason, hint: check.hint, ...(check.explanation ? { explanation: check.explanation } : {}) }),
    ...(outcome.problem ? { problem: outcome.problem } : {}),
  };
}

export function summarize(checks: CheckResult[]): Grade {
  const total = checks.reduce((sum, c) => sum + c.points, 0);
  const earned = checks.reduce((sum, c) => sum + c.earned, 0);
  return { earned, total, percent: total === 0 ? 0 : Math.round((earned / total) * 1000) / 10, checks };
}
