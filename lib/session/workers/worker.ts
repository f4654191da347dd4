// A session worker thread: holds the live sessions the server thread assigned to it (each stays
// here until it leaves memory) and runs everything that touches their environments — shells,
// grading, API requests, snapshot encoding. Its database reads and writes go to the server
// thread (RemoteSessionStore), which owns the database connection.
import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { parentPort, workerData } from "node:worker_threads";
import { logger } from "../../log";
import { definitionResolverFrom } from "../definitions";
import { SessionManager } from "../manager";
import { shellScriptRunner } from "../script-runner";
import type { TabClient } from "../terminal-tab";
import { refKey, type AttemptRef } from "../types";
import { bridgeHttp, type BridgedExchange } from "./http-bridge";
import { errorShape, type FromWorker, type TerminalTraffic, type ToWorker, type WorkerCall, type WorkerSettings } from "./protocol";
import { RemoteSessionStore } from "./remote-store";
import { TerminalOutbox } from "./terminal-outbox";
import { adoptCatalogue } from "../../scenarios/catalogue";
import { yieldToEventLoop } from "../template-warming";
import { useSharedTemplates } from "../shared-templates";
import { prefetchBudgetChars } from "../template-prefetch";
import { markTask, watchThreadHealth } from "./health";

const port = parentPort;
if (!port) throw new Error("lib/session/workers/worker.ts runs as a worker thread (see pool.ts)");
const settings = workerData as WorkerSettings;
adoptCatalogue(settings.catalogue);
const log = logger.child({ module: "session-worker" });
const post = (message: FromWorker, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer);
// As on the server thread (server.ts): a stray rejection is logged, not fatal to every session here.
process.on("unhandledRejection", (reason) => log.error({ err: reason }, "unhandled promise rejection in a session worker"));

const health = watchThreadHealth();
const store = new RemoteSessionStore(post);
/** Messages received per session since it last left this worker (see the pool's sticky assignment). */
const received = new Map<string, number>();
const connections = new Map<number, () => void>();
const streams = new Map<number, BridgedExchange>();

const manager = new SessionManager({
  store,
  resolve: definitionResolverFrom((id) => store.authoredRow(id)),
  runScript: shellScriptRunner,
  maxLive: settings.maxLive,
  idleMs: settings.idleMs,
  minSaveIntervalMs: settings.minSaveIntervalMs,
  persistDelayMs: settings.persistDelayMs,
  onSaved: (session, info) => log.debug({ attempt: session.ref.id, bytes: info.bytes, ms: Math.round(info.ms) }, "session saved"),
  onError: (session, err) => log.error({ err, attempt: session.ref.id }, "session error"),
  onGone: (ref) => letGo(ref),
});

function letGo(ref: AttemptRef): void {
  const key = refKey(ref);
  post({ t: "gone", key, handled: received.get(key) ?? 0 });
  received.delete(key);
}
manager.startSweeping(settings.sweepEveryMs);
setInterval(() => post({ t: "stats", stats: manager.stats() }), 2000).unref();

function noteActive(ref: AttemptRef): void {
  const session = manager.peek(ref);
  if (!session) return;
  const { beforeMs, since } = session.activeClock();
  post({ t: "active", key: refKey(ref), beforeMs, since });
}

const terminalOutbox = new TerminalOutbox((batch) => post(batch.length === 1 ? batch[0]! : { t: "terminal", messages: batch }), (flush) => process.nextTick(flush));
const sendToTerminal = (traffic: TerminalTraffic) => terminalOutbox.send(traffic);

function clientFor(conn: number): TabClient {
  return {
    send: (message) => sendToTerminal({ t: "send", conn, message }),
    close: (code, reason) => sendToTerminal({ t: "close", conn, code, reason }),
  };
}

async function handle(call: WorkerCall): Promise<unknown> {
  switch (call.op) {
    case "ensure": {
      const ensured = await manager.ensure(call.ref);
      noteActive(call.ref);
      return ensured;
    }
    case "grade":
      return manager.grade(call.ref);
    case "close":
      return manager.close(call.ref, call.reason);
    case "runScript":
      return manager.runScript(call.ref, call.script);
    case "connect": {
      const session = await manager.get(call.ref);
      const detach = await session.connect(call.tab, clientFor(call.conn));
      connections.set(call.conn, () => {
        detach();
        noteActive(call.ref);
      });
      noteActive(call.ref);
      return undefined;
    }
    case "exec":
      return (await (await manager.get(call.ref)).tab(call.tab)).exec(call.line);
    case "complete":
      return (await (await manager.get(call.ref)).tab(call.tab)).complete(call.line, call.cursor);
    case "http": {
      const session = await manager.get(call.ref);
      const exchange = bridgeHttp(call.stream, call.request, post);
      streams.set(call.stream, exchange);
      exchange.res.on("close", () => streams.delete(call.stream));
      await session.kubernetesApi(call.request.cluster, exchange.req, exchange.res, call.request.path, new URLSearchParams(call.request.query));
      return undefined;
    }
    case "shutdown":
      await manager.shutdown();
      return undefined;
    case "heapUsed": {
      setFlagsFromString("--expose-gc");
      const gc = runInNewContext("gc") as () => void;
      gc();
      gc();
      return getHeapStatistics().used_heap_size;
    }
    case "health":
      return health.read();
  }
}

port.on("message", (message: ToWorker) => {
  markTask(message.t === "call" ? message.op : message.t === "tab" ? message.action : message.t);
  if ("ref" in message && message.ref) {
    const key = refKey(message.ref);
    received.set(key, (received.get(key) ?? 0) + 1);
  }
  switch (message.t) {
    case "call":
      // Terminal traffic first: a browser sees a command's output before the server thread hears it ended.
      handle(message).then(
        (value) => {
          terminalOutbox.flush();
          post({ t: "reply", id: message.id, ok: true, value });
        },
        (e: unknown) => {
          terminalOutbox.flush();
          post({ t: "reply", id: message.id, ok: false, error: errorShape(e) });
          // A session that failed to load is not held here: the server thread may place it anew.
          if ("ref" in message && !manager.holds(message.ref)) letGo(message.ref);
        },
      );
      break;
    case "tab":
      void tabAction(message);
      break;
    case "detach":
      connections.get(message.conn)?.();
      connections.delete(message.conn);
      break;
    case "http-close":
      streams.get(message.stream)?.clientClosed();
      streams.delete(message.stream);
      break;
    case "reply":
      store.answer(message);
      break;
  }
});

async function tabAction(message: Extract<ToWorker, { t: "tab" }>): Promise<void> {
  try {
    const session = await manager.get(message.ref);
    if (message.action === "touch") return session.touch();
    const tab = await session.tab(message.tab);
    if (message.action === "interrupt") await tab.interrupt();
    else if (message.action === "suspend") tab.suspend();
    else if (message.action === "input") tab.input(message.data);
    else if (message.action === "resize") tab.resize(message.cols, message.rows);
    else tab.finishEdit(message.content);
  } catch (err) {
    log.error({ err, attempt: message.ref.id }, "terminal action failed");
  }
}

// Set-up templates of the built-in scenarios are made in the background by the pool's warming
// thread, so no learner waits for one; an attempt here asks it for its template, and the likeliest
// are taken in ahead of need while this thread is quiet (template-prefetch.ts).
if (settings.templates) useSharedTemplates(settings.templates, yieldToEventLoop, prefetchBudgetChars());
post({ t: "ready" });
