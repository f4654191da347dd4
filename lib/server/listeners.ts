// The custom server's request and upgrade listeners, separate from server.ts so they can be
// tested on a plain HTTP server without Next.js.
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { Logger } from "pino";
import type { WebSocket, WebSocketServer } from "ws";
import { logWhenFinished, stampRequest } from "./request-context";
import { userFromRequest } from "./request-user";
import { isReservedUpgradePath, matchHttpPrefix, matchUpgradeRoute } from "./routes";

type NextHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/** Registered HTTP prefixes first, everything else to Next.js. */
export function createRequestListener(next: NextHandler, log: Logger): RequestListener {
  return (req, res) => {
    const reqId = stampRequest(req);
    res.setHeader("x-request-id", reqId);
    logWhenFinished(log, req, res, reqId);
    const url = new URL(req.url ?? "/", "http://localhost");
    const own = matchHttpPrefix(url.pathname);
    const work = own ? userFromRequest(req).then((user) => own.handler(req, res, { rest: own.rest, url, user, reqId })) : next(req, res);
    Promise.resolve(work).catch((err: unknown) => {
      log.error({ err, reqId, path: url.pathname }, "request failed");
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "internal error", reqId }));
    });
  };
}

/**
 * Answers upgrades for registered routes. /_next/* is left to Next.js, which adds its own
 * "upgrade" listener for hot reload in development. Unregistered /ws/* paths get a 404, and so
 * does everything else in production, where nothing else would answer.
 */
export function createUpgradeListener(wss: WebSocketServer, log: Logger, options: { dev: boolean }) {
  return (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname.startsWith("/_next/")) return;
    const reqId = stampRequest(req);
    const reject = (status: number, message = "Refused") => {
      if (socket.writable) socket.end(`HTTP/1.1 ${status} ${message}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    const route = matchUpgradeRoute(url.pathname);
    if (!route) {
      if (isReservedUpgradePath(url.pathname) || !options.dev) reject(404, "Not Found");
      return;
    }
    socket.on("error", (err) => log.debug({ err, reqId }, "upgrade socket error"));
    userFromRequest(req)
      .then((user) =>
        route.handler({
          req,
          params: route.params,
          user,
          reqId,
          reject,
          accept: () => new Promise<WebSocket>((resolve) => wss.handleUpgrade(req, socket, head, resolve)),
        }),
      )
      .catch((err: unknown) => {
        log.error({ err, reqId, path: url.pathname }, "upgrade failed");
        reject(500, "Internal Server Error");
      });
  };
}
