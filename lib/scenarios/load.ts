import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { parse as parseBash } from "just-bash";
import { z } from "zod";
import { checksFileSchema, type CheckSpec } from "../../engine/grading/schema";
import { assertValidPath } from "../../engine/grading/jsonpath";
import { CUSTOM_CHECKS } from "../../engine/grading/custom";
import { DEFAULT_ENVIRONMENT_DECL, hostNames } from "./environment";
import { YamlSource, type ValidationIssue } from "./issues";
import { scenarioMetaSchema, type EnvironmentDecl, type ScenarioMeta } from "./schema";

/** A scenario folder, parsed and checked: what the grader, the CLI and the app work from. */
export interface Scenario {
  id: string;
  /** Folder, relative to the repository (or catalogue) root. */
  dir: string;
  meta: ScenarioMeta;
  environment: EnvironmentDecl;
  task: string;
  setup: string;
  solution: string;
  checks: CheckSpec[];
  explanation?: string;
  /** `<author version>+<content hash>`: stored on attempts so a grade names what it graded. */
  version: string;
}

export const REQUIRED_FILES = ["scenario.yaml", "task.md", "setup.sh", "checks.yaml", "solution.sh"] as const;
const SCAFFOLD_MARKER = "TODO(author)";

function filesOf(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(full);
    }
  };
  walk(dir);
  return out;
}

export function contentHash(dir: string): string {
  const hash = createHash("sha256");
  for (const file of filesOf(dir)) {
    hash.update(relative(dir, file));
    hash.update("\0");
    hash.update(readFileSync(file));
    hash.update("\0");
  }
  return hash.digest("hex").slice(0, 12);
}

/** Syntax errors of a bash script, with the line the interpreter reports. */
export function scriptIssues(file: string, script: string): ValidationIssue[] {
  try {
    parseBash(script);
    return [];
  } catch (e) {
    const err = e as Error & { line?: number; column?: number };
    return [{ file, ...(err.line ? { line: err.line } : {}), ...(err.column ? { column: err.column } : {}), message: `not valid bash: ${err.message}` }];
  }
}

function markdownIssues(file: string, text: string): ValidationIssue[] {
  if (text.trim() === "") return [{ file, message: "is empty" }];
  const line = text.split("\n").findIndex((l) => l.includes(SCAFFOLD_MARKER));
  return line >= 0 ? [{ file, line: line + 1, message: `still has the scaffold's ${SCAFFOLD_MARKER} placeholder` }] : [];
}

/** Cross-field rules the schema cannot see: ids, totals, hosts, clusters, paths. */
function checkIssues(source: YamlSource, checks: CheckSpec[], meta: ScenarioMeta, environment: EnvironmentDecl): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const at = (index: number, field: string, message: string, key?: string) => {
    const pos = source.position(["checks", index], key ?? field.split(".").pop());
    issues.push({ file: source.file, ...(pos ? { line: pos.line, column: pos.column } : {}), field: `checks[${index}].${field}`, message });
  };
  const hosts = new Set(hostNames(environment));
  const clusters = new Set(environment.clusters.map((c) => c.name));
  const seen = new Set<string>();
  checks.forEach((check, i) => {
    if (seen.has(check.id)) at(i, "id", `"${check.id}" is used by another check`);
    seen.add(check.id);
    if (check.cluster && !clusters.has(check.cluster)) at(i, "cluster", `no cluster "${check.cluster}" in the environment (${[...clusters].join(", ")})`);
    const host = "host" in check ? check.host : undefined;
    if (host && !hosts.has(host)) at(i, "host", `no host "${host}" in the environment (${[...hosts].join(", ")})`);
    if (check.type === "reachable" && "host" in check.from && !hosts.has(check.from.host)) at(i, "from.host", `no host "${check.from.host}" in the environment`, "from");
    const paths: [string, string][] = [];
    if (check.type === "field") paths.push(["path", check.path]);
    if (check.type === "count" && check.where) paths.push(["where.path", check.where.path]);
    if (check.type === "file") (check.manifest?.fields ?? []).forEach((f, j) => paths.push([`manifest.fields[${j}].path`, f.path]));
    if (check.type === "file") (check.fields ?? []).forEach((f, j) => paths.push([`fields[${j}].path`, f.path]));
    for (const [field, path] of paths) {
      try {
        assertValidPath(path);
      } catch (e) {
        at(i, field, (e as Error).message);
      }
    }
    for (const [field, pattern] of regexesOf(check)) {
      try {
        new RegExp(pattern);
      } catch (e) {
        at(i, field, `is not a valid regular expression: ${(e as Error).message}`);
      }
    }
    if (check.type === "custom" && !CUSTOM_CHECKS.has(check.check)) at(i, "check", `no custom check named "${check.check}" (known: ${[...CUSTOM_CHECKS.keys()].join(", ")})`);
    if (check.type === "command") issues.push(...scriptIssues(`${source.file} (checks[${i}].run)`, check.run));
  });
  const total = checks.reduce((s, c) => s + c.points, 0);
  if (total !== meta.points) {
    issues.push({ file: source.file, field: "checks", message: `points add up to ${total}, but scenario.yaml says points: ${meta.points}` });
  }
  return issues;
}

function regexesOf(check: CheckSpec): [string, string][] {
  const out: [string, string][] = [];
  if (check.type === "file" && check.regex) out.push(["regex", check.regex]);
  if (check.type === "history") out.push(["command", check.command]);
  if (check.type === "command" || check.type === "program") {
    if (check.stdout?.matches) out.push(["stdout.matches", check.stdout.matches]);
    if (check.stderr?.matches) out.push(["stderr.matches", check.stderr.matches]);
  }
  return out;
}

function readText(dir: string, file: string, issues: ValidationIssue[], label: string): string | undefined {
  const full = join(dir, file);
  if (!existsSync(full)) {
    issues.push({ file: label, message: "is missing" });
    return undefined;
  }
  return readFileSync(full, "utf8");
}

function parseYamlFile<S extends z.ZodType>(schema: S, label: string, text: string, issues: ValidationIssue[]): { source: YamlSource; value?: z.infer<S> } {
  const source = new YamlSource(label, text);
  const syntax = source.syntaxIssues();
  if (syntax.length) {
    issues.push(...syntax);
    return { source };
  }
  const result = schema.safeParse(source.value ?? {});
  if (!result.success) {
    issues.push(...source.schemaIssues(result.error));
    return { source };
  }
  return { source, value: result.data };
}

/**
 * Reads and validates one scenario folder. `label` prefixes file names in issues (the folder as
 * the author sees it, e.g. `scenarios/cka/troubleshooting/kubelet-stopped`).
 */
export function loadScenario(dir: string, label = dir): { scenario?: Scenario; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const file = (name: string) => `${label}/${name}`;
  const texts = Object.fromEntries(REQUIRED_FILES.map((name) => [name, readText(dir, name, issues, file(name))])) as Record<(typeof REQUIRED_FILES)[number], string | undefined>;
  const explanationPath = join(dir, "explanation.md");
  const explanation = existsSync(explanationPath) ? readFileSync(explanationPath, "utf8") : undefined;

  const meta = texts["scenario.yaml"] !== undefined ? parseYamlFile(scenarioMetaSchema, file("scenario.yaml"), texts["scenario.yaml"], issues).value : undefined;
  if (meta && meta.id !== basename(dir)) issues.push({ file: file("scenario.yaml"), field: "id", message: `is "${meta.id}" but the folder is named "${basename(dir)}"`, ...new YamlSource(file("scenario.yaml"), texts["scenario.yaml"]!).position(["id"]) });
  const environment = meta?.environment ?? DEFAULT_ENVIRONMENT_DECL;

  let checks: CheckSpec[] | undefined;
  if (texts["checks.yaml"] !== undefined) {
    const parsed = parseYamlFile(checksFileSchema, file("checks.yaml"), texts["checks.yaml"], issues);
    checks = parsed.value?.checks;
    if (checks && meta) issues.push(...checkIssues(parsed.source, checks, meta, environment));
  }
  for (const name of ["setup.sh", "solution.sh"] as const) {
    const script = texts[name];
    if (script === undefined) continue;
    if (script.trim() === "") issues.push({ file: file(name), message: "is empty" });
    issues.push(...scriptIssues(file(name), script));
    const marker = script.split("\n").findIndex((l) => l.includes(SCAFFOLD_MARKER));
    if (marker >= 0) issues.push({ file: file(name), line: marker + 1, message: `still has the scaffold's ${SCAFFOLD_MARKER} placeholder` });
  }
  if (texts["task.md"] !== undefined) issues.push(...markdownIssues(file("task.md"), texts["task.md"]));
  if (explanation !== undefined) issues.push(...markdownIssues(file("explanation.md"), explanation));

  if (issues.length > 0 || !meta || !checks) return { issues };
  return {
    issues,
    scenario: {
      id: meta.id,
      dir: label,
      meta,
      environment,
      task: texts["task.md"]!,
      setup: texts["setup.sh"]!,
      solution: texts["solution.sh"]!,
      checks,
      ...(explanation !== undefined ? { explanation } : {}),
      version: `${meta.version}+${contentHash(dir)}`,
    },
  };
}
