// The custom server's routing of HTTP requests and WebSocket upgrades, on a real HTTP server
// with a stand-in for Next.js.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { createRequestListener, createUpgradeListener } from "./listeners";
import { clearRoutes, registerHttpPrefix, registerUpgradeRoute } from "./routes";

const SECRET = "test-secret-for-listeners";
const log = pino({ level: "silent" });
let server: Server;
let base: string;

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET = SECRET;
  const wss = new WebSocketServer({ noServer: true });
  server = createServer(createRequestListener((_req, res) => void res.end("from next"), log));
  server.on("upgrade", createUpgradeListener(wss, log, { dev: false }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => clearRoutes());

async function sessionCookie(user: { sub: string; role: "learner" | "instructor" | "admin"; email: string }): Promise<string> {
  return `next-auth.session-token=${await encode({ token: user, secret: SECRET })}`;
}

type Connection = { socket: WebSocket; opened: boolean; status?: number; firstMessage?: Promise<string> };

function connect(path: string, cookie?: string): Promise<Connection> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://${base}${path}`, { headers: cookie ? { cookie } : {} });
    // Listening from the start: a message sent right after the handshake can arrive with it.
    const firstMessage = new Promise<string>((got) => socket.once("message", (data) => got(String(data))));
    socket.on("open", () => resolve({ socket, opened: true, firstMessage }));
    socket.on("unexpected-response", (_req, res) => resolve({ socket, opened: false, status: res.statusCode }));
    socket.on("error", () => resolve({ socket, opened: false }));
  });
}

describe("HTTP routes", () => {
  it("sends registered prefixes to their handler and everything else to Next.js", async () => {
    registerHttpPrefix("/k8s", (_req, res, ctx) => void res.end(`k8s ${ctx.rest}`));
    expect(await (await fetch(`http://${base}/k8s/tok123/api/v1/pods`)).text()).toBe("k8s /tok123/api/v1/pods");
    expect(await (await fetch(`http://${base}/k8sfoo`)).text()).toBe("from next");
    expect(await (await fetch(`http://${base}/dashboard`)).text()).toBe("from next");
  });

  it("gives every response a request id, keeping a well-formed one from the client", async () => {
    const fresh = await fetch(`http://${base}/`);
    expect(fresh.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await fetch(`http://${base}/`, { headers: { "x-request-id": "trace-abc-123" } });
    expect(kept.headers.get("x-request-id")).toBe("trace-abc-123");
  });

  it("turns a failing handler into a 500 with the request id", async () => {
    registerHttpPrefix("/boom", () => {
      throw new Error("kaboom");
    });
    const res = await fetch(`http://${base}/boom`);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: "internal error", reqId: res.headers.get("x-request-id") });
  });
});

describe("WebSocket upgrades", () => {
  it("hands a registered route its params and the signed-in user, and can accept", async () => {
    registerUpgradeRoute("/ws/terminal/:attemptId", async (ctx) => {
      if (!ctx.user) return ctx.reject(401, "Unauthorized");
      const ws = await ctx.accept();
      ws.send(JSON.stringify({ attemptId: ctx.params.attemptId, userId: ctx.user.id, role: ctx.user.role }));
    });
    const { socket, opened, firstMessage } = await connect("/ws/terminal/att-42", await sessionCookie({ sub: "user-1", role: "learner", email: "a@b.c" }));
    expect(opened).toBe(true);
    const message = await firstMessage!;
    expect(JSON.parse(message)).toEqual({ attemptId: "att-42", userId: "user-1", role: "learner" });
    socket.close();
  });

  it("lets a route refuse a visitor without a session", async () => {
    registerUpgradeRoute("/ws/terminal/:attemptId", (ctx) => (ctx.user ? undefined : ctx.reject(401, "Unauthorized")));
    expect(await connect("/ws/terminal/att-42")).toMatchObject({ opened: false, status: 401 });
  });

  it("ignores a forged session cookie", async () => {
    registerUpgradeRoute("/ws/echo", (ctx) => (ctx.user ? undefined : ctx.reject(401, "Unauthorized")));
    expect(await connect("/ws/echo", "next-auth.session-token=forged")).toMatchObject({ opened: false, status: 401 });
  });

  it("answers unknown WebSocket paths with 404", async () => {
    expect(await connect("/ws/nothing-here")).toMatchObject({ opened: false, status: 404 });
  });
});
