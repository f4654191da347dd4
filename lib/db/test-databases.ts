// For tests: migrated scratch databases of every kind available here. SQLite always;
// PostgreSQL when TEST_POSTGRES_URL names a server where this user may create databases
// (CI starts one; see .ci/run). Each database is dropped when the test file is done.
import { createDbClient, type Db } from "../db";
import { deployMigrations } from "./migrate";
import { scratchPostgres, scratchSqlite, type ScratchDatabase } from "./scratch-database";
import type { DatabaseTarget } from "./config";

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL;

export type TestDatabase = { target: DatabaseTarget; db: Db; drop(): Promise<void> };

export const TEST_PROVIDERS: ("sqlite" | "postgresql")[] = TEST_POSTGRES_URL ? ["sqlite", "postgresql"] : ["sqlite"];

export function noteSkippedPostgres(): void {
  if (!TEST_POSTGRES_URL) console.warn("TEST_POSTGRES_URL is not set: PostgreSQL database tests are skipped (CI runs them).");
}

export async function createTestDatabase(provider: "sqlite" | "postgresql"): Promise<TestDatabase> {
  let scratch: ScratchDatabase;
  if (provider === "postgresql") {
    if (!TEST_POSTGRES_URL) throw new Error("TEST_POSTGRES_URL is not set");
    scratch = await scratchPostgres(TEST_POSTGRES_URL);
  } else {
    scratch = scratchSqlite();
  }
  await deployMigrations(scratch.target);
  const db = createDbClient(scratch.target);
  return {
    target: scratch.target,
    db,
    drop: async () => {
      await db.$disconnect();
      await scratch.drop();
    },
  };
}
