// The PostgreSQL schema is derived from the SQLite one, so the models are written once.
// Prisma bakes the provider into the generated client, hence two schema files and two clients.

const HEADER =
  "// GENERATED from prisma/schema.prisma by `npm run db:pg-schema` — do not edit; edit that file instead.\n";

export function postgresSchemaFrom(sqliteSchema: string): string {
  const providerLine = /(datasource\s+db\s*\{[^}]*?provider\s*=\s*)"sqlite"/;
  const outputLine = /(output\s*=\s*)"\.\.\/generated\/prisma"/;
  if (!providerLine.test(sqliteSchema)) throw new Error('prisma/schema.prisma: datasource provider "sqlite" not found');
  if (!outputLine.test(sqliteSchema)) throw new Error('prisma/schema.prisma: generator output "../generated/prisma" not found');
  const body = sqliteSchema
    .replace(providerLine, '$1"postgresql"')
    // prisma/postgres/ is one level deeper than prisma/.
    .replace(outputLine, '$1"../../generated/prisma-pg"');
  return HEADER + body;
}
