// Kubecoach's HTTP server: Next.js pages and API routes, plus the routes Next.js cannot serve
// itself — WebSocket upgrades (/ws/…) and raw HTTP prefixes (/k8s/…, /healthz) — on one port.
// Run with tsx: `npm run dev` (hot reload) or `npm start` (production build).
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { WebSocketServer } from "ws";
import { ensureAuthSecret } from "./lib/auth/secret";
import { db, dbTarget } from "./lib/db";
import { prepareDatabase } from "./lib/db/prepare";
import { engineStatus } from "./lib/health";
import { logger } from "./lib/log";
import { logWhenFinished, stampRequest } from "./lib/server/request-context";
import { userFromRequest } from "./lib/server/request-user";
import { isReservedUpgradePath, matchHttpPrefix, matchUpgradeRoute } from "./lib/server/routes";
import { routeModules } from "./lib/server/route-modules";

process.env.NEXT_TELEMETRY_DISABLED ??= "1";
const dev = process.env.NODE_ENV !== "production";
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const log = logger.child({ module: "server" });
const root = path.dirname(new URL(import.meta.url).pathname);

process.on("unhandledRejection", (reason) => log.error({ err: reason }, "unhandled promise rejection"));

const secret = ensureAuthSecret(path.join(root, "data"));
process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;

const database = await prepareDatabase(db, dbTarget);
log.info({ database: database.description, appliedMigrations: database.appliedMigrations, authSecret: secret.source }, "database ready");
for (const load of routeModules) await load();

const app = next({ dev, dir: root, hostname: "localhost", port });
await app.prepare();
const handle = app.getRequestHandler();

const server = createServer((req, res) => {
  const reqId = stampRequest(req);
  res.setHeader("x-request-id", reqId);
  logWhenFinished(log, req, res, reqId);
  const url = new URL(req.url ?? "/", "http://localhost");
  const own = matchHttpPrefix(url.pathname);
  const work = own
    ? userFromRequest(req).then((user) => own.handler(req, res, { rest: own.rest, url, user, reqId }))
    : handle(req, res);
  Promise.resolve(work).catch((err: unknown) => {
    log.error({ err, reqId, path: url.pathname }, "request failed");
    if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: "internal error", reqId }));
  });
});

const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });

// Next.js adds its own "upgrade" listener (hot reload on /_next/hmr) on the first request;
// this one leaves /_next/* alone and answers only the paths registered in lib/server/routes.ts.
server.on("upgrade", (req, socket, head) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (url.pathname.startsWith("/_next/")) return;
  const reqId = stampRequest(req);
  const reject = (status: number, message = "") => {
    if (!socket.writable) return;
    socket.end(`HTTP/1.1 ${status} ${message || "Refused"}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };
  const route = matchUpgradeRoute(url.pathname);
  if (!route) {
    if (isReservedUpgradePath(url.pathname) || !dev) reject(404, "Not Found");
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
        accept: () => new Promise((resolve) => wss.handleUpgrade(req, socket, head, resolve)),
      }),
    )
    .catch((err: unknown) => {
      log.error({ err, reqId, path: url.pathname }, "upgrade failed");
      reject(500, "Internal Server Error");
    });
});

server.listen(port, host, async () => {
  const engine = await engineStatus();
  log.info({ port, mode: dev ? "development" : "production", engine }, "listening");
  const lines = [`Kubecoach is running at http://localhost:${port} (${dev ? "development" : "production"})`];
  if (database.seeded) lines.push("First start: seeded demo accounts and a demo cohort.");
  if (database.demoAccounts.length > 0) {
    lines.push("Demo accounts (seeded on first start; sign in at /signin):");
    for (const a of database.demoAccounts) lines.push(`  ${a.role.padEnd(10)} ${a.email.padEnd(28)} password: ${a.password}`);
  }
  console.log("\n" + lines.join("\n") + "\n");
});

let closing = false;
function shutdown(signal: string): void {
  if (closing) return;
  closing = true;
  log.info({ signal }, "shutting down");
  for (const client of wss.clients) client.close(1001, "server shutting down");
  server.close(() => {
    void db.$disconnect().finally(() => process.exit(0));
  });
  server.closeIdleConnections();
  // Keep-alive and WebSocket connections must not hold the process open forever.
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
