import { describe, expect, it } from "vitest";
import type { ScriptRunner } from "../../../engine/grading/script-runner";
import { attemptMarker } from "../../../engine/grading/attempt";
import { loadCatalogue } from "../../scenarios/catalogue";
import { defaultScriptRunner } from "../../scenarios/shell";
import { startExamEnvironment, unavailableTasks } from "../start";

/**
 * A mock exam's environment is prepared once per process (every task's setup) and copied for each
 * attempt. Each copy must be the learner's own: its own start time and clock, its own changes, and
 * the record of tasks whose setup could not run.
 */
const catalogue = loadCatalogue();
const exam = [...catalogue.exams.values()][0];
const shell = defaultScriptRunner();
const HOUR = 3_600_000;
const START = Date.UTC(2026, 10, 27, 9, 0, 0);

function namespaces(env: Awaited<ReturnType<typeof startExamEnvironment>>, cluster: string): string[] {
  return env.cluster(cluster).admin.list("", "namespaces").map((n) => n.metadata.name!).sort();
}

describe("starting a mock exam environment", () => {
  it("gives each attempt its own copy of the prepared tasks, at its own time", async () => {
    const first = await startExamEnvironment(exam, { runScript: shell, seed: 11, startTime: START });
    const second = await startExamEnvironment(exam, { runScript: shell, seed: 22, startTime: START + HOUR });
    const cluster = exam.tasks[0].cluster;
    expect(namespaces(second, cluster)).toEqual(namespaces(first, cluster));
    expect(Date.parse(attemptMarker(second)!.startedAt) - Date.parse(attemptMarker(first)!.startedAt)).toBe(HOUR);

    first.cluster(cluster).admin.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "only-in-first" } });
    expect(namespaces(first, cluster)).toContain("only-in-first");
    expect(namespaces(second, cluster)).not.toContain("only-in-first");
  }, 300_000);

  it("records a task whose setup fails as unavailable in every copy", async () => {
    const broken = exam.tasks[1];
    const failing: ScriptRunner = (env, script, options) =>
      script === broken.scenario.setup ? Promise.resolve({ exitCode: 1, stdout: "", stderr: "setup needs a feature\n" }) : shell(env, script, options);
    const expected = { [String(broken.number)]: "setup needs a feature" };
    const first = await startExamEnvironment(exam, { runScript: failing, seed: 3, startTime: START });
    const second = await startExamEnvironment(exam, { runScript: failing, seed: 4, startTime: START + HOUR });
    expect(unavailableTasks(first)).toEqual(expected);
    expect(unavailableTasks(second)).toEqual(expected);
    // A runner that does not fail prepares its own template: nothing is marked there.
    expect(unavailableTasks(await startExamEnvironment(exam, { runScript: shell, seed: 5, startTime: START }))).toEqual({});
  }, 300_000);
});
