// Everything the database needs before the app serves a request: migrations applied (creating
// the SQLite file on a first start), SQLite tuned, demo content seeded when enabled.
import { describeTarget, type DatabaseTarget } from "./config";
import { deployMigrations } from "./migrate";
import { demoAccountsEnabled, existingDemoAccounts, seedDemoContent, type DemoAccount } from "./seed";
import type { Db } from "../db";

export type PreparedDatabase = {
  description: string;
  appliedMigrations: string[];
  seeded: boolean;
  demoAccounts: DemoAccount[];
};

export async function prepareDatabase(db: Db, target: DatabaseTarget): Promise<PreparedDatabase> {
  const appliedMigrations = await deployMigrations(target);
  if (target.provider === "sqlite") await tuneSqlite(db);
  const demo = demoAccountsEnabled(target.provider);
  const seeded = demo ? await seedDemoContent(db) : false;
  return {
    description: describeTarget(target),
    appliedMigrations,
    seeded,
    demoAccounts: demo ? await existingDemoAccounts(db) : [],
  };
}

/**
 * WAL lets the terminal gateway write snapshots while pages read (it persists in the file).
 * synchronous=NORMAL (this connection only: the custom server's, which the session store uses)
 * syncs the WAL at checkpoints instead of at every commit: a session saves after every command,
 * and a synchronous disk flush each time held up every other terminal. A power cut may lose the
 * last saves, never corrupt the file; a crash of the process loses nothing.
 */
export async function tuneSqlite(db: Db): Promise<void> {
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
}
