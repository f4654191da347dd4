// Sets up a mock exam's environment: every task's setup on its own cluster. Unlike
// lib/scenarios' startExam, a task whose setup cannot run in the simulation yet does not stop the
// whole exam: the task is marked unavailable (with the reason) and left out of the score, and
// the learner is told so plainly. Runs in the engine host only.
//
// All the task setups run once per process and exam version (engine/cluster/setup-templates.ts):
// later attempts start from a copy moved to their own time, with their own random stream, instead
// of waiting seconds for every setup script again.
import { createHash } from "node:crypto";
import type { Environment } from "../../engine/cluster/environment";
import { createPrepared, settlePaced, warmPrepared, type Pace } from "../../engine/cluster/setup-templates";
import { stableStringify } from "../../engine/util/json";
import { markLearnerStart } from "../../engine/grading/attempt";
import type { ScriptRunner } from "../../engine/grading/script-runner";
import { toEnvironmentSpec, type Exam } from "../scenarios";
import { setupKey } from "../scenarios/run";

/** env.extra key: task number → why its setup failed (kept in snapshots). */
export const UNAVAILABLE_TASKS_KEY = "kubecoach.exam.unavailableTasks";

export type UnavailableTasks = Record<string, string>;

export function unavailableTasks(env: Environment): UnavailableTasks {
  const value = env.extra[UNAVAILABLE_TASKS_KEY];
  return value && typeof value === "object" ? (value as UnavailableTasks) : {};
}

function firstLines(text: string): string {
  return text.trim().split("\n").slice(-2).join(" ").slice(0, 240);
}

export async function startExamEnvironment(exam: Exam, options: { runScript: ScriptRunner; seed: number; startTime: number }): Promise<Environment> {
  const { env } = await createPrepared(examKey(exam, options.runScript), toEnvironmentSpec(exam.environment), options, examSetup(exam, options.runScript));
  markLearnerStart(env, { scenario: exam.meta.id, version: exam.version });
  return env;
}

/** Makes the exam's setup template now, in the background (lib/session/template-warming.ts), unless it exists. */
export function warmExamTemplate(exam: Exam, options: { runScript: ScriptRunner; startTime: number; pace: Pace }): Promise<boolean> {
  return warmPrepared(examKey(exam, options.runScript), toEnvironmentSpec(exam.environment), options.startTime, examSetup(exam, options.runScript), options.pace);
}

/** Everything the setups read; the "tolerant" prefix keeps these apart from lib/scenarios' startExam, whose templates refuse a failing task instead of recording it. */
export function examKey(exam: Exam, runScript: ScriptRunner): string {
  const inputs = { environment: exam.environment, tasks: exam.tasks.map((t) => [t.number, t.homeHost, setupKey(t.scenario, runScript)]) };
  return `exam-tolerant:${createHash("sha256").update(stableStringify(inputs)).digest("hex")}`;
}

function examSetup(exam: Exam, runScript: ScriptRunner) {
  return async (env: Environment, pace: Pace): Promise<void> => {
    const unavailable: UnavailableTasks = {};
    for (const task of exam.tasks) {
      try {
        const result = await runScript(env, task.scenario.setup, { host: task.homeHost, user: "root" });
        if (result.exitCode !== 0) unavailable[String(task.number)] = firstLines(result.stderr || result.stdout) || `setup exited with ${result.exitCode}`;
      } catch (e) {
        unavailable[String(task.number)] = e instanceof Error ? e.message : String(e);
      }
      // Between tasks, live work goes first (warming).
      await pace();
    }
    env.extra[UNAVAILABLE_TASKS_KEY] = unavailable;
    await settlePaced(env, Math.max(...exam.tasks.map((t) => t.scenario.meta.timing.afterSetup)) * 1000, pace);
  };
}
