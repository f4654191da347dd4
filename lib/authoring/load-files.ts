// A scenario written in the browser is the same set of files as a scenarios/ folder. To validate
// it exactly as `kubecoach scenarios validate` would, the files are written to a private scratch
// folder and read back with lib/scenarios' loader; issues point at `<slug>/<file>:line`.
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadScenario, type Scenario, type ValidationIssue } from "../scenarios";

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

/** Validates the files as a scenario folder named `slug`; the scenario when there are no issues. */
export function loadScenarioFiles(slug: string, files: ScenarioFiles): { scenario?: Scenario; issues: ValidationIssue[] } {
  const tooBig = SCENARIO_FILES.filter((n) => (files[n]?.length ?? 0) > MAX_FILE_BYTES);
  if (tooBig.length) return { issues: tooBig.map((n) => ({ file: `${slug}/${n}`, message: `is larger than ${MAX_FILE_BYTES / 1024} KiB` })) };
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(slug)) return { issues: [{ file: slug, message: "the scenario id must be lower-case letters, digits and dashes" }] };
  const root = mkdtempSync(path.join(os.tmpdir(), "kubecoach-authored-"));
  try {
    const dir = path.join(root, slug);
    mkdirSync(dir);
    for (const name of SCENARIO_FILES) {
      const text = files[name];
      // explanation.md is optional; an empty one means "none".
      if (text === undefined || (name === "explanation.md" && text.trim() === "")) continue;
      writeFileSync(path.join(dir, name), text);
    }
    return loadScenario(dir, slug);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
