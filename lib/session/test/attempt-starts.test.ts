// The counts the setup-template warming and prefetch rank scenarios by (template-prefetch.ts).
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/test-databases";
import { attemptStarts } from "../attempt-starts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("sqlite");
});
afterAll(async () => {
  await t?.drop();
});

it("counts practice attempts per scenario and attempts per mock exam, not an exam's tasks as practice", async () => {
  expect(await attemptStarts(t.db)).toEqual({});
  const user = await t.db.user.create({ data: { email: "starts@example.com" } });
  const exam = await t.db.examAttempt.create({ data: { userId: user.id, examId: "cka-mock-1", examVersion: "1", timeLimitSeconds: 3600 } });
  await t.db.examAttempt.create({ data: { userId: user.id, examId: "cka-mock-1", examVersion: "1", timeLimitSeconds: 3600 } });
  for (const scenarioId of ["drain-node", "drain-node", "drain-node", "fix-dns"]) await t.db.scenarioAttempt.create({ data: { userId: user.id, scenarioId, scenarioVersion: "1" } });
  await t.db.scenarioAttempt.create({ data: { userId: user.id, scenarioId: "fix-dns", scenarioVersion: "1", examAttemptId: exam.id } });
  expect(await attemptStarts(t.db)).toEqual({ "drain-node": 3, "fix-dns": 1, "cka-mock-1": 2 });
});
