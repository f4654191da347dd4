import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../../lib/scenarios/catalogue";
import { gradeAttempt, runAsLearner, startAttempt } from "../../lib/scenarios/run";
import { defaultScriptRunner } from "../../lib/scenarios/shell";

/**
 * Half-done work must lose exactly the points of the half not done. The self-test only proves the
 * untouched and the solved states; these are the in-between states where a check once gave a free
 * point (a can-i on a pod *named* log; a validation check passed by a cluster without the CRD).
 */
const catalogue = loadCatalogue();
const runScript = defaultScriptRunner();

async function gradeAfter(id: string, script: string) {
  const attempt = await startAttempt(catalogue.scenarios.get(id)!, { runScript });
  if (script) await runAsLearner(attempt, script, { runScript });
  const result = await gradeAttempt(attempt, { runScript });
  return Object.fromEntries(result.checks.map((c) => [c.id, c.passed]));
}

describe("partly solved scenarios", () => {
  it("rbac-developer-role: a Role without pods/log does not earn the logs check", async () => {
    const passed = await gradeAfter(
      "rbac-developer-role",
      "kubectl -n dev create role pod-reader --verb=get,list,watch --resource=pods\nkubectl -n dev create rolebinding jane-pod-reader --role=pod-reader --user=jane\n",
    );
    expect(passed["can-list"]).toBe(true);
    expect(passed["can-logs"]).toBe(false);
  }, 60_000);

  it("crd-custom-resource: without the CRD the validation check fails", async () => {
    const passed = await gradeAfter("crd-custom-resource", "");
    expect(passed.validation).toBe(false);
  }, 60_000);
});
