// `npm run db:prepare`: apply migrations (and seed demo content where enabled) without starting
// the server — for deployments that migrate in a separate release step.
import { db, dbTarget } from "../lib/db";
import { prepareDatabase } from "../lib/db/prepare";

const result = await prepareDatabase(db, dbTarget);
console.log(`${result.description}: applied ${result.appliedMigrations.length} migration(s)${result.seeded ? ", seeded demo content" : ""}`);
await db.$disconnect();
