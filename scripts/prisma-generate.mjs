// Generates both Prisma clients (SQLite → generated/prisma, PostgreSQL → generated/prisma-pg).
// Plain Node so it can run right after `npm ci`, before anything else is compiled.
// PRISMA_SCHEMA_ENGINE_BINARY=/bin/false: `prisma generate` needs no schema engine, but the CLI
// otherwise tries to download the native one first and fails offline.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const prismaCli = path.join(path.dirname(createRequire(import.meta.url).resolve("prisma/package.json")), "build/index.js");

for (const schema of ["prisma/schema.prisma", "prisma/postgres/schema.prisma"]) {
  execFileSync(process.execPath, [prismaCli, "generate", "--schema", schema], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
}
console.log("generated Prisma clients: generated/prisma (sqlite), generated/prisma-pg (postgresql)");
