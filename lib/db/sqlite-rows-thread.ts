// SqliteSessionRows on a thread of its own. better-sqlite3 is synchronous: on the server thread,
// every snapshot and command-history write (and the WAL checkpoint a commit runs now and then,
// with its disk sync) held up every terminal's WebSocket traffic for as long as the disk took —
// tens to hundreds of milliseconds on a busy machine. Here the server thread only posts the rows.
import { Worker } from "node:worker_threads";
import { typescriptWorkerSource } from "../server/typescript-worker";
import type { CommandRow, LoadedSnapshotRow, SnapshotOwner, SnapshotRow } from "./sqlite-session-rows";

export type RowsRequest =
  | { id: number; op: "load"; owner: SnapshotOwner }
  | { id: number; op: "update"; owner: SnapshotOwner; row: SnapshotRow; timeUsedSeconds: number | undefined; at: number }
  | { id: number; op: "appendCommands"; rows: CommandRow[] };

export type RowsReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string; code?: string };

/**
 * How long the thread's statements wait for another connection's write lock (Prisma's, on the
 * server thread, which keeps running meanwhile) before answering SQLITE_BUSY.
 */
const BUSY_TIMEOUT_MS = 2_000;

const source = typescriptWorkerSource(new URL("./sqlite-rows-worker.ts", import.meta.url));

/** An error the database thread answered, with SQLite's code (isBusyError reads it). */
class SqliteThreadError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = "SqliteError";
  }
}

/** The same reads and writes as SqliteSessionRows, answered by the database thread. */
export class SqliteRowsThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(e: unknown): void }>();
  private nextId = 1;
  private failure?: Error;

  constructor(file: string) {
    this.worker = new Worker(source, { eval: true, workerData: { file, busyTimeoutMs: BUSY_TIMEOUT_MS }, name: "kubecoach-sqlite" });
    // The thread lives as long as the process; it must not keep a finished process (tests) alive,
    // only while it has answers to give (see ask).
    this.worker.unref();
    this.worker.on("message", (reply: RowsReply | { ready: true }) => {
      if (!("id" in reply)) return;
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) this.worker.unref();
      if (reply.ok) waiting.resolve(reply.value);
      else waiting.reject(new SqliteThreadError(reply.message, reply.code));
    });
    this.worker.on("error", (e) => this.fail(e));
    this.worker.on("exit", (code) => this.fail(new Error(`the database thread stopped (exit code ${code})`)));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }

  private ask<T>(request: RowsRequest): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<T>((resolve, reject) => {
      // A process waiting for nothing but this answer (a script saving a snapshot) must not end first.
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(request.id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage(request);
    });
  }

  /** See SqliteSessionRows.load. */
  load(owner: SnapshotOwner): Promise<LoadedSnapshotRow | undefined> {
    return this.ask({ id: this.nextId++, op: "load", owner });
  }

  /** See SqliteSessionRows.update. */
  update(owner: SnapshotOwner, row: SnapshotRow, timeUsedSeconds: number | undefined, at = new Date()): Promise<false | { baseId?: string }> {
    return this.ask({ id: this.nextId++, op: "update", owner, row, timeUsedSeconds, at: at.getTime() });
  }

  /** See SqliteSessionRows.appendCommands. */
  appendCommands(rows: CommandRow[]): Promise<void> {
    return this.ask({ id: this.nextId++, op: "appendCommands", rows });
  }

  /** Lets the thread finish what it was asked, then stops it. */
  close(): void {
    this.worker.postMessage({ op: "close" });
  }
}
