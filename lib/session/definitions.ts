// What an attempt plays: a built-in scenario or exam from scenarios/, or a scenario written in
// the browser (stored in the database, validated like a folder).
import type { Db } from "../db";
import { cleanFiles, loadScenarioFiles } from "../authoring/load-files";
import { catalogue } from "../scenarios";
import type { AttemptDefinition, AttemptRecord, DefinitionResolver } from "./types";

export class DefinitionMissingError extends Error {}

/** A scenario written in the browser, as stored (the files are validated where the session runs). */
export type AuthoredRow = { slug: string; files: unknown };

export function definitionResolver(db: Db): DefinitionResolver {
  return definitionResolverFrom((id) => db.authoredScenario.findUnique({ where: { id }, select: { slug: true, files: true } }).then((row) => row ?? undefined));
}

/** The resolver with the database read passed in (a worker thread asks the server thread for the row). */
export function definitionResolverFrom(authoredRow: (id: string) => Promise<AuthoredRow | undefined>): DefinitionResolver {
  return async (record: AttemptRecord): Promise<AttemptDefinition> => {
    if (record.ref.kind === "exam") {
      const exam = catalogue().exams.get(record.definitionId);
      if (!exam) throw new DefinitionMissingError(`the mock exam "${record.definitionId}" is no longer in the catalogue`);
      return { kind: "exam", exam };
    }
    if (record.authoredScenarioId) {
      const authored = await authoredRow(record.authoredScenarioId);
      if (!authored) throw new DefinitionMissingError(`the authored scenario of attempt ${record.ref.id} was deleted`);
      const loaded = loadScenarioFiles(authored.slug, cleanFiles(authored.files));
      if (!loaded.scenario) throw new DefinitionMissingError(`the authored scenario "${authored.slug}" does not validate: ${loaded.issues[0]?.message ?? "unknown problem"}`);
      return { kind: "scenario", scenario: loaded.scenario };
    }
    const scenario = catalogue().scenarios.get(record.definitionId);
    if (!scenario) throw new DefinitionMissingError(`the scenario "${record.definitionId}" is no longer in the catalogue`);
    return { kind: "scenario", scenario };
  };
}
