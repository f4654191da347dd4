// SessionStore on the app's database: attempts, compressed environment snapshots and the
// terminal command history (TerminalCommand rows).
import type { DatabaseTarget, Db } from "../db";
import { SqliteRowsThread } from "../db/sqlite-rows-thread";
import { isBusyError, type LoadedSnapshotRow } from "../db/sqlite-session-rows";
import { encodeSnapshotAsync } from "../db/snapshot-codec";
import { decodeStoredSnapshot, SNAPSHOT_ROW_FORMATS, WHOLE_SNAPSHOT_ROW, type StoredSnapshot } from "./snapshot-saver";
import { type AttemptRecord, type AttemptRef, type CommandRecord, type SavedSnapshot, type SessionSnapshot, type SessionStore } from "./types";

function owner(ref: AttemptRef): { scenarioAttemptId: string } | { examAttemptId: string } {
  return ref.kind === "scenario" ? { scenarioAttemptId: ref.id } : { examAttemptId: ref.id };
}

/**
 * Command history rows wait this long to be written together: a busy server records hundreds of
 * commands a second, and one INSERT of many rows costs little more than an INSERT of one.
 */
const COMMAND_BATCH_MS = 20;

type QueuedCommand = { ref: AttemptRef; data: ReturnType<typeof owner> & CommandRecord; resolve(): void; reject(e: unknown): void };

export class PrismaSessionStore implements SessionStore {
  private commands: QueuedCommand[] = [];
  private commandTimer?: NodeJS.Timeout;
  /** SQLite: snapshot and command rows read and written without Prisma, on the database thread (lib/db/sqlite-rows-thread.ts). */
  private readonly rows?: SqliteRowsThread;

  /** With a SQLite `target`, snapshots bypass Prisma's base64 path (the server's configuration). */
  constructor(
    private readonly db: Db,
    target?: DatabaseTarget,
  ) {
    if (target?.provider === "sqlite") this.rows = new SqliteRowsThread(target.file);
  }

  async findAttempt(id: string): Promise<AttemptRecord | undefined> {
    const scenario = await this.db.scenarioAttempt.findUnique({
      where: { id },
      select: { id: true, userId: true, status: true, scenarioId: true, authoredScenarioId: true, timeUsedSeconds: true, examAttemptId: true },
    });
    // A task row of an exam has no environment of its own: the exam's session holds it.
    if (scenario && !scenario.examAttemptId) {
      return {
        ref: { kind: "scenario", id },
        userId: scenario.userId,
        status: scenario.status,
        definitionId: scenario.scenarioId,
        authoredScenarioId: scenario.authoredScenarioId,
        timeUsedSeconds: scenario.timeUsedSeconds ?? 0,
        deadlineAt: null,
      };
    }
    const exam = await this.db.examAttempt.findUnique({
      where: { id },
      select: { id: true, userId: true, status: true, examId: true, timeUsedSeconds: true, deadlineAt: true },
    });
    if (!exam) return undefined;
    return {
      ref: { kind: "exam", id },
      userId: exam.userId,
      status: exam.status,
      definitionId: exam.examId,
      authoredScenarioId: null,
      timeUsedSeconds: exam.timeUsedSeconds ?? 0,
      deadlineAt: exam.deadlineAt,
    };
  }

  async loadSnapshot(ref: AttemptRef): Promise<SessionSnapshot | undefined> {
    const row = await this.loadEncodedSnapshot(ref);
    return row ? decodeStoredSnapshot(row) : undefined;
  }

  /** Writes the whole snapshot (no delta) and the time used it carries. */
  async saveSnapshot(ref: AttemptRef, snapshot: SessionSnapshot): Promise<{ bytes: number }> {
    return this.saveEncodedSnapshot(ref, { formatVersion: WHOLE_SNAPSHOT_ROW, ...(await encodeSnapshotAsync(snapshot)) }, Math.floor(snapshot.activeMs / 1000));
  }

  /** The stored (compressed) snapshot, with its base: worker threads decode it themselves, off the server thread. */
  async loadEncodedSnapshot(ref: AttemptRef): Promise<StoredSnapshot | undefined> {
    const row = (await this.readRow(ref)) ?? (await this.loadWithPrisma(ref));
    if (!row || !SNAPSHOT_ROW_FORMATS.includes(row.formatVersion)) return undefined;
    return { formatVersion: row.formatVersion, encoding: row.encoding, data: row.data, rawBytes: row.rawBytes, ...(row.base ? { base: row.base } : {}) };
  }

  private async loadWithPrisma(ref: AttemptRef): Promise<StoredSnapshot | undefined> {
    const row = await this.db.environmentSnapshot.findUnique({
      where: ref.kind === "scenario" ? { scenarioAttemptId: ref.id } : { examAttemptId: ref.id },
      include: { base: { select: { id: true, data: true, rawBytes: true } } },
    });
    if (!row) return undefined;
    return { formatVersion: row.formatVersion, encoding: row.encoding, data: row.data, rawBytes: row.rawBytes, ...(row.base ? { base: row.base } : {}) };
  }

  /** The row through the direct connection; null when that cannot answer now (no SQLite, or busy). */
  private async readRow(ref: AttemptRef): Promise<LoadedSnapshotRow | undefined | null> {
    if (!this.rows) return null;
    try {
      return await this.rows.load(ref);
    } catch (e) {
      if (isBusyError(e)) return null;
      throw e;
    }
  }

  /**
   * The time used is written with the snapshot (one commit instead of two where it can). A row
   * that brings its base's bytes has the base stored, and the attempt's earlier bases dropped.
   */
  async saveEncodedSnapshot(ref: AttemptRef, encoded: StoredSnapshot, timeUsedSeconds: number): Promise<SavedSnapshot> {
    const bytes = encoded.data.byteLength + (encoded.base?.data?.byteLength ?? 0);
    if (this.rows) {
      try {
        const saved = await this.rows.update(ref, encoded, timeUsedSeconds);
        if (saved) return { bytes, ...saved };
      } catch (e) {
        if (!isBusyError(e)) throw e;
      }
    }
    // The attempt's first snapshot (the row is created here), another database, or a busy one.
    const baseData = encoded.base?.data;
    const baseId = baseData
      ? (await this.db.environmentSnapshotBase.create({ data: { ...owner(ref), encoding: encoded.encoding, data: baseData, rawBytes: encoded.base!.rawBytes }, select: { id: true } })).id
      : encoded.base?.id;
    const data = { formatVersion: encoded.formatVersion, encoding: encoded.encoding, data: encoded.data, rawBytes: encoded.rawBytes, baseId: baseId ?? null };
    const where = ref.kind === "scenario" ? { scenarioAttemptId: ref.id } : { examAttemptId: ref.id };
    await this.db.environmentSnapshot.upsert({ where, create: { ...owner(ref), ...data }, update: data });
    if (baseData) await this.db.environmentSnapshotBase.deleteMany({ where: { ...owner(ref), id: { not: baseId } } });
    await this.saveTimeUsed(ref, timeUsedSeconds);
    return baseData ? { bytes, baseId } : { bytes };
  }

  /** Closes the direct SQLite connection and its thread (tests; the server's lives as long as the process). */
  close(): void {
    this.rows?.close();
  }

  async deleteSnapshot(ref: AttemptRef): Promise<void> {
    await this.db.environmentSnapshot.deleteMany({ where: owner(ref) });
    await this.db.environmentSnapshotBase.deleteMany({ where: owner(ref) });
  }

  /** Resolves once the row is written (with the others of its batch). */
  appendCommand(ref: AttemptRef, command: CommandRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.commands.push({ ref, data: { ...owner(ref), ...command }, resolve, reject });
      this.commandTimer ??= setTimeout(() => void this.writeCommands(), COMMAND_BATCH_MS);
    });
  }

  private async writeCommands(): Promise<void> {
    const batch = this.commands;
    this.commands = [];
    this.commandTimer = undefined;
    if (this.rows) {
      try {
        await this.rows.appendCommands(batch.map((c) => ({ owner: c.ref, terminalId: c.data.terminalId, seq: c.data.seq, line: c.data.line, exitCode: c.data.exitCode, location: c.data.location, executedAt: c.data.executedAt })));
        for (const c of batch) c.resolve();
        return;
      } catch {
        // Busy, or a row refused: Prisma below, row by row if need be.
      }
    }
    try {
      await this.db.terminalCommand.createMany({ data: batch.map((c) => c.data) });
      for (const c of batch) c.resolve();
    } catch {
      // One row refused (its attempt deleted meanwhile) must not lose the others: one at a time.
      for (const c of batch) await this.db.terminalCommand.create({ data: c.data }).then(c.resolve, c.reject);
    }
  }

  async lastCommandSeq(ref: AttemptRef): Promise<number> {
    const last = await this.db.terminalCommand.findFirst({ where: owner(ref), orderBy: { seq: "desc" }, select: { seq: true } });
    return last?.seq ?? 0;
  }

  async saveTimeUsed(ref: AttemptRef, seconds: number): Promise<void> {
    if (ref.kind === "scenario") await this.db.scenarioAttempt.update({ where: { id: ref.id }, data: { timeUsedSeconds: seconds } });
    else await this.db.examAttempt.update({ where: { id: ref.id }, data: { timeUsedSeconds: seconds } });
  }
}
