// What live sessions write most often to the SQLite database — snapshot rows and the terminal
// command history — with prepared statements on a connection of their own, beside Prisma's. A
// busy server saves hundreds of sessions a minute and records every command; through Prisma, a
// query costs the server thread about 2 ms of CPU (its query compiler), and a Bytes value goes as
// base64 (6 ms for a 113 KB snapshot); a prepared statement binds values as they are (tens of
// microseconds). Snapshot rows are still created by Prisma (see PrismaSessionStore): this only
// updates and reads rows that exist.
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

type Row = { formatVersion: number; encoding: SnapshotEncoding; data: Buffer; rawBytes: number };

export class SqliteSessionRows {
  private readonly db: Database.Database;
  private readonly select: Record<SnapshotOwner["kind"], Database.Statement<[string], Row>>;
  private readonly save: (owner: SnapshotOwner, formatVersion: number, encoded: EncodedSnapshot, timeUsedSeconds: number | undefined, now: string) => boolean;
  private readonly insertCommands: (rows: CommandRow[]) => void;

  constructor(file: string) {
    // No busy wait: the connection lives on the server thread, and a write lock held by another
    // connection of this thread (a Prisma transaction between two awaits) would never be released
    // while it waited. A busy database throws SQLITE_BUSY instead, and the caller uses Prisma.
    this.db = new Database(file, { timeout: 0 });
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    const columns = `"formatVersion", "encoding", "data", "rawBytes"`;
    this.select = {
      scenario: this.db.prepare(`SELECT ${columns} FROM "EnvironmentSnapshot" WHERE "scenarioAttemptId" = ?`),
      exam: this.db.prepare(`SELECT ${columns} FROM "EnvironmentSnapshot" WHERE "examAttemptId" = ?`),
    };
    const set = `SET "formatVersion" = ?, "encoding" = ?, "data" = ?, "rawBytes" = ?, "updatedAt" = ?`;
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
    // The snapshot and the time used in one transaction: one commit, and never one without the other.
    this.save = this.db.transaction((owner: SnapshotOwner, formatVersion: number, encoded: EncodedSnapshot, timeUsedSeconds: number | undefined, now: string) => {
      const bytes = Buffer.from(encoded.data.buffer, encoded.data.byteOffset, encoded.data.byteLength);
      const changed = update[owner.kind].run(formatVersion, encoded.encoding, bytes, encoded.rawBytes, now, owner.id).changes;
      if (changed === 0) return false;
      if (timeUsedSeconds !== undefined) time[owner.kind].run(timeUsedSeconds, now, owner.id);
      return true;
    });
  }

  /** The stored row, or undefined when the attempt has none. Throws SQLITE_BUSY errors (rare: reads do not wait in WAL mode). */
  load(owner: SnapshotOwner): (EncodedSnapshot & { formatVersion: number }) | undefined {
    const row = this.select[owner.kind].get(owner.id);
    if (!row) return undefined;
    return { formatVersion: row.formatVersion, encoding: row.encoding, data: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength) as Uint8Array<ArrayBuffer>, rawBytes: row.rawBytes };
  }

  /**
   * Replaces the attempt's snapshot (and its time used) if it has a row; false when it has none
   * yet. Throws when the database is busy (SQLITE_BUSY): nothing was written then.
   */
  update(owner: SnapshotOwner, formatVersion: number, encoded: EncodedSnapshot, timeUsedSeconds: number | undefined, at = new Date()): boolean {
    return this.save(owner, formatVersion, encoded, timeUsedSeconds, prismaTimestamp(at));
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
