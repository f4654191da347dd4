// The session store on the server's SQLite configuration: snapshot rows written and read through
// the direct connection (lib/db/sqlite-snapshots.ts) are the rows Prisma reads, with the time used
// saved alongside.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/test-databases";
import { Environment } from "../../../engine/cluster/environment";
import { snapshotBytes } from "../../db/snapshot-json";
import { PrismaSessionStore } from "../prisma-store";
import { SnapshotSaver } from "../snapshot-saver";
import type { AttemptRef, SessionSnapshot } from "../types";

function snapshotWith(activeMs: number, marker: string): SessionSnapshot {
  return { format: 1, env: { marker, filler: "x".repeat(20_000) } as unknown as SessionSnapshot["env"], terminals: {}, homeHost: "controlplane", activeMs, savedAt: "2026-01-01T00:00:00.000Z" };
}

describe("PrismaSessionStore on SQLite with direct snapshot rows", () => {
  let t: TestDatabase;
  let store: PrismaSessionStore;
  let plain: PrismaSessionStore;
  const refs: AttemptRef[] = [];
  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    store = new PrismaSessionStore(t.db, t.target);
    plain = new PrismaSessionStore(t.db);
    const user = await t.db.user.create({ data: { email: "store@example.com" } });
    for (let i = 0; i < 2; i++) {
      const attempt = await t.db.scenarioAttempt.create({ data: { userId: user.id, scenarioId: "s", scenarioVersion: "1" } });
      refs.push({ kind: "scenario", id: attempt.id });
    }
    const exam = await t.db.examAttempt.create({ data: { userId: user.id, examId: "e", examVersion: "1", timeLimitSeconds: 3600, deadlineAt: new Date(Date.now() + 3_600_000) } });
    refs.push({ kind: "exam", id: exam.id });
  });
  afterAll(async () => {
    store?.close();
    await t?.drop();
  });

  it("creates the row on the first save, then replaces it; Prisma and the direct reader see the same snapshot and time used", async () => {
    for (const ref of refs) {
      await store.saveSnapshot(ref, snapshotWith(61_500, "first"));
      await store.saveSnapshot(ref, snapshotWith(125_000, "second"));
      expect(((await store.loadSnapshot(ref))?.env as unknown as { marker: string }).marker).toBe("second");
      expect(((await plain.loadSnapshot(ref))?.env as unknown as { marker: string }).marker).toBe("second");
      const row = await t.db.environmentSnapshot.findFirst({ where: ref.kind === "scenario" ? { scenarioAttemptId: ref.id } : { examAttemptId: ref.id } });
      expect(row?.updatedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
      expect(row?.rawBytes).toBeGreaterThan(20_000);
      const attempt = ref.kind === "scenario" ? await t.db.scenarioAttempt.findUnique({ where: { id: ref.id } }) : await t.db.examAttempt.findUnique({ where: { id: ref.id } });
      expect(attempt?.timeUsedSeconds).toBe(125);
      expect(attempt?.updatedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    }
    expect(await t.db.environmentSnapshot.count()).toBe(refs.length);
  });

  it("records command history through the direct connection, as Prisma reads it; a row for a deleted attempt does not lose the others", async () => {
    const ref = refs[0]!;
    const at = new Date("2026-03-04T05:06:07.890Z");
    const before = await store.lastCommandSeq(ref);
    const gone = await t.db.scenarioAttempt.create({ data: { userId: (await t.db.user.findFirstOrThrow()).id, scenarioId: "s", scenarioVersion: "1" } });
    await t.db.scenarioAttempt.delete({ where: { id: gone.id } });
    const results = await Promise.allSettled([
      store.appendCommand(ref, { terminalId: "1", seq: before + 1, line: "kubectl get pods", exitCode: 0, location: "root@controlplane", executedAt: at }),
      store.appendCommand({ kind: "scenario", id: gone.id }, { terminalId: "1", seq: 1, line: "ls", exitCode: 0, location: "root@controlplane", executedAt: at }),
      store.appendCommand(ref, { terminalId: "2", seq: before + 2, line: "false", exitCode: 1, location: "root@node01", executedAt: at }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    const rows = await t.db.terminalCommand.findMany({ where: { scenarioAttemptId: ref.id }, orderBy: { seq: "asc" }, select: { terminalId: true, seq: true, line: true, exitCode: true, location: true, executedAt: true } });
    expect(rows.slice(-2)).toEqual([
      { terminalId: "1", seq: before + 1, line: "kubectl get pods", exitCode: 0, location: "root@controlplane", executedAt: at },
      { terminalId: "2", seq: before + 2, line: "false", exitCode: 1, location: "root@node01", executedAt: at },
    ]);
    expect(await store.lastCommandSeq(ref)).toBe(before + 2);
    expect(await t.db.terminalCommand.count({ where: { scenarioAttemptId: gone.id } })).toBe(0);
  });

  it("stores a session's base once: later saves write only their delta, a new base replaces the old, each store reads back exactly what was saved", async () => {
    const user = await t.db.user.create({ data: { email: "store-3@example.com" } });
    for (const [label, writer] of [["direct", store], ["prisma", plain]] as const) {
      const attempt = await t.db.scenarioAttempt.create({ data: { userId: user.id, scenarioId: "s", scenarioVersion: "1" } });
      const ref: AttemptRef = { kind: "scenario", id: attempt.id };
      const env = Environment.create();
      const saver = new SnapshotSaver();
      const session = (): SessionSnapshot => ({ format: 1, env: env.snapshot(), terminals: {}, homeHost: "controlplane", activeMs: 5_000, savedAt: "2026-01-01T00:00:00.000Z" });
      const save = async (snapshot: SessionSnapshot) => {
        const row = await saver.encode(snapshot);
        const saved = await writer.saveEncodedSnapshot(ref, row, 5);
        saver.stored(row, saved.baseId);
        return saved;
      };
      const first = await save(session());
      expect(first.baseId, label).toBeDefined();
      env.cluster().admin.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "work", namespace: "default" } });
      env.advanceBy(5_000);
      const later = session();
      const second = await save(later);
      expect(second.baseId).toBeUndefined();
      // The save wrote the delta alone, a small part of the base.
      expect(second.bytes).toBeLessThan(first.bytes / 4);
      expect(await t.db.environmentSnapshotBase.count({ where: { scenarioAttemptId: ref.id } })).toBe(1);
      for (const reader of [store, plain]) expect(snapshotBytes(await reader.loadSnapshot(ref)).equals(snapshotBytes(later)), label).toBe(true);

      // Outgrowing the base writes a new one; the old one goes.
      for (let i = 0; i < 60; i++) env.cluster().admin.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: `big-${i}`, namespace: "default" }, data: { big: `${i}${"x".repeat(8_000)}` } });
      const grown = session();
      const third = await save(grown);
      expect(third.baseId).not.toBe(first.baseId);
      expect((await t.db.environmentSnapshotBase.findMany({ where: { scenarioAttemptId: ref.id }, select: { id: true } })).map((b) => b.id)).toEqual([third.baseId]);
      for (const reader of [store, plain]) expect(snapshotBytes(await reader.loadSnapshot(ref)).equals(snapshotBytes(grown)), label).toBe(true);

      await writer.deleteSnapshot(ref);
      expect(await t.db.environmentSnapshotBase.count({ where: { scenarioAttemptId: ref.id } })).toBe(0);
    }
  });

  it("has nothing for an attempt never saved, and nothing after its snapshot is deleted", async () => {
    const user = await t.db.user.create({ data: { email: "store-2@example.com" } });
    const attempt = await t.db.scenarioAttempt.create({ data: { userId: user.id, scenarioId: "s", scenarioVersion: "1" } });
    const ref: AttemptRef = { kind: "scenario", id: attempt.id };
    expect(await store.loadSnapshot(ref)).toBeUndefined();
    await store.saveSnapshot(ref, snapshotWith(1000, "only"));
    await store.deleteSnapshot(ref);
    expect(await store.loadSnapshot(ref)).toBeUndefined();
  });
});
