import { createHash } from "node:crypto";
import { Environment } from "../../engine/cluster/environment";
import { createPrepared, settlePaced, warmPrepared, type Pace } from "../../engine/cluster/setup-templates";
import { stableStringify } from "../../engine/util/json";
import { markLearnerStart } from "../../engine/grading/attempt";
import { gradeChecks, type Grade } from "../../engine/grading/grader";
import type { ScriptResult, ScriptRunner } from "../../engine/grading/script-runner";
import { homeHostOf, toEnvironmentSpec } from "./environment";
import type { Exam, ExamTask } from "./exam";
import type { Scenario } from "./load";
import { defaultScriptRunner } from "./shell";

export interface RunOptions {
  runScript?: ScriptRunner;
  seed?: number;
  /** Cluster time at creation (ms since the epoch); a fixed date by default so runs repeat exactly. */
  startTime?: number;
}

/** A scenario set up and handed to the learner: its environment and where the learner starts. */
export interface Attempt {
  env: Environment;
  scenario: Scenario;
  homeHost: string;
  defaultCluster: string;
  setup: ScriptResult;
}

export class SetupFailedError extends Error {
  constructor(
    readonly scenario: string,
    readonly result: ScriptResult,
  ) {
    const said = (result.stderr || result.stdout).trim().split("\n").slice(-3).join("\n");
    super(`setup of scenario "${scenario}" exited with ${result.exitCode}${said ? `:\n${said}` : ""}`);
  }
}

const FIXED_START = Date.UTC(2026, 0, 1, 9, 0, 0);

/** Runs one scenario's setup on its home host (as root). */
async function runSetup(env: Environment, scenario: Scenario, homeHost: string, runScript: ScriptRunner): Promise<ScriptResult> {
  const result = await runScript(env, scenario.setup, { host: homeHost, user: "root" });
  if (result.exitCode !== 0) throw new SetupFailedError(scenario.id, result);
  return result;
}

/**
 * What a scenario's setup depends on, hashed: the key of its setup template (see
 * engine/cluster/setup-templates.ts). A scenario edited in the browser gets a new key.
 */
export function setupKey(scenario: Pick<Scenario, "environment" | "setup" | "meta">, runScript: ScriptRunner): string {
  const inputs = { environment: scenario.environment, setup: scenario.setup, afterSetup: scenario.meta.timing.afterSetup };
  return `${runnerId(runScript)}:${createHash("sha256").update(stableStringify(inputs)).digest("hex")}`;
}

/** Setups run by different script runners (a test's fake runner, the shell) must not share templates. */
const runnerIds = new WeakMap<ScriptRunner, number | string>();
let runnersSeen = 0;
function runnerId(runScript: ScriptRunner): number | string {
  let id = runnerIds.get(runScript);
  if (id === undefined) runnerIds.set(runScript, (id = ++runnersSeen));
  return id;
}

/**
 * Gives a runner the same part of every setup key in every thread (numbers follow the order runners
 * are first seen): a template made in one thread is then found under the same key in another.
 */
export function nameScriptRunner(runScript: ScriptRunner, name: string): void {
  const id = runnerIds.get(runScript);
  if (id !== undefined && id !== name) throw new Error(`script runner already keyed as ${id}: name it before its first setup`);
  runnerIds.set(runScript, name);
}

/**
 * A fresh environment with the scenario's setup done and the learner's clock started. The setup
 * runs (and the cluster settles) once per scenario and process; later attempts start from a copy
 * of its result, moved to their own start time (engine/cluster/setup-templates.ts).
 */
export async function startAttempt(scenario: Scenario, options: RunOptions = {}): Promise<Attempt> {
  const runScript = options.runScript ?? defaultScriptRunner();
  const homeHost = homeHostOf(scenario.environment);
  const start = { seed: options.seed ?? 1, startTime: options.startTime ?? FIXED_START };
  const { env, result: setup } = await createPrepared(setupKey(scenario, runScript), toEnvironmentSpec(scenario.environment), start, scenarioSetup(scenario, runScript));
  markLearnerStart(env, { scenario: scenario.id, version: scenario.version });
  return { env, scenario, homeHost, defaultCluster: scenario.environment.clusters[0].name, setup };
}

/**
 * Makes the scenario's setup template now, in the background (lib/session/template-warming.ts),
 * unless it exists: the one the first attempt would make. Resolves with whether it was made.
 */
export function warmScenarioTemplate(scenario: Scenario, options: { runScript: ScriptRunner; startTime: number; pace: Pace }): Promise<boolean> {
  return warmPrepared(setupKey(scenario, options.runScript), toEnvironmentSpec(scenario.environment), options.startTime, scenarioSetup(scenario, options.runScript), options.pace);
}

function scenarioSetup(scenario: Scenario, runScript: ScriptRunner) {
  return async (env: Environment, pace: Pace): Promise<ScriptResult> => {
    const result = await runSetup(env, scenario, homeHostOf(scenario.environment), runScript);
    await settlePaced(env, scenario.meta.timing.afterSetup * 1000, pace);
    return result;
  };
}

/** Runs a script as the learner would type it, then lets rollouts and restarts finish. */
export async function runAsLearner(attempt: Pick<Attempt, "env" | "homeHost" | "scenario">, script: string, options: RunOptions = {}): Promise<ScriptResult> {
  const runScript = options.runScript ?? defaultScriptRunner();
  const result = await runScript(attempt.env, script, { host: attempt.homeHost, user: "root", asLearner: true });
  attempt.env.advanceBy(attempt.scenario.meta.timing.beforeGrading * 1000);
  return result;
}

export interface ScenarioGrade extends Grade {
  scenario: string;
  version: string;
}

export async function gradeAttempt(attempt: Pick<Attempt, "env" | "homeHost" | "scenario" | "defaultCluster">, options: RunOptions = {}): Promise<ScenarioGrade> {
  const grade = await gradeChecks(attempt.scenario.checks, {
    env: attempt.env,
    defaultCluster: attempt.defaultCluster,
    homeHost: attempt.homeHost,
    runScript: options.runScript ?? defaultScriptRunner(),
  });
  return { scenario: attempt.scenario.id, version: attempt.scenario.version, ...grade };
}

/** `kubecoach serve/shell --scenario ID`: the environment the learner gets for a scenario. */
export async function environmentForScenario(scenario: Scenario, options: RunOptions = {}): Promise<Environment> {
  return (await startAttempt(scenario, options)).env;
}

// ---------- exams ----------

export interface ExamAttempt {
  env: Environment;
  exam: Exam;
}

export interface ExamTaskGrade extends ScenarioGrade {
  task: number;
  weight: number;
  /** weight × earned / total */
  score: number;
}

export interface ExamGrade {
  exam: string;
  version: string;
  /** Sum of the tasks' weighted scores, out of 100. */
  percent: number;
  passPercent: number;
  passed: boolean;
  tasks: ExamTaskGrade[];
}

function taskAttempt(env: Environment, task: ExamTask) {
  return { env, scenario: task.scenario, homeHost: task.homeHost, defaultCluster: task.cluster };
}

/** One environment for the whole exam, every task's setup run on its own cluster. */
export async function startExam(exam: Exam, options: RunOptions = {}): Promise<ExamAttempt> {
  const runScript = options.runScript ?? defaultScriptRunner();
  const inputs = { environment: exam.environment, tasks: exam.tasks.map((t) => [t.homeHost, setupKey(t.scenario, runScript)]) };
  const key = `exam:${createHash("sha256").update(stableStringify(inputs)).digest("hex")}`;
  const start = { seed: options.seed ?? 1, startTime: options.startTime ?? FIXED_START };
  const { env } = await createPrepared(key, toEnvironmentSpec(exam.environment), start, async (env) => {
    for (const task of exam.tasks) await runSetup(env, task.scenario, task.homeHost, runScript);
    env.advanceBy(Math.max(...exam.tasks.map((t) => t.scenario.meta.timing.afterSetup)) * 1000);
  });
  markLearnerStart(env, { scenario: exam.meta.id, version: exam.version });
  return { env, exam };
}

export async function runExamSolutions(attempt: ExamAttempt, options: RunOptions = {}): Promise<ScriptResult[]> {
  const runScript = options.runScript ?? defaultScriptRunner();
  const results: ScriptResult[] = [];
  for (const task of attempt.exam.tasks) results.push(await runScript(attempt.env, task.scenario.solution, { host: task.homeHost, user: "root", asLearner: true }));
  attempt.env.advanceBy(Math.max(...attempt.exam.tasks.map((t) => t.scenario.meta.timing.beforeGrading)) * 1000);
  return results;
}

export async function gradeExam(attempt: ExamAttempt, options: RunOptions = {}): Promise<ExamGrade> {
  const tasks: ExamTaskGrade[] = [];
  for (const task of attempt.exam.tasks) {
    const grade = await gradeAttempt(taskAttempt(attempt.env, task), options);
    const score = grade.total === 0 ? 0 : (task.weight * grade.earned) / grade.total;
    tasks.push({ ...grade, task: task.number, weight: task.weight, score: Math.round(score * 10) / 10 });
  }
  const percent = Math.round(tasks.reduce((s, t) => s + (t.weight * t.earned) / t.total, 0) * 10) / 10;
  const passPercent = attempt.exam.meta.passPercent;
  return { exam: attempt.exam.meta.id, version: attempt.exam.version, percent, passPercent, passed: percent >= passPercent, tasks };
}
