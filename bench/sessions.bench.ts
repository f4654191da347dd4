/**
 * Terminal sessions end to end on localhost: the real HTTP server listeners, the terminal
 * WebSocket gateway, the session manager and the Prisma store on a scratch SQLite database
 * (every command is followed by a compressed snapshot written to it, as in production).
 *
 * Reports: the WebSocket round trip of one command, concurrent terminals (target: 500 active
 * sessions each issuing a command per second, p99 under 50 ms on a 2-core machine), memory per
 * idle session, and snapshot size and time. Each load level starts with one unmeasured command
 * per terminal (its cluster catching up with the time it sat idle while the others connected). The browsers are simulated by a worker thread, so
 * their JSON and sockets do not run on the server's event loop (they do share the machine's cores).
 *
 * Sessions run on a worker-thread pool as in the production server (KUBECOACH_SESSION_WORKERS,
 * default one per core; 0 runs them on the server thread). The snapshot and CPU-per-command
 * figures are measured on the server thread either way. With workers, memory is the whole
 * process's RSS and the workers' heaps, and the event loop utilization of the server thread and
 * of each worker during a load says which one limits.
 *
 * Run: npx tsx bench/sessions.bench.ts [sessions=500] [seconds=15]   (port 7150, or BENCH_PORT)
 * KUBECOACH_TRACE_LONG_TASKS=1 adds, per worker and load, what each long task was made of (workers/health.ts).
 */
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { performance as perf, type EventLoopUtilization } from "node:perf_hooks";
import { availableParallelism } from "node:os";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Worker } from "node:worker_threads";
import { encode } from "next-auth/jwt";
import pino from "pino";
import { WebSocketServer } from "ws";
import { createTerminal, TERMINAL_HISTORY_KEY, type TerminalHistoryEntry } from "../engine/shell";
import { decodeSnapshot, encodeSnapshot } from "../lib/db/snapshot-codec";
import { tuneSqlite } from "../lib/db/prepare";
import { createTestDatabase } from "../lib/db/test-databases";
import { createRequestListener, createUpgradeListener } from "../lib/server/listeners";
import { clearRoutes, registerUpgradeRoute } from "../lib/server/routes";
import { definitionResolver } from "../lib/session/definitions";
import { restoreSessionEnvironment } from "../lib/session/live-session";
import { SERVER_MIN_SAVE_INTERVAL_MS, SessionManager } from "../lib/session/manager";
import { PrismaSessionStore } from "../lib/session/prisma-store";
import { shellScriptRunner } from "../lib/session/script-runner";
import { sessionWorkerCount } from "../lib/session/workers/count";
import type { SessionService } from "../lib/session/service";
import { decodeStoredSnapshot, LIGHT_SAVE_MAX_REPLAY_MS, SnapshotSaver, WHOLE_SNAPSHOT_ROW, type StoredSnapshot } from "../lib/session/snapshot-saver";
import { changedSince, envFingerprint } from "../lib/session/env-fingerprint";
import type { SessionSnapshot } from "../lib/session/types";
import { SessionWorkerPool } from "../lib/session/workers/pool";
import { describeHealth, watchThreadHealth } from "../lib/session/workers/health";
import { terminalUpgradeHandler } from "../lib/terminal/gateway";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const PORT = Number(process.env.BENCH_PORT ?? 7150);
const SECRET = "bench-only-secret";
const SCENARIO = "uncordon-and-verify";
const COMMAND = "kubectl get pods -A";
const SESSIONS = Number(process.argv[2] ?? 500);
const SECONDS = Number(process.argv[3] ?? 15);

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const ms = (n: number) => `${n.toFixed(1)} ms`;
function summary(values: number[]): string {
  const s = [...values].sort((a, b) => a - b);
  return `p50 ${ms(quantile(s, 0.5))}, p95 ${ms(quantile(s, 0.95))}, p99 ${ms(quantile(s, 0.99))}, max ${ms(s[s.length - 1] ?? NaN)}`;
}
function heapMB(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

// ---------- the simulated browsers (worker thread) ----------

type Target = { attemptId: string; cookie: string };
type ToWorker =
  | { type: "roundtrip"; target: Target; runs: number; command: string }
  | { type: "connect"; targets: Target[] }
  | { type: "load"; count: number; seconds: number; command: string }
  | { type: "close" };
type FromWorker =
  | { type: "latencies"; values: number[]; failures: number }
  | { type: "connected"; count: number; failures: number }
  | { type: "warmed"; ms: number }
  | { type: "closed" };

/** Plain CommonJS run with `eval`, so the worker needs no TypeScript loader. */
const BROWSERS = `
const { parentPort, workerData } = require("node:worker_threads");
const WebSocket = require(workerData.wsPath);
const base = workerData.base;
let clients = [];

function connect(target) {
  return new Promise((resolve) => {
    const socket = new WebSocket(base + "/ws/terminal/" + target.attemptId + "?tab=1", { headers: { cookie: target.cookie } });
    const client = { socket, pending: undefined };
    socket.on("message", (data) => {
      const m = JSON.parse(String(data));
      if (m.type === "ready") resolve(client);
      if (m.type === "done" && client.pending) { const p = client.pending; client.pending = undefined; p(); }
    });
    socket.on("unexpected-response", () => resolve(undefined));
    socket.on("error", () => resolve(undefined));
  });
}

function run(client, command) {
  return new Promise((resolve) => {
    const started = performance.now();
    client.pending = () => resolve(performance.now() - started);
    client.socket.send(JSON.stringify({ type: "exec", line: command }));
  });
}

parentPort.on("message", async (msg) => {
  if (msg.type === "roundtrip") {
    const client = await connect(msg.target);
    const values = [];
    for (let i = 0; i < msg.runs; i++) values.push(await run(client, msg.command));
    client.socket.close();
    parentPort.postMessage({ type: "latencies", values, failures: 0 });
  } else if (msg.type === "connect") {
    let failures = 0;
    // A few at a time, like browsers arriving: each resumes its session from the database.
    for (let i = 0; i < msg.targets.length; i += 10) {
      const opened = await Promise.all(msg.targets.slice(i, i + 10).map(connect));
      for (const c of opened) c ? clients.push(c) : failures++;
    }
    parentPort.postMessage({ type: "connected", count: clients.length, failures });
  } else if (msg.type === "load") {
    const active = clients.slice(0, msg.count);
    const values = [];
    let failures = 0;
    // Unmeasured first: each terminal's first command catches its cluster up with the minutes it
    // sat idle while the others connected (replayed heartbeats), which is not the steady state.
    const warmup = performance.now();
    await Promise.all(active.map((client) => run(client, "true")));
    parentPort.postMessage({ type: "warmed", ms: performance.now() - warmup });
    const until = performance.now() + msg.seconds * 1000;
    // Each terminal sends a command every second, at its own phase within the second; a command
    // still running when the next is due delays it (a person waits for the prompt too).
    await Promise.all(active.map(async (client, i) => {
      await new Promise((r) => setTimeout(r, (1000 * i) / active.length));
      while (performance.now() < until) {
        const tick = performance.now();
        const latency = await Promise.race([run(client, msg.command), new Promise((r) => setTimeout(() => r(-1), 10000))]);
        // A terminal whose command took over 10 s gives up (its command is still queued on the
        // server; sending more would only lengthen the queue).
        if (latency < 0) { failures++; client.pending = undefined; break; }
        values.push(latency);
        await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (performance.now() - tick))));
      }
    }));
    parentPort.postMessage({ type: "latencies", values, failures });
  } else if (msg.type === "close") {
    for (const c of clients) c.socket.close();
    clients = [];
    parentPort.postMessage({ type: "closed" });
  }
});
`;

/** `onWarmed`: every terminal of a load ran its first command (the catch-up); the measured load starts. */
function browsers(base: string, onWarmed: () => void): { ask<T extends FromWorker>(message: ToWorker): Promise<T>; stop(): Promise<number> } {
  const wsPath = createRequire(import.meta.url).resolve("ws");
  const worker = new Worker(BROWSERS, { eval: true, workerData: { base, wsPath } });
  return {
    ask: <T extends FromWorker>(message: ToWorker) =>
      new Promise<T>((resolve, reject) => {
        const answer = (reply: FromWorker) => {
          // Progress notes are printed; the answer is the next message that is not one.
          if (reply.type === "warmed") {
            console.log(`  (warm-up: every terminal's first command, catching its cluster up to wall time, took ${(reply.ms / 1000).toFixed(1)} s in all)`);
            onWarmed();
            worker.once("message", answer);
            return;
          }
          resolve(reply as T);
        };
        worker.once("message", answer);
        worker.once("error", reject);
        worker.postMessage(message);
      }),
    stop: () => worker.terminate(),
  };
}

// ---------- CPU per command, in process ----------

/** CPU milliseconds per call of `fn` over `count` calls (the wall-clock numbers below also measure the neighbours). */
async function cpuEach(count: number, fn: () => unknown): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < count; i++) await fn();
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000 / count;
}

/**
 * What one learner's command costs the server's CPU, without sockets or the database: the
 * command, a second of cluster time (the clock follows wall time), and a save (one per
 * SERVER_MIN_SAVE_INTERVAL_MS of typing). Their sum bounds how many commands per second a core
 * serves. The session is resumed from its stored row as the app resumes it (decodeStoredSnapshot,
 * restoreSessionEnvironment, SnapshotSaver.resumeFrom).
 */
async function cpuPerCommand(row: StoredSnapshot): Promise<void> {
  const snapshot = await decodeStoredSnapshot(row);
  const env = restoreSessionEnvironment(snapshot);
  const saver = new SnapshotSaver();
  saver.resumeFrom(snapshot);
  const terminal = createTerminal(env, { host: snapshot.homeHost, columns: 120, rows: 32 });
  await terminal.ready;
  await cpuEach(20, () => terminal.exec(COMMAND));
  const command = await cpuEach(100, () => terminal.exec(COMMAND));
  const second = await cpuEach(100, () => env.advanceBy(1000));
  // Saves as a live session makes them (lib/session/snapshot-saver.ts): the first after a resume
  // is against the base the session was stored with; later ones what changed since, with a
  // command between. The store answers a row that brings a new base with the base's id.
  let firstDelta = false;
  const firstSave = await cpuEach(1, async () => {
    const saved = await saver.encode({ ...snapshot, env: env.snapshot() });
    firstDelta = saved.delta;
    saver.stored(saved, "stored-base");
  });
  let save = 0;
  let deltas = 0;
  for (let i = 0; i < 10; i++) {
    env.advanceBy(SERVER_MIN_SAVE_INTERVAL_MS);
    await terminal.exec(COMMAND);
    save += (await cpuEach(1, async () => (deltas += Number((await saver.encode({ ...snapshot, env: env.snapshot() })).delta)))) / 10;
  }
  // The command only reads: the app tells so by the environment's fingerprint before and after it,
  // and saves the terminals and the history alone over the last full save (a light save), with a
  // full save once the clock is LIGHT_SAVE_MAX_REPLAY_MS past the last one.
  const fingerprint = await cpuEach(100, () => changedSince(envFingerprint(env), env));
  const stored = await saver.encode({ ...snapshot, env: env.snapshot() });
  saver.stored(stored, "stored-base");
  const history = () => (env.extra[TERMINAL_HISTORY_KEY] ?? []) as TerminalHistoryEntry[];
  let light = 0;
  const steps: number[] = [];
  for (let i = 0; i < 10; i++) {
    env.advanceBy(SERVER_MIN_SAVE_INTERVAL_MS);
    steps.push(env.clock.now());
    await terminal.exec(COMMAND);
    light += (await cpuEach(1, async () => {
      const terminals = { "1": { state: await terminal.snapshot(), scrollback: "" } };
      if (!saver.encodeLight({ terminals, activeMs: 0, savedAt: "", clockSteps: steps }, history())) throw new Error("the bench's light save was refused");
    })) / 10;
  }
  const fullEvery = LIGHT_SAVE_MAX_REPLAY_MS / SERVER_MIN_SAVE_INTERVAL_MS;
  const saveShare = (save + light * (fullEvery - 1)) / fullEvery;
  // A whole snapshot (a new base, once the changes outgrew the last one).
  const wholeSave = await cpuEach(5, () => encodeSnapshot({ ...snapshot, env: env.snapshot() }));
  const resume = await cpuEach(5, async () => restoreSessionEnvironment(await decodeStoredSnapshot(row)));
  const perCommand = command + fingerprint + second + saveShare / (SERVER_MIN_SAVE_INTERVAL_MS / 1000);
  console.log(
    `CPU in process: \`${COMMAND}\` ${ms(command)} (and its fingerprints ${ms(fingerprint)}), a second of cluster time ${ms(second)}, a save (take, JSON, brotli; ${deltas} of 10 as deltas) ${ms(save)} (the first after a resume, ${firstDelta ? "a delta" : "whole"}: ${ms(firstSave)}; a whole one: ${ms(wholeSave)}), ` +
      `a light save (terminals and history only, ${fullEvery - 1} of every ${fullEvery} saves of a learner who only reads) ${ms(light)}, a resume (decompress, restore) ${ms(resume)}; ` +
      `per command at one a second: ${ms(perCommand)}, so one core serves at most ${(1000 / perCommand).toFixed(0)} such terminals`,
  );
}

// ---------- the server ----------

async function main(): Promise<void> {
  process.env.NEXTAUTH_SECRET = SECRET;
  const database = await createTestDatabase("sqlite");
  const db = database.db;
  await tuneSqlite(db); // as the server does (lib/db/prepare.ts)
  const store = new PrismaSessionStore(db, database.target); // as the server does (lib/session/install.ts)
  const saves: { bytes: number; ms: number }[] = [];
  const local = new SessionManager({
    store,
    resolve: definitionResolver(db),
    runScript: shellScriptRunner,
    maxLive: SESSIONS + 10,
    minSaveIntervalMs: SERVER_MIN_SAVE_INTERVAL_MS,
    onSaved: (_session, info) => saves.push(info),
    onError: (_session, err) => console.error("session error:", err),
  });
  const workers = sessionWorkerCount();
  const pool =
    workers > 0
      ? new SessionWorkerPool({
          workers,
          store,
          authoredRow: async () => undefined,
          maxLive: SESSIONS + 10 * workers,
          idleMs: 15 * 60_000,
          minSaveIntervalMs: SERVER_MIN_SAVE_INTERVAL_MS,
          log: pino({ level: "warn" }),
        })
      : undefined;
  const sessions: SessionService = pool ?? local;
  console.log(pool ? `sessions on ${workers} worker threads (KUBECOACH_SESSION_WORKERS; this machine has ${availableParallelism()} cores)` : "sessions on the server thread (KUBECOACH_SESSION_WORKERS=0)");
  clearRoutes();
  registerUpgradeRoute("/ws/terminal/:attemptId", terminalUpgradeHandler({ sessions, store }));
  const log = pino({ level: "silent" });
  const server = createServer(createRequestListener((_req, res) => void res.end("next"), log));
  server.on("upgrade", createUpgradeListener(new WebSocketServer({ noServer: true }), log, { dev: false }));
  await new Promise<void>((resolve) => server.listen(PORT, "127.0.0.1", resolve));
  const serverHealth = watchThreadHealth();
  // The threads' CPU and pauses are counted from the end of the warm-up (minutes of cluster time
  // caught up per terminal), so they are those of the steady load.
  const browserPool = browsers(`ws://127.0.0.1:${PORT}`, () => {
    serverHealth.read();
    void pool?.health();
  });

  try {
    // Learners and attempts in the database, as the practice page creates them.
    const users = Array.from({ length: SESSIONS }, (_, i) => ({ id: `bench-user-${i}`, email: `bench-${i}@example.com`, role: "learner" as const }));
    await db.user.createMany({ data: users });
    await db.scenarioAttempt.createMany({ data: users.map((u, i) => ({ id: `bench-attempt-${i}`, userId: u.id, scenarioId: SCENARIO, scenarioVersion: "1" })) });
    const targets: Target[] = await Promise.all(
      users.map(async (u, i) => ({ attemptId: `bench-attempt-${i}`, cookie: `next-auth.session-token=${await encode({ token: { sub: u.id, role: "learner", email: u.email }, secret: SECRET })}` })),
    );

    // The first attempt starts for real (scenario setup) on this thread; the others resume copies of its snapshot.
    let t0 = performance.now();
    const first = await local.get({ kind: "scenario", id: targets[0]!.attemptId });
    console.log(`starting "${SCENARIO}" (fresh cluster and its setup): ${ms(performance.now() - t0)}`);

    // Snapshot size and time.
    await first.flush();
    t0 = performance.now();
    const snapshot: SessionSnapshot = await first.snapshot();
    const takeMs = performance.now() - t0;
    t0 = performance.now();
    const encoded = encodeSnapshot(snapshot);
    const encodeMs = performance.now() - t0;
    t0 = performance.now();
    await store.saveSnapshot(first.ref, snapshot);
    const saveMs = performance.now() - t0;
    t0 = performance.now();
    const decoded = decodeSnapshot(encoded) as SessionSnapshot;
    const decodeMs = performance.now() - t0;
    t0 = performance.now();
    restoreSessionEnvironment(decoded); // as a resumed session restores it (lib/session/live-session.ts)
    const restoreMs = performance.now() - t0;
    console.log(
      `snapshot: ${(encoded.rawBytes / 1024).toFixed(0)} KB of JSON, ${(encoded.data.byteLength / 1024).toFixed(1)} KB stored (brotli); ` +
        `take ${ms(takeMs)}, compress ${ms(encodeMs)}, take+compress+write ${ms(saveMs)}; read back: decompress ${ms(decodeMs)}, restore ${ms(restoreMs)}`,
    );
    await cpuPerCommand({ formatVersion: WHOLE_SNAPSHOT_ROW, ...encoded });
    await local.evict(first.ref);
    if (pool) await pool.ready();
    // The warming thread makes the setup templates meanwhile (at the lowest priority): say when it is done, as it shares the cores.
    void pool?.templatesWarmed().then((warmed) => {
      if (warmed) console.log(`  (setup templates: ${warmed.made} made, ${warmed.failed} failed by the warming thread in ${(warmed.ms / 1000).toFixed(1)} s, done now)`);
    });

    const roundtrip = await browserPool.ask<Extract<FromWorker, { type: "latencies" }>>({ type: "roundtrip", target: targets[0]!, runs: 200, command: COMMAND });
    console.log(`WebSocket round trip of \`${COMMAND}\` (one terminal, 200 runs): ${summary(roundtrip.values)}`);
    const echo = await browserPool.ask<Extract<FromWorker, { type: "latencies" }>>({ type: "roundtrip", target: targets[0]!, runs: 200, command: "echo hi" });
    console.log(`WebSocket round trip of \`echo hi\`: ${summary(echo.values)}`);

    const row = { formatVersion: 1, encoding: encoded.encoding, data: encoded.data, rawBytes: encoded.rawBytes };
    await db.environmentSnapshot.createMany({ data: targets.slice(1).map((t) => ({ scenarioAttemptId: t.attemptId, ...row })) });

    // Every learner connects: sessions are resumed from the database, then sit idle.
    const workerHeapMB = async () => (pool ? (await pool.heapUsed()).reduce((a, b) => a + b, 0) / 1024 / 1024 : 0);
    const heapBefore = heapMB() + (await workerHeapMB());
    const rssBefore = process.memoryUsage().rss / 1024 / 1024;
    t0 = performance.now();
    const connected = await browserPool.ask<Extract<FromWorker, { type: "connected" }>>({ type: "connect", targets });
    const connectS = (performance.now() - t0) / 1000;
    const heapAfter = heapMB() + (await workerHeapMB());
    const rssAfter = process.memoryUsage().rss / 1024 / 1024;
    // The setup templates are kept by one warming thread for all workers; its heap is not the sessions'.
    const templateThreadMB = pool ? (await pool.templateThreadHeapUsed()) / 1024 / 1024 : 0;
    console.log(
      `${connected.count} terminals connected (${connected.failures} refused) in ${connectS.toFixed(1)} s: ${ms((connectS * 1000) / Math.max(1, connected.count))} per resume`,
    );
    console.log(
      `memory per idle session (resumed environment + one terminal tab, connected): ${((heapAfter - heapBefore) / Math.max(1, connected.count)).toFixed(2)} MB heap, ` +
        `${((rssAfter - rssBefore) / Math.max(1, connected.count)).toFixed(2)} MB RSS (server total ${heapAfter.toFixed(0)} MB heap${pool ? `, server thread and workers; the thread keeping the setup templates ${templateThreadMB.toFixed(0)} MB more` : ""})`,
    );

    saves.length = 0;
    // A light load first (where the machine keeps up), then 250 and the target.
    for (const count of [...new Set([50, 250, connected.count].map((n) => Math.min(n, connected.count)))]) {
      const mainBefore = perf.eventLoopUtilization();
      const workersBefore = pool?.utilization() ?? [];
      serverHealth.read();
      await pool?.health();
      const load = await browserPool.ask<Extract<FromWorker, { type: "latencies" }>>({ type: "load", count, seconds: SECONDS, command: COMMAND });
      const busy = (elu: EventLoopUtilization) => `${(elu.utilization * 100).toFixed(0)}%`;
      const utilization = `server thread busy ${busy(perf.eventLoopUtilization(mainBefore))}` + (pool ? `, workers ${pool.utilization().map((u, i) => busy(perf.eventLoopUtilization(u, workersBefore[i]!))).join(" / ")}` : "");
      const rate = load.values.length / SECONDS;
      console.log(
        `${count} terminals, one \`${COMMAND}\` per second each for ${SECONDS} s: ${rate.toFixed(0)} commands/s served (${(rate / count * 100).toFixed(0)}% of the offered rate), ` +
          `${load.failures} terminals gave up after a command took over 10 s; latency ${summary(load.values)}; ${utilization} (including the warm-up)` +
          (count === SESSIONS ? ` (target: p99 < 50 ms, ${quantile([...load.values].sort((a, b) => a - b), 0.99) < 50 ? "met" : "NOT met"})` : ""),
      );
      // What held the threads (a command waits for whatever runs before it on its worker).
      console.log(`  after the warm-up: server thread ${describeHealth(serverHealth.read(), load.values.length)}`);
      for (const [i, health] of ((await pool?.health()) ?? []).entries()) console.log(`  worker ${i}: ${describeHealth(health, load.values.length)}`);
    }
    if (saves.length) {
      console.log(`snapshots written during the load: ${saves.length}, ${summary(saves.map((s) => s.ms))} each; median ${(quantile(saves.map((s) => s.bytes).sort((a, b) => a - b), 0.5) / 1024).toFixed(1)} KB`);
    }
    await browserPool.ask({ type: "close" });
  } finally {
    // No graceful shutdown: saving hundreds of sessions (and draining commands still queued after
    // a saturated run) would take minutes and measures nothing.
    await browserPool.stop();
    // Workers are stopped without saving, like the server thread's sessions.
    await pool?.terminate();
    server.closeAllConnections();
    server.close();
    await database.drop().catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
