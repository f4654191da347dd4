// What live sessions write most often to the SQLite database — snapshot rows and the terminal
// command history — with prepared statements on a connection of their own, beside Prisma's. A
// busy server saves hundreds of sessions a minute and records every command; through Prisma, a
// query costs the server thread about 2 ms of CPU (its query compiler), and a Bytes value goes as
// base64 (6 ms for a 113 KB snapshot); a prepared statement binds values as they are (tens of
// microseconds). Snapshot rows are still created by Prisma (see PrismaSessionStore): this only
// updates and reads rows that exist. The server runs it on a thread of its own
// (sqlite-rows-thread.ts), as its statements are synchronous.
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import type { SnapshotEncoding } from "../../generated/prisma/enums";
import type { EncodedSnapshot } from "./snapshot-codec";

export type SnapshotOwner = { kind: "scenario" | "exam"; id: string };

export type CommandRow = { owner: SnapshotOwner; terminalId: string; seq: number; line: string; exitCode: number | null; location: string | null; executedAt: Date };

/** What Prisma's SQLite adapter writes for a DateTime (its default iso8601 format), so Prisma reads it back alike. */
function prismaTimestamp(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

type Row = { formatVersion: number; encoding: SnapshotEncoding; data: Buffer; rawBytes: number; baseId: string | null; baseData: Buffer | null; baseRawBytes: number | null };

/** A snapshot row to write; `base` as lib/session/snapshot-saver.ts's StoredBase (its bytes: store it now). */
export type SnapshotRow = EncodedSnapshot & { formatVersion: number; base?: { id?: string; data?: Uint8Array; rawBytes: number } };

/** A loaded snapshot row, with its base's bytes when it names one. */
export type LoadedSnapshotRow = EncodedSnapshot & { formatVersion: number; base?: { id: string; data: Uint8Array<ArrayBuffer>; rawBytes: number } };

const bytesOf = (data: Uint8Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength);
const viewOf = (data: Buffer) => new Uint8Array(data.buffer, data.byteOffset, data.byteLength) as Uint8Array<ArrayBuffer>;

/** Thrown inside a transaction to roll it back when the attempt has no snapshot row yet. */
const NO_ROW = Symbol("no snapshot row");

export class SqliteSessionRows {
  private readonly db: Database.Database;
  private readonly select: Record<SnapshotOwner["kind"], Database.Statement<[string], Row>>;
  private readonly save: (owner: SnapshotOwner, row: SnapshotRow, timeUsedSeconds: number | undefined, now: string) => { baseId?: string };
  private readonly insertCommands: (rows: CommandRow[]) => void;

  /**
   * `busyTimeoutMs`: how long a statement waits for another connection's write lock. 0 on the
   * server thread: a lock held by another connection of that thread (a Prisma transaction between
   * two awaits) would never be released while it waited, so a busy database throws SQLITE_BUSY
   * and the caller uses Prisma. A thread of its own (lib/db/sqlite-rows-thread.ts) may wait.
   */
  constructor(file: string, busyTimeoutMs = 0) {
    this.db = new Database(file, { timeout: busyTimeoutMs });
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    const columns = `s."formatVersion", s."encoding", s."data", s."rawBytes", s."baseId", b."data" AS "baseData", b."rawBytes" AS "baseRawBytes"`;
    const joined = `"EnvironmentSnapshot" s LEFT JOIN "EnvironmentSnapshotBase" b ON b."id" = s."baseId"`;
    this.select = {
      scenario: this.db.prepare(`SELECT ${columns} FROM ${joined} WHERE s."scenarioAttemptId" = ?`),
      exam: this.db.prepare(`SELECT ${columns} FROM ${joined} WHERE s."examAttemptId" = ?`),
    };
    const set = `SET "formatVersion" = ?, "encoding" = ?, "data" = ?, "rawBytes" = ?, "baseId" = ?, "updatedAt" = ?`;
    const insertBase = {
      scenario: this.db.prepare(`INSERT INTO "EnvironmentSnapshotBase" ("id", "scenarioAttemptId", "encoding", "data", "rawBytes", "createdAt") VALUES (?, ?, ?, ?, ?, ?)`),
      exam: this.db.prepare(`INSERT INTO "EnvironmentSnapshotBase" ("id", "examAttemptId", "encoding", "data", "rawBytes", "createdAt") VALUES (?, ?, ?, ?, ?, ?)`),
    };
    // The attempt's earlier bases: no row names them once its snapshot names the new one.
    const dropOtherBases = {
      scenario: this.db.prepare(`DELETE FROM "EnvironmentSnapshotBase" WHERE "scenarioAttemptId" = ? AND "id" <> ?`),
      exam: this.db.prepare(`DELETE FROM "EnvironmentSnapshotBase" WHERE "examAttemptId" = ? AND "id" <> ?`),
    };
    const update = {
      scenario: this.db.prepare(`UPDATE "EnvironmentSnapshot" ${set} WHERE "scenarioAttemptId" = ?`),
      exam: this.db.prepare(`UPDATE "EnvironmentSnapshot" ${set} WHERE "examAttemptId" = ?`),
    };
    const time = {
      scenario: this.db.prepare(`UPDATE "ScenarioAttempt" SET "timeUsedSeconds" = ?, "updatedAt" = ? WHERE "id" = ?`),
      exam: this.db.prepare(`UPDATE "ExamAttempt" SET "timeUsedSeconds" = ?, "updatedAt" = ? WHERE "id" = ?`),
    };
    const insertCommand = this.db.prepare(
      `INSERT INTO "TerminalCommand" ("id", "scenarioAttemptId", "examAttemptId", "terminalId", "seq", "line", "exitCode", "location", "executedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertCommands = this.db.transaction((rows: CommandRow[]) => {
      for (const r of rows) {
        // Ids are unique strings (Prisma would make a cuid; nothing reads their form: history is ordered by seq).
        insertCommand.run(randomUUID(), r.owner.kind === "scenario" ? r.owner.id : null, r.owner.kind === "exam" ? r.owner.id : null, r.terminalId, r.seq, r.line, r.exitCode, r.location, prismaTimestamp(r.executedAt));
      }
    });
    // The snapshot, its new base if it brings one, and the time used in one transaction: one
    // commit, and never one without the other.
    this.save = this.db.transaction((owner: SnapshotOwner, row: SnapshotRow, timeUsedSeconds: number | undefined, now: string) => {
      let baseId = row.base?.id;
      if (row.base?.data) {
        baseId = randomUUID();
        insertBase[owner.kind].run(baseId, owner.id, row.encoding, bytesOf(row.base.data), row.base.rawBytes, now);
      }
      const changed = update[owner.kind].run(row.formatVersion, row.encoding, bytesOf(row.data), row.rawBytes, baseId ?? null, now, owner.id).changes;
      if (changed === 0) throw NO_ROW;
      if (row.base?.data) dropOtherBases[owner.kind].run(owner.id, baseId);
      if (timeUsedSeconds !== undefined) time[owner.kind].run(timeUsedSeconds, now, owner.id);
      return row.base?.data ? { baseId } : {};
    });
  }

  /** The stored row, or undefined when the attempt has none. Throws SQLITE_BUSY errors (rare: reads do not wait in WAL mode). */
  load(owner: SnapshotOwner): LoadedSnapshotRow | undefined {
    const row = this.select[owner.kind].get(owner.id);
    if (!row) return undefined;
    const loaded: LoadedSnapshotRow = { formatVersion: row.formatVersion, encoding: row.encoding, data: viewOf(row.data), rawBytes: row.rawBytes };
    if (row.baseId && row.baseData) loaded.base = { id: row.baseId, data: viewOf(row.baseData), rawBytes: row.baseRawBytes ?? 0 };
    return loaded;
  }

  /**
   * Replaces the attempt's snapshot (and its time used) if it has a row, storing the base the row
   * brings (its id is answered); false when it has none yet. Throws when the database is busy
   * (SQLITE_BUSY): nothing was written then.
   */
  update(owner: SnapshotOwner, row: SnapshotRow, timeUsedSeconds: number | undefined, at = new Date()): false | { baseId?: string } {
    try {
      return this.save(owner, row, timeUsedSeconds, prismaTimestamp(at));
    } catch (e) {
      if (e === NO_ROW) return false;
      throw e;
    }
  }

  /** Inserts the rows in one transaction: all or none (a refused row, e.g. its attempt deleted, throws). */
  appendCommands(rows: CommandRow[]): void {
    this.insertCommands(rows);
  }

  close(): void {
    this.db.close();
  }
}

export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code === "SQLITE_BUSY" || code.startsWith("SQLITE_BUSY_") || code === "SQLITE_LOCKED");
}
