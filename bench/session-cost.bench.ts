/**
 * What one live session costs the server while it sits at the app's scenario: a second of cluster
 * time (kubelet heartbeats, lease renewals, controllers' timers) and a save (take the snapshot,
 * write its JSON, compress), each as CPU milliseconds over many runs, plus the parts a save is
 * made of. Environments are built as the app builds them (scenario setup template, a copy per
 * attempt, restored from a decoded snapshot as a resumed session is).
 *
 * Run: npx tsx bench/session-cost.bench.ts [scenario=uncordon-and-verify] [rounds=5]
 * Compare two versions with paired runs: the numbers vary with the machine's load, so run the
 * old and new code alternately and compare each pair.
 */
import { brotliCompressSync, constants } from "node:zlib";
import { Environment } from "../engine/cluster/environment";
import { cpuMs as cpu, median, ms3 as ms } from "./support";
import { decodeSnapshot, encodeSnapshot } from "../lib/db/snapshot-codec";
import { restoreSessionEnvironment } from "../lib/session/live-session";
import { snapshotBytes } from "../lib/db/snapshot-json";
import { scenarioById, startAttempt } from "../lib/scenarios";

const SCENARIO = process.argv[2] ?? "uncordon-and-verify";
const ROUNDS = Number(process.argv[3] ?? 5);
/** How often the app saves a session that is in use (lib/session/manager.ts SERVER_MIN_SAVE_INTERVAL_MS). */
const SAVE_EVERY_MS = 5000;
/** The codec's settings (lib/db/snapshot-codec.ts): quality 1, text mode. */
const BROTLI = { params: { [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_QUALITY]: 1 } };


async function main(): Promise<void> {
  const attempt = await startAttempt(scenarioById(SCENARIO));
  attempt.env.advanceBy(60_000);
  // A resumed session: what the app runs after a restart or an eviction.
  const session = (e: Environment) => ({ format: 1 as const, env: e.snapshot(), terminals: {}, homeHost: attempt.homeHost, activeMs: 0, savedAt: "2026-01-01T00:00:00.000Z" });
  const env = restoreSessionEnvironment({ ...session(attempt.env), env: decodeSnapshot(encodeSnapshot(attempt.env.snapshot())) as ReturnType<Environment["snapshot"]> });
  env.advanceBy(60_000);
  encodeSnapshot(session(env));

  const seconds: number[] = [];
  const takes: number[] = [];
  const jsons: number[] = [];
  const compressions: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    seconds.push(cpu(() => { for (let i = 0; i < 300; i++) env.advanceBy(1000); }) / 300);
    for (let i = 0; i < 20; i++) {
      env.advanceBy(SAVE_EVERY_MS);
      // The three steps of encodeSnapshot, one after the other on the same snapshot.
      let snap: ReturnType<typeof session> | undefined;
      let json: Buffer | undefined;
      takes.push(cpu(() => { snap = session(env); }));
      jsons.push(cpu(() => { json = snapshotBytes(snap); }));
      compressions.push(cpu(() => brotliCompressSync(json!, BROTLI)));
    }
  }
  const raw = snapshotBytes(session(env)).length;
  const save = median(takes) + median(jsons) + median(compressions);
  console.log(`session cost at "${SCENARIO}" (CPU, medians over ${ROUNDS} rounds):`);
  console.log(`  a second of cluster time: ${ms(median(seconds))}`);
  console.log(`  a save after ${SAVE_EVERY_MS / 1000} s of cluster time: ${ms(save)} (take ${ms(median(takes))}, JSON ${ms(median(jsons))}, brotli ${ms(median(compressions))}); ${(raw / 1024).toFixed(0)} KB of JSON`);
  console.log(`  per active second (a second of time + a fifth of a save): ${ms(median(seconds) + save / (SAVE_EVERY_MS / 1000))}`);
  // encodeSnapshot end to end, as a check that the steps above add up to a save.
  const whole: number[] = [];
  for (let i = 0; i < 20; i++) {
    env.advanceBy(SAVE_EVERY_MS);
    whole.push(cpu(() => encodeSnapshot(session(env))));
  }
  console.log(`  encodeSnapshot(session) end to end: ${ms(median(whole))}`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
