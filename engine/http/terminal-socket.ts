import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { Environment } from "../cluster/environment";
import { createTerminal, type EditRequest, type Terminal } from "../shell";
import { wallSleep } from "./wall-sleep";

/**
 * The terminal WebSocket of `kubecoach serve` (DESIGN.md §4): each connection to `/terminal` gets a
 * new terminal on the served environment, whose clock follows wall time. `kubecoach shell
 * --connect URL` is its client. Messages are one JSON object per text frame:
 *
 *   client → {type:"exec", line} | {type:"complete", line, cursor} | {type:"interrupt"}
 *            | {type:"resize", cols, rows} | {type:"edit-result", content} | {type:"edit-result", cancelled:true}
 *            | {type:"input", data} (typed input for a command reading the terminal; "" = Ctrl-D)
 *   server → {type:"ready", prompt, history} | {type:"output", data, stream} | {type:"reading"}
 *            | {type:"done", exitCode, prompt, closed} | {type:"completions", items, start, end}
 *            | {type:"edit", path, content, language, vimrc?, editor?} | {type:"error", message}
 */
export const TERMINAL_PATH = "/terminal";

type ClientMessage =
  | { type: "exec"; line: string }
  | { type: "complete"; line: string; cursor: number }
  | { type: "interrupt" }
  | { type: "input"; data: string }
  | { type: "resize"; cols: number; rows: number }
  | { type: "edit-result"; content?: string; cancelled?: boolean };

function parse(raw: string): ClientMessage | undefined {
  try {
    const m = JSON.parse(raw) as Record<string, unknown>;
    if (m.type === "exec" && typeof m.line === "string" && m.line.length <= 64 * 1024) return { type: "exec", line: m.line };
    if (m.type === "complete" && typeof m.line === "string" && Number.isInteger(m.cursor)) return { type: "complete", line: m.line, cursor: m.cursor as number };
    if (m.type === "interrupt") return { type: "interrupt" };
    if (m.type === "input" && typeof m.data === "string" && m.data.length <= 64 * 1024) return { type: "input", data: m.data };
    if (m.type === "resize" && Number.isInteger(m.cols) && Number.isInteger(m.rows)) return { type: "resize", cols: Math.min(1000, Math.max(1, m.cols as number)), rows: Math.min(500, Math.max(1, m.rows as number)) };
    if (m.type === "edit-result") return m.cancelled === true ? { type: "edit-result", cancelled: true } : typeof m.content === "string" ? { type: "edit-result", content: m.content } : undefined;
  } catch {
    return undefined;
  }
  return undefined;
}

/** Browsers send an Origin; only pages served from loopback may drive a terminal. */
function allowedOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return ["localhost", "127.0.0.1", "[::1]"].includes(new URL(origin).hostname);
  } catch {
    return false;
  }
}

function session(ws: WebSocket, terminal: Terminal): void {
  const send = (message: object) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  let pendingEdit: ((content: string | undefined) => void) | undefined;
  let running = false;
  terminal.onEdit = (request: EditRequest) =>
    new Promise((resolve) => {
      pendingEdit = resolve;
      send({ type: "edit", ...request });
    });
  terminal.onRead = () => send({ type: "reading" });
  // A background job writing while the terminal sits at its prompt.
  terminal.onBackgroundOutput = (data, stream) => send({ type: "output", data, stream });
  terminal.ready.then(
    () => send({ type: "ready", prompt: terminal.prompt, history: [...terminal.history] }),
    (err: unknown) => send({ type: "error", message: err instanceof Error ? err.message : String(err) }),
  );
  ws.on("message", (data) => {
    const message = parse(String(data));
    if (!message) {
      send({ type: "error", message: "malformed message" });
      return;
    }
    switch (message.type) {
      case "exec":
        if (running) {
          send({ type: "error", message: "a command is already running" });
          return;
        }
        running = true;
        terminal
          .exec(message.line, (data, stream) => send({ type: "output", data, stream }))
          .then(
            (r) => send({ type: "done", exitCode: r.exitCode, prompt: r.prompt, closed: r.closed }),
            (err: unknown) => send({ type: "error", message: err instanceof Error ? err.message : String(err) }),
          )
          .finally(() => {
            running = false;
            if (terminal.closed) ws.close(1000, "the shell exited");
          });
        return;
      case "complete":
        terminal.complete(message.line, message.cursor).then((r) => send({ type: "completions", ...r }));
        return;
      case "interrupt":
        if (pendingEdit) {
          pendingEdit(undefined);
          pendingEdit = undefined;
        } else terminal.interrupt();
        return;
      case "input":
        if (terminal.reading) terminal.input(message.data);
        return;
      case "resize":
        terminal.resize(message.cols, message.rows);
        return;
      case "edit-result":
        pendingEdit?.(message.cancelled ? undefined : message.content);
        pendingEdit = undefined;
        return;
    }
  });
  ws.on("close", () => {
    pendingEdit?.(undefined);
    terminal.interrupt();
    // The connection was the terminal: its jobs get the hang-up a closed terminal sends.
    void terminal.stopJobs();
  });
}

/** Adds the terminal WebSocket to a server serving `env` (used by serveEnvironment). */
export function attachTerminalSocket(server: Server, env: Environment): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 8 * 1024 * 1024 });
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path !== TERMINAL_PATH) return;
    if (!allowedOrigin(req)) {
      socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const host = url.searchParams.get("host") ?? undefined;
      const user = url.searchParams.get("user") ?? undefined;
      const cols = Number(url.searchParams.get("cols")) || 80;
      const rows = Number(url.searchParams.get("rows")) || 24;
      const interactive = url.searchParams.get("interactive") !== "0";
      let terminal: Terminal;
      try {
        terminal = createTerminal(env, { ...(host ? { host } : {}), ...(user ? { user } : {}), columns: cols, rows, interactive, sleep: wallSleep });
      } catch (err) {
        ws.close(1011, err instanceof Error ? err.message.slice(0, 120) : "cannot open a terminal");
        return;
      }
      session(ws, terminal);
    });
  });
  return wss;
}
