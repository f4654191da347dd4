// Session snapshot rows of the SQLite database read and written with prepared statements on a
// connection of their own, beside Prisma's. A busy server saves hundreds of sessions a minute and
// Prisma sends a Bytes value through its query compiler as base64 (about 6 ms of the server
// thread's CPU for a 113 KB snapshot, 2 ms for a small one); a prepared statement binds the bytes
// as they are (tens of microseconds). Rows are still created by Prisma (see PrismaSessionStore):
// this only updates and reads rows that exist.
import Database from "better-sqlite3";
import type { SnapshotEncoding } from "../../generated/prisma/enums";
import type { EncodedSnapshot } from "./snapshot-codec";

export type SnapshotOwner = { kind: "scenario" | "exam"; id: string };

/** What Prisma's SQLite adapter writes for a DateTime (its default iso8601 format), so Prisma reads it back alike. */
function prismaTimestamp(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

type Row = { formatVersion: number; encoding: SnapshotEncoding; data: Buffer; rawBytes: number };

export class SqliteSnapshotRows {
  private readonly db: Database.Database;
  private readonly select: Record<SnapshotOwner["kind"], Database.Statement<[string], Row>>;
  private readonly save: (owner: SnapshotOwner, formatVersion: number, encoded: EncodedSnapshot, timeUsedSeconds: number | undefined, now: string) => boolean;

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

  close(): void {
    this.db.close();
  }
}

export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code === "SQLITE_BUSY" || code.startsWith("SQLITE_BUSY_") || code === "SQLITE_LOCKED");
}
