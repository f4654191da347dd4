import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../catalogue";
import { gradeAttempt, runAsLearner, startAttempt } from "../run";
import { defaultScriptRunner } from "../shell";
import { scenarioFiles, writeTree } from "../../../test/scenarios/fixtures";

const runScript = defaultScriptRunner();

function demo(setup: string) {
  const cat = loadCatalogue(writeTree(scenarioFiles("cka/x/demo", { "setup.sh": setup })));
  expect(cat.issues).toEqual([]);
  return cat.scenarios.get("demo")!;
}

const SETUP = "#!/bin/bash\nkubectl create namespace shop\nkubectl -n shop create deployment api --image=nginx:1.27 --replicas=2\n";

/**
 * Attempts after the first start from a copy of the first one's set-up cluster (the setup runs once
 * per scenario and process): the learner must not be able to tell, and an edited scenario must be
 * set up afresh.
 */
describe("startAttempt from a scenario's setup template", () => {
  it("gives every attempt the set-up cluster, each its own, graded the same", async () => {
    const scenario = demo(SETUP);
    const first = await startAttempt(scenario, { runScript });
    const second = await startAttempt(scenario, { runScript, seed: 77, startTime: Date.UTC(2026, 0, 5, 14, 3, 27, 512) });
    expect(second.setup.stdout).toBe(first.setup.stdout);
    const list = await runAsLearner(second, "kubectl -n shop get deploy api -o jsonpath='{.status.readyReplicas}'; kubectl get pod web");
    expect(list.stdout).toBe("2");
    expect(list.stderr).toBe('Error from server (NotFound): pods "web" not found\n');
    await runAsLearner(first, "kubectl run web --image=nginx:1.27");
    expect((await gradeAttempt(first, { runScript })).earned).toBe(3);
    expect((await gradeAttempt(second, { runScript })).earned).toBe(0);
    const third = await startAttempt(scenario, { runScript });
    expect((await gradeAttempt(third, { runScript })).earned).toBe(0);
    expect(JSON.stringify(third.env.snapshot().clusters[0].store)).not.toContain('"web"');
  });

  it("runs an edited setup afresh", async () => {
    await startAttempt(demo(SETUP), { runScript });
    const edited = await startAttempt(demo(SETUP.replace("--replicas=2", "--replicas=3")), { runScript });
    const replicas = await runAsLearner(edited, "kubectl -n shop get deploy api -o jsonpath='{.status.readyReplicas}'");
    expect(replicas.stdout).toBe("3");
  });
});
