// The SessionStore of a worker thread: the server thread owns the database, so each read and
// write is a message to it. Snapshots are compressed and decompressed here, on the worker, so the
// server thread only moves bytes.
import type { AuthoredRow } from "../definitions";
import { decodeStoredSnapshot, type StoredSnapshot } from "../snapshot-saver";
import type { AttemptRecord, AttemptRef, CommandRecord, SavedSnapshot, SessionSnapshot, SessionStore } from "../types";
import type { ErrorShape, FromWorker, StoreAnswers, StoreCall, ToWorker } from "./protocol";

/** How long a worker gathers history rows before it sends them (the server thread's store waits 20 ms more to write them). */
const COMMAND_BATCH_MS = 10;

export class RemoteStoreError extends Error {
  constructor(shape: ErrorShape) {
    super(`the server thread could not ${shape.message}`);
    this.name = shape.name;
  }
}

export class RemoteSessionStore implements SessionStore {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(e: unknown): void }>();
  private commands: { ref: AttemptRef; command: CommandRecord; resolve(): void; reject(e: unknown): void }[] = [];

  constructor(private readonly post: (message: FromWorker, transfer?: ArrayBuffer[]) => void) {}

  private call<K extends StoreCall["op"]>(call: Extract<StoreCall, { op: K }>, transfer?: ArrayBuffer[]): Promise<StoreAnswers[K]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.post({ t: "store", id, ...call } as FromWorker, transfer);
    });
  }

  /** The server thread's answer to one of this store's calls. */
  answer(reply: Extract<ToWorker, { t: "reply" }>): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (reply.ok) waiting.resolve(reply.value);
    else waiting.reject(new RemoteStoreError(reply.error));
  }

  findAttempt(attemptId: string): Promise<AttemptRecord | undefined> {
    return this.call({ op: "findAttempt", attemptId });
  }

  async loadSnapshot(ref: AttemptRef): Promise<SessionSnapshot | undefined> {
    const encoded = await this.call({ op: "loadEncodedSnapshot", ref });
    return encoded ? decodeStoredSnapshot(encoded) : undefined;
  }

  /** The row's bytes move to the server thread (SnapshotSaver gives every row bytes of its own). */
  saveEncodedSnapshot(ref: AttemptRef, stored: StoredSnapshot, timeUsedSeconds: number): Promise<SavedSnapshot> {
    const { formatVersion, encoding, data, rawBytes, base } = stored;
    const transfer = base?.data ? [data.buffer, base.data.buffer] : [data.buffer];
    return this.call({ op: "saveEncodedSnapshot", ref, encoded: { formatVersion, encoding, data, rawBytes, ...(base ? { base } : {}) }, timeUsedSeconds }, transfer);
  }

  deleteSnapshot(ref: AttemptRef): Promise<void> {
    return this.call({ op: "deleteSnapshot", ref });
  }

  /**
   * History rows go to the server thread together, those of COMMAND_BATCH_MS at a time: a worker
   * running hundreds of terminals records a command for each, and every message and its answer
   * costs the server thread (whose store batches them into one write anyway).
   */
  appendCommand(ref: AttemptRef, command: CommandRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.commands.length === 0) setTimeout(() => this.sendCommands(), COMMAND_BATCH_MS);
      this.commands.push({ ref, command, resolve, reject });
    });
  }

  private sendCommands(): void {
    const batch = this.commands;
    this.commands = [];
    this.call({ op: "appendCommands", commands: batch.map(({ ref, command }) => ({ ref, command })) }).then(
      (failures) => batch.forEach((c, i) => (failures[i] === undefined ? c.resolve() : c.reject(new RemoteStoreError({ name: "Error", message: `appendCommand: ${failures[i]}` })))),
      (e: unknown) => batch.forEach((c) => c.reject(e)),
    );
  }

  lastCommandSeq(ref: AttemptRef): Promise<number> {
    return this.call({ op: "lastCommandSeq", ref });
  }

  saveTimeUsed(ref: AttemptRef, seconds: number): Promise<void> {
    return this.call({ op: "saveTimeUsed", ref, seconds });
  }

  authoredRow(authoredScenarioId: string): Promise<AuthoredRow | undefined> {
    return this.call({ op: "authoredRow", authoredScenarioId });
  }
}
