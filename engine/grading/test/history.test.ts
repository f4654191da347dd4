import { describe, expect, it } from "vitest";
import { Environment } from "../../cluster/environment";
import { runScript } from "../../shell/script";
import { markLearnerStart } from "../attempt";
import { gradeChecks } from "../grader";
import { check } from "./helpers";

/** The terminal history contract with engine/shell: command lines typed as the learner, after setup. */
describe("history checks", () => {
  it("see the commands the learner typed after the start marker, not setup's", async () => {
    const env = Environment.create(undefined, { seed: 3 });
    await runScript(env, { script: "kubectl create namespace from-setup\n" });
    await runScript(env, { script: "kubectl rollout undo deployment/old --dry-run=client\n", asLearner: true });
    env.advanceBy(5_000);
    markLearnerStart(env, { scenario: "s", version: "1" });
    await runScript(env, { script: "kubectl create namespace mine\nkubectl get ns mine\n", asLearner: true });
    const ctx = { env, defaultCluster: "kubernetes", homeHost: "controlplane", runScript: async () => ({ exitCode: 0, stdout: "", stderr: "" }) };
    const grade = await gradeChecks(
      [
        check({ id: "typed", type: "history", expect: "present", command: "^kubectl create namespace mine$" }),
        check({ id: "not-before", type: "history", expect: "absent", command: "rollout undo" }),
        check({ id: "setup-hidden", type: "history", expect: "present", command: "from-setup" }),
        check({ id: "no-get", type: "history", expect: "absent", command: "kubectl get ns" }),
      ],
      ctx,
    );
    expect(grade.checks.map((c) => [c.id, c.passed])).toEqual([
      ["typed", true],
      ["not-before", true],
      ["setup-hidden", false],
      ["no-get", false],
    ]);
    expect(grade.checks[2].reason).toBe("no command matching /from-setup/ was run");
    expect(grade.checks[3].reason).toBe("the command `kubectl get ns mine` was run on controlplane");
  });
});
