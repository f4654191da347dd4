/**
 * What one terminal command allocates and what of it survives a scavenge, per phase, in a live
 * session run as a session worker runs it (SessionManager, LiveSession, a terminal tab whose
 * output goes through the worker's TerminalOutbox to a MessagePort read on another thread, the
 * Prisma store on a scratch SQLite database; in production a worker's store calls go to the server
 * thread instead). Allocation, not time: these numbers do not depend on the machine's load.
 *
 * A session worker's scavenges come as often as its commands allocate and last as long as what is
 * still reachable when they run (a command that arrives meanwhile waits), so both are reported:
 *   allocated — heap growth over the phase, with a young generation large enough that no
 *               collection runs inside it (checked: a sample a collection ran in is dropped);
 *   survives  — heap growth over the phase measured after a forced scavenge at each end: what the
 *               phase left reachable (state a command replaces, output kept for a redraw, history,
 *               pending writes). Within about 2 KB: a scavenge's own bookkeeping moves heapUsed a little.
 * Medians (and means) over the runs. A save comes once per SERVER_MIN_SAVE_INTERVAL_MS of typing, not per command.
 *
 * Run: node --expose-gc --import tsx bench/command-allocation.bench.ts [runs=30] [--only=TEXT] [--where[=COMMAND]]
 * (re-runs itself with --max-semi-space-size when not given it). --where adds a sampling heap
 * profile of a command run as the worker runs it: the functions that allocate most, every
 * allocation counted, collected or not (TOP=N lists more). What survives is better seen in a heap
 * snapshot (the profiler's "live" samples included objects a heap snapshot showed dead).
 */
import { spawnSync } from "node:child_process";
import { Session } from "node:inspector/promises";
import { MessageChannel, Worker } from "node:worker_threads";
import { getHeapSpaceStatistics } from "node:v8";
import { createTestDatabase } from "../lib/db/test-databases";
import { tuneSqlite } from "../lib/db/prepare";
import { snapshotDeltaBytes } from "../lib/db/snapshot-json";
import { definitionResolver } from "../lib/session/definitions";
import { changedSince, envFingerprint } from "../lib/session/env-fingerprint";
import type { LiveSession } from "../lib/session/live-session";
import { SessionManager } from "../lib/session/manager";
import { PrismaSessionStore } from "../lib/session/prisma-store";
import { shellScriptRunner } from "../lib/session/script-runner";
import { SnapshotBase } from "../lib/session/snapshot-delta";
import { SnapshotSaver } from "../lib/session/snapshot-saver";
import type { TabClient } from "../lib/session/terminal-tab";
import { TerminalOutbox } from "../lib/session/workers/terminal-outbox";
import type { TerminalTraffic } from "../lib/session/workers/protocol";
import { TERMINAL_HISTORY_KEY, type TerminalHistoryEntry } from "../engine/shell";

const SEMI_SPACE_FLAG = "--max-semi-space-size=128";
if (!process.execArgv.includes(SEMI_SPACE_FLAG)) {
  // A young generation of 128 MB: no scavenge runs inside a phase of a few hundred KB.
  const again = spawnSync(process.execPath, ["--expose-gc", SEMI_SPACE_FLAG, "--min-semi-space-size=128", ...process.execArgv.filter((a) => a !== "--expose-gc"), process.argv[1]!, ...process.argv.slice(2)], { stdio: "inherit" });
  process.exit(again.status ?? 1);
}

const gc = (globalThis as { gc?: (options?: { type: "minor" | "major"; execution: "sync" }) => void }).gc;
if (!gc) throw new Error("run with --expose-gc (npm run bench does)");
const scavenge = () => gc({ type: "minor", execution: "sync" });

const SCENARIO = "uncordon-and-verify";
const RUNS = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 30);
/** `--where` or `--where=COMMAND`: the command the heap profile follows. */
const WHERE = process.argv.flatMap((a) => (a === "--where" ? ["kubectl get pods -A"] : a.startsWith("--where=") ? [a.slice(8)] : []))[0];
/** `--only=TEXT`: only the commands whose line contains it. */
const ONLY = process.argv.flatMap((a) => (a.startsWith("--only=") ? [a.slice(7)] : []))[0];

// ---------- measuring ----------

/** `collected`: a collection ran inside the phase (the young generation shrank), so its numbers say nothing. */
type Sample = { allocated: number; survived: number; collected: boolean };
/** The young generation in use. (A PerformanceObserver of collections would allocate in every phase: the entries of the forced ones.) */
const youngUsed = () => getHeapSpaceStatistics().find((space) => space.space_name === "new_space")!.space_used_size;
const heapUsed = () => process.memoryUsage().heapUsed;
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
/** The store writes history rows in batches a few milliseconds apart (prisma-store.ts). */
const historyWritten = () => new Promise<void>((resolve) => setTimeout(resolve, 40));

async function measure(fn: () => unknown): Promise<Sample> {
  await settle();
  scavenge();
  scavenge();
  const young = youngUsed();
  const before = heapUsed();
  await fn();
  const allocated = heapUsed() - before;
  const collected = youngUsed() < young;
  scavenge();
  return { allocated, survived: heapUsed() - before, collected };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
// Medians, and means too: a periodic cost (a heartbeat every 10 s of cluster time) hides from the median.
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const kb = (bytes: number) => (bytes / 1024).toFixed(1).padStart(7);

class Table {
  private readonly rows: [string, Sample[]][] = [];
  add(name: string, samples: Sample[]): void {
    this.rows.push([name, samples]);
  }
  print(title: string): void {
    console.log(`\n${title}`);
    console.log(`  ${"phase".padEnd(58)} KB allocated   KB survive   (means: allocated, survive)`);
    for (const [name, samples] of this.rows) {
      const clean = samples.filter((s) => !s.collected);
      const dropped = samples.length - clean.length;
      console.log(`  ${name.padEnd(58)} ${kb(median(clean.map((s) => s.allocated)))}      ${kb(median(clean.map((s) => s.survived)))}      ${kb(mean(clean.map((s) => s.allocated)))} ${kb(mean(clean.map((s) => s.survived)))}${dropped ? `   (${dropped} of ${samples.length} runs dropped: a collection ran)` : ""}`);
    }
  }
}

// ---------- the session ----------

/** A tab's browser end as a session worker has it: the outbox, batching to a port (structured clone). */
function workerClient(): { client: TabClient; close(): void } {
  // The server thread's end (another thread, as it is: reading the messages is not the worker's cost).
  const channel = new MessageChannel();
  const server = new Worker(`require("node:worker_threads").parentPort.once("message", (port) => port.on("message", () => undefined))`, { eval: true });
  server.postMessage(channel.port2, [channel.port2]);
  server.unref();
  const outbox = new TerminalOutbox((batch) => channel.port1.postMessage(batch.length === 1 ? batch[0]! : { t: "terminal", messages: batch }), (flush) => process.nextTick(flush));
  const send = (traffic: TerminalTraffic) => outbox.send(traffic);
  return {
    client: { send: (message) => send({ t: "send", conn: 1, message }), close: (code, reason) => send({ t: "close", conn: 1, code, reason }) },
    close: () => {
      channel.port1.close();
      void server.terminate();
    },
  };
}

async function main(): Promise<void> {
  const database = await createTestDatabase("sqlite");
  const db = database.db;
  await tuneSqlite(db);
  const store = new PrismaSessionStore(db, database.target);
  await db.user.create({ data: { id: "bench-user", email: "bench@example.com", role: "learner" } });
  await db.scenarioAttempt.create({ data: { id: "bench-attempt", userId: "bench-user", scenarioId: SCENARIO, scenarioVersion: "1" } });
  // Saves are measured on their own below: none is scheduled while a command is measured.
  const manager = new SessionManager({ store, resolve: definitionResolver(db), runScript: shellScriptRunner, persistDelayMs: 1e9, minSaveIntervalMs: 1e9 });
  const ref = { kind: "scenario" as const, id: "bench-attempt" };
  const session: LiveSession = await manager.get(ref);
  const browser = workerClient();
  await session.connect(1, browser.client);
  const tab = await session.tab(1);
  const env = session.env;

  // A pod to label: the first one `get pods -A` lists.
  let listing = "";
  await tab.terminal.exec("kubectl get pods -A --no-headers", (data) => (listing += data));
  const [namespace, pod] = listing.trim().split("\n")[0]!.trim().split(/\s+/);
  let flip = 0;
  let historySeq = 1_000_000;
  const commands: [string, () => string][] = [
    ["kubectl get pods -A", () => "kubectl get pods -A"],
    ["ls", () => "ls"],
    ["echo hi", () => "echo hi"],
    // Alternating values, so each run writes (the same value again would change nothing).
    [`kubectl label pod -n ${namespace} ${pod} x=y --overwrite`, () => `kubectl label pod -n ${namespace} ${pod} x=${flip++ % 2 ? "y" : "z"} --overwrite`],
  ];

  // The first save (a whole snapshot, the base the later ones are deltas against).
  const saver = new SnapshotSaver();
  const first = await session.snapshot();
  const firstRow = await saver.encode(first);
  saver.stored(firstRow, (await store.saveEncodedSnapshot(ref, firstRow, 0)).baseId);
  const base = new SnapshotBase(first);

  for (const [name, line] of commands) {
    if (ONLY !== undefined && !name.includes(ONLY)) continue;
    const table = new Table();
    const nothing: Sample[] = [];
    const whole: Sample[] = [];
    const shell: Sample[] = [];
    const fingerprints: Sample[] = [];
    const output: Sample[] = [];
    const history: Sample[] = [];
    const second: Sample[] = [];
    const take: Sample[] = [];
    const json: Sample[] = [];
    const encode: Sample[] = [];
    const write: Sample[] = [];
    const lightTake: Sample[] = [];
    const lightEncode: Sample[] = [];
    const lightWrite: Sample[] = [];
    for (let run = 0; run < 3; run++) await tab.exec(line()); // warm
    for (let run = 0; run < RUNS; run++) {
      const command = line();
      nothing.push(await measure(() => settle()));
      // The command as the worker runs it: catch-up, fingerprints, shell, output, history row.
      whole.push(await measure(async () => {
        await tab.exec(command);
        await historyWritten();
      }));
      // Its parts, one at a time.
      let text = "";
      let exitCode = 0;
      shell.push(await measure(async () => {
        exitCode = (await tab.terminal.exec(line(), (data) => (text += data))).exitCode;
      }));
      fingerprints.push(await measure(() => changedSince(envFingerprint(env), env)));
      output.push(await measure(async () => {
        browser.client.send({ type: "output", data: text });
        browser.client.send({ type: "done", exitCode, prompt: tab.terminal.prompt });
        await settle();
      }));
      history.push(await measure(() => store.appendCommand(ref, { terminalId: "1", seq: historySeq++, line: command, exitCode, location: "root@controlplane", executedAt: new Date() })));
      // At a command a second (the sessions bench), the cluster's clock moves a second between two.
      second.push(await measure(() => env.advanceBy(1000)));
      // A save after it (one per SERVER_MIN_SAVE_INTERVAL_MS of typing).
      let snapshot: Awaited<ReturnType<LiveSession["snapshot"]>> | undefined;
      take.push(await measure(async () => (snapshot = await session.snapshot())));
      json.push(await measure(() => snapshotDeltaBytes(base.delta(snapshot!)!.delta)));
      let row: Awaited<ReturnType<SnapshotSaver["encode"]>> | undefined;
      encode.push(await measure(async () => (row = await saver.encode(snapshot!))));
      write.push(await measure(async () => saver.stored(row!, (await store.saveEncodedSnapshot(ref, row!, 0)).baseId)));
      // A light save (a command that only read: the terminals and the history over the last full save).
      let terminals: Record<string, { state: Awaited<ReturnType<typeof tab.terminal.snapshot>>; scrollback: string }> = {};
      lightTake.push(await measure(async () => (terminals = { "1": { state: await tab.terminal.snapshot(), scrollback: tab.scrollback } })));
      const entries = (env.extra[TERMINAL_HISTORY_KEY] ?? []) as TerminalHistoryEntry[];
      let light: ReturnType<SnapshotSaver["encodeLight"]>;
      lightEncode.push(await measure(() => (light = saver.encodeLight({ terminals, activeMs: 0, savedAt: new Date().toISOString(), clockSteps: [env.clock.now()] }, entries))));
      if (light!) lightWrite.push(await measure(() => store.saveEncodedSnapshot(ref, light!, 0)));
    }
    table.add("(the measurement itself: a turn of the event loop, nothing run)", nothing);
    table.add("the whole command, as a worker runs it (no save)", whole);
    table.add("  shell, kubectl, API, table (Terminal.exec)", shell);
    table.add("  fingerprints (envFingerprint before, changedSince after)", fingerprints);
    table.add("  output to the browser (outbox, postMessage)", output);
    table.add("  history row (store.appendCommand)", history);
    table.add("a second of cluster time (env.advanceBy(1000))", second);
    table.add("a save after it: take (session.snapshot)", take);
    table.add("  delta JSON (snapshotDeltaBytes)", json);
    table.add("  encode (delta JSON and brotli: SnapshotSaver.encode)", encode);
    table.add("  write (store.saveEncodedSnapshot)", write);
    table.add("a light save instead: take (terminal snapshot, scrollback)", lightTake);
    table.add("  encode (SnapshotSaver.encodeLight)", lightEncode);
    table.add("  write", lightWrite);
    table.print(`\`${name}\` (${RUNS} runs, medians):`);
  }

  if (WHERE) {
    await where(WHERE, async () => {
      await tab.exec(WHERE);
      await historyWritten();
    });
  }

  browser.close();
  session.dispose();
  await database.drop().catch(() => undefined);
}

/** A sampling heap profile of `fn` counting every allocation, collected or not: the top allocating functions. */
type ProfileNode = { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: ProfileNode[] };

/** A sampling heap profile of `command` run as the worker runs it, RUNS times, counting every allocation (collected or not): the top functions. */
async function where(command: string, run: () => Promise<void>): Promise<void> {
  const inspector = new Session();
  inspector.connect();
  await inspector.post("HeapProfiler.startSampling", { samplingInterval: 128, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  for (let i = 0; i < RUNS; i++) await run();
  const head = (await inspector.post("HeapProfiler.stopSampling")).profile.head as unknown as ProfileNode;
  inspector.disconnect();
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const calledFrom = new Map<string, number>();
  const name = (f: ProfileNode["callFrame"]) => `${f.functionName || "(anonymous)"} ${f.url.replace(/^.*\/(engine|lib|node_modules)\//, "$1/")}:${f.lineNumber + 1}`;
  const visit = (node: ProfileNode, stack: Set<string>, parents: string[] = []): number => {
    const key = name(node.callFrame);
    self.set(key, (self.get(key) ?? 0) + node.selfSize);
    // A builtin (iterator steps, Map.set) says little alone: with the callers above it.
    const chain = [key, ...parents].join(" < ");
    calledFrom.set(chain, (calledFrom.get(chain) ?? 0) + node.selfSize);
    const above = [key, ...parents].slice(0, 3);
    let sum = node.selfSize;
    const inner = new Set(stack).add(key);
    for (const child of node.children) sum += visit(child, inner, above);
    if (!stack.has(key)) total.set(key, (total.get(key) ?? 0) + sum);
    return sum;
  };
  visit(head, new Set());
  const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 25));
  console.log(`\nwhere \`${command}\` allocates (a sampling heap profile, ${RUNS} commands as the worker runs them; KB per command):`);
  console.log("  self:");
  for (const [key, bytes] of top(self)) console.log(`  ${kb(bytes / RUNS)}  ${key}`);
  console.log("  self, with the callers above:");
  for (const [key, bytes] of top(calledFrom)) console.log(`  ${kb(bytes / RUNS)}  ${key}`);
  console.log("  with callees:");
  for (const [key, bytes] of top(total)) console.log(`  ${kb(bytes / RUNS)}  ${key}`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
