// Messages between the server thread (HTTP, WebSockets, sign-in, database) and a session worker
// thread (live environments, shells, grading, snapshot encoding). Everything is structured-cloned
// by postMessage; snapshots travel compressed, as the database stores them.
import type { MessagePort } from "node:worker_threads";
import type { Catalogue } from "../../scenarios/catalogue";
import type { ServerMessage } from "../../terminal/protocol";
import type { AuthoredRow } from "../definitions";
import type { SessionStats } from "../manager";
import type { StoredSnapshot } from "../snapshot-saver";
import type { AttemptRecord, AttemptRef, CommandRecord, SavedSnapshot } from "../types";

/** Settings a worker starts with (workerData). */
export type WorkerSettings = {
  maxLive: number;
  idleMs: number;
  minSaveIntervalMs: number;
  persistDelayMs: number;
  sweepEveryMs: number;
  /** The server thread's scenario catalogue, so the worker does not read every file again. */
  catalogue: Catalogue;
  /** Where the worker asks for setup templates (the pool's one warming thread; shared-templates.ts); none when warming is off. */
  templates?: MessagePort;
};

/** A call the server thread makes of a worker and waits for. */
export type WorkerCall =
  | { op: "ensure"; ref: AttemptRef }
  | { op: "grade"; ref: AttemptRef }
  | { op: "close"; ref: AttemptRef; reason: string }
  | { op: "runScript"; ref: AttemptRef; script: string }
  | { op: "connect"; ref: AttemptRef; tab: number; conn: number }
  | { op: "exec"; ref: AttemptRef; tab: number; line: string }
  | { op: "complete"; ref: AttemptRef; tab: number; line: string; cursor: number }
  | { op: "http"; ref: AttemptRef; stream: number; request: BridgedHttpRequest }
  | { op: "shutdown" }
  /** Heap bytes in use after a collection (benchmarks). */
  | { op: "heapUsed" }
  /** Garbage collection pauses and event-loop delay since the last such call (benchmarks; see health.ts). */
  | { op: "health" };

/** Terminal keystrokes that need no answer. */
export type TabAction =
  | { action: "interrupt" }
  | { action: "suspend" }
  | { action: "input"; data: string }
  | { action: "resize"; cols: number; rows: number }
  | { action: "finishEdit"; content: string | undefined }
  | { action: "touch" };

export type BridgedHttpRequest = {
  cluster: string;
  method: string;
  path: string;
  query: string;
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
  /** DER of the TLS client certificate, when the peer presented one. */
  peerCertificate?: Uint8Array;
};

export type ToWorker =
  | ({ t: "call"; id: number } & WorkerCall)
  | ({ t: "tab"; ref: AttemptRef; tab: number } & TabAction)
  | { t: "detach"; conn: number }
  /** The HTTP client went away (watches stop). */
  | { t: "http-close"; stream: number }
  | { t: "reply"; id: number; ok: true; value: unknown }
  | { t: "reply"; id: number; ok: false; error: ErrorShape };

/** A call a worker makes of the server thread: its database reads and writes. */
export type StoreCall =
  | { op: "findAttempt"; attemptId: string }
  | { op: "loadEncodedSnapshot"; ref: AttemptRef }
  | { op: "saveEncodedSnapshot"; ref: AttemptRef; encoded: StoredSnapshot; timeUsedSeconds: number }
  | { op: "deleteSnapshot"; ref: AttemptRef }
  /** History rows of the worker's sessions, gathered over one task (see RemoteSessionStore.appendCommand). */
  | { op: "appendCommands"; commands: { ref: AttemptRef; command: CommandRecord }[] }
  | { op: "lastCommandSeq"; ref: AttemptRef }
  | { op: "saveTimeUsed"; ref: AttemptRef; seconds: number }
  | { op: "authoredRow"; authoredScenarioId: string };

export type StoreAnswers = {
  findAttempt: AttemptRecord | undefined;
  loadEncodedSnapshot: StoredSnapshot | undefined;
  saveEncodedSnapshot: SavedSnapshot;
  deleteSnapshot: void;
  /** Per row: undefined once written, else why it was not. */
  appendCommands: (string | undefined)[];
  lastCommandSeq: number;
  saveTimeUsed: void;
  authoredRow: AuthoredRow | undefined;
};

export type ErrorShape = { name: string; message: string; stack?: string; status?: string };

export type FromWorker =
  /** The worker loaded its modules and listens. */
  | { t: "ready" }
  | { t: "reply"; id: number; ok: true; value: unknown }
  | { t: "reply"; id: number; ok: false; error: ErrorShape }
  | ({ t: "store"; id: number } & StoreCall)
  | TerminalTraffic
  /** Terminal traffic of one run of the worker's event loop, in order (see worker.ts). */
  | { t: "terminal"; messages: TerminalTraffic[] }
  /** The session left the worker; `handled` counts the messages about it the worker had received since the last such note. */
  | { t: "gone"; key: string; handled: number }
  | { t: "active"; key: string; beforeMs: number; since: number | undefined }
  | { t: "stats"; stats: SessionStats }
  | { t: "http-head"; stream: number; status: number; headers: Record<string, string | number | string[]> }
  | { t: "http-flush"; stream: number }
  | { t: "http-data"; stream: number; chunk: string | Uint8Array }
  | { t: "http-end"; stream: number; chunk?: string | Uint8Array }
  /** The cluster's API server is down: the connection is dropped, as a refused connection would be. */
  | { t: "http-destroy"; stream: number };

/** What a worker's sessions send their browsers. */
export type TerminalTraffic = { t: "send"; conn: number; message: ServerMessage } | { t: "close"; conn: number; code: number; reason: string };

export function errorShape(e: unknown): ErrorShape {
  if (e instanceof Error) {
    const status = (e as { status?: unknown }).status;
    return { name: e.name === "Error" ? e.constructor.name : e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}), ...(typeof status === "string" ? { status } : {}) };
  }
  return { name: "Error", message: String(e) };
}
