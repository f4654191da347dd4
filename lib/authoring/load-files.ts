// A scenario written in the browser is the same set of files as a scenarios/ folder. To validate
// it exactly as `kubecoach scenarios validate` would, the files are written to a private scratch
// folder and read back with lib/scenarios' loader; issues point at `<slug>/<file>:line`.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadScenario, scaffoldScenario, type Scenario, type ValidationIssue } from "../scenarios";
import { MAX_FILE_BYTES, SCENARIO_FILES, type ScenarioFiles } from "./files";

export { cleanFiles, filesHash, SCENARIO_FILES, type ScenarioFiles } from "./files";

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

/** A new scenario's files as `kubecoach scenarios new` writes them (the markers fail validation until replaced). */
export function scaffoldFiles(id: string): ScenarioFiles {
  const root = mkdtempSync(path.join(os.tmpdir(), "kubecoach-scaffold-"));
  try {
    const dir = scaffoldScenario(root, id, "workloads-scheduling", "easy");
    return Object.fromEntries(SCENARIO_FILES.map((name) => [name, readFileSync(path.join(dir, name), "utf8")]));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
