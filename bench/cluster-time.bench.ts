/**
 * What an idle cluster's time costs the server (issue 9): every live session's cluster follows wall
 * time, so each second of it is paid for every terminal, whether or not anything happens; and a
 * resumed session first catches its cluster up over the time it was stored, which the reconnecting
 * learner waits for. Environments are built as the app builds them: the scenario's setup template,
 * a copy per attempt, restored from a decoded snapshot as a resumed session is.
 *
 * Run: npx tsx bench/cluster-time.bench.ts [scenario=uncordon-and-verify] [rounds=5]
 * Numbers are CPU milliseconds (medians); compare versions only with paired runs on a loaded machine.
 */
import { Environment, type EnvironmentSnapshot } from "../engine/cluster/environment";
import { cpuMs as cpu, median, ms3 as ms } from "./support";
import { decodeSnapshot, encodeSnapshot, type EncodedSnapshot } from "../lib/db/snapshot-codec";
import { scenarioById, startAttempt } from "../lib/scenarios";

const SCENARIO = process.argv[2] ?? "uncordon-and-verify";
const ROUNDS = Number(process.argv[3] ?? 5);
/** Targets: an idle second, and catching a resumed cluster up over an hour away. */
const IDLE_SECOND_TARGET_MS = 0.2;
const HOUR_CATCH_UP_TARGET_MS = 5;
/** lib/session/live-session.ts CATCH_UP_SLICE_MS (not exported). */
const APP_CATCH_UP_SLICE_MS = 30_000;

const verdict = (value: number, target: number) => (value <= target ? `met (target ≤ ${target} ms)` : `NOT met (target ≤ ${target} ms)`);

/** A resumed session's environment: the stored snapshot decoded and restored (not timed). */
const resumed = (stored: EncodedSnapshot) => Environment.restore(decodeSnapshot(stored) as EnvironmentSnapshot);

async function main(): Promise<void> {
  const attempt = await startAttempt(scenarioById(SCENARIO));
  attempt.env.advanceBy(60_000);
  const stored = encodeSnapshot(attempt.env.snapshot());

  const env = resumed(stored);
  env.advanceBy(60_000);
  const seconds: number[] = [];
  for (let round = 0; round < ROUNDS; round++) seconds.push(cpu(() => { for (let i = 0; i < 300; i++) env.advanceBy(1000); }) / 300);
  const idle = median(seconds);

  const gaps: [string, number][] = [["a minute", 60_000], ["10 minutes", 600_000], ["an hour", 3_600_000], ["a day", 86_400_000]];
  const catchUps = new Map<string, number>();
  for (const [label, gap] of gaps) {
    const runs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const away = resumed(stored);
      runs.push(cpu(() => away.advanceBy(gap)));
    }
    catchUps.set(label, median(runs));
  }

  // The app catches a resumed session up in slices, yielding to the event loop between them, as
  // one stepped advance (LiveSession.catchUp: clock.steppingTo, CATCH_UP_SLICE_MS in
  // lib/session/live-session.ts): what a learner waits for there.
  const sliced: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const away = resumed(stored);
    const start = process.cpuUsage();
    await away.clock.steppingTo(away.clock.now() + 3_600_000, async () => {
      for (let t = 0; t < 3_600_000; t += APP_CATCH_UP_SLICE_MS) {
        away.advanceBy(APP_CATCH_UP_SLICE_MS);
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
    const used = process.cpuUsage(start);
    sliced.push((used.user + used.system) / 1000);
  }

  console.log(`cluster time at "${SCENARIO}" (CPU, medians over ${ROUNDS} rounds):`);
  console.log(`  an idle second (300 in a row, after a minute): ${ms(idle)} — ${verdict(idle, IDLE_SECOND_TARGET_MS)}`);
  for (const [label] of gaps) {
    const value = catchUps.get(label)!;
    console.log(`  a resume's catch-up over ${label}: ${ms(value)}${label === "an hour" ? ` — ${verdict(value, HOUR_CATCH_UP_TARGET_MS)}` : ""}`);
  }
  console.log(`  a resume's catch-up over an hour in the app's ${APP_CATCH_UP_SLICE_MS / 1000} s slices: ${ms(median(sliced))}`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
