// What /healthz reports: can we reach the database, and can the simulation engine be loaded.
// The engine is optional at this layer: it is found through engine/health.ts, which exports
// engineHealth(): { ok: boolean; version: string }. Until that file exists the report says so.
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Db } from "./db";
import type { DatabaseTarget } from "./db/config";
import { REPO_ROOT } from "./db/paths";

export type DatabaseStatus = { ok: true; provider: string; latencyMs: number } | { ok: false; provider: string; reason: string };
export type EngineStatus = { ok: boolean; version: string; reason?: string } | { ok: false; reason: string };
export type HealthReport = { status: "ok" | "degraded" | "down"; version: string; uptimeSeconds: number; database: DatabaseStatus; engine: EngineStatus };

export const ENGINE_HEALTH_MODULE = path.join(REPO_ROOT, "engine/health.ts");

export async function databaseStatus(db: Db, target: DatabaseTarget): Promise<DatabaseStatus> {
  const started = performance.now();
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return { ok: true, provider: target.provider, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    return { ok: false, provider: target.provider, reason: error instanceof Error ? error.message : String(error) };
  }
}

export async function engineStatus(modulePath = ENGINE_HEALTH_MODULE): Promise<EngineStatus> {
  if (!existsSync(modulePath)) return { ok: false, reason: `${path.relative(REPO_ROOT, modulePath)} does not exist yet` };
  try {
    // A computed URL keeps bundlers and tsc from resolving the module at build time, so the
    // app builds and type-checks whether or not the engine is there.
    const mod: { engineHealth?: () => unknown } = await import(/* @vite-ignore */ pathToFileURL(modulePath).href);
    if (typeof mod.engineHealth !== "function") return { ok: false, reason: "engine/health.ts does not export engineHealth()" };
    const result = (await mod.engineHealth()) as { ok?: unknown; version?: unknown; reason?: unknown };
    if (typeof result?.ok !== "boolean" || typeof result.version !== "string") {
      return { ok: false, reason: "engineHealth() did not return { ok: boolean, version: string }" };
    }
    return typeof result.reason === "string"
      ? { ok: result.ok, version: result.version, reason: result.reason }
      : { ok: result.ok, version: result.version };
  } catch (error) {
    return { ok: false, reason: `engine failed to load: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export async function healthReport(db: Db, target: DatabaseTarget, appVersion: string): Promise<HealthReport> {
  const [database, engine] = await Promise.all([databaseStatus(db, target), engineStatus()]);
  return {
    status: !database.ok ? "down" : engine.ok ? "ok" : "degraded",
    version: appVersion,
    uptimeSeconds: Math.round(process.uptime()),
    database,
    engine,
  };
}
