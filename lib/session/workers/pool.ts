// Live sessions on worker threads, so environments use every core: the server thread keeps HTTP,
// WebSockets, sign-in and the database, and forwards what reaches an environment (terminal
// messages, API requests, grading, scripts, closing) to the worker that holds the session. A
// session stays on its worker until it leaves memory (sticky), so one environment never lives in
// two places. A worker that dies takes its sessions' connections with it: browsers are told and
// reconnect, and the sessions resume from their last save on a fresh worker.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { EventLoopUtilization } from "node:perf_hooks";
import type { TLSSocket } from "node:tls";
import { Worker } from "node:worker_threads";
import type { Logger } from "pino";
import { typescriptWorkerSource } from "../../server/typescript-worker";
import { catalogue } from "../../scenarios/catalogue";
import { startTemplateKeeper, type TemplateKeeper } from "../template-warming";
import type { AuthoredRow } from "../definitions";
import type { StoredSnapshot } from "../snapshot-saver";
import { AttemptClosedError, AttemptNotFoundError, type SessionStats } from "../manager";
import type { EnsuredSession, ScriptResult, SessionHandle, SessionService, TabHandle } from "../service";
import type { TabClient } from "../terminal-tab";
import { refKey, type AttemptRef, type SessionStore } from "../types";
import type { ThreadHealth } from "./health";
import type { BridgedHttpRequest, ErrorShape, FromWorker, StoreCall, TabAction, TerminalTraffic, ToWorker, WorkerCall, WorkerSettings } from "./protocol";

/** The session workers' young generation in MB unless KUBECOACH_WORKER_YOUNG_MB says otherwise (see spawn). */
export const DEFAULT_WORKER_YOUNG_MB = 128;

/** The server thread's side of the database, as workers use it. */
export type PoolStore = Omit<SessionStore, "loadSnapshot"> & {
  loadEncodedSnapshot(ref: AttemptRef): Promise<StoredSnapshot | undefined>;
};

export type PoolOptions = {
  /** Worker threads (at least 1). */
  workers: number;
  store: PoolStore;
  authoredRow(id: string): Promise<AuthoredRow | undefined>;
  /** Live sessions in all (each worker holds an equal share at most). */
  maxLive: number;
  idleMs: number;
  minSaveIntervalMs: number;
  persistDelayMs?: number;
  sweepEveryMs?: number;
  log: Logger;
  /** Wall clock for activeSeconds (tests move it). */
  now?: () => number;
  /** Attempts started per scenario or exam id (the database): setup templates are made and prefetched likeliest first. */
  attemptStarts?: () => Promise<Record<string, number>>;
};

/** The engine's HTTP adapter refuses bodies beyond this (engine/http/handler.ts); so does the forwarder. */
const MAX_BODY_BYTES = 3 * 1024 * 1024;
const RESTART_DELAY_MS = 1000;
export const WORKER_DIED_REASON = "The simulation of this session stopped unexpectedly; reconnecting resumes it from its last save.";

export class SessionWorkerDiedError extends Error {
  constructor() {
    super(WORKER_DIED_REASON);
  }
}

type Pending = { resolve(value: unknown): void; reject(e: unknown): void; ref?: AttemptRef };
type Slot = {
  index: number;
  worker: Worker;
  pending: Map<number, Pending>;
  stats: SessionStats;
  /** Sessions assigned to this worker. */
  assigned: number;
  alive: boolean;
  ready: Promise<void>;
  markReady(): void;
};
type Assignment = { slot: Slot; sent: number };

function rebuildError(shape: ErrorShape, ref: AttemptRef | undefined): Error {
  if (shape.name === "AttemptNotFoundError" && ref) return new AttemptNotFoundError(ref.id);
  if (shape.name === "AttemptClosedError" && ref) return new AttemptClosedError(ref.id, shape.status ?? "closed");
  const error = new Error(shape.message);
  error.name = shape.name;
  if (shape.stack) error.stack = shape.stack;
  return error;
}

export class SessionWorkerPool implements SessionService {
  private readonly slots: Slot[] = [];
  private readonly assignments = new Map<string, Assignment>();
  private readonly connections = new Map<number, { client: TabClient; slot: Slot }>();
  private readonly streams = new Map<number, { req: IncomingMessage; res: ServerResponse; slot: Slot }>();
  private readonly active = new Map<string, { beforeMs: number; since: number | undefined }>();
  private nextId = 1;
  private stopping = false;
  private readonly bootstrap = typescriptWorkerSource(new URL("./worker.ts", import.meta.url));
  private readonly now: () => number;
  /** The one warming thread all workers ask for setup templates (none when warming is off). */
  private keeper: TemplateKeeper | undefined;

  constructor(private readonly options: PoolOptions) {
    if (!(options.workers >= 1)) throw new Error("a session worker pool needs at least one worker");
    this.now = options.now ?? Date.now;
  }

  /**
   * Starts the workers (each loads the engine: seconds of CPU). The server calls this once it
   * listens, so starting up does not compete with Next.js; the first session starts them anyway.
   */
  start(): void {
    if (this.slots.length > 0 || this.stopping) return;
    this.keeper = startTemplateKeeper({ catalogue: catalogue(), log: this.options.log, now: this.now });
    if (this.keeper && this.options.attemptStarts) {
      const keeper = this.keeper;
      this.options.attemptStarts().then(
        (starts) => keeper.rank(starts),
        (err: unknown) => this.options.log.warn({ err }, "attempt counts unavailable: setup templates are made in the catalogue's order"),
      );
    }
    for (let i = 0; i < this.options.workers; i++) this.slots.push(this.spawn(i));
  }

  /** Resolves once every worker has loaded the engine (a server logs it; tests wait for it). */
  async ready(): Promise<void> {
    this.start();
    await Promise.all(this.slots.map((s) => s.ready));
  }

  get size(): number {
    return this.options.workers;
  }

  private spawn(index: number): Slot {
    const settings: WorkerSettings = {
      maxLive: Math.max(1, Math.ceil(this.options.maxLive / this.options.workers)),
      idleMs: this.options.idleMs,
      minSaveIntervalMs: this.options.minSaveIntervalMs,
      persistDelayMs: this.options.persistDelayMs ?? 250,
      sweepEveryMs: this.options.sweepEveryMs ?? 30_000,
      catalogue: catalogue(),
      templates: this.keeper?.serve(),
    };
    // KUBECOACH_WORKER_YOUNG_MB: the workers' young generation. Hundreds of live environments per
    // worker keep much of what a command allocates alive for about a second, past several scavenges
    // of V8's default 16 MB semi-spaces: at 500 terminals the workers scavenged ~6 times a second and
    // spent ~45% of their CPU there, the main source of the latency tail. 128 MB cut that to ~1.6 a
    // second and p99 from 45-190 to 31-44 ms (bench/sessions.bench.ts 500, interleaved runs), for
    // ~0.15 MB more RSS per idle session. 0 keeps V8's default.
    const young = Number(process.env.KUBECOACH_WORKER_YOUNG_MB ?? DEFAULT_WORKER_YOUNG_MB);
    const worker = new Worker(this.bootstrap, { eval: true, workerData: settings, transferList: settings.templates ? [settings.templates] : [], name: `kubecoach-sessions-${index}`, ...(young > 0 ? { resourceLimits: { maxYoungGenerationSizeMb: young } } : {}) });
    let markReady = () => undefined as void;
    const ready = new Promise<void>((resolve) => (markReady = resolve));
    const slot: Slot = { index, worker, pending: new Map(), stats: { live: 0, busy: 0, connectedTabs: 0, loading: 0 }, assigned: 0, alive: true, ready, markReady };
    worker.on("message", (message: FromWorker) => this.receive(slot, message));
    worker.on("error", (err) => this.options.log.error({ err, worker: index }, "session worker failed"));
    worker.on("exit", (code) => this.died(slot, code));
    return slot;
  }

  // ---------- sending ----------

  /** The worker holding the session, or the least loaded one for a session not live anywhere. */
  private assign(ref: AttemptRef): Assignment {
    const key = refKey(ref);
    let assignment = this.assignments.get(key);
    if (!assignment) {
      if (this.stopping) throw new Error("The server is shutting down; try again in a moment.");
      this.start();
      const slot = this.slots.reduce((best, s) => (s.alive && (!best.alive || s.assigned < best.assigned) ? s : best));
      if (!slot.alive) throw new SessionWorkerDiedError();
      assignment = { slot, sent: 0 };
      slot.assigned++;
      this.assignments.set(key, assignment);
    }
    return assignment;
  }

  /** Posts a message about one session to its worker (counted for the sticky assignment). */
  private postAbout(ref: AttemptRef, message: ToWorker): Slot {
    const assignment = this.assign(ref);
    assignment.sent++;
    assignment.slot.worker.postMessage(message);
    return assignment.slot;
  }

  private call<T>(ref: AttemptRef, call: WorkerCall & { ref: AttemptRef }): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const slot = this.postAbout(ref, { t: "call", id, ...call });
      slot.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, ref });
    });
  }

  // ---------- receiving ----------

  private receive(slot: Slot, message: FromWorker): void {
    switch (message.t) {
      case "ready":
        slot.markReady();
        return;
      case "reply": {
        const waiting = slot.pending.get(message.id);
        if (!waiting) return;
        slot.pending.delete(message.id);
        if (message.ok) waiting.resolve(message.value);
        else waiting.reject(rebuildError(message.error, waiting.ref));
        return;
      }
      case "store":
        void this.serveStore(slot, message);
        return;
      case "send":
      case "close":
        this.terminalTraffic(message);
        return;
      case "terminal":
        for (const m of message.messages) this.terminalTraffic(m);
        return;
      case "gone": {
        const assignment = this.assignments.get(message.key);
        if (!assignment || assignment.slot !== slot) return;
        assignment.sent -= message.handled;
        // Messages sent after the worker let the session go are on their way: it loads it again.
        if (assignment.sent <= 0) {
          this.assignments.delete(message.key);
          slot.assigned--;
          this.active.delete(message.key);
        }
        return;
      }
      case "active":
        this.active.set(message.key, { beforeMs: message.beforeMs, since: message.since });
        return;
      case "stats":
        slot.stats = message.stats;
        return;
      default:
        this.streamMessage(message);
    }
  }

  private terminalTraffic(message: TerminalTraffic): void {
    const connection = this.connections.get(message.conn);
    if (!connection) return;
    if (message.t === "send") connection.client.send(message.message);
    else connection.client.close(message.code, message.reason);
  }

  private streamMessage(message: Extract<FromWorker, { stream: number }>): void {
    const stream = this.streams.get(message.stream);
    if (!stream) return;
    const { res } = stream;
    switch (message.t) {
      case "http-head":
        if (!res.headersSent) res.writeHead(message.status, message.headers);
        return;
      case "http-flush":
        res.flushHeaders();
        return;
      case "http-data":
        res.write(message.chunk);
        return;
      case "http-end":
        this.streams.delete(message.stream);
        if (message.chunk === undefined) res.end();
        else res.end(message.chunk);
        return;
      case "http-destroy":
        this.streams.delete(message.stream);
        stream.req.socket.destroy();
        return;
    }
  }

  private async serveStore(slot: Slot, call: Extract<FromWorker, { t: "store" }>): Promise<void> {
    const store = this.options.store;
    let reply: ToWorker;
    try {
      const value = await this.storeCall(store, call);
      reply = { t: "reply", id: call.id, ok: true, value };
    } catch (e) {
      this.options.log.error({ err: e, op: call.op }, "session store call from a worker failed");
      reply = { t: "reply", id: call.id, ok: false, error: { name: "Error", message: `${call.op}: ${e instanceof Error ? e.message : String(e)}` } };
    }
    if (slot.alive) slot.worker.postMessage(reply);
  }

  private storeCall(store: PoolStore, call: StoreCall): Promise<unknown> {
    switch (call.op) {
      case "findAttempt":
        return store.findAttempt(call.attemptId);
      case "loadEncodedSnapshot":
        return store.loadEncodedSnapshot(call.ref);
      case "saveEncodedSnapshot":
        return store.saveEncodedSnapshot(call.ref, call.encoded, call.timeUsedSeconds);
      case "deleteSnapshot":
        return store.deleteSnapshot(call.ref);
      case "appendCommands":
        return Promise.all(call.commands.map(({ ref, command }) => store.appendCommand(ref, command).then(() => undefined, (e: unknown) => (e instanceof Error ? e.message : String(e)))));
      case "lastCommandSeq":
        return store.lastCommandSeq(call.ref);
      case "saveTimeUsed":
        return store.saveTimeUsed(call.ref, call.seconds);
      case "authoredRow":
        return this.options.authoredRow(call.authoredScenarioId);
    }
  }

  /** A worker exited: its calls fail, its browsers are told and reconnect, its sessions resume elsewhere. */
  private died(slot: Slot, code: number): void {
    slot.alive = false;
    if (!this.stopping) this.options.log.error({ worker: slot.index, code }, "session worker exited; its sessions resume from their last save");
    for (const waiting of slot.pending.values()) waiting.reject(new SessionWorkerDiedError());
    slot.pending.clear();
    for (const [conn, connection] of this.connections) {
      if (connection.slot !== slot) continue;
      this.connections.delete(conn);
      connection.client.send({ type: "closed", reason: WORKER_DIED_REASON });
      // 1011 (internal error): the browser reconnects, which resumes the session on a live worker.
      connection.client.close(1011, WORKER_DIED_REASON);
    }
    for (const [stream, open] of this.streams) {
      if (open.slot !== slot) continue;
      this.streams.delete(stream);
      open.res.destroy();
    }
    for (const [key, assignment] of this.assignments) {
      if (assignment.slot !== slot) continue;
      this.assignments.delete(key);
      this.active.delete(key);
    }
    if (this.stopping) return;
    setTimeout(() => {
      if (!this.stopping) this.slots[slot.index] = this.spawn(slot.index);
    }, RESTART_DELAY_MS).unref();
  }

  // ---------- SessionService ----------

  async get(ref: AttemptRef): Promise<SessionHandle> {
    // Loads the session on its worker now, so a missing or closed attempt is refused here.
    await this.ensure(ref);
    return new RemoteSession(this, ref);
  }

  ensure(ref: AttemptRef): Promise<EnsuredSession> {
    return this.call(ref, { op: "ensure", ref });
  }

  grade(ref: AttemptRef): ReturnType<SessionService["grade"]> {
    return this.call(ref, { op: "grade", ref });
  }

  async close(ref: AttemptRef, reason: string): Promise<void> {
    // Not assigned means not live anywhere: nothing to end.
    if (!this.assignments.has(refKey(ref))) return;
    await this.call(ref, { op: "close", ref, reason });
  }

  runScript(ref: AttemptRef, script: string): Promise<ScriptResult> {
    return this.call(ref, { op: "runScript", ref, script });
  }

  activeSeconds(ref: AttemptRef): number | undefined {
    const clock = this.active.get(refKey(ref));
    if (!clock) return undefined;
    return Math.floor((clock.beforeMs + (clock.since !== undefined ? this.now() - clock.since : 0)) / 1000);
  }

  stats(): SessionStats {
    const total: SessionStats = { live: 0, busy: 0, connectedTabs: 0, loading: 0 };
    for (const slot of this.slots) {
      if (!slot.alive) continue;
      total.live += slot.stats.live;
      total.busy += slot.stats.busy;
      total.connectedTabs += slot.stats.connectedTabs;
      total.loading += slot.stats.loading;
    }
    return total;
  }

  /** Every worker saves its sessions (through this thread's database) and stops. */
  async shutdown(): Promise<void> {
    if (this.stopping) return;
    const slots = this.slots.filter((s) => s.alive);
    const saved = slots.map((slot) => {
      const id = this.nextId++;
      return new Promise<void>((resolve, reject) => {
        slot.pending.set(id, { resolve: () => resolve(), reject });
        slot.worker.postMessage({ t: "call", id, op: "shutdown" } satisfies ToWorker);
      }).catch((err: unknown) => this.options.log.error({ err, worker: slot.index }, "session worker could not save its sessions"));
    });
    this.stopping = true;
    await Promise.all(saved);
    await Promise.all([...this.slots.map((s) => s.worker.terminate()), this.keeper?.stop()]);
  }

  /** Heap bytes the workers use after a collection, each (benchmarks). */
  heapUsed(): Promise<number[]> {
    return this.askEveryWorker<number>("heapUsed");
  }

  /** Resolves when the warming thread has made every setup template (undefined: warming is off); benchmarks say when it ended. */
  async templatesWarmed(): Promise<{ made: number; failed: number; ms: number } | undefined> {
    this.start();
    const report = await this.keeper?.warmed;
    return report && { made: report.made, failed: report.failed.length, ms: report.ms };
  }

  /** Heap bytes the warming thread that keeps the setup templates uses after a collection (0 without one; benchmarks). */
  async templateThreadHeapUsed(): Promise<number> {
    return (await this.keeper?.heapUsed()) ?? 0;
  }

  /** Each worker's garbage collection pauses and event-loop delay since the last reading (benchmarks). */
  health(): Promise<ThreadHealth[]> {
    return this.askEveryWorker<ThreadHealth>("health");
  }

  /** One call to every worker, answered each with its own reading. */
  private async askEveryWorker<T>(op: "heapUsed" | "health"): Promise<T[]> {
    await this.ready();
    return Promise.all(
      this.slots.map((slot) => {
        const id = this.nextId++;
        return new Promise<T>((resolve, reject) => {
          slot.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
          slot.worker.postMessage({ t: "call", id, op } satisfies ToWorker);
        });
      }),
    );
  }

  /** Each worker's event loop utilization since it started (benchmarks diff two readings). */
  utilization(): EventLoopUtilization[] {
    return this.slots.map((slot) => slot.worker.performance.eventLoopUtilization());
  }

  /** Stops every worker without saving (benchmarks; the server uses shutdown). */
  async terminate(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.slots.map((s) => s.worker.terminate()), this.keeper?.stop()]);
  }

  /** Ends one worker as a crash would (tests of crash handling). */
  async crashWorkerOf(ref: AttemptRef): Promise<void> {
    const assignment = this.assignments.get(refKey(ref));
    if (assignment) await assignment.slot.worker.terminate();
  }

  // ---------- what RemoteSession uses ----------

  /** @internal */
  callFor<T>(ref: AttemptRef, call: WorkerCall & { ref: AttemptRef }): Promise<T> {
    return this.call(ref, call);
  }

  /** @internal */
  tabAction(ref: AttemptRef, tab: number, action: TabAction): void {
    try {
      this.postAbout(ref, { t: "tab", ref, tab, ...action });
    } catch (err) {
      this.options.log.warn({ err, attempt: ref.id }, "terminal input for a session no worker holds");
    }
  }

  /** @internal */
  async connect(ref: AttemptRef, tab: number, client: TabClient): Promise<() => void> {
    const conn = this.nextId++;
    const slot = this.assign(ref).slot;
    this.connections.set(conn, { client, slot });
    try {
      await this.call(ref, { op: "connect", ref, tab, conn });
    } catch (e) {
      this.connections.delete(conn);
      throw e;
    }
    return () => {
      if (!this.connections.delete(conn)) return;
      if (slot.alive) slot.worker.postMessage({ t: "detach", conn } satisfies ToWorker);
    };
  }

  /** @internal */
  async kubernetesApi(ref: AttemptRef, cluster: string, req: IncomingMessage, res: ServerResponse, apiPath: string, query: URLSearchParams): Promise<void> {
    const body = await readBody(req);
    if (!body) {
      res.writeHead(413).end();
      return;
    }
    const raw = (req.socket as Partial<TLSSocket>).getPeerCertificate?.()?.raw;
    const request: BridgedHttpRequest = {
      cluster,
      method: req.method ?? "GET",
      path: apiPath,
      query: query.toString(),
      headers: { ...req.headers },
      body,
      ...(raw ? { peerCertificate: new Uint8Array(raw) } : {}),
    };
    const stream = this.nextId++;
    const slot = this.assign(ref).slot;
    this.streams.set(stream, { req, res, slot });
    res.on("close", () => {
      if (this.streams.delete(stream) && slot.alive) slot.worker.postMessage({ t: "http-close", stream } satisfies ToWorker);
    });
    await this.call(ref, { op: "http", ref, stream, request });
  }
}

/** The body, or undefined past MAX_BODY_BYTES. */
function readBody(req: IncomingMessage): Promise<Uint8Array | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    req.on("error", reject);
  });
}

/** A session on a worker, as the gateways hold it. */
class RemoteSession implements SessionHandle {
  constructor(
    private readonly pool: SessionWorkerPool,
    readonly ref: AttemptRef,
  ) {}

  /** The worker touches the session on every message it gets about it. */
  touch(): void {}

  async tab(number: number): Promise<TabHandle> {
    return new RemoteTab(this.pool, this.ref, number);
  }

  connect(number: number, client: TabClient): Promise<() => void> {
    return this.pool.connect(this.ref, number, client);
  }

  kubernetesApi(cluster: string, req: IncomingMessage, res: ServerResponse, apiPath: string, query: URLSearchParams): Promise<void> {
    return this.pool.kubernetesApi(this.ref, cluster, req, res, apiPath, query);
  }
}

class RemoteTab implements TabHandle {
  constructor(
    private readonly pool: SessionWorkerPool,
    private readonly ref: AttemptRef,
    private readonly number: number,
  ) {}

  exec(line: string): Promise<void> {
    return this.pool.callFor(this.ref, { op: "exec", ref: this.ref, tab: this.number, line });
  }

  complete(line: string, cursor: number): Promise<void> {
    return this.pool.callFor(this.ref, { op: "complete", ref: this.ref, tab: this.number, line, cursor });
  }

  interrupt(): void {
    this.pool.tabAction(this.ref, this.number, { action: "interrupt" });
  }

  suspend(): void {
    this.pool.tabAction(this.ref, this.number, { action: "suspend" });
  }

  input(data: string): void {
    this.pool.tabAction(this.ref, this.number, { action: "input", data });
  }

  resize(cols: number, rows: number): void {
    this.pool.tabAction(this.ref, this.number, { action: "resize", cols, rows });
  }

  finishEdit(content: string | undefined): void {
    this.pool.tabAction(this.ref, this.number, { action: "finishEdit", content });
  }
}
