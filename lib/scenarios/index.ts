/**
 * Scenarios, mock exams and lessons for the app and the CLI: loading and validating the catalogue,
 * building environments, running setup and solutions, grading, self-tests and imports.
 * No Next.js or React here.
 */
import type { Environment } from "../../engine/cluster/environment";
import { catalogue, scenarioById } from "./catalogue";
import { environmentForScenario, startExam, type RunOptions } from "./run";

export * from "./catalogue";
export * from "./curriculum";
export * from "./environment";
export * from "./exam";
export * from "./issues";
export * from "./known-gaps";
export * from "./lesson";
export * from "./load";
export * from "./run";
export * from "./scaffold";
export * from "./schema";
export * from "./self-test";
export * from "./summary";
export * from "./killercoda";
export { defaultScriptRunner } from "./shell";

/**
 * The environment `kubecoach serve --scenario ID` and `kubecoach shell --scenario ID` open: the
 * scenario's clusters with its setup done (an exam id gives the whole exam's environment).
 */
export async function createScenarioEnvironment(id: string, options: RunOptions = {}): Promise<Environment> {
  const cat = catalogue();
  const exam = cat.exams.get(id);
  if (exam) return (await startExam(exam, options)).env;
  return environmentForScenario(scenarioById(id, cat), options);
}
