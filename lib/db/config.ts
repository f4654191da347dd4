// Which database Kubecoach talks to, decided once from DATABASE_URL.
// Unset or a SQLite URL → the embedded SQLite file (default data/kubecoach.db);
// postgres:// or postgresql:// → PostgreSQL.
import { mkdirSync } from "node:fs";
import path from "node:path";

export type DatabaseTarget =
  | { provider: "sqlite"; file: string }
  | { provider: "postgresql"; url: string };

export const DEFAULT_SQLITE_FILE = "data/kubecoach.db";

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** Parses a DATABASE_URL (or its absence) into a target; relative SQLite paths are taken from `cwd`. */
export function resolveDatabaseTarget(url: string | undefined = process.env.DATABASE_URL, cwd = process.cwd()): DatabaseTarget {
  const value = url?.trim();
  if (!value) return { provider: "sqlite", file: path.resolve(cwd, DEFAULT_SQLITE_FILE) };
  if (isPostgresUrl(value)) return { provider: "postgresql", url: value };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !value.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a postgres:// URL or a SQLite file (file:path); got scheme of "${value.split(":")[0]}"`);
  }
  // Prisma's SQLite convention is file:./relative/path; a bare path works too.
  const file = value.replace(/^file:(\/\/)?/, "").replace(/\?.*$/, "");
  if (file === ":memory:") throw new Error("DATABASE_URL=file::memory: is not supported: data would vanish on restart");
  return { provider: "sqlite", file: path.resolve(cwd, file) };
}

/** Creates the folder of a SQLite file so a first start on a fresh clone just works. */
export function ensureSqliteDirectory(target: DatabaseTarget): void {
  if (target.provider === "sqlite") mkdirSync(path.dirname(target.file), { recursive: true });
}

/** A URL safe to print or log: the password of a PostgreSQL URL is masked. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.provider === "sqlite") return `sqlite ${path.relative(process.cwd(), target.file) || target.file}`;
  try {
    const u = new URL(target.url);
    if (u.password) u.password = "***";
    return `postgresql ${u.toString()}`;
  } catch {
    return "postgresql (unparseable URL)";
  }
}
