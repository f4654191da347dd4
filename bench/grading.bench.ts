/**
 * Scenarios: the time to grade each scenario's checks (target < 10 ms per scenario) and the time to
 * set up each scenario's environment — engine start, setup.sh through the shell, settling
 * (target p95 < 30 ms). Run: npx tsx bench/grading.bench.ts [ID…]  (or `npm run bench grading`).
 */
import { Environment } from "../engine/cluster/environment";
import { loadCatalogue } from "../lib/scenarios/catalogue";
import { toEnvironmentSpec, homeHostOf } from "../lib/scenarios/environment";
import { gradeAttempt, startAttempt } from "../lib/scenarios/run";
import { defaultScriptRunner } from "../lib/scenarios/shell";

const GRADE_RUNS = 5;

/** CPU milliseconds of this process since `since` (a shared machine makes wall time measure the neighbours). */
function cpuMs(since?: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summary(label: string, values: number[], target: string): void {
  if (values.length === 0) return void console.log(`${label}: no samples`);
  console.log(`${label}: p50 ${percentile(values, 50).toFixed(1)} ms CPU, p95 ${percentile(values, 95).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms over ${values.length} scenarios (target ${target})`);
}

async function main(): Promise<void> {
  const catalogue = loadCatalogue();
  const ids = process.argv.slice(2);
  const scenarios = [...catalogue.scenarios.values()].filter((s) => ids.length === 0 || ids.includes(s.id));
  const runScript = defaultScriptRunner();
  // The first environment of a process signs the cluster PKI; keep it out of the numbers.
  Environment.create();

  const setupTimes: number[] = [];
  const gradeTimes: number[] = [];
  const setupFailed: string[] = [];
  const rows: string[] = [];
  for (const scenario of scenarios) {
    let attempt;
    const t0 = process.cpuUsage();
    try {
      attempt = await startAttempt(scenario, { runScript });
      setupTimes.push(cpuMs(t0));
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
    const setup = setupFailed.at(-1) === scenario.id ? "  (setup n/a)" : `${setupTimes.at(-1)!.toFixed(1).padStart(8)} ms`;
    rows.push(`${scenario.id.padEnd(36)} grade ${median.toFixed(1).padStart(7)} ms   setup ${setup}`);
  }
  for (const row of rows) console.log(row);
  console.log("");
  summary("grading time per scenario (median of 5)", gradeTimes, "< 10 ms");
  summary("environment set-up per scenario", setupTimes, "p95 < 30 ms");
  if (setupFailed.length) console.log(`setup could not run for ${setupFailed.length} scenario(s) (engine gaps, see scenarios/KNOWN-GAPS.md)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
