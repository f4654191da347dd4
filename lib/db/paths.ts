// Where each provider's Prisma schema and migrations live, relative to the repository root.
import path from "node:path";
import { fileURLToPath } from "node:url";

export type Provider = "sqlite" | "postgresql";

/** The repository root, found from this file so scripts work from any working directory. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export const SCHEMA_FILES: Record<Provider, string> = {
  sqlite: path.join(REPO_ROOT, "prisma/schema.prisma"),
  postgresql: path.join(REPO_ROOT, "prisma/postgres/schema.prisma"),
};

export const MIGRATION_DIRS: Record<Provider, string> = {
  sqlite: path.join(REPO_ROOT, "prisma/migrations"),
  postgresql: path.join(REPO_ROOT, "prisma/postgres/migrations"),
};
