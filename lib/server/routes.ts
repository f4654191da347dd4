// The custom server's own routes, next to Next.js: WebSocket upgrade routes (the terminal
// gateway: /ws/terminal/<attemptId>) and HTTP prefix routes (the Kubernetes API gateway:
// /k8s/<token>/…, and /healthz). Anything not registered here goes to Next.js.
//
// Register from a module listed in lib/server/route-modules.ts:
//   registerUpgradeRoute("/ws/terminal/:attemptId", async ({ params, user, accept, reject }) => { … });
//   registerHttpPrefix("/k8s", async (req, res, { rest }) => { … });
//
// The registry lives on globalThis so that code bundled by Next.js (which gets its own copy of
// this module) and the custom server see the same routes.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { WebSocket } from "ws";
import type { RequestUser } from "./request-user";

export type UpgradeContext = {
  req: IncomingMessage;
  /** Values of the `:name` segments of the pattern. */
  params: Record<string, string>;
  /** The signed-in user from the session cookie, or null. */
  user: RequestUser | null;
  reqId: string;
  /** Completes the WebSocket handshake. */
  accept(): Promise<WebSocket>;
  /** Refuses the upgrade with an HTTP status (e.g. 401, 403, 404) and closes the socket. */
  reject(status: number, message?: string): void;
};
export type UpgradeHandler = (ctx: UpgradeContext) => void | Promise<void>;

export type HttpContext = {
  /** The path after the prefix, starting with "/" (or "" for the prefix itself). */
  rest: string;
  url: URL;
  user: RequestUser | null;
  reqId: string;
};
export type HttpHandler = (req: IncomingMessage, res: ServerResponse, ctx: HttpContext) => void | Promise<void>;

type UpgradeRoute = { pattern: string; segments: string[]; handler: UpgradeHandler };
type HttpRoute = { prefix: string; handler: HttpHandler };
type ShutdownHook = { name: string; run: () => Promise<void> };
type Registry = { upgrade: UpgradeRoute[]; http: HttpRoute[]; shutdown?: ShutdownHook[] };

const store = globalThis as typeof globalThis & { __kubecoachRoutes?: Registry };
const registry: Registry = (store.__kubecoachRoutes ??= { upgrade: [], http: [] });

/** Work to finish before the server exits (e.g. saving live terminal sessions). Registering a name again replaces it. */
export function registerShutdownHook(name: string, run: () => Promise<void>): void {
  registry.shutdown = [...(registry.shutdown ?? []).filter((h) => h.name !== name), { name, run }];
}

/** Runs every shutdown hook; a failing hook does not stop the others. Returns the names that failed. */
export async function runShutdownHooks(): Promise<string[]> {
  const hooks = registry.shutdown ?? [];
  const results = await Promise.allSettled(hooks.map((h) => h.run()));
  return hooks.filter((_, i) => results[i]!.status === "rejected").map((h) => h.name);
}

function splitPath(path: string): string[] {
  return path.split("/").filter(Boolean);
}

/** `pattern` is a path with `:name` segments, e.g. "/ws/terminal/:attemptId". Registering a pattern again replaces it. */
export function registerUpgradeRoute(pattern: string, handler: UpgradeHandler): void {
  if (pattern.startsWith("/_next")) throw new Error("/_next/* upgrades belong to Next.js (hot reload)");
  registry.upgrade = registry.upgrade.filter((r) => r.pattern !== pattern);
  registry.upgrade.push({ pattern, segments: splitPath(pattern), handler });
}

/** Handles `prefix` and everything under `prefix/`. Registering a prefix again replaces it. */
export function registerHttpPrefix(prefix: string, handler: HttpHandler): void {
  const normalized = "/" + splitPath(prefix).join("/");
  if (normalized === "/" || normalized.startsWith("/_next")) throw new Error(`refusing to take over ${normalized} from Next.js`);
  registry.http = registry.http.filter((r) => r.prefix !== normalized);
  registry.http.push({ prefix: normalized, handler });
  // Longest prefix first, so /k8s/special wins over /k8s.
  registry.http.sort((a, b) => b.prefix.length - a.prefix.length);
}

export function matchUpgradeRoute(pathname: string): { handler: UpgradeHandler; params: Record<string, string> } | null {
  const parts = splitPath(pathname);
  for (const route of registry.upgrade) {
    if (route.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const matches = route.segments.every((segment, i) => {
      if (segment.startsWith(":")) {
        params[segment.slice(1)] = decodeURIComponent(parts[i]!);
        return true;
      }
      return segment === parts[i];
    });
    if (matches) return { handler: route.handler, params };
  }
  return null;
}

export function matchHttpPrefix(pathname: string): { handler: HttpHandler; rest: string } | null {
  for (const route of registry.http) {
    if (pathname === route.prefix || pathname.startsWith(route.prefix + "/")) {
      return { handler: route.handler, rest: pathname.slice(route.prefix.length) };
    }
  }
  return null;
}

/** Paths whose upgrades the custom server answers itself (404 when nothing is registered). */
export function isReservedUpgradePath(pathname: string): boolean {
  return pathname === "/ws" || pathname.startsWith("/ws/");
}

/** For tests: forget every registration. */
export function clearRoutes(): void {
  registry.upgrade = [];
  registry.http = [];
  registry.shutdown = [];
}
