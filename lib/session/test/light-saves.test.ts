// Commands that only read the environment (kubectl get, cat, a shell variable) are saved without
// it: the save holds the terminals and the terminal history over the last full save, and a server
// that crashed after it resumes the session exactly as it was, its cluster replayed to the time of
// the save. A command that changes anything is saved in full.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "../../db/test-databases";
import { SessionManager } from "../manager";
import { PrismaSessionStore } from "../prisma-store";
import { shellScriptRunner } from "../script-runner";
import { PATCHED_ROW, STORED_BASE_ROW } from "../snapshot-saver";
import type { AttemptRef } from "../types";
import { databaseWithLearner, notesResolver, RecordingClient } from "./fixtures";

let database: TestDatabase;
let userId: string;
let now = Date.parse("2026-03-01T10:00:00.000Z");

beforeAll(async () => {
  ({ database, userId } = await databaseWithLearner());
}, 60_000);
afterAll(async () => {
  await database?.drop();
});

function manager(): SessionManager {
  return new SessionManager({ store: new PrismaSessionStore(database.db), resolve: notesResolver, runScript: shellScriptRunner, persistDelayMs: 10, now: () => now });
}

async function run(client: RecordingClient, exec: (line: string) => Promise<void>, line: string): Promise<string> {
  const from = client.messages.length;
  await exec(line);
  await client.next("done", from);
  return client.output(from);
}

/** Runs a line and waits for the save it causes; answers the stored row's format. */
async function runAndSave(client: RecordingClient, exec: (line: string) => Promise<void>, line: string, ref: AttemptRef): Promise<number> {
  const from = client.messages.length;
  await run(client, exec, line);
  await client.next("saved", from);
  return (await database.db.environmentSnapshot.findUniqueOrThrow({ where: { scenarioAttemptId: ref.id } })).formatVersion;
}

describe("light saves", { timeout: 120_000 }, () => {
  it("save read-only commands without the environment, and a crash after them resumes it exactly", async () => {
    const row = await database.db.scenarioAttempt.create({ data: { userId, scenarioId: "release-notes", scenarioVersion: "1" } });
    const ref: AttemptRef = { kind: "scenario", id: row.id };
    const first = manager();
    const session = await first.get(ref);
    const client = new RecordingClient();
    await session.connect(1, client);
    await client.next("ready");
    const tab = await session.tab(1);
    const exec = (line: string) => tab.exec(line);

    // Writes are saved whole (the first kubectl may also write its caches on the host).
    expect(await runAndSave(client, exec, "echo ready > /opt/release/notes.txt", ref)).toBe(STORED_BASE_ROW);
    now += 7_000;
    await runAndSave(client, exec, "kubectl get pods -A", ref);

    // Reads, with time passing: the cluster moved on (heartbeats, leases), the learner changed nothing.
    now += 12_000;
    expect(await runAndSave(client, exec, "kubectl get pods -A", ref)).toBe(PATCHED_ROW);
    now += 6_000;
    expect(await runAndSave(client, exec, "cat /opt/release/notes.txt; export LEVEL=light", ref)).toBe(PATCHED_ROW);
    expect(await runAndSave(client, exec, "kubectl get nodes -o wide | grep -c Ready", ref)).toBe(PATCHED_ROW);

    // The server dies here (no flush): another one resumes the session from the database.
    const second = manager();
    const resumed = await second.get(ref);
    expect(resumed.env.clock.now()).toBe(session.env.clock.now());
    expect(JSON.stringify(resumed.env.snapshot())).toBe(JSON.stringify(session.env.snapshot()));
    const again = new RecordingClient();
    await resumed.connect(1, again);
    const ready = await again.next("ready");
    expect(ready.history.slice(-3)).toEqual(["kubectl get pods -A", "cat /opt/release/notes.txt; export LEVEL=light", "kubectl get nodes -o wide | grep -c Ready"]);
    const resumedTab = await resumed.tab(1);
    expect(await run(again, (line) => resumedTab.exec(line), "echo $LEVEL; cat /opt/release/notes.txt")).toBe("light\nready\n");
    await second.shutdown();

    // A change after reads is saved whole again; so is everything when the session leaves memory.
    now += 3_000;
    expect(await runAndSave(client, exec, "kubectl create configmap after-reads --from-literal=a=b", ref)).toBe(STORED_BASE_ROW);
    now += 3_000;
    expect(await runAndSave(client, exec, "kubectl get configmaps", ref)).toBe(PATCHED_ROW);
    expect(await runAndSave(client, exec, "echo more >> /opt/release/notes.txt", ref)).toBe(STORED_BASE_ROW);
    expect(await runAndSave(client, exec, "tail -1 /opt/release/notes.txt", ref)).toBe(PATCHED_ROW);
    const clockAtShutdown = session.env.clock.now();
    await first.shutdown();
    const thirdManager = manager();
    const third = await thirdManager.get(ref);
    expect(third.env.clock.now()).toBe(clockAtShutdown);
    expect(JSON.stringify(third.env.snapshot())).toBe(JSON.stringify(session.env.snapshot()));
    expect((await third.runAsLearner("kubectl get configmap after-reads -o name; tail -1 /opt/release/notes.txt")).stdout).toBe("configmap/after-reads\nmore\n");
    await thirdManager.shutdown();
  });
});
