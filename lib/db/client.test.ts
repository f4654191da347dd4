// The one client works the same on SQLite and PostgreSQL for what the app stores.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isUniqueViolation } from "../db";
import { decodeSnapshot, encodeSnapshot } from "./snapshot-codec";
import { createTestDatabase, noteSkippedPostgres, TEST_PROVIDERS, type TestDatabase } from "./test-databases";

noteSkippedPostgres();

for (const provider of TEST_PROVIDERS) {
  describe(`database client on ${provider}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await createTestDatabase(provider);
    });
    afterAll(async () => t?.drop());

    it("stores an attempt with per-check results, a compressed environment snapshot and terminal history", async () => {
      const user = await t.db.user.create({ data: { email: `attempt-${provider}@example.com` } });
      const checks = [
        { id: "pod-running", points: 4, passed: true, message: "Pod web is Running" },
        { id: "service-port", points: 3, passed: false, message: "Service web exposes 8080, expected 80" },
      ];
      const attempt = await t.db.scenarioAttempt.create({
        data: { userId: user.id, scenarioId: "cka/workloads/deploy-web", scenarioVersion: "3", score: 4, maxScore: 7, checkResults: checks },
      });
      const environment = { version: 1, clusters: [{ name: "default", objects: Array.from({ length: 200 }, (_, i) => ({ kind: "Pod", name: `p${i}` })) }] };
      const encoded = encodeSnapshot(environment);
      await t.db.environmentSnapshot.create({ data: { scenarioAttemptId: attempt.id, formatVersion: 1, ...encoded } });
      await t.db.terminalCommand.createMany({
        data: [
          { scenarioAttemptId: attempt.id, terminalId: "t1", seq: 1, line: "kubectl get pods", exitCode: 0 },
          { scenarioAttemptId: attempt.id, terminalId: "t1", seq: 2, line: "kubectl expose deploy web --port 80", exitCode: 0 },
        ],
      });

      const loaded = await t.db.scenarioAttempt.findUniqueOrThrow({
        where: { id: attempt.id },
        include: { snapshot: true, commands: { orderBy: { seq: "asc" } } },
      });
      expect(loaded.checkResults).toEqual(checks);
      expect(loaded.status).toBe("active");
      expect(loaded.commands.map((c) => c.line)).toEqual(["kubectl get pods", "kubectl expose deploy web --port 80"]);
      expect(decodeSnapshot(loaded.snapshot!)).toEqual(environment);
      expect(loaded.snapshot!.data.byteLength).toBeLessThan(encoded.rawBytes / 5);
    });

    it("enforces one account per e-mail and reports it as a unique violation", async () => {
      await t.db.user.create({ data: { email: `dup-${provider}@example.com` } });
      const error = await t.db.user.create({ data: { email: `dup-${provider}@example.com` } }).catch((e: unknown) => e);
      expect(isUniqueViolation(error)).toBe(true);
    });

    it("deleting a user removes their attempts, memberships and progress", async () => {
      const user = await t.db.user.create({ data: { email: `gone-${provider}@example.com`, role: "learner" } });
      const cohort = await t.db.cohort.create({ data: { name: "Cohort", memberships: { create: { userId: user.id } } } });
      await t.db.examAttempt.create({ data: { userId: user.id, examId: "cka-mock-1", examVersion: "1", timeLimitSeconds: 7200 } });
      await t.db.lessonProgress.create({ data: { userId: user.id, lessonId: "etcd-backup", status: "completed", completedAt: new Date() } });
      await t.db.user.delete({ where: { id: user.id } });
      expect(await t.db.examAttempt.count({ where: { userId: user.id } })).toBe(0);
      expect(await t.db.lessonProgress.count({ where: { userId: user.id } })).toBe(0);
      expect(await t.db.cohortMembership.count({ where: { cohortId: cohort.id } })).toBe(0);
    });
  });
}
