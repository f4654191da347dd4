// How the e2e suite runs Kubecoach: the production build on port 3100 with a throwaway SQLite
// database (playwright.config.ts), and a second server on 3101, with a database of its own, that
// restart tests start and stop themselves.
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const PORT = 3100;
export const RESTART_PORT = 3101;
export const databaseFor = (port: number) => path.join(os.tmpdir(), `kubecoach-e2e-${port}.db`);
export const E2E_DB = databaseFor(PORT);
export const E2E_SECRET = "e2e-only-secret-not-used-anywhere-else";

export function serverEnv(port: number): Record<string, string> {
  return {
    PORT: String(port),
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: `file:${databaseFor(port)}`,
    NEXTAUTH_URL: `http://localhost:${port}`,
    NEXTAUTH_SECRET: E2E_SECRET,
    KUBECOACH_DEMO_ACCOUNTS: "true",
    LOG_LEVEL: "warn",
    // Warming every built-in template takes about a minute of CPU per session worker; on a 2-core CI
    // machine it would compete with the browser flows under test (it has tests of its own).
    KUBECOACH_WARM_TEMPLATES: "0",
  };
}

/** Removes a server's database, for a run that starts from nothing. */
export function freshDatabase(port: number): void {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(databaseFor(port) + suffix, { force: true });
}

/** Starts server.ts on `port` and resolves once /healthz answers. */
export async function startServer(port: number, timeoutMs = 90_000): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: path.resolve(import.meta.dirname, ".."),
    env: { ...process.env, ...serverEnv(port) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server on port ${port} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://localhost:${port}/healthz`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill("SIGKILL");
  throw new Error(`the server on port ${port} did not start within ${timeoutMs / 1000} s`);
}

/** Stops the server the way a deployment does (SIGTERM) and waits for it to exit. */
export function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
