// Kubecoach's HTTP server: Next.js pages and API routes, plus the routes Next.js cannot serve
// itself — WebSocket upgrades (/ws/…) and raw HTTP prefixes (/k8s/…, /healthz) — on one port.
// Run with tsx: `npm run dev` (hot reload) or `npm start` (production build).
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { WebSocketServer } from "ws";
import { ensureAuthSecret } from "./lib/auth/secret";
import { db, dbTarget } from "./lib/db";
import { prepareDatabase } from "./lib/db/prepare";
import { engineStatus } from "./lib/health";
import { logger } from "./lib/log";
import { createRequestListener, createUpgradeListener } from "./lib/server/listeners";
import { assertPortFree } from "./lib/server/port";
import { routeModules } from "./lib/server/route-modules";
import { runShutdownHooks } from "./lib/server/routes";
import { warmSessions } from "./lib/session/install";

process.env.NEXT_TELEMETRY_DISABLED ??= "1";
const dev = process.env.NODE_ENV !== "production";
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const log = logger.child({ module: "server" });
const root = path.dirname(fileURLToPath(import.meta.url));

process.on("unhandledRejection", (reason) => log.error({ err: reason }, "unhandled promise rejection"));

await assertPortFree(port, host).catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
const secret = ensureAuthSecret(path.join(root, "data"));
process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;

const database = await prepareDatabase(db, dbTarget);
log.info({ database: database.description, appliedMigrations: database.appliedMigrations, authSecret: secret.source }, "database ready");
for (const load of routeModules) await load();

const app = next({ dev, dir: root, hostname: "localhost", port });
await app.prepare();
const handle = app.getRequestHandler();

const server = createServer(createRequestListener(handle, log));
const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
server.on("upgrade", createUpgradeListener(wss, log, { dev }));

server.listen(port, host, async () => {
  warmSessions();
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

/**
 * Saving every live session at shutdown must finish: a process that exits mid-save loses what
 * learners typed since their last save. Only a save that hangs (a database that stopped
 * answering) is given up on, after this long.
 */
const SHUTDOWN_SAVE_LIMIT_MS = 120_000;
/** Once sessions are saved, keep-alive and WebSocket connections get this long to close. */
const SHUTDOWN_CONNECTIONS_MS = 5000;

let closing = false;
function shutdown(signal: string): void {
  if (closing) return;
  closing = true;
  log.info({ signal }, "shutting down");
  const giveUp = setTimeout(() => {
    log.error({ ms: SHUTDOWN_SAVE_LIMIT_MS }, "shutdown hooks (saving live sessions) did not finish; exiting without them");
    process.exit(1);
  }, SHUTDOWN_SAVE_LIMIT_MS);
  giveUp.unref();
  // Registered hooks (saving live terminal sessions) run before connections close; the forced
  // exit for lingering connections starts only after them, so it cannot cut a save in half.
  void runShutdownHooks().then((failed) => {
    clearTimeout(giveUp);
    setTimeout(() => process.exit(0), SHUTDOWN_CONNECTIONS_MS).unref();
    if (failed.length) log.error({ failed }, "shutdown hooks failed");
    for (const client of wss.clients) client.close(1001, "server shutting down");
    server.close(() => {
      void db.$disconnect().finally(() => process.exit(0));
    });
    server.closeIdleConnections();
  });
}
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
