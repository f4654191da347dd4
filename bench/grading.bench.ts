/**
 * Scenarios: the time to grade each scenario's checks (target < 10 ms per scenario) and the time to
 * set up each scenario's environment — engine start, setup.sh through the shell, settling. The
 * setup runs once per scenario and process (cold: the first attempt, which makes the scenario's
 * setup template); every later attempt starts from a copy of it (warm). The target (p95 < 30 ms)
 * is for what a learner waits for on a normal attempt: warm, at a wall-clock start time and its own
 * seed, as the app starts attempts. Its p95 is over every warm start measured (not over per-scenario
 * medians), so a garbage collection during a start counts as the learner would feel it.
 * Run: npx tsx bench/grading.bench.ts [ID…]  (or `npm run bench grading`).
 */
import { Environment } from "../engine/cluster/environment";
import { loadCatalogue } from "../lib/scenarios/catalogue";
import { toEnvironmentSpec, homeHostOf } from "../lib/scenarios/environment";
import { gradeAttempt, startAttempt } from "../lib/scenarios/run";
import { defaultScriptRunner } from "../lib/scenarios/shell";

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

function summary(label: string, values: number[], over: string, target: string): void {
  if (values.length === 0) return void console.log(`${label}: no samples`);
  console.log(`${label}: p50 ${percentile(values, 50).toFixed(1)} ms CPU, p95 ${percentile(values, 95).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms over ${values.length} ${over} (target ${target})`);
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
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
