// Sets up a mock exam's environment: every task's setup on its own cluster. Unlike
// lib/scenarios' startExam, a task whose setup cannot run in the simulation yet does not stop the
// whole exam: the task is marked unavailable (with the reason) and left out of the score, and
// the learner is told so plainly. Runs in the engine host only.
import { Environment } from "../../engine/cluster/environment";
import { markLearnerStart } from "../../engine/grading/attempt";
import type { ScriptRunner } from "../../engine/grading/script-runner";
import { toEnvironmentSpec, type Exam } from "../scenarios";

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
  const env = Environment.create(toEnvironmentSpec(exam.environment), { seed: options.seed, startTime: options.startTime });
  const unavailable: UnavailableTasks = {};
  for (const task of exam.tasks) {
    try {
      const result = await options.runScript(env, task.scenario.setup, { host: task.homeHost, user: "root" });
      if (result.exitCode !== 0) unavailable[String(task.number)] = firstLines(result.stderr || result.stdout) || `setup exited with ${result.exitCode}`;
    } catch (e) {
      unavailable[String(task.number)] = e instanceof Error ? e.message : String(e);
    }
  }
  env.extra[UNAVAILABLE_TASKS_KEY] = unavailable;
  env.advanceBy(Math.max(...exam.tasks.map((t) => t.scenario.meta.timing.afterSetup)) * 1000);
  markLearnerStart(env, { scenario: exam.meta.id, version: exam.version });
  return env;
}
