import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkDrift, deployMigrations } from "./migrate";
import { MIGRATION_DIRS, SCHEMA_FILES } from "./paths";
import { postgresSchemaFrom } from "./pg-schema";
import { scratchPostgres, scratchSqlite, type ScratchDatabase } from "./scratch-database";
import { noteSkippedPostgres, TEST_POSTGRES_URL } from "./test-databases";

noteSkippedPostgres();

describe("schema files", () => {
  it("prisma/postgres/schema.prisma is generated from prisma/schema.prisma (run `npm run db:pg-schema`)", () => {
    const expected = postgresSchemaFrom(readFileSync(SCHEMA_FILES.sqlite, "utf8"));
    expect(readFileSync(SCHEMA_FILES.postgresql, "utf8")).toBe(expected);
  });
});

const providers = [
  { name: "sqlite", open: async () => scratchSqlite() },
  { name: "postgresql", open: async () => scratchPostgres(TEST_POSTGRES_URL!), skip: !TEST_POSTGRES_URL },
];

for (const provider of providers) {
  describe.skipIf(provider.skip)(`${provider.name} migrations`, () => {
    let scratch: ScratchDatabase;
    beforeAll(async () => {
      scratch = await provider.open();
    });
    afterAll(async () => scratch?.drop());

    it("match schema.prisma exactly (run `npm run db:migrate -- <name>` after editing the schema)", async () => {
      const drift = await checkDrift(scratch.target);
      expect(drift.missingSql, "SQL the migrations are missing").toBe("");
      expect(drift.inSync).toBe(true);
    });

    it("a schema edit without a migration is reported as drift, with the SQL that is missing", async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), "kubecoach-drift-"));
      try {
        const provider = scratch.target.provider;
        const edited = readFileSync(SCHEMA_FILES[provider], "utf8").replace(/(model Cohort \{\n)/, "$1  colour String?\n");
        const schemaFile = path.join(dir, "schema.prisma");
        writeFileSync(schemaFile, edited);
        const drift = await checkDrift(scratch.target, { schemaFile, migrationsDir: MIGRATION_DIRS[provider] });
        expect(drift.inSync).toBe(false);
        expect(drift.missingSql).toMatch(/colour/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("apply to an empty database, then have nothing left to apply", async () => {
      const first = await deployMigrations(scratch.target);
      expect(first.length).toBeGreaterThan(0);
      expect(first[0]).toMatch(/^\d{14}_init$/);
      expect(await deployMigrations(scratch.target)).toEqual([]);
    });
  });
}
