// Driver adapter factories for the schema engine, with shims for three bugs in the 7.10.0
// adapters that only bite when the *schema engine* (not the query engine) drives them:
//  1. SQLite: the engine replays whole migration files through executeRaw(script, []);
//     better-sqlite3 refuses more than one statement per call. Argument-less executeRaw → exec.
//  2. PostgreSQL: adapter-pg rejects pg's internal "char" type (OID 18), which the schema
//     describer selects from pg_catalog. Reported as text (OID 25) instead.
//  3. PostgreSQL shadow database: adapter-pg builds it from the main connection string (so the
//     URL's database wins and the "shadow" is the real database) and drops it while its pool is
//     still open. Replaced with a shadow that is created, used and dropped in the right order.
// They are applied only inside the migration tool; the app's query path uses the adapters as is.
import { randomUUID } from "node:crypto";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery } from "@prisma/driver-adapter-utils";
import type { DatabaseTarget } from "../config";

const PG_INTERNAL_CHAR_OID = 18;
const PG_TEXT_OID = 25;

function runMultiStatementScriptsWhole(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query: SqlQuery) => {
    if (query.args.length > 0) return executeRaw(query);
    await adapter.executeScript(query.sql);
    return 0;
  };
  return adapter;
}

type PgQueryClient = { query: (...args: unknown[]) => Promise<{ fields?: { dataTypeID: number }[] }> };

function reportInternalCharAsText(client: PgQueryClient): void {
  const query = client.query.bind(client);
  client.query = async (...args: unknown[]) => {
    const result = await query(...args);
    for (const field of result?.fields ?? []) if (field.dataTypeID === PG_INTERNAL_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    return result;
  };
}

function withPgTypeShim(adapter: SqlDriverAdapter): SqlDriverAdapter {
  reportInternalCharAsText((adapter as unknown as { client: PgQueryClient }).client);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    const tx = await startTransaction(isolationLevel);
    reportInternalCharAsText((tx as unknown as { client: PgQueryClient }).client);
    return tx;
  };
  return adapter;
}

function sqliteFactory(file: string): SqlMigrationAwareDriverAdapterFactory {
  const inner = new PrismaBetterSqlite3({ url: file });
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => runMultiStatementScriptsWhole(await inner.connect()),
    connectToShadowDb: async () => runMultiStatementScriptsWhole(await inner.connectToShadowDb()),
  };
}

function pgFactory(url: string): SqlMigrationAwareDriverAdapterFactory {
  const inner = new PrismaPg({ connectionString: url });
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => withPgTypeShim(await inner.connect()),
    connectToShadowDb: async () => {
      const admin = await inner.connect();
      const name = `prisma_migrate_shadow_db_${randomUUID().replaceAll("-", "")}`;
      await admin.executeScript(`CREATE DATABASE "${name}"`);
      const shadowUrl = new URL(url);
      shadowUrl.pathname = `/${name}`;
      const shadow = withPgTypeShim(await new PrismaPg({ connectionString: shadowUrl.toString() }).connect());
      const disposeShadow = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        try {
          await disposeShadow();
          await admin.executeScript(`DROP DATABASE IF EXISTS "${name}"`);
        } finally {
          await admin.dispose();
        }
      };
      return shadow;
    },
  };
}

/**
 * The factory for `target`, plus `closeAll()`: the schema engine never disposes the connections
 * it opens, and an open SQLite connection would keep the app's own from switching to WAL.
 */
export function migrationAdapterFactory(target: DatabaseTarget): { factory: SqlMigrationAwareDriverAdapterFactory; closeAll(): Promise<void> } {
  const inner = target.provider === "sqlite" ? sqliteFactory(target.file) : pgFactory(target.url);
  const open = new Set<SqlDriverAdapter>();
  const track = async (connecting: Promise<SqlDriverAdapter>) => {
    const adapter = await connecting;
    open.add(adapter);
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      if (open.delete(adapter)) await dispose();
    };
    return adapter;
  };
  return {
    factory: { ...inner, connect: () => track(inner.connect()), connectToShadowDb: () => track(inner.connectToShadowDb()) },
    closeAll: async () => {
      await Promise.allSettled([...open].map((adapter) => adapter.dispose()));
    },
  };
}
