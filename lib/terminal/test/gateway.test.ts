// The terminal WebSocket and the Kubernetes API gateway on a real HTTP server: who may connect,
// the §4 messages, and a reconnect that resumes the same shell.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import type { TestDatabase } from "../../db/test-databases";
import { k8sGatewayHandler } from "../../k8s-gateway/gateway";
import { issueToken, resolveToken, revokeTokens } from "../../k8s-gateway/tokens";
import { createRequestListener, createUpgradeListener } from "../../server/listeners";
import { clearRoutes, registerHttpPrefix, registerUpgradeRoute } from "../../server/routes";
import { SessionManager } from "../../session/manager";
import { PrismaSessionStore } from "../../session/prisma-store";
import { shellScriptRunner } from "../../session/script-runner";
import { databaseWithLearner, notesResolver } from "../../session/test/fixtures";
import { terminalUpgradeHandler } from "../gateway";
import type { ServerMessage } from "../protocol";

const SECRET = "test-secret-for-the-terminal-gateway";
let database: TestDatabase;
let owner: string;
let other: string;
let sessions: SessionManager;
let server: Server;
let base: string;
let attemptId: string;

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET = SECRET;
  ({ database, userId: owner } = await databaseWithLearner());
  other = (await database.db.user.create({ data: { email: "other@example.com", role: "learner" } })).id;
  attemptId = (await database.db.scenarioAttempt.create({ data: { userId: owner, scenarioId: "release-notes", scenarioVersion: "1" } })).id;
  const store = new PrismaSessionStore(database.db);
  sessions = new SessionManager({ store, resolve: notesResolver, runScript: shellScriptRunner, persistDelayMs: 10 });
  clearRoutes();
  registerUpgradeRoute("/ws/terminal/:attemptId", terminalUpgradeHandler({ sessions, store }));
  registerHttpPrefix("/k8s", k8sGatewayHandler({ sessions, resolveToken: (t) => resolveToken(database.db, t) }));
  const log = pino({ level: "silent" });
  server = createServer(createRequestListener((_req, res) => void res.end("next"), log));
  server.on("upgrade", createUpgradeListener(new WebSocketServer({ noServer: true }), log, { dev: false }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await sessions?.shutdown();
  clearRoutes();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await database?.drop();
});

async function cookieFor(id: string): Promise<string> {
  return `next-auth.session-token=${await encode({ token: { sub: id, role: "learner", email: `${id}@example.com` }, secret: SECRET })}`;
}

type Opened = { socket: WebSocket; messages: ServerMessage[]; next(type: ServerMessage["type"]): Promise<ServerMessage> };

function open(path: string, cookie?: string): Promise<Opened | { status: number }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://${base}${path}`, { headers: cookie ? { cookie } : {} });
    const messages: ServerMessage[] = [];
    const waiters: [ServerMessage["type"], (m: ServerMessage) => void][] = [];
    let seen = 0;
    socket.on("message", (data) => {
      const m = JSON.parse(String(data)) as ServerMessage;
      messages.push(m);
      const i = waiters.findIndex(([t]) => t === m.type);
      if (i >= 0) {
        seen = messages.length;
        waiters.splice(i, 1)[0]![1](m);
      }
    });
    const next = (type: ServerMessage["type"]) => {
      const found = messages.slice(seen).find((m) => m.type === type);
      if (found) {
        seen = messages.indexOf(found) + 1;
        return Promise.resolve(found);
      }
      return new Promise<ServerMessage>((r) => waiters.push([type, r]));
    };
    socket.on("open", () => resolve({ socket, messages, next }));
    socket.on("unexpected-response", (_req, res) => resolve({ status: res.statusCode ?? 0 }));
  });
}

describe("terminal WebSocket", () => {
  it("refuses the signed-out, other learners and unknown attempts", async () => {
    expect(await open(`/ws/terminal/${attemptId}`)).toEqual({ status: 401 });
    expect(await open(`/ws/terminal/${attemptId}`, await cookieFor(other))).toEqual({ status: 403 });
    expect(await open(`/ws/terminal/no-such-attempt`, await cookieFor(owner))).toEqual({ status: 404 });
    expect(await open(`/ws/terminal/${attemptId}?tab=9`, await cookieFor(owner))).toEqual({ status: 400 });
  });

  it("runs commands for the owner, completes, and resumes the shell after a reconnect", async () => {
    const first = (await open(`/ws/terminal/${attemptId}?tab=1`, await cookieFor(owner))) as Opened;
    expect(first.socket).toBeDefined();
    expect(await first.next("ready")).toMatchObject({ type: "ready", tab: 1, prompt: "root@controlplane:~# ", running: false });
    first.socket.send(JSON.stringify({ type: "exec", line: "cd /opt/release && cat notes.txt" }));
    expect(await first.next("done")).toEqual({ type: "done", exitCode: 0, prompt: "root@controlplane:/opt/release# " });
    expect(first.messages.filter((m) => m.type === "output").map((m) => (m as { data: string }).data).join("")).toContain("draft\n");
    first.socket.send(JSON.stringify({ type: "complete", line: "cat no", cursor: 6 }));
    expect(await first.next("completions")).toMatchObject({ items: ["notes.txt"], start: 4, end: 6 });
    first.socket.send("not json");
    expect(await first.next("error")).toMatchObject({ type: "error" });
    first.socket.close();

    const second = (await open(`/ws/terminal/${attemptId}?tab=1`, await cookieFor(owner))) as Opened;
    const ready = (await second.next("ready")) as Extract<ServerMessage, { type: "ready" }>;
    expect(ready.prompt).toBe("root@controlplane:/opt/release# ");
    expect(ready.history).toEqual(["cd /opt/release && cat notes.txt"]);
    expect(ready.scrollback).toContain("draft\n");
    second.socket.close();
  });
});

describe("typed input", () => {
  it("goes to a program reading the terminal line by line until Ctrl-D, and a reconnect resumes the read", async () => {
    const first = (await open(`/ws/terminal/${attemptId}?tab=3`, await cookieFor(owner))) as Opened;
    await first.next("ready");
    first.socket.send(JSON.stringify({ type: "exec", line: "read -p 'Name: ' WHO; cat > /tmp/typed" }));
    expect(await first.next("reading")).toEqual({ type: "reading", prompt: "Name: " });
    first.socket.send(JSON.stringify({ type: "input", data: "kube\n" }));
    expect(await first.next("reading")).toEqual({ type: "reading", prompt: "" });
    first.socket.send(JSON.stringify({ type: "input", data: "line one\n" }));
    await first.next("reading");
    first.socket.close();

    const second = (await open(`/ws/terminal/${attemptId}?tab=3`, await cookieFor(owner))) as Opened;
    const ready = (await second.next("ready")) as Extract<ServerMessage, { type: "ready" }>;
    expect(ready.running).toBe(true);
    // The screen replayed on reconnect shows the prompt and the lines typed so far.
    expect(ready.scrollback).toContain("read -p 'Name: ' WHO; cat > /tmp/typed\nName: kube\nline one\n");
    expect(await second.next("reading")).toEqual({ type: "reading", prompt: "" });
    second.socket.send(JSON.stringify({ type: "input", data: "line two\n" }));
    await second.next("reading");
    second.socket.send(JSON.stringify({ type: "input", data: "" }));
    expect(await second.next("done")).toMatchObject({ exitCode: 0 });
    second.socket.send(JSON.stringify({ type: "exec", line: 'echo "$WHO"; cat /tmp/typed' }));
    await second.next("done");
    expect(second.messages.filter((m) => m.type === "output").map((m) => (m as { data: string }).data).join("")).toBe("kube\nline one\nline two\n");
    second.socket.close();
  });
});

describe("evicted sessions", () => {
  it("close the terminal with 1012 so the browser reconnects, and the reconnect resumes the same shell", async () => {
    const first = (await open(`/ws/terminal/${attemptId}?tab=2`, await cookieFor(owner))) as Opened;
    await first.next("ready");
    first.socket.send(JSON.stringify({ type: "exec", line: "cd /etc && export BEFORE_EVICTION=kept" }));
    await first.next("done");
    const closed = new Promise<number>((resolve) => first.socket.on("close", (code) => resolve(code)));
    await sessions.evict({ kind: "scenario", id: attemptId });
    expect(await closed).toBe(1012);
    expect(sessions.peek({ kind: "scenario", id: attemptId })).toBeUndefined();

    const again = (await open(`/ws/terminal/${attemptId}?tab=2`, await cookieFor(owner))) as Opened;
    const ready = (await again.next("ready")) as Extract<ServerMessage, { type: "ready" }>;
    expect(ready.prompt).toBe("root@controlplane:/etc# ");
    again.socket.send(JSON.stringify({ type: "exec", line: "echo $BEFORE_EVICTION" }));
    await again.next("done");
    expect(again.messages.filter((m) => m.type === "output").map((m) => (m as { data: string }).data).join("")).toContain("kept\n");
    again.socket.close();
  });
});

describe("Kubernetes API gateway", () => {
  it("serves the attempt's cluster to a valid token and refuses the rest", async () => {
    const { token } = await issueToken(database.db, owner, { kind: "scenario", id: attemptId });
    const ok = await fetch(`http://${base}/k8s/${token}/clusters/kubernetes/api`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ kind: "APIVersions", versions: ["v1"] });
    const namespaces = await fetch(`http://${base}/k8s/${token}/clusters/kubernetes/api/v1/namespaces`);
    expect(((await namespaces.json()) as { items: { metadata: { name: string } }[] }).items.map((n) => n.metadata.name)).toContain("kube-system");

    expect((await fetch(`http://${base}/k8s/${token}/clusters/elsewhere/api`)).status).toBe(404);
    expect((await fetch(`http://${base}/k8s/kc_not-a-real-token-at-all-123/clusters/kubernetes/api`)).status).toBe(401);
    // Another learner's browser may not use the link, even with the token in it.
    const foreign = await fetch(`http://${base}/k8s/${token}/clusters/kubernetes/api`, { headers: { cookie: await cookieFor(other) } });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { message: string }).message).toContain("another learner");

    await revokeTokens(database.db, { kind: "scenario", id: attemptId });
    expect((await fetch(`http://${base}/k8s/${token}/clusters/kubernetes/api`)).status).toBe(401);
  });
});
