// Writes prisma/postgres/schema.prisma from prisma/schema.prisma. `--check` only verifies
// that the checked-in copy is current (CI runs the same comparison as a test).
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { postgresSchemaFrom } from "../lib/db/pg-schema";
import { SCHEMA_FILES } from "../lib/db/paths";

const expected = postgresSchemaFrom(readFileSync(SCHEMA_FILES.sqlite, "utf8"));
const current = existsSync(SCHEMA_FILES.postgresql) ? readFileSync(SCHEMA_FILES.postgresql, "utf8") : "";

if (process.argv.includes("--check")) {
  if (current !== expected) {
    console.error("prisma/postgres/schema.prisma is out of date: run `npm run db:pg-schema`");
    process.exit(1);
  }
  console.log("prisma/postgres/schema.prisma is up to date");
} else if (current !== expected) {
  mkdirSync(path.dirname(SCHEMA_FILES.postgresql), { recursive: true });
  writeFileSync(SCHEMA_FILES.postgresql, expected);
  console.log("wrote prisma/postgres/schema.prisma");
}
