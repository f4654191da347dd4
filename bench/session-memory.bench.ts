/**
 * Heap per idle resumed session, in one process and without the network: attempts of a scenario
 * are saved as whole snapshots and resumed as a session worker resumes them (decodeStoredSnapshot,
 * LiveSession.resume, one terminal tab connected), then the heap is measured after full GCs. Two
 * cases: every session resumed from one saved attempt, and each from an attempt of its own
 * (its own start time and seed), as learners' sessions are; the second is what a server holds.
 *
 * Run: node --expose-gc --import tsx bench/session-memory.bench.ts [scenario=uncordon-and-verify] [sessions=30]
 */
import { encodeSnapshot } from "../lib/db/snapshot-codec";
import { LiveSession, type SessionDeps } from "../lib/session/live-session";
import { decodeStoredSnapshot, WHOLE_SNAPSHOT_ROW, type StoredSnapshot } from "../lib/session/snapshot-saver";
import type { AttemptDefinition, AttemptRecord, SessionSnapshot } from "../lib/session/types";
import { scenarioById, startAttempt } from "../lib/scenarios";

const SCENARIO = process.argv[2] ?? "uncordon-and-verify";
const SESSIONS = Number(process.argv[3] ?? 30);
const START = Date.parse("2026-01-01T09:00:00Z");

const collect = (globalThis as { gc?: () => void }).gc;

/** A saved attempt of the scenario, a minute after its start. */
async function savedAttempt(k: number): Promise<StoredSnapshot> {
  const attempt = await startAttempt(scenarioById(SCENARIO), { seed: 1000 + k, startTime: START + k * 3_607_919 });
  attempt.env.advanceBy(60_000);
  const snapshot: SessionSnapshot = { format: 1, env: attempt.env.snapshot(), terminals: {}, homeHost: attempt.homeHost, activeMs: 0, savedAt: new Date(START).toISOString() };
  return { formatVersion: WHOLE_SNAPSHOT_ROW, ...encodeSnapshot(snapshot) };
}

function heapAfterGc(): number {
  for (let i = 0; i < 3; i++) collect!();
  return process.memoryUsage().heapUsed;
}

async function main(): Promise<void> {
  if (!collect) throw new Error("run with --expose-gc (npm run bench does)");
  const definition: AttemptDefinition = { kind: "scenario", scenario: scenarioById(SCENARIO) };
  // Nothing is saved while measuring: the sessions sit idle.
  const deps = {
    store: {},
    runScript: () => Promise.reject(new Error("no scripts run while measuring")),
    now: () => Date.now(),
    persistDelayMs: 1e9,
    minSaveIntervalMs: 1e9,
    tickMs: 1000,
  } as unknown as SessionDeps;
  const client = { send() {}, close() {} };
  const held: LiveSession[] = [];
  const resume = async (row: StoredSnapshot, k: number) => {
    const record: AttemptRecord = { ref: { kind: "scenario", id: `attempt-${k}` }, userId: "bench", status: "active", definitionId: SCENARIO, authoredScenarioId: null, timeUsedSeconds: 0, deadlineAt: null };
    const session = LiveSession.resume(record, definition, await decodeStoredSnapshot(row), deps);
    await session.connect(1, client);
    held.push(session);
  };

  const shared = await savedAttempt(0);
  const own: StoredSnapshot[] = [];
  for (let k = 1; k <= SESSIONS; k++) own.push(await savedAttempt(k));
  // Code, templates and the first session's one-off costs are not a session's.
  await resume(shared, -1);
  const cases: [string, (k: number) => StoredSnapshot][] = [
    ["one saved attempt for all", () => shared],
    ["an attempt of its own each", (k) => own[k]!],
  ];
  console.log(`heap per idle resumed session at "${SCENARIO}" (${SESSIONS} sessions, one tab each, after full GCs):`);
  for (const [name, rowOf] of cases) {
    const before = heapAfterGc();
    for (let k = 0; k < SESSIONS; k++) await resume(rowOf(k), k);
    const after = heapAfterGc();
    console.log(`  ${name}: ${((after - before) / SESSIONS / 1024).toFixed(0)} KB`);
  }
  for (const session of held) session.dispose();
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
