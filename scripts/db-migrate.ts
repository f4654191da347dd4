// `npm run db:migrate -- <name>`: after editing prisma/schema.prisma, writes the matching
// migration for SQLite and for PostgreSQL, then regenerates both Prisma clients.
// Each migration is computed against a scratch database, so your own data is never touched.
// PostgreSQL needs a server to replay migrations on: set MIGRATE_POSTGRES_URL (or TEST_POSTGRES_URL)
// to any database on a server where this user may CREATE DATABASE.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createMigration } from "../lib/db/migrate";
import { postgresSchemaFrom } from "../lib/db/pg-schema";
import { SCHEMA_FILES, REPO_ROOT } from "../lib/db/paths";
import { scratchPostgres, scratchSqlite, type ScratchDatabase } from "../lib/db/scratch-database";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migrate -- <name>   (lowercase letters, digits and _; e.g. add_cohort_invites)");
  process.exit(2);
}
const serverUrl = process.env.MIGRATE_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL;
if (!serverUrl) {
  console.error("MIGRATE_POSTGRES_URL is not set: a PostgreSQL server is needed to write the PostgreSQL migration.");
  console.error("e.g. MIGRATE_POSTGRES_URL=postgresql://postgres@localhost:5432/postgres npm run db:migrate -- " + name);
  process.exit(2);
}

writeFileSync(SCHEMA_FILES.postgresql, postgresSchemaFrom(readFileSync(SCHEMA_FILES.sqlite, "utf8")));

async function migrateOn(label: string, scratch: ScratchDatabase): Promise<void> {
  try {
    const created = await createMigration(scratch.target, name);
    console.log(created ? `${label}: wrote ${created.directory}` : `${label}: schema unchanged, no migration written`);
  } finally {
    await scratch.drop();
  }
}

await migrateOn("sqlite", scratchSqlite());
await migrateOn("postgresql", await scratchPostgres(serverUrl));
execFileSync(process.execPath, ["scripts/prisma-generate.mjs"], { cwd: REPO_ROOT, stdio: "inherit" });
