// Sessions on worker threads, through the real terminal and Kubernetes API gateways: the same
// terminal, typed input, grading, scripts and API requests as on the server thread; a worker
// crash ends its browsers' connections with a reason and the session resumes from its last save;
// shutdown saves every session.
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import type { TestDatabase } from "../../../db/test-databases";
import { k8sGatewayHandler } from "../../../k8s-gateway/gateway";
import { createRequestListener, createUpgradeListener } from "../../../server/listeners";
import { clearRoutes, registerHttpPrefix, registerUpgradeRoute } from "../../../server/routes";
import { terminalUpgradeHandler } from "../../../terminal/gateway";
import { outputOf, type ServerMessage } from "../../../terminal/protocol";
import { AttemptNotFoundError } from "../../manager";
import { PrismaSessionStore } from "../../prisma-store";
import { databaseWithLearner, NOTES_SCENARIO_FILES } from "../../test/fixtures";
import type { AttemptRef } from "../../types";
import { SessionWorkerPool, WORKER_DIED_REASON } from "../pool";

const SECRET = "test-secret-for-the-session-pool";
let database: TestDatabase;
let owner: string;
let authoredId: string;
let pool: SessionWorkerPool;
let server: Server;
let base: string;
const log = pino({ level: "silent" });

function newPool(): SessionWorkerPool {
  const store = new PrismaSessionStore(database.db);
  return new SessionWorkerPool({
    workers: 2,
    store,
    authoredRow: (id) => database.db.authoredScenario.findUnique({ where: { id }, select: { slug: true, files: true } }).then((r) => r ?? undefined),
    maxLive: 20,
    idleMs: 60_000,
    minSaveIntervalMs: 0,
    persistDelayMs: 10,
    log,
  });
}

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET = SECRET;
  ({ database, userId: owner } = await databaseWithLearner());
  authoredId = (await database.db.authoredScenario.create({ data: { slug: "release-notes", authorId: owner, files: NOTES_SCENARIO_FILES } })).id;
  pool = newPool();
  // Each worker loads the engine (TypeScript compiled by tsx) before it answers.
  await pool.ready();
  const store = new PrismaSessionStore(database.db);
  clearRoutes();
  registerUpgradeRoute("/ws/terminal/:attemptId", terminalUpgradeHandler({ sessions: pool, store }));
  registerHttpPrefix("/k8s", k8sGatewayHandler({ sessions: pool, resolveToken: async (token) => ({ id: "token", userId: owner, ref: { kind: "scenario", id: token } }) }));
  server = createServer(createRequestListener((_req, res) => void res.end("next"), log));
  server.on("upgrade", createUpgradeListener(new WebSocketServer({ noServer: true }), log, { dev: false }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await pool?.shutdown();
  clearRoutes();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await database?.drop();
});

async function newAttempt(): Promise<AttemptRef> {
  const row = await database.db.scenarioAttempt.create({ data: { userId: owner, scenarioId: "release-notes", scenarioVersion: "1", authoredScenarioId: authoredId } });
  return { kind: "scenario", id: row.id };
}

type Opened = { socket: WebSocket; messages: ServerMessage[]; closed: Promise<{ code: number; reason: string }>; next<T extends ServerMessage["type"]>(type: T): Promise<Extract<ServerMessage, { type: T }>> };

async function open(ref: AttemptRef, tab = 1): Promise<Opened> {
  const cookie = `next-auth.session-token=${await encode({ token: { sub: owner, role: "learner", email: "learner@example.com" }, secret: SECRET })}`;
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://${base}/ws/terminal/${ref.id}?tab=${tab}`, { headers: { cookie } });
    const messages: ServerMessage[] = [];
    let seen = 0;
    const waiters: [string, (m: ServerMessage) => void][] = [];
    socket.on("message", (data) => {
      const m = JSON.parse(String(data)) as ServerMessage;
      messages.push(m);
      const i = waiters.findIndex(([t]) => t === m.type);
      if (i >= 0) {
        seen = messages.length;
        waiters.splice(i, 1)[0]![1](m);
      }
    });
    const closed = new Promise<{ code: number; reason: string }>((r) => socket.on("close", (code, reason) => r({ code, reason: String(reason) })));
    const next = <T extends ServerMessage["type"]>(type: T) => {
      const found = messages.slice(seen).find((m) => m.type === type);
      if (found) {
        seen = messages.indexOf(found) + 1;
        return Promise.resolve(found as Extract<ServerMessage, { type: T }>);
      }
      return new Promise<Extract<ServerMessage, { type: T }>>((r) => waiters.push([type, r as (m: ServerMessage) => void]));
    };
    socket.on("open", () => resolve({ socket, messages, closed, next }));
    socket.on("unexpected-response", (_req, res) => reject(new Error(`refused: ${res.statusCode}`)));
  });
}

async function run(t: Opened, line: string): Promise<{ output: string; exitCode: number }> {
  const from = t.messages.length;
  t.socket.send(JSON.stringify({ type: "exec", line }));
  const done = await t.next("done");
  const output = t.messages.slice(from).map(outputOf).join("");
  return { output, exitCode: done.exitCode };
}

function get(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`http://${base}${path}`, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("sessions on worker threads", { timeout: 180_000 }, () => {
  it("serve the terminal, typed input, grading and learner scripts from the session's worker", async () => {
    const ref = await newAttempt();
    const ensured = await pool.ensure(ref);
    expect(ensured.homeHost).toBe("controlplane");
    const t = await open(ref);
    expect(await t.next("ready")).toMatchObject({ prompt: "root@controlplane:~# ", running: false });
    expect(await run(t, "cat /opt/release/notes.txt")).toEqual({ output: "draft\n", exitCode: 0 });
    expect((await pool.grade(ref)).grade).toMatchObject({ earned: 0, total: 2, percent: 0 });

    t.socket.send(JSON.stringify({ type: "exec", line: "read -p 'Word: ' W; echo $W > /opt/release/notes.txt" }));
    expect(await t.next("reading")).toEqual({ type: "reading", prompt: "Word: " });
    t.socket.send(JSON.stringify({ type: "input", data: "ready\n" }));
    expect(await t.next("done")).toMatchObject({ exitCode: 0 });
    expect((await pool.grade(ref)).grade).toMatchObject({ earned: 2, total: 2, percent: 100 });

    expect(await pool.runScript(ref, "cat /opt/release/notes.txt")).toMatchObject({ exitCode: 0, stdout: "ready\n" });
    expect(pool.activeSeconds(ref)).toBeGreaterThanOrEqual(0);

    // Output gathered into fewer messages (the last of it in the `done` frame) still comes whole and in order.
    const from = t.messages.length;
    expect((await run(t, "for i in 1 2 3; do echo line $i; done; echo end >&2")).output).toBe("line 1\nline 2\nline 3\nend\n");
    // (A save of an earlier command may land in between: `saved` comes whenever it is done.)
    expect(t.messages.slice(from).filter((m) => m.type !== "saved").at(-1)?.type).toBe("done");
    t.socket.close();
    await t.closed;
    // The attempt's command history (what instructors read), every line in order.
    await expect.poll(async () => (await database.db.terminalCommand.findMany({ where: { scenarioAttemptId: ref.id }, orderBy: { seq: "asc" } })).map((c) => [c.seq, c.line, c.exitCode])).toEqual([
      [1, "cat /opt/release/notes.txt", 0],
      [2, "read -p 'Word: ' W; echo $W > /opt/release/notes.txt", 0],
      [3, "for i in 1 2 3; do echo line $i; done; echo end >&2", 0],
    ]);
  });

  it("answer Kubernetes API requests for the session's clusters, and refuse attempts that do not exist", async () => {
    const ref = await newAttempt();
    const { clusters } = await pool.ensure(ref);
    const nodes = await get(`/k8s/${ref.id}/clusters/${clusters[0]}/api/v1/nodes`);
    expect(nodes.status).toBe(200);
    expect(JSON.parse(nodes.body)).toMatchObject({ kind: "NodeList" });
    const missing = await get(`/k8s/${ref.id}/clusters/nope/api/v1/nodes`);
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).message).toContain('this attempt has no cluster "nope"');
    await expect(pool.ensure({ kind: "scenario", id: "no-such-attempt" })).rejects.toBeInstanceOf(AttemptNotFoundError);
  });

  it("tell browsers when a worker dies, and resume the session from its last save on reconnect", async () => {
    const ref = await newAttempt();
    const t = await open(ref);
    await t.next("ready");
    const before = t.messages.length;
    await run(t, "echo saved-before-crash > /opt/release/notes.txt");
    // The save may be reported before the command's `done`, which next() has then already passed.
    if (!t.messages.slice(before).some((m) => m.type === "saved")) await t.next("saved");
    await pool.crashWorkerOf(ref);
    expect(await t.closed).toEqual({ code: 1011, reason: WORKER_DIED_REASON.slice(0, 120) });
    expect(t.messages.at(-1)).toEqual({ type: "closed", reason: WORKER_DIED_REASON });

    const again = await open(ref);
    await again.next("ready");
    expect(await run(again, "cat /opt/release/notes.txt")).toEqual({ output: "saved-before-crash\n", exitCode: 0 });
    again.socket.close();
  });

  it("save every session at shutdown, so a new pool resumes what was typed last", async () => {
    const ref = await newAttempt();
    const t = await open(ref);
    await t.next("ready");
    await run(t, "echo at-shutdown > /opt/release/notes.txt");
    const closing = t.closed;
    await pool.shutdown();
    expect((await closing).code).toBe(1001);
    pool = newPool();
    expect(await pool.runScript(ref, "cat /opt/release/notes.txt")).toMatchObject({ stdout: "at-shutdown\n" });
  });
});
