// Registers the terminal WebSocket on the custom server (loaded from lib/server/route-modules.ts),
// and saves every live session before the server exits.
import { db } from "../db";
import { registerShutdownHook, registerUpgradeRoute } from "../server/routes";
import { sessionManager } from "../session/install";
import { PrismaSessionStore } from "../session/prisma-store";
import { terminalUpgradeHandler } from "./gateway";

const sessions = sessionManager();
registerUpgradeRoute("/ws/terminal/:attemptId", terminalUpgradeHandler({ sessions, store: new PrismaSessionStore(db) }));
registerShutdownHook("terminal sessions", () => sessions.shutdown());
