// Throwaway databases for creating migrations and for tests: a temporary SQLite file, or a
// freshly created database on a PostgreSQL server the caller names. Dropped when done.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { DatabaseTarget } from "./config";

export type ScratchDatabase = { target: DatabaseTarget; drop(): Promise<void> };

export function scratchSqlite(): ScratchDatabase {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kubecoach-db-"));
  return {
    target: { provider: "sqlite", file: path.join(dir, "scratch.db") },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Creates an empty database on the server of `serverUrl` (whose own database is only used to connect). */
export async function scratchPostgres(serverUrl: string): Promise<ScratchDatabase> {
  const name = `kubecoach_scratch_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    target: { provider: "postgresql", url: url.toString() },
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
