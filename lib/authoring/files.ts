// The files of a scenario written in the browser, as the database keeps them. Plain data helpers
// only: pages and server actions import this without pulling in the scenario loader.
import { createHash } from "node:crypto";

/** The files an authored scenario may have, in the order the editor shows them. */
export const SCENARIO_FILES = ["scenario.yaml", "task.md", "setup.sh", "checks.yaml", "solution.sh", "explanation.md"] as const;
export type ScenarioFileName = (typeof SCENARIO_FILES)[number];
export type ScenarioFiles = Partial<Record<ScenarioFileName, string>>;

export const MAX_FILE_BYTES = 256 * 1024;

/** Keeps only known files with text content (what the database may hold). */
export function cleanFiles(value: unknown): ScenarioFiles {
  const files: ScenarioFiles = {};
  if (!value || typeof value !== "object") return files;
  for (const name of SCENARIO_FILES) {
    const text = (value as Record<string, unknown>)[name];
    if (typeof text === "string") files[name] = text;
  }
  return files;
}

export function filesHash(files: ScenarioFiles): string {
  const hash = createHash("sha256");
  for (const name of SCENARIO_FILES) hash.update(`${name}\0${files[name] ?? ""}\0`);
  return hash.digest("hex").slice(0, 16);
}
