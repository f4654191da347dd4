/**
 * Scenarios: the time to grade each scenario's checks (target < 10 ms per scenario) and the time to
 * set up each scenario's environment — engine start, setup.sh through the shell, settling. The
 * setup runs once per scenario and process (cold: the first attempt, which makes the scenario's
 * setup template); every later attempt starts from a copy of it (warm). The target (p95 < 30 ms)
 * is for what a learner waits for on a normal attempt: warm, at a wall-clock start time and its own
 * seed, as the app starts attempts. Its p95 is over every warm start measured (not over per-scenario
 * medians), so a garbage collection during a start counts as the learner would feel it.
 *
 * In the product no attempt is cold: the server and each session worker have every built-in
 * template made in the background by a warming thread when they start
 * (lib/session/template-warming.ts). So the bench also runs that warm-up as the server does
 * (templates cleared first) and reports what it costs: how long the serving thread's event loop
 * is held meanwhile (what a learner's command waits behind it), the whole warm-up, and the memory
 * the templates hold; then every scenario's start from the warmed templates, as a learner gets it.
 * Run: npx tsx bench/grading.bench.ts [ID…]  (or `npm run bench grading`).
 */
import { getHeapSpaceStatistics, getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Environment } from "../engine/cluster/environment";
import { PerformanceObserver, constants as perfConstants, monitorEventLoopDelay, type PerformanceEntry } from "node:perf_hooks";
import { clearSetupTemplates, setupTemplateCount } from "../engine/cluster/setup-templates";
import { shellScriptRunner } from "../lib/session/script-runner";
import { startTemplateWarming } from "../lib/session/template-warming";
import { loadCatalogue } from "../lib/scenarios/catalogue";
import { toEnvironmentSpec, homeHostOf } from "../lib/scenarios/environment";
import { gradeAttempt, startAttempt } from "../lib/scenarios/run";
import { defaultScriptRunner } from "../lib/scenarios/shell";
import type { ScriptRunner } from "../engine/grading/script-runner";

const GRADE_RUNS = 5;
const WARM_RUNS = 3;
/** Not on a whole second, hours after the fixed time the first attempt starts at. */
const WALL_CLOCK_START = Date.UTC(2026, 0, 1, 14, 27, 31, 457);

/** CPU milliseconds of this process since `since` (a shared machine makes wall time measure the neighbours). */
function cpuMs(since?: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summary(label: string, values: number[], over: string, target: string, clock = "CPU"): void {
  if (values.length === 0) return void console.log(`${label}: no samples`);
  console.log(`${label}: p50 ${percentile(values, 50).toFixed(1)} ms ${clock}, p95 ${percentile(values, 95).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms over ${values.length} ${over} (target ${target})`);
}

async function main(): Promise<void> {
  const catalogue = loadCatalogue();
  const ids = process.argv.slice(2);
  const scenarios = [...catalogue.scenarios.values()].filter((s) => ids.length === 0 || ids.includes(s.id));
  const runScript = defaultScriptRunner();
  // The first environment of a process signs the cluster PKI; keep it out of the numbers.
  Environment.create();

  const setupTimes: number[] = [];
  /** Every warm start measured; the rows show each scenario's median. */
  const warmTimes: number[] = [];
  const warmMedians: number[] = [];
  const gradeTimes: number[] = [];
  const setupFailed: string[] = [];
  const rows: string[] = [];
  for (const scenario of scenarios) {
    let attempt;
    const t0 = process.cpuUsage();
    try {
      attempt = await startAttempt(scenario, { runScript });
      setupTimes.push(cpuMs(t0));
      // Later attempts, as the app starts them: at a wall-clock time, each with its own seed.
      const warm: number[] = [];
      for (let i = 0; i < WARM_RUNS; i++) {
        const t = process.cpuUsage();
        await startAttempt(scenario, { runScript, seed: 1000 + i, startTime: WALL_CLOCK_START + i * 3_600_123 });
        warm.push(cpuMs(t));
      }
      warmTimes.push(...warm);
      warmMedians.push(percentile(warm, 50));
    } catch {
      // Setup waits on an engine feature (see KNOWN-GAPS.md): grade the untouched environment instead.
      setupFailed.push(scenario.id);
      const env = Environment.create(toEnvironmentSpec(scenario.environment));
      attempt = { env, scenario, homeHost: homeHostOf(scenario.environment), defaultCluster: scenario.environment.clusters[0].name };
    }
    const times: number[] = [];
    for (let i = 0; i < GRADE_RUNS; i++) {
      const t = process.cpuUsage();
      await gradeAttempt(attempt, { runScript });
      times.push(cpuMs(t));
    }
    const median = percentile(times, 50);
    gradeTimes.push(median);
    const setup = setupFailed.at(-1) === scenario.id ? "  (setup n/a)" : `${setupTimes.at(-1)!.toFixed(1).padStart(8)} ms cold, ${warmMedians.at(-1)!.toFixed(1).padStart(5)} ms warm`;
    rows.push(`${scenario.id.padEnd(36)} grade ${median.toFixed(1).padStart(7)} ms   setup ${setup}`);
  }
  for (const row of rows) console.log(row);
  console.log("");
  summary("grading time per scenario (median of 5)", gradeTimes, "scenarios", "< 10 ms");
  summary("environment set-up, first attempt of a scenario in the process (cold: runs setup.sh, settles, keeps a template)", setupTimes, "scenarios", "none: once per scenario and process");
  summary(`environment set-up, later attempts (warm: wall-clock start, own seed; ${WARM_RUNS} per scenario)`, warmTimes, "starts", "p95 < 30 ms");
  if (setupFailed.length) console.log(`setup could not run for ${setupFailed.length} scenario(s) (engine gaps, see scenarios/KNOWN-GAPS.md)`);
  console.log("");
  await production(catalogue, ids);
}

/** Heap in use after full collections (the templates' memory is what stays). */
function heapUsedMb(): number {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  gc();
  gc();
  return getHeapStatistics().used_heap_size / 2 ** 20;
}

/**
 * The production configuration: templates warmed at start (by a warming thread, as the server and
 * each session worker do), then attempts. What a learner's command waits for meanwhile is how long
 * this thread's event loop is held: each template that arrives is parsed and frozen here.
 */
async function production(catalogue: ReturnType<typeof loadCatalogue>, ids: string[]): Promise<void> {
  const runScript = shellScriptRunner;
  clearSetupTemplates();
  const before = heapUsedMb();
  const delays = monitorEventLoopDelay({ resolution: 1 });
  const wall = performance.now();
  const t0 = process.cpuUsage();
  delays.enable();
  const previous = process.env.KUBECOACH_WARM_TEMPLATES;
  process.env.KUBECOACH_WARM_TEMPLATES = "1";
  // The warming thread does not keep a process alive (a server's sockets do); this wait must.
  const keepAlive = setInterval(() => {}, 1000);
  const report = await startTemplateWarming({ catalogue, runScript, now: () => WALL_CLOCK_START })!;
  clearInterval(keepAlive);
  process.env.KUBECOACH_WARM_TEMPLATES = previous;
  delays.disable();
  const servingMs = cpuMs(t0);
  const after = heapUsedMb();
  console.log(
    `background warming (as at server start, in a warming thread): ${report.made} templates (${catalogue.scenarios.size} scenarios, ${catalogue.exams.size} mock exams; ${report.failed.length} setups cannot run) ready after ${((performance.now() - wall) / 1000).toFixed(1)} s wall, ${(servingMs / 1000).toFixed(1)} s CPU (both threads)`,
  );
  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  summary("  taking in one template from the warming thread: the longest the serving thread is held by one part (parse, freeze: a live command waits behind it)", report.handovers, "templates", "none", "wall");
  summary("  taking in one template from the warming thread: all its parts together (in turns of the event loop)", report.handoverTotals, "templates", "none", "wall");
  console.log(`  event-loop delay of the serving thread meanwhile (WALL, includes the machine's other load): p50 ${ms(delays.percentile(50))} ms, p99 ${ms(delays.percentile(99))} ms, max ${ms(delays.max)} ms`);
  console.log(`  memory held by the templates: ${(after - before).toFixed(0)} MB heap, ${((after - before) / Math.max(1, report.made)).toFixed(2)} MB per template (per process / session worker)`);
  const starts: number[] = [];
  /** Wall-clock window of each start, to tell which ones a garbage collection fell into. */
  const windows: [number, number][] = [];
  const collections: PerformanceEntry[] = [];
  const gcWatch = new PerformanceObserver((list) => void collections.push(...list.getEntries()));
  gcWatch.observe({ entryTypes: ["gc"] });
  let cold = 0;
  for (const scenario of catalogue.scenarios.values()) {
    if ((ids.length > 0 && !ids.includes(scenario.id)) || report.failed.some((f) => f.id === scenario.id)) continue;
    for (let i = 0; i < WARM_RUNS; i++) {
      const count = setupTemplateCount();
      const t = process.cpuUsage();
      const from = performance.now();
      await startAttempt(scenario, { runScript, seed: 2000 + i, startTime: WALL_CLOCK_START + 60_000 + i * 3_600_123 });
      starts.push(cpuMs(t));
      windows.push([from, performance.now()]);
      if (setupTemplateCount() > count) cold++;
    }
  }
  // GC entries are handed to observers a while after the collection (not in the next turn).
  await new Promise((resolve) => setTimeout(resolve, 100));
  gcWatch.disconnect();
  summary(`environment set-up a learner waits for (templates warmed at start; ${WARM_RUNS} per scenario)`, starts, "starts", "p95 < 30 ms");
  printCollections(starts, windows, collections);
  if (cold > 0) console.log(`  ${cold} start(s) found no warmed template and ran setup`);
  const probe = [...catalogue.scenarios.values()].find((s) => (ids.length === 0 || ids.includes(s.id)) && !report.failed.some((f) => f.id === s.id));
  if (probe) console.log(`  young-generation survivors of a dropped attempt (${probe.id}): ${(await droppedAttemptSurvivorsKb(probe, runScript)).toFixed(0)} KB each (an attempt nobody holds should leave ~0 for the next scavenge to copy)`);
  const p95 = percentile(starts, 95);
  console.log(p95 < 30 && cold === 0 ? `target met: p95 ${p95.toFixed(1)} ms < 30 ms` : `target NOT met: p95 ${p95.toFixed(1)} ms (target < 30 ms), ${cold} cold`);
}
/**
 * What the next scavenge copies of attempts started and dropped: measured in the young generation
 * right after one scavenge. An environment still reachable only through a WeakMap keyed by its
 * cluster (the value holding the cluster) or a closure written straight into a property
 * (`x.onY = () => this…`) survives scavenges in this V8 until a full collection: every start since
 * the last scavenge is then copied and promoted, which is what the starts with a scavenge pay.
 */
async function droppedAttemptSurvivorsKb(scenario: Parameters<typeof startAttempt>[0], runScript: ScriptRunner): Promise<number> {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as (options?: { type: "minor" | "major" }) => void;
  const youngBytes = () => getHeapSpaceStatistics().find((space) => space.space_name === "new_space")?.space_used_size ?? 0;
  const DROPPED = 4;
  gc();
  gc({ type: "minor" });
  gc({ type: "minor" });
  const before = youngBytes();
  for (let i = 0; i < DROPPED; i++) await startAttempt(scenario, { runScript, seed: 3000 + i, startTime: WALL_CLOCK_START + 120_000 + i * 3_600_123 });
  await new Promise((resolve) => setImmediate(resolve));
  gc({ type: "minor" });
  return (youngBytes() - before) / DROPPED / 1024;
}

/**
 * Which starts a garbage collection fell into (the slow starts' cause so far): how many, and the
 * starts with none and with one (a young-generation collection — scavenge — or a full one).
 */
function printCollections(starts: number[], windows: [number, number][], collections: PerformanceEntry[]): void {
  const kindOf = (entry: PerformanceEntry) => ((entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === perfConstants.NODE_PERFORMANCE_GC_MINOR ? "scavenge" : "full");
  const hit: ("scavenge" | "full" | undefined)[] = windows.map(([from, to]) => {
    const inside = collections.filter((c) => c.startTime < to && c.startTime + c.duration > from);
    return inside.length === 0 ? undefined : inside.some((c) => kindOf(c) === "full") ? "full" : "scavenge";
  });
  const of = (kind: "scavenge" | "full" | undefined) => starts.filter((_, i) => hit[i] === kind);
  const pauses = collections.filter((c) => kindOf(c) === "scavenge").map((c) => c.duration);
  console.log(`  starts a garbage collection fell into: ${of("scavenge").length} with a scavenge, ${of("full").length} with a full collection, of ${starts.length}`);
  summary("    starts without a collection", of(undefined), "starts", "none");
  summary("    starts with a scavenge", of("scavenge"), "starts", "none");
  summary("    scavenge pauses meanwhile", pauses, "scavenges", "none", "wall");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
