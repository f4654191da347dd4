import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../../lib/scenarios/catalogue";
import { formatIssue } from "../../lib/scenarios/issues";
import { loadKnownGaps } from "../../lib/scenarios/known-gaps";
import { selfTestExam, selfTestScenario } from "../../lib/scenarios/self-test";
import { defaultScriptRunner } from "../../lib/scenarios/shell";

/**
 * `kubecoach scenarios test` for the whole catalogue, in CI: every scenario and exam must prove
 * itself (setup alone below full marks, setup + solution full marks) — except exactly those listed
 * in scenarios/KNOWN-GAPS.md, which must still fail, so the list never outlives its reason.
 */
const catalogue = loadCatalogue();
const gaps = loadKnownGaps(catalogue.root);
const runScript = defaultScriptRunner();

describe("scenario catalogue self-test", () => {
  it("has no validation problems", () => {
    expect(catalogue.issues.map(formatIssue)).toEqual([]);
  });

  it("lists only existing scenarios and exams in KNOWN-GAPS.md", () => {
    const unknown = [...gaps.values()].filter((g) => !catalogue.scenarios.has(g.id) && !catalogue.exams.has(g.id)).map((g) => `line ${g.line}: ${g.id}`);
    expect(unknown).toEqual([]);
  });

  for (const scenario of catalogue.scenarios.values()) {
    it(`scenario ${scenario.id}`, async () => {
      const result = await selfTestScenario(scenario, runScript);
      if (gaps.has(scenario.id)) expect(result.ok, `${scenario.id} passes now: remove it from scenarios/KNOWN-GAPS.md`).toBe(false);
      else expect(result.problems).toEqual([]);
    }, 180_000);
  }

  for (const exam of catalogue.exams.values()) {
    it(`exam ${exam.meta.id}`, async () => {
      const result = await selfTestExam(exam, runScript);
      if (gaps.has(exam.meta.id)) expect(result.ok, `${exam.meta.id} passes now: remove it from scenarios/KNOWN-GAPS.md`).toBe(false);
      else expect(result.problems).toEqual([]);
    }, 900_000);
  }
});
