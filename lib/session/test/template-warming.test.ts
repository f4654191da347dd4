import { describe, expect, it } from "vitest";
import type { ScriptRunner } from "../../../engine/grading/script-runner";
import { setupTemplateLimit } from "../../../engine/cluster/setup-templates";
import { loadCatalogue } from "../../scenarios/catalogue";
import { startAttempt } from "../../scenarios/run";
import { defaultScriptRunner } from "../../scenarios/shell";
import { scenarioFiles, writeTree } from "../../../test/scenarios/fixtures";
import { shellScriptRunner } from "../script-runner";
import { startTemplateKeeper, startTemplateWarming, templateWarmingEnabled, warmTemplates, yieldToEventLoop } from "../template-warming";
import { askTemplatesOver, useSharedTemplates } from "../shared-templates";
import { setSetupTemplateSource } from "../../../engine/cluster/setup-templates";
import { setupKey } from "../../scenarios/run";

const shell = defaultScriptRunner();
const START = Date.UTC(2026, 2, 3, 10, 15, 42, 250);

/** A runner that counts the setups it runs (templates are kept per runner, so each test has its own). */
function countingRunner(): ScriptRunner & { setups: string[] } {
  const setups: string[] = [];
  const runner = ((env, script, options) => {
    if (options.user === "root" && !options.asLearner) setups.push(script);
    return shell(env, script, options);
  }) as ScriptRunner & { setups: string[] };
  runner.setups = setups;
  return runner;
}

const SETUP = "#!/bin/bash\nkubectl create namespace shop\nkubectl -n shop create deployment api --image=nginx:1.27 --replicas=2\n";

function catalogueOf(setups: Record<string, string>) {
  return catalogueAt(rootOf(setups));
}

function rootOf(setups: Record<string, string>): string {
  const files: Record<string, string> = {};
  for (const [id, setup] of Object.entries(setups)) {
    Object.assign(files, scenarioFiles(`cka/x/${id}`, { "setup.sh": setup, "scenario.yaml": `id: ${id}\nversion: 1\ntitle: T\nexam: CKA\ndomain: workloads-scheduling\ntopics: [pods]\ndifficulty: easy\nminutes: 2\npoints: 3\nlessons: [core-concepts]\ntiming:\n  afterSetup: 45\n` }));
  }
  return writeTree(files);
}

function catalogueAt(root: string) {
  const cat = loadCatalogue(root);
  expect(cat.issues).toEqual([]);
  return { scenarios: cat.scenarios, exams: new Map() };
}

describe("background warming of setup templates", () => {
  it("makes each scenario's template once, so attempts do not run setup; a failing setup is reported, not fatal", async () => {
    const runScript = countingRunner();
    const catalogue = catalogueOf({ shop: SETUP, broken: "#!/bin/bash\nkubectl get namespace nope\n" });
    const report = await warmTemplates({ catalogue, runScript, now: () => START });
    expect(report.made).toBe(1);
    expect(report.failed.map((f) => f.id)).toEqual(["broken"]);
    expect(report.failed[0].error).toContain('setup of scenario "broken" exited with 1');
    expect(runScript.setups).toHaveLength(2);
    const attempt = await startAttempt(catalogue.scenarios.get("shop")!, { runScript, seed: 9, startTime: START + 3_600_000 });
    expect(runScript.setups).toHaveLength(2);
    const ready = await runScript(attempt.env, "kubectl -n shop get deploy api -o jsonpath='{.status.readyReplicas}'", { host: attempt.homeHost, user: "root", asLearner: true });
    expect(ready.stdout).toBe("2");
    expect(setupTemplateLimit()).toBeGreaterThanOrEqual(2 + 48);
    // Warming again finds the template there.
    expect((await warmTemplates({ catalogue, runScript, now: () => START })).existing).toBe(1);
  });

  it("gives the same attempt as a template made on demand (settling paced second by second changes nothing)", async () => {
    const warmedRunner = countingRunner();
    const onDemandRunner = countingRunner();
    const catalogue = catalogueOf({ shop: SETUP });
    const scenario = catalogue.scenarios.get("shop")!;
    // Both templates stand for START (the server warmed then; the on-demand one's first attempt started then).
    await warmTemplates({ catalogue, runScript: warmedRunner, now: () => START });
    await startAttempt(scenario, { runScript: onDemandRunner, startTime: START });
    for (const later of [0, 7_777, 3 * 86_400_000 + 123]) {
      const warmed = await startAttempt(scenario, { runScript: warmedRunner, seed: 5, startTime: START + later });
      const onDemand = await startAttempt(scenario, { runScript: onDemandRunner, seed: 5, startTime: START + later });
      expect(JSON.stringify(warmed.env.snapshot())).toBe(JSON.stringify(onDemand.env.snapshot()));
    }
    expect([warmedRunner.setups.length, onDemandRunner.setups.length]).toEqual([1, 1]);
  });

  it("gives way to live work between steps; an attempt arriving mid-way joins the template being made, which stops giving way", async () => {
    const runScript = countingRunner();
    const catalogue = catalogueOf({ first: SETUP, second: SETUP.replaceAll("shop", "store") });
    let paces = 0;
    let liveRanAt = -1;
    let pacesAtJoin = -1;
    let attempt: Promise<unknown> | undefined;
    const pace = () => {
      paces++;
      if (paces === 3) setImmediate(() => (liveRanAt = paces));
      // A learner starts "second" while warming is settling it.
      if (runScript.setups.length === 2 && !attempt) {
        pacesAtJoin = paces;
        attempt = startAttempt(catalogue.scenarios.get("second")!, { runScript, seed: 3, startTime: START });
      }
      return new Promise<void>((resolve) => setImmediate(resolve));
    };
    const report = await warmTemplates({ catalogue, runScript, now: () => START, pace });
    await attempt;
    // The live callback ran at the next step, not after the warm-up.
    expect(liveRanAt).toBe(3);
    // Settling 45 simulated seconds gives way at each of them.
    expect(pacesAtJoin).toBeGreaterThan(45);
    expect(paces).toBe(pacesAtJoin);
    expect(runScript.setups).toHaveLength(2);
    expect(report.made).toBe(2);
  });

  it("in a warming thread: each template arrives as JSON parts and attempts start from it exactly as from one an attempt made here", async () => {
    const root = rootOf({ shop: SETUP, broken: "#!/bin/bash\nkubectl get namespace nope\n" });
    const catalogue = catalogueAt(root);
    const scenario = catalogue.scenarios.get("shop")!;
    const saved = { ...process.env };
    // The thread reads the same catalogue (it inherits the environment when it starts).
    Object.assign(process.env, { KUBECOACH_SCENARIOS: root, KUBECOACH_WARM_TEMPLATES: "1" });
    let warming;
    try {
      warming = startTemplateWarming({ catalogue, runScript: shellScriptRunner, now: () => START });
    } finally {
      process.env = saved;
    }
    const report = await warming!;
    expect(report.made).toBe(1);
    expect(report.failed.map((f) => f.id)).toEqual(["broken"]);
    const fromThread = await startAttempt(scenario, { runScript: shellScriptRunner, seed: 4, startTime: START + 86_400_123 });
    // Made here on demand, as an attempt without warming makes it (settling in one advance).
    const here = countingRunner();
    await startAttempt(scenario, { runScript: here, startTime: START });
    const fromHere = await startAttempt(scenario, { runScript: here, seed: 4, startTime: START + 86_400_123 });
    expect(JSON.stringify(fromThread.env.snapshot())).toBe(JSON.stringify(fromHere.env.snapshot()));
    const ready = await shellScriptRunner(fromThread.env, "kubectl -n shop get deploy api -o jsonpath='{.status.readyReplicas}'", { host: fromThread.homeHost, user: "root" });
    expect(ready.stdout).toBe("2");
  }, 120_000);

  it("one warming thread for several serving threads keeps what it made and hands each the template its attempt needs", async () => {
    const root = rootOf({ cafe: SETUP.replaceAll("shop", "cafe") });
    const catalogue = catalogueAt(root);
    const scenario = catalogue.scenarios.get("cafe")!;
    const saved = { ...process.env };
    Object.assign(process.env, { KUBECOACH_SCENARIOS: root, KUBECOACH_WARM_TEMPLATES: "1" });
    let keeper;
    try {
      keeper = startTemplateKeeper({ catalogue, now: () => START })!;
    } finally {
      process.env = saved;
    }
    try {
      // This thread is one serving thread; another asks on its own port until the template is made.
      useSharedTemplates(keeper.serve(), yieldToEventLoop);
      const other = askTemplatesOver(keeper.serve(), 60_000);
      const key = setupKey(scenario, shellScriptRunner);
      while (!(await other(key))) await new Promise((resolve) => setTimeout(resolve, 200));
      // A serving thread that comes later is offered what the thread has (its workers prefetch from it).
      const watcher = keeper.serve();
      const offered = await new Promise<unknown>((resolve) => watcher.on("message", (m: { t: string; keys?: string[] }) => m.t === "offer" && resolve(m.keys)));
      expect(offered).toEqual([key]);
      watcher.close();
      const mine = askTemplatesOver(keeper.serve(), 60_000);
      const answers: boolean[] = [];
      setSetupTemplateSource(async (k) => {
        const parts = await mine(k);
        answers.push(parts !== undefined);
        return parts;
      }, yieldToEventLoop);
      const fromKeeper = await startAttempt(scenario, { runScript: shellScriptRunner, seed: 4, startTime: START + 86_400_123 });
      expect(answers).toEqual([true]);
      const here = countingRunner();
      await startAttempt(scenario, { runScript: here, startTime: START });
      const fromHere = await startAttempt(scenario, { runScript: here, seed: 4, startTime: START + 86_400_123 });
      expect(JSON.stringify(fromKeeper.env.snapshot())).toBe(JSON.stringify(fromHere.env.snapshot()));
      // What it keeps is in its own heap (a benchmark reports it apart from the sessions').
      expect(await keeper.heapUsed()).toBeGreaterThan(1024 * 1024);
      expect(await keeper.warmed).toMatchObject({ made: 1, failed: [] });
    } finally {
      setSetupTemplateSource(undefined);
      await keeper.stop();
    }
  }, 120_000);

  it("is on unless KUBECOACH_WARM_TEMPLATES turns it off, and off under tests unless turned on", () => {
    expect(templateWarmingEnabled(undefined, false)).toBe(true);
    expect(templateWarmingEnabled(undefined, true)).toBe(false);
    expect(templateWarmingEnabled("0", false)).toBe(false);
    expect(templateWarmingEnabled("off", false)).toBe(false);
    expect(templateWarmingEnabled("1", true)).toBe(true);
  });
});
