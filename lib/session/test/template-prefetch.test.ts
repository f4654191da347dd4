import { MessageChannel } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { SYSTEM_ADMIN } from "../../../engine/api/types";
import { DEFAULT_ENVIRONMENT, DEFAULT_START_TIME, type Environment } from "../../../engine/cluster/environment";
import { clearSetupTemplates, createPrepared, hasSetupTemplate, prefetchSetupTemplate, setSetupTemplateSource, takeSetupTemplateParts, warmPrepared, type Pace } from "../../../engine/cluster/setup-templates";
import { askTemplatesOver, offerTemplates, serveTemplates, useSharedTemplates } from "../shared-templates";
import { prefetchBudgetChars, QUIET_MS, TemplatePrefetcher, type PrefetchDeps } from "../template-prefetch";
import { rankTemplateJobs } from "../template-warming";

const START = DEFAULT_START_TIME + 9 * 3600_000;
/** Lets every promise and immediate queued so far run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A prefetcher on a clock the test moves, with a budget of `budget` characters: `work()` is a learner's message arriving now. Templates are 10 characters unless `sizes` says otherwise. */
function scheduled(budget: number, options: { held?: string[]; failing?: string[]; onTurn?: () => void; sizes?: Record<string, number> } = {}) {
  let now = 1000;
  let lastWork = -Infinity;
  const timers: { at: number; resolve: () => void }[] = [];
  const parts: string[] = [];
  const deps: PrefetchDeps = {
    budgetChars: budget,
    // Three parts per template; the first comes with the answer, a pace before each of the others.
    async fetch(key, pace) {
      if (options.failing?.includes(key)) return false;
      for (let i = 0; i < 3; i++) {
        if (i > 0) await pace();
        parts.push(`${key}#${i}`);
      }
      return true;
    },
    has: (key) => options.held?.includes(key) ?? false,
    sinceWork: () => now - lastWork,
    sleep: (ms) => new Promise<void>((resolve) => timers.push({ at: now + ms, resolve })),
    turn: async () => options.onTurn?.(),
  };
  const prefetcher = new TemplatePrefetcher(deps);
  return {
    prefetcher,
    offer: (keys: string[]) => prefetcher.offer(keys, keys.map((key) => options.sizes?.[key] ?? 10)),
    parts,
    work: () => void (lastWork = now),
    async advance(ms: number) {
      now += ms;
      for (const timer of timers.filter((t) => t.at <= now)) {
        timers.splice(timers.indexOf(timer), 1);
        timer.resolve();
      }
      await settle();
    },
  };
}

describe("prefetch scheduling (a clock the test moves)", () => {
  it("takes nothing in until the worker has been quiet for QUIET_MS, then the templates offered, likeliest first, while they fit the budget", async () => {
    const s = scheduled(20);
    s.work();
    s.offer(["exam", "popular", "rare"]);
    await settle();
    expect(s.parts).toEqual([]);
    await s.advance(QUIET_MS - 1);
    expect(s.parts).toEqual([]);
    await s.advance(1);
    expect(s.parts).toEqual(["exam#0", "exam#1", "exam#2", "popular#0", "popular#1", "popular#2"]);
    expect(s.prefetcher.kept).toBe(2);
    // A later offer with more templates does not go past the bound.
    s.offer(["exam", "popular", "rare", "new"]);
    await s.advance(QUIET_MS);
    expect(s.parts).toHaveLength(6);
  });

  it("a learner's message during a prefetch pauses it after the part under way until the worker is quiet again", async () => {
    let turns = 0;
    const s = scheduled(10, { onTurn: () => void (++turns === 1 && s.work()) });
    s.offer(["exam"]);
    await settle();
    // The message came in the turn after the first part: nothing more until QUIET_MS after it.
    expect(s.parts).toEqual(["exam#0"]);
    await s.advance(QUIET_MS / 2);
    expect(s.parts).toEqual(["exam#0"]);
    s.work();
    await s.advance(QUIET_MS - 1);
    expect(s.parts).toEqual(["exam#0"]);
    await s.advance(1);
    expect(s.parts).toEqual(["exam#0", "exam#1", "exam#2"]);
  });

  it("passes over one too large for what is left for smaller ones after it", async () => {
    const s = scheduled(25, { sizes: { exam: 12, "exam-2": 14, popular: 3, rare: 9 } });
    s.offer(["exam", "exam-2", "popular", "rare"]);
    await s.prefetcher.settled();
    expect(s.parts.filter((p) => p.endsWith("#0"))).toEqual(["exam#0", "popular#0", "rare#0"]);
  });

  it("skips templates an attempt brought already, does not ask again for one the warming thread did not give (nor count it), and stops when told", async () => {
    const s = scheduled(20, { held: ["exam"], failing: ["popular"] });
    s.offer(["exam", "popular", "rare"]);
    await s.prefetcher.settled();
    expect(s.parts).toEqual(["rare#0", "rare#1", "rare#2"]);
    s.offer(["popular", "rare", "new"]);
    await s.prefetcher.settled();
    expect(s.parts.slice(3)).toEqual(["new#0", "new#1", "new#2"]);
    expect(s.prefetcher.kept).toBe(2);

    const stopped = scheduled(30);
    stopped.work();
    stopped.offer(["a", "b"]);
    stopped.prefetcher.stop();
    await stopped.advance(QUIET_MS);
    await stopped.prefetcher.settled();
    expect(stopped.parts).toEqual([]);
  });

  it("ranks templates by attempts started, mock exams first on a tie, then in the catalogue's order; KUBECOACH_PREFETCH_MB sets the heap for them", () => {
    const jobs = [
      { id: "a", exam: false },
      { id: "b", exam: false },
      { id: "mock-1", exam: true },
      { id: "c", exam: false },
    ];
    expect(rankTemplateJobs(jobs).map((j) => j.id)).toEqual(["mock-1", "a", "b", "c"]);
    expect(rankTemplateJobs(jobs, { c: 5, b: 2, "mock-1": 1 }).map((j) => j.id)).toEqual(["c", "b", "mock-1", "a"]);
    expect([prefetchBudgetChars(undefined), prefetchBudgetChars("0"), prefetchBudgetChars("8"), prefetchBudgetChars("lots")]).toEqual([16e6, 0, 4e6, 16e6]);
  });
});

/** A setup that counts its runs: a deployment, then a minute of settling. */
function setup(counter: { runs: number }) {
  return async (env: Environment) => {
    counter.runs++;
    env.cluster().admin.create({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "default" },
      spec: { replicas: 2, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] } } },
    });
    env.advanceBy(60_000);
    return { exitCode: 0 };
  };
}

const pods = (env: Environment) => env.cluster().clientFor(SYSTEM_ADMIN).list("", "pods", "default");

/** The warming thread's side on a MessageChannel, keeping the template of `key`; this thread asks it, counting the parts an attempt takes in. */
async function keeperWith(key: string, counter: { runs: number }) {
  await warmPrepared(key, DEFAULT_ENVIRONMENT, START, setup(counter), () => Promise.resolve());
  const reference = await createPrepared(key, DEFAULT_ENVIRONMENT, { startTime: START + 3600_000, seed: 4 }, setup(counter));
  const parts = takeSetupTemplateParts(key)!;
  clearSetupTemplates();
  const { port1, port2 } = new MessageChannel();
  const asked: string[] = [];
  serveTemplates(port1, (k) => (asked.push(k), k === key ? parts : undefined));
  const attemptTurns = { n: 0 };
  setSetupTemplateSource(askTemplatesOver(port2), () => (attemptTurns.n++, new Promise((resolve) => setImmediate(resolve))));
  return { reference, parts, asked, attemptTurns, keeperPort: port1 };
}

afterEach(() => {
  setSetupTemplateSource(undefined);
  clearSetupTemplates();
});

describe("prefetched set-up templates", () => {
  it("an attempt starts from a prefetched template without asking the warming thread or taking in a part", async () => {
    const counter = { runs: 0 };
    const keeper = await keeperWith("test:prefetched", counter);
    let backgroundTurns = 0;
    expect(await prefetchSetupTemplate("test:prefetched", () => (backgroundTurns++, settle().then(() => undefined)))).toBe(true);
    expect(backgroundTurns).toBe(keeper.parts.length - 1);
    expect(keeper.asked).toEqual(["test:prefetched"]);

    const attempt = await createPrepared("test:prefetched", DEFAULT_ENVIRONMENT, { startTime: START + 3600_000, seed: 4 }, setup(counter));
    expect([attempt.cold, counter.runs, keeper.attemptTurns.n]).toEqual([false, 1, 0]);
    expect(keeper.asked).toEqual(["test:prefetched"]);
    expect(JSON.stringify(attempt.env.snapshot())).toBe(JSON.stringify(keeper.reference.env.snapshot()));
    // Held already: a second prefetch does nothing.
    expect(await prefetchSetupTemplate("test:prefetched", () => Promise.resolve())).toBe(false);
    keeper.keeperPort.close();
  });

  it("an attempt arriving while a prefetch is paused (the worker busy) takes the rest at its own pace, not the prefetch's", async () => {
    const counter = { runs: 0 };
    const keeper = await keeperWith("test:interrupted", counter);
    // The worker never becomes quiet: the prefetch would wait forever after its first part.
    let paused = false;
    const neverQuiet: Pace = () => ((paused = true), new Promise(() => {}));
    const prefetch = prefetchSetupTemplate("test:interrupted", neverQuiet);
    expect(hasSetupTemplate("test:interrupted")).toBe(true);
    while (!paused) await settle();

    const attempt = await createPrepared("test:interrupted", DEFAULT_ENVIRONMENT, { startTime: START + 3600_000, seed: 4 }, setup(counter));
    expect([attempt.cold, counter.runs]).toEqual([false, 1]);
    expect(keeper.attemptTurns.n).toBe(keeper.parts.length - 2);
    expect(keeper.asked).toEqual(["test:interrupted"]);
    expect(JSON.stringify(attempt.env.snapshot())).toBe(JSON.stringify(keeper.reference.env.snapshot()));
    expect(await prefetch).toBe(true);
    keeper.keeperPort.close();
  });

  it("a serving thread with a prefetch budget takes in what the warming thread offers, the likeliest that fit, and its attempts ask for nothing more", async () => {
    const counter = { runs: 0 };
    const keeper = await keeperWith("test:offered", counter);
    const chars = keeper.parts.reduce((sum, part) => sum + part.length, 0);
    const { port1, port2 } = new MessageChannel();
    const asked: string[] = [];
    serveTemplates(port1, (k) => (asked.push(k), k === "test:offered" ? keeper.parts : undefined));
    const prefetcher = useSharedTemplates(port2, () => settle().then(() => undefined), chars)!;
    // The likeliest ("test:huge") does not fit the budget; the one after it does.
    offerTemplates(port1, ["test:huge", "test:offered"], [chars + 1, chars]);
    while (prefetcher.kept === 0) await settle();
    expect(asked).toEqual(["test:offered"]);
    expect(hasSetupTemplate("test:huge")).toBe(false);
    const attempt = await createPrepared("test:offered", DEFAULT_ENVIRONMENT, { startTime: START + 3600_000, seed: 4 }, setup(counter));
    expect([attempt.cold, counter.runs, asked]).toEqual([false, 1, ["test:offered"]]);
    expect(JSON.stringify(attempt.env.snapshot())).toBe(JSON.stringify(keeper.reference.env.snapshot()));
    port1.close();
    keeper.keeperPort.close();
  });

  it("a warming thread that is gone (or has no such template) leaves nothing behind: the attempt runs its setup", async () => {
    const counter = { runs: 0 };
    const keeper = await keeperWith("test:gone", counter);
    expect(await prefetchSetupTemplate("test:unknown", () => Promise.resolve())).toBe(false);
    expect(hasSetupTemplate("test:unknown")).toBe(false);
    keeper.keeperPort.close();
    await settle();
    expect(await prefetchSetupTemplate("test:gone", () => Promise.resolve())).toBe(false);
    expect(hasSetupTemplate("test:gone")).toBe(false);
    const attempt = await createPrepared("test:gone", DEFAULT_ENVIRONMENT, { startTime: START + 3600_000, seed: 4 }, setup(counter));
    expect([attempt.cold, counter.runs]).toEqual([true, 2]);
    expect(pods(attempt.env)).toHaveLength(2);
  });
});
