// Sessions survive: setup runs once, commands are recorded, the state is saved to the database,
// and a new manager (a restarted server) resumes the cluster, the shell and the screen.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "../../db/test-databases";
import { SessionManager } from "../manager";
import { PrismaSessionStore } from "../prisma-store";
import { shellScriptRunner } from "../script-runner";
import type { AttemptRef } from "../types";
import { databaseWithLearner, notesResolver, RecordingClient } from "./fixtures";

let database: TestDatabase;
let userId: string;

beforeAll(async () => {
  ({ database, userId } = await databaseWithLearner());
}, 60_000);
afterAll(async () => {
  await database?.drop();
});

function manager(options: { now?: () => number; idleMs?: number; minSaveIntervalMs?: number } = {}): SessionManager {
  return new SessionManager({
    store: new PrismaSessionStore(database.db),
    resolve: notesResolver,
    runScript: shellScriptRunner,
    persistDelayMs: 10,
    ...options,
  });
}

async function newAttempt(): Promise<AttemptRef> {
  const row = await database.db.scenarioAttempt.create({ data: { userId, scenarioId: "release-notes", scenarioVersion: "1" } });
  return { kind: "scenario", id: row.id };
}

async function run(client: RecordingClient, send: (line: string) => Promise<void>, line: string): Promise<{ output: string; exitCode: number }> {
  const from = client.messages.length;
  await send(line);
  const done = await client.next("done", from);
  return { output: client.output(from), exitCode: done.exitCode };
}

describe("sessions", () => {
  it("run setup once, save after commands, and resume shell, files and screen after a restart", async () => {
    const ref = await newAttempt();
    const first = manager();
    const session = await first.get(ref);
    // Setup ran and the fresh environment was saved before anyone typed.
    expect(await database.db.environmentSnapshot.count({ where: { scenarioAttemptId: ref.id } })).toBe(1);

    const client = new RecordingClient();
    await session.connect(1, client);
    const ready = await client.next("ready");
    expect(ready.prompt).toBe("root@controlplane:~# ");
    const tab = await session.tab(1);
    const exec = (line: string) => tab.exec(line);

    expect((await run(client, exec, "cat /opt/release/notes.txt")).output).toContain("draft");
    await run(client, exec, "cd /tmp && export GREETING=hello-from-before");
    await run(client, exec, "echo ready > /opt/release/notes.txt");
    await session.flush();

    const commands = await database.db.terminalCommand.findMany({ where: { scenarioAttemptId: ref.id }, orderBy: { seq: "asc" } });
    expect(commands.map((c) => [c.seq, c.line, c.exitCode, c.location])).toEqual([
      [1, "cat /opt/release/notes.txt", 0, "root@controlplane"],
      [2, "cd /tmp && export GREETING=hello-from-before", 0, "root@controlplane"],
      [3, "echo ready > /opt/release/notes.txt", 0, "root@controlplane"],
    ]);

    // A second server process: nothing in memory, everything from the database.
    await first.shutdown();
    expect(client.closedWith?.code).toBe(1001);
    const second = manager();
    const resumed = await second.get(ref);
    const again = new RecordingClient();
    await resumed.connect(1, again);
    const redraw = await again.next("ready");
    expect(redraw.prompt).toBe("root@controlplane:/tmp# ");
    expect(redraw.scrollback).toMatch(/^root@controlplane:~# cat \/opt\/release\/notes.txt\n(.*\n)*draft\n/);
    expect(redraw.scrollback.endsWith("root@controlplane:/tmp# echo ready > /opt/release/notes.txt\n")).toBe(true);
    expect(redraw.history).toEqual(["cat /opt/release/notes.txt", "cd /tmp && export GREETING=hello-from-before", "echo ready > /opt/release/notes.txt"]);
    const resumedTab = await resumed.tab(1);
    const out = await run(again, (l) => resumedTab.exec(l), "pwd; echo $GREETING; cat /opt/release/notes.txt");
    expect(out.output).toBe("/tmp\nhello-from-before\nready\n");

    const grade = await resumed.grade();
    expect(grade).toMatchObject({ earned: 2, total: 2 });
    // The next command continues the history's numbering.
    await resumed.flush();
    expect(await database.db.terminalCommand.count({ where: { scenarioAttemptId: ref.id } })).toBe(4);
    await second.shutdown();
  });

  it("share one environment between tabs and round-trip the editor overlay", async () => {
    const ref = await newAttempt();
    const sessions = manager();
    const session = await sessions.get(ref);
    const one = new RecordingClient();
    const two = new RecordingClient();
    await session.connect(1, one);
    await session.connect(2, two);
    const tab1 = await session.tab(1);
    const tab2 = await session.tab(2);

    // vim opens the overlay; the saved text comes back and the shell writes the file.
    const from = one.messages.length;
    const running = tab1.exec("vim /root/pod.yaml");
    const edit = await one.next("edit", from);
    expect(edit).toMatchObject({ path: "/root/pod.yaml", content: "", language: "yaml", editor: "vim" });
    tab1.finishEdit("apiVersion: v1\nkind: Pod\n");
    await running;
    // (The first command of a terminal also shows what its login scripts printed.)
    expect((await run(two, (l) => tab2.exec(l), "cat /root/pod.yaml")).output.endsWith("apiVersion: v1\nkind: Pod\n")).toBe(true);

    // :q! leaves the file as it was; nano is announced as nano.
    const before = one.messages.length;
    const quitting = tab1.exec("nano /root/pod.yaml");
    expect(await one.next("edit", before)).toMatchObject({ editor: "nano" });
    tab1.finishEdit(undefined);
    await quitting;
    expect((await run(two, (l) => tab2.exec(l), "wc -l < /root/pod.yaml")).output.trim()).toBe("2");
    await sessions.shutdown();
  });

  it("hand a tab to the newest window, and replay an editor that was open before a reconnect", async () => {
    const ref = await newAttempt();
    const sessions = manager();
    const session = await sessions.get(ref);
    const old = new RecordingClient();
    await session.connect(1, old);
    const tab = await session.tab(1);
    const running = tab.exec("vi /root/later.txt");
    await old.next("edit");
    const fresh = new RecordingClient();
    await session.connect(1, fresh);
    expect(old.closedWith?.code).toBe(4000);
    const ready = await fresh.next("ready");
    expect(ready.running).toBe(true);
    expect(await fresh.next("edit")).toMatchObject({ path: "/root/later.txt" });
    tab.finishEdit("kept\n");
    await running;
    expect((await run(fresh, (l) => tab.exec(l), "cat /root/later.txt")).output).toBe("kept\n");
    await sessions.shutdown();
  });

  it("evict idle sessions after saving them, and keep the time a terminal was open", async () => {
    let now = Date.now();
    const ref = await newAttempt();
    const sessions = manager({ now: () => now, idleMs: 60_000 });
    const session = await sessions.get(ref);
    const client = new RecordingClient();
    const detach = await session.connect(1, client);
    now += 90_000;
    // Connected terminals keep a session in memory however long it sits.
    expect(await sessions.sweep()).toBe(0);
    detach();
    now += 61_000;
    expect(await sessions.sweep()).toBe(1);
    expect(sessions.peek(ref)).toBeUndefined();
    const row = await database.db.scenarioAttempt.findUniqueOrThrow({ where: { id: ref.id } });
    expect(row.timeUsedSeconds).toBe(90);
    const resumed = await sessions.get(ref);
    expect(Math.floor(resumed.activeMs / 1000)).toBe(90);
    await sessions.shutdown();
  });

  it("bring the cluster up to wall time before a command after a break: heartbeats of the gap replayed", async () => {
    let now = Date.now();
    const ref = await newAttempt();
    const sessions = manager({ now: () => now });
    const session = await sessions.get(ref);
    const client = new RecordingClient();
    await session.connect(1, client);
    await client.next("ready");
    const tab = await session.tab(1);
    await run(client, (l) => tab.exec(l), "true");
    const offset = session.env.clock.now() - now;
    const renewTime = () => (session.env.cluster().admin.get("coordination.k8s.io", "leases", "kube-node-lease", "node01")!.spec as { renewTime: string }).renewTime;
    const renewedBefore = renewTime();
    now += 12 * 60_000;
    // The other tab runs while the first catches up (in slices): both end at wall time.
    const other = await session.tab(2);
    const otherClient = new RecordingClient();
    await session.connect(2, otherClient);
    await Promise.all([run(client, (l) => tab.exec(l), "true"), run(otherClient, (l) => other.exec(l), "true")]);
    expect(session.env.clock.now()).toBe(now + offset);
    // The kubelet renewed its lease through the gap, the last time less than 10 s ago.
    expect(renewTime()).not.toBe(renewedBefore);
    expect(now + offset - Date.parse(renewTime())).toBeLessThan(10_000);
    await sessions.shutdown();
  });

  it("save a steadily typing learner at most once per interval, and everything on flush", async () => {
    const ref = await newAttempt();
    const sessions = manager({ minSaveIntervalMs: 60_000 });
    const session = await sessions.get(ref);
    const client = new RecordingClient();
    await session.connect(1, client);
    await client.next("ready");
    const tab = await session.tab(1);
    const saved = () => client.messages.filter((m) => m.type === "saved").length;
    const snapshotUpdatedAt = async () => (await database.db.environmentSnapshot.findUniqueOrThrow({ where: { scenarioAttemptId: ref.id } })).updatedAt.getTime();

    // The attempt start saved a moment ago: the first command waits for the interval.
    await run(client, (l) => tab.exec(l), "echo one > /tmp/one");
    const before = await snapshotUpdatedAt();
    await new Promise((r) => setTimeout(r, 200));
    expect(saved()).toBe(0);
    expect(await snapshotUpdatedAt()).toBe(before);
    // Commands are recorded at once all the same (the instructor's history does not wait).
    expect(await database.db.terminalCommand.count({ where: { scenarioAttemptId: ref.id } })).toBe(1);

    await session.flush();
    expect(saved()).toBe(1);
    await sessions.shutdown();
    const resumed = await manager().get(ref);
    expect((await resumed.runAsLearner("cat /tmp/one")).stdout).toBe("one\n");
    await resumed.close("test over");
  });

  it("refuse attempts that are over", async () => {
    const ref = await newAttempt();
    await database.db.scenarioAttempt.update({ where: { id: ref.id }, data: { status: "submitted" } });
    await expect(manager().get(ref)).rejects.toThrow(/submitted/);
  });
});
