// The terminal WebSocket: /ws/terminal/<attemptId>?tab=N. Only the attempt's owner may connect
// (signed in with the session cookie); instructors and admins are refused too — they read the
// attempt's command history on the instructor pages instead, so nobody watches a learner's
// terminal live without the learner knowing. A tab survives its connections: a reconnect gets
// the same shell and the screen redrawn (see lib/session/terminal-tab.ts).
import type { RawData, WebSocket } from "ws";
import { logger } from "../log";
import type { UpgradeContext } from "../server/routes";
import { AttemptClosedError, AttemptNotFoundError } from "../session/manager";
import type { SessionService } from "../session/service";
import type { SessionStore } from "../session/types";
import type { TabClient } from "../session/terminal-tab";
import { MAX_TABS, parseClientMessage, type ServerMessage } from "./protocol";

const log = logger.child({ module: "terminal-gateway" });
const PING_EVERY_MS = 25_000;

export type GatewayDeps = { sessions: Pick<SessionService, "get">; store: Pick<SessionStore, "findAttempt">; now?: () => number };

/** Decides whether the upgrade may go ahead; the HTTP status and message otherwise. */
export async function authorizeTerminal(
  ctx: Pick<UpgradeContext, "params" | "user" | "req">,
  deps: GatewayDeps,
): Promise<{ ok: true; ref: { kind: "scenario" | "exam"; id: string }; tab: number; deadline: Date | null } | { ok: false; status: number; message: string }> {
  if (!ctx.user) return { ok: false, status: 401, message: "Unauthorized" };
  const url = new URL(ctx.req.url ?? "/", "http://localhost");
  const tab = Number(url.searchParams.get("tab") ?? "1");
  if (!Number.isInteger(tab) || tab < 1 || tab > MAX_TABS) return { ok: false, status: 400, message: "Bad Request" };
  const record = await deps.store.findAttempt(ctx.params.attemptId ?? "");
  if (!record) return { ok: false, status: 404, message: "Not Found" };
  if (record.userId !== ctx.user.id) return { ok: false, status: 403, message: "Forbidden" };
  if (record.status !== "active") return { ok: false, status: 410, message: "Gone" };
  if (record.deadlineAt && record.deadlineAt.getTime() <= (deps.now ?? Date.now)()) return { ok: false, status: 410, message: "Gone" };
  return { ok: true, ref: record.ref, tab, deadline: record.deadlineAt };
}

function clientFor(ws: WebSocket): TabClient {
  return {
    send: (message: ServerMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    },
    close: (code, reason) => {
      if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(code, reason.slice(0, 120));
    },
  };
}

export function terminalUpgradeHandler(deps: GatewayDeps) {
  return async (ctx: UpgradeContext): Promise<void> => {
    const decision = await authorizeTerminal(ctx, deps);
    if (!decision.ok) {
      ctx.reject(decision.status, decision.message);
      return;
    }
    let session;
    try {
      session = await deps.sessions.get(decision.ref);
    } catch (e) {
      if (e instanceof AttemptNotFoundError) return ctx.reject(404, "Not Found");
      if (e instanceof AttemptClosedError) return ctx.reject(410, "Gone");
      throw e;
    }
    const ws = await ctx.accept();
    // The session sends `ready` while it connects, and a browser may answer it before connect()
    // resolves here (a session on a worker thread replies after its messages): hold what comes
    // in until then, as a listener added later would never see it.
    const early: [RawData, boolean][] = [];
    const handler: { onMessage?: (data: RawData, isBinary: boolean) => void } = {};
    ws.on("message", (data, isBinary) => (handler.onMessage ? handler.onMessage(data, isBinary) : early.push([data, isBinary])));
    const client = clientFor(ws);
    const tab = await session.tab(decision.tab);
    const detach = await session.connect(decision.tab, client);
    log.debug({ reqId: ctx.reqId, attempt: decision.ref.id, tab: decision.tab }, "terminal connected");

    let alive = true;
    const ping = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, PING_EVERY_MS);
    ws.on("pong", () => (alive = true));
    ws.on("close", () => {
      clearInterval(ping);
      detach();
    });
    const onMessage = (handler.onMessage = (data: RawData, isBinary: boolean) => {
      if (isBinary) return;
      const message = parseClientMessage(data.toString());
      if (!message) {
        client.send({ type: "error", message: "Kubecoach did not understand that message." });
        return;
      }
      session.touch();
      const fail = (e: unknown) => {
        log.error({ err: e, attempt: decision.ref.id }, "terminal message failed");
        client.send({ type: "error", message: "Something went wrong running that; the terminal is still usable." });
      };
      // An exam's time is up on the server's clock, whatever the browser shows.
      if (decision.deadline && decision.deadline.getTime() <= (deps.now ?? Date.now)() && message.type !== "interrupt") {
        client.send({ type: "closed", reason: "Time is up: the exam is being submitted." });
        return;
      }
      switch (message.type) {
        case "exec":
          tab.exec(message.line).catch(fail);
          break;
        case "complete":
          tab.complete(message.line, message.cursor).catch(fail);
          break;
        case "interrupt":
          Promise.resolve(tab.interrupt()).catch(fail);
          break;
        case "suspend":
          tab.suspend();
          break;
        case "input":
          tab.input(message.data);
          break;
        case "resize":
          tab.resize(message.cols, message.rows);
          break;
        case "edit-result":
          tab.finishEdit(message.cancelled ? undefined : message.content);
          break;
      }
    });
    for (const [data, isBinary] of early.splice(0)) onMessage(data, isBinary);
  };
}
