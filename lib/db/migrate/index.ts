// Migrations without the native Prisma engine: deploy, drift check and create, for SQLite and
// PostgreSQL, driven through the wasm schema engine (see wasm-engine.ts for why).
import { readFileSync } from "node:fs";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm";
import { ensureSqliteDirectory, type DatabaseTarget } from "../config";
import { MIGRATION_DIRS, SCHEMA_FILES, type Provider } from "../paths";
import { migrationAdapterFactory } from "./adapter-shims";
import { readMigrationsList, writeMigration } from "./migrations-dir";
import { openSchemaEngine } from "./wasm-engine";

const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

export type MigrationPaths = { schemaFile: string; migrationsDir: string };

function defaultPaths(provider: Provider): MigrationPaths {
  return { schemaFile: SCHEMA_FILES[provider], migrationsDir: MIGRATION_DIRS[provider] };
}

/** Runs `work` with a schema engine connected to `target`, turning "External error id#N" into the real cause. */
async function withEngine<T>(target: DatabaseTarget, paths: MigrationPaths, work: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  ensureSqliteDirectory(target);
  const connections = migrationAdapterFactory(target);
  const factory = bindMigrationAwareSqlAdapterFactory(connections.factory);
  const schema = { path: paths.schemaFile, content: readFileSync(paths.schemaFile, "utf8") };
  let engine: SchemaEngine | undefined;
  try {
    engine = await openSchemaEngine(schema, factory);
    return await work(engine);
  } catch (error) {
    throw explainEngineError(error, factory.errorRegistry);
  } finally {
    engine?.free();
    await connections.closeAll();
  }
}

function explainEngineError(error: unknown, registry: { consumeError(id: number): { error: unknown } | undefined }): Error {
  const message = error instanceof Error ? error.message : String(error);
  const id = /External error id#(\d+)/.exec(message)?.[1];
  const cause = id ? registry.consumeError(Number(id))?.error : undefined;
  const detail = cause ? `: ${JSON.stringify(cause)}` : "";
  return new Error(`Prisma schema engine: ${message}${detail}`, { cause: error });
}

/** Applies pending migrations (like `prisma migrate deploy`); returns the names it applied. */
export async function deployMigrations(target: DatabaseTarget, paths = defaultPaths(target.provider)): Promise<string[]> {
  return withEngine(target, paths, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList: readMigrationsList(paths.migrationsDir), filters: NO_FILTERS });
    return out.appliedMigrationNames;
  });
}

export type DriftReport = { inSync: boolean; missingSql: string };

/**
 * Compares the schema the migrations produce (replayed on a shadow database) with schema.prisma.
 * `inSync: false` means someone edited the schema without writing a migration (or the reverse).
 */
export async function checkDrift(target: DatabaseTarget, paths = defaultPaths(target.provider)): Promise<DriftReport> {
  return withEngine(target, paths, async (engine) => {
    const result = await engine.diff({
      from: { tag: "migrations", ...readMigrationsList(paths.migrationsDir) },
      to: { tag: "schemaDatamodel", files: [{ path: paths.schemaFile, content: readFileSync(paths.schemaFile, "utf8") }] },
      script: true,
      exitCode: true,
      filters: NO_FILTERS,
    });
    // In sync, the engine still prints a "-- This is an empty migration." comment.
    const inSync = result.exitCode === 0;
    return { inSync, missingSql: inSync ? "" : (result.stdout ?? "") };
  });
}

/**
 * Writes a new migration for the difference between the migrations and schema.prisma (like
 * `prisma migrate dev --name`), then applies it to `target`. Returns null when nothing changed.
 */
export async function createMigration(
  target: DatabaseTarget,
  name: string,
  paths = defaultPaths(target.provider),
): Promise<{ directory: string; sql: string } | null> {
  return withEngine(target, paths, async (engine) => {
    const filters = NO_FILTERS;
    // A fresh database has no _prisma_migrations table yet; devDiagnostic needs one.
    await engine.applyMigrations({ migrationsList: readMigrationsList(paths.migrationsDir), filters });
    const diagnostic = await engine.devDiagnostic({ migrationsList: readMigrationsList(paths.migrationsDir), filters });
    if (diagnostic.action.tag !== "createMigration") {
      throw new Error(`the development database needs a reset before a migration can be created: ${JSON.stringify(diagnostic.action)}`);
    }
    const created = await engine.createMigration({
      draft: false,
      migrationName: name,
      migrationsList: readMigrationsList(paths.migrationsDir),
      schema: { files: [{ path: paths.schemaFile, content: readFileSync(paths.schemaFile, "utf8") }] },
      filters,
    });
    if (created.migrationScript === null) return null;
    const directory = writeMigration(paths.migrationsDir, target.provider, created.generatedMigrationName, created.migrationScript);
    await engine.applyMigrations({ migrationsList: readMigrationsList(paths.migrationsDir), filters });
    return { directory, sql: created.migrationScript };
  });
}
