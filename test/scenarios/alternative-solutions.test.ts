import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../../lib/scenarios/catalogue";
import { DOMAIN_IDS } from "../../lib/scenarios/curriculum";
import { gradeAttempt, runAsLearner, startAttempt } from "../../lib/scenarios/run";
import { defaultScriptRunner } from "../../lib/scenarios/shell";

/**
 * Checks grade the final state, so every correct way of doing a task must earn full marks and a
 * plausible wrong way must not. Each fixture in alternative-solutions/ is named
 * `<scenario-id>--<what it does differently>.sh` and starts with `# expect: full` (a correct
 * alternative to solution.sh) or `# expect: partial` (a mistake learners make). It runs exactly as
 * the self-test runs solution.sh: setup, the script as the learner, then the scenario's checks.
 */
const FIXTURES = join(__dirname, "alternative-solutions");
const catalogue = loadCatalogue();
const runScript = defaultScriptRunner();

interface Fixture {
  file: string;
  scenario: string;
  expect: "full" | "partial";
  script: string;
}

function loadFixtures(): Fixture[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith(".sh"))
    .sort()
    .map((file) => {
      const script = readFileSync(join(FIXTURES, file), "utf8");
      const expectation = /^# expect: (full|partial)$/m.exec(script)?.[1];
      if (!expectation) throw new Error(`${file}: needs a line "# expect: full" or "# expect: partial"`);
      return { file, scenario: file.split("--")[0], expect: expectation as Fixture["expect"], script };
    });
}

const fixtures = loadFixtures();

describe("alternative solutions are graded by the state they leave", () => {
  it("covers at least 25 scenarios of all five CKA domains", () => {
    const scenarios = new Set(fixtures.map((f) => f.scenario));
    expect([...scenarios].filter((id) => !catalogue.scenarios.has(id))).toEqual([]);
    const domains = new Set([...scenarios].map((id) => catalogue.scenarios.get(id)!.meta.domain));
    expect(scenarios.size).toBeGreaterThanOrEqual(25);
    expect([...domains].sort()).toEqual([...DOMAIN_IDS].sort());
  });

  for (const fixture of fixtures) {
    it(`${fixture.file.replace(/\.sh$/, "")} scores ${fixture.expect === "full" ? "full marks" : "below full marks"}`, async () => {
      const scenario = catalogue.scenarios.get(fixture.scenario);
      expect(scenario, `no scenario "${fixture.scenario}"`).toBeDefined();
      const attempt = await startAttempt(scenario!, { runScript });
      const run = await runAsLearner(attempt, fixture.script, { runScript });
      const grade = await gradeAttempt(attempt, { runScript });
      const failed = grade.checks.filter((c) => !c.passed).map((c) => `${c.id}: ${c.reason}`);
      if (fixture.expect === "full") {
        expect(run.exitCode, (run.stderr || run.stdout).trim().split("\n").slice(-3).join("\n")).toBe(0);
        expect(failed).toEqual([]);
      } else {
        expect(grade.earned, "a wrong solution earned full marks").toBeLessThan(grade.total);
      }
    }, 180_000);
  }
});
