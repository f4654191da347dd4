// The one typed database client. Import `db` from here everywhere on the server.
// SQLite (embedded, default) or PostgreSQL, chosen by DATABASE_URL (see lib/db/config.ts).
// Prisma bakes the provider into its generated client, so there are two generated clients with
// identical model APIs; the PostgreSQL one is typed as the SQLite one so callers see one `Db`.
// Compare Prisma errors by `code` (e.g. "P2002"), not `instanceof`: the Next.js bundle and the
// custom server each load their own copy of this module.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "../generated/prisma-pg/client";
import { ensureSqliteDirectory, resolveDatabaseTarget, type DatabaseTarget } from "./db/config";

export type Db = PrismaClient;
export type { DatabaseTarget } from "./db/config";
export * from "../generated/prisma/enums";
export type * from "../generated/prisma/models";

export function createDbClient(target: DatabaseTarget): Db {
  if (target.provider === "postgresql") {
    return new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: target.url }) }) as unknown as Db;
  }
  ensureSqliteDirectory(target);
  return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: target.file }) });
}

export const dbTarget: DatabaseTarget = resolveDatabaseTarget();

// In development Next.js re-evaluates modules on every edit; reuse one client instead of
// opening a new connection each time.
const cache = globalThis as typeof globalThis & { __kubecoachDb?: Db };
export const db: Db = cache.__kubecoachDb ?? createDbClient(dbTarget);
if (process.env.NODE_ENV !== "production") cache.__kubecoachDb = db;

/** True for Prisma's "unique constraint failed" error. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
export type { Prisma } from "../generated/prisma/client";
