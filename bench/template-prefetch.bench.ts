/**
 * A session worker's first attempt of a scenario, with and without template prefetch
 * (lib/session/template-prefetch.ts). The template-keeping warming thread makes the templates of
 * every mock exam and the first scenarios of the catalogue; this thread then plays a session
 * worker: it starts the first attempt of each, once asking the warming thread for the template as
 * the attempt needs it (without prefetch), once after taking in, while idle, the likeliest it offers
 * that fit a worker's prefetch budget (with prefetch). Rounds alternate the two, so the machine's load hits both alike.
 *
 * Reports per mode: the first attempt's set-up (wall ms, and this thread's CPU ms, which a loaded
 * machine does not inflate) p50/p95/max, for the templates prefetching covers and for the rest; and
 * what the prefetched templates cost an idle worker (heap after collection, RSS).
 *
 * Run: node --expose-gc --import tsx bench/template-prefetch.bench.ts [heapMB=32] [scenarios=12] [rounds=3]
 * (heapMB: KUBECOACH_PREFETCH_MB, the prefetch budget per worker)
 */
import { catalogue } from "../lib/scenarios/catalogue";
import { nameScriptRunner, setupKey, startAttempt } from "../lib/scenarios/run";
import { examKey, startExamEnvironment } from "../lib/exams/start";
import { shellScriptRunner } from "../lib/session/script-runner";
import { useSharedTemplates } from "../lib/session/shared-templates";
import { rankTemplateJobs, SESSION_RUNNER_NAME, startTemplateKeeper, yieldToEventLoop } from "../lib/session/template-warming";
import { threadRunMs } from "../lib/session/workers/health";
import { clearSetupTemplates, hasSetupTemplate } from "../engine/cluster/setup-templates";
import { DEFAULT_PREFETCH_MB, prefetchBudgetChars } from "../lib/session/template-prefetch";
import { heapMB } from "./support";

const BUDGET_MB = process.argv[2] ?? String(DEFAULT_PREFETCH_MB);
const SCENARIOS = Number(process.argv[3] ?? 12);
const ROUNDS = Number(process.argv[4] ?? 3);

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
function summary(values: number[]): string {
  const s = [...values].sort((a, b) => a - b);
  return `p50 ${quantile(s, 0.5).toFixed(1)}, p95 ${quantile(s, 0.95).toFixed(1)}, max ${(s.at(-1) ?? NaN).toFixed(1)} ms`;
}

type Job = { id: string; exam: boolean; key: string; start(seed: number): Promise<unknown> };
type Timing = { id: string; wallMs: number; cpuMs: number };

async function main(): Promise<void> {
  // As in a session worker: the runner has the warming thread's name before any key is made with it.
  nameScriptRunner(shellScriptRunner, SESSION_RUNNER_NAME);
  const full = catalogue();
  const scenarios = new Map([...full.scenarios].slice(0, SCENARIOS));
  const subset = { scenarios, exams: full.exams };
  const startTime = Date.now();
  const jobs: Job[] = rankTemplateJobs([
    ...[...scenarios.values()].map((s) => ({ id: s.id, exam: false, key: setupKey(s, shellScriptRunner), start: (seed: number) => startAttempt(s, { runScript: shellScriptRunner, seed, startTime: Date.now() }) })),
    ...[...full.exams.values()].map((e) => ({ id: e.meta.id, exam: true, key: examKey(e, shellScriptRunner), start: (seed: number) => startExamEnvironment(e, { runScript: shellScriptRunner, seed, startTime: Date.now() }) })),
  ]);
  console.log(`templates: ${full.exams.size} mock exams and the first ${scenarios.size} scenarios; prefetched: the likeliest offered (exams first, then the catalogue's order, as on a server with no attempts yet) within ${BUDGET_MB} MB of heap`);

  const keeper = startTemplateKeeper({ catalogue: subset, now: () => startTime });
  if (!keeper) throw new Error("template warming is off (KUBECOACH_WARM_TEMPLATES): nothing to prefetch");
  const warmed = await keeper.warmed;
  console.log(`the warming thread made ${warmed.made} templates (${warmed.failed.length} failed) in ${(warmed.ms / 1000).toFixed(1)} s`);
  // One attempt made here first: the engine's code is loaded and compiled before anything is timed.
  useSharedTemplates(keeper.serve(), yieldToEventLoop);
  await jobs.at(-1)!.start(1);
  clearSetupTemplates();

  let covered: Set<string> | undefined;
  const results = { without: [] as Timing[], with: [] as Timing[] };
  const memory: { heapMB: number; rssMB: number; kept: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of round % 2 === 0 ? (["without", "with"] as const) : (["with", "without"] as const)) {
      clearSetupTemplates();
      const heapBefore = heapMB();
      const rssBefore = process.memoryUsage().rss / 1024 / 1024;
      const prefetcher = useSharedTemplates(keeper.serve(), yieldToEventLoop, mode === "with" ? prefetchBudgetChars(BUDGET_MB) : 0);
      if (prefetcher) {
        // Idle: nothing marks work on this thread, so the prefetch runs as in a quiet worker (the offer comes when the port is served).
        while (prefetcher.kept === 0) await new Promise((resolve) => setTimeout(resolve, 50));
        await prefetcher.settled();
        covered ??= new Set(jobs.filter((j) => hasSetupTemplate(j.key)).map((j) => j.id));
        memory.push({ heapMB: heapMB() - heapBefore, rssMB: process.memoryUsage().rss / 1024 / 1024 - rssBefore, kept: prefetcher.kept });
      }
      for (const job of jobs) {
        const cpu = threadRunMs()!;
        const wall = performance.now();
        await job.start(round + 2);
        results[mode].push({ id: job.id, wallMs: performance.now() - wall, cpuMs: threadRunMs()! - cpu });
      }
    }
  }
  await keeper.stop();

  if (!covered) throw new Error("nothing was prefetched");
  const prefetched = covered;
  console.log(`prefetched: ${[...prefetched].join(", ")}`);
  for (const mode of ["without", "with"] as const) {
    const rows = results[mode];
    for (const [label, part] of [
      [`the ${prefetched.size} prefetching covers`, rows.filter((r) => prefetched.has(r.id))],
      [`the other ${jobs.length - prefetched.size}`, rows.filter((r) => !prefetched.has(r.id))],
    ] as const) {
      if (part.length === 0) continue;
      console.log(`first attempt, ${mode} prefetch, ${label} (${ROUNDS} rounds): wall ${summary(part.map((r) => r.wallMs))}; this thread's CPU ${summary(part.map((r) => r.cpuMs))}`);
    }
  }
  const heap = memory.map((m) => m.heapMB);
  const rss = memory.map((m) => m.rssMB);
  console.log(
    `an idle worker's memory for ${memory[0]?.kept ?? 0} prefetched templates: heap ${Math.min(...heap).toFixed(1)}–${Math.max(...heap).toFixed(1)} MB ` +
      `(${(Math.min(...heap) / Math.max(1, memory[0]?.kept ?? 1)).toFixed(2)} MB each), RSS ${Math.min(...rss).toFixed(0)}–${Math.max(...rss).toFixed(0)} MB`,
  );
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
