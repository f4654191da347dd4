import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { z } from "zod";
import type { Difficulty, Domain, LessonSection } from "./curriculum";

/**
 * Imports a Killercoda (formerly Katacoda) scenario folder into Kubecoach's format.
 *
 * Killercoda: index.json with intro, steps and finish (Markdown text, optional background and
 * foreground scripts, a `verify` script per step that exits 0 on success) and assets copied to
 * hosts. Kubecoach: one graded scenario. Step texts become task.md; assets and background scripts
 * become setup.sh; each step's verify script becomes a `command` check run in the simulated shell;
 * `stepN/solution.sh` files (a convention Katacoda asked authors to keep for testing) become
 * solution.sh. Foreground scripts only keep the learner's terminal busy while a background script
 * runs, which setup makes unnecessary, so they are left out.
 */
const scriptRef = z.string().optional();
const page = z.object({ title: z.string().optional(), text: z.string().optional(), background: scriptRef, foreground: scriptRef }).loose();
const indexSchema = z
  .object({
    title: z.string().min(1),
    description: z.string().optional(),
    details: z
      .object({
        intro: page.optional(),
        steps: z.array(page.extend({ title: z.string().min(1), verify: scriptRef })).min(1),
        finish: page.optional(),
        assets: z.record(z.string(), z.array(z.object({ file: z.string(), target: z.string(), chmod: z.string().optional() }).loose())).optional(),
      })
      .loose(),
    backend: z.object({ imageid: z.string() }).loose().optional(),
  })
  .loose();

export interface ImportOptions {
  id?: string;
  domain: Domain;
  difficulty: Difficulty;
  lessons: LessonSection[];
  minutes?: number;
}

export interface ImportResult {
  id: string;
  dir: string;
  files: Record<string, string>;
  notes: string[];
}

const HOSTS: Record<string, string> = { host01: "controlplane", host02: "node01", host03: "node02" };

const ENVIRONMENTS: Record<string, string> = {
  "kubernetes-kubeadm-1node": "  clusters:\n    - name: kubernetes\n      nodes:\n        - { name: controlplane, role: control-plane }\n",
  "kubernetes-kubeadm-2nodes": "  clusters:\n    - name: kubernetes\n      nodes:\n        - { name: controlplane, role: control-plane }\n        - { name: node01 }\n",
};

/** Killercoda's click-to-run and copy markers do not belong in a plain task text. */
export function plainMarkdown(text: string): string {
  return text.replace(/\{\{(exec(?: interrupt)?|copy|execute|open)\}\}/g, "").replace(/\{\{\s*\}\}/g, "").replace(/\n{3,}/g, "\n\n").trim();
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
}

function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*" && glob[i + 1] === "*") {
      re += ".*";
      i++;
      if (glob[i + 1] === "/") i++;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
}

/** A heredoc delimiter that the content does not contain. */
function delimiter(content: string): string {
  let d = "KUBECOACH_ASSET";
  while (content.includes(d)) d += "_";
  return d;
}

export function importKillercoda(source: string, outRoot: string, options: ImportOptions): ImportResult {
  const indexPath = join(source, "index.json");
  if (!existsSync(indexPath)) throw new Error(`${indexPath} does not exist: not a Killercoda scenario folder`);
  const parsed = indexSchema.safeParse(JSON.parse(readFileSync(indexPath, "utf8")));
  if (!parsed.success) throw new Error(`${indexPath}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const index = parsed.data;
  const notes: string[] = [];
  const read = (ref: string | undefined): string | undefined => {
    if (!ref) return undefined;
    const path = join(source, ref);
    if (!existsSync(path)) throw new Error(`${relative(source, path)} is referenced by index.json but does not exist`);
    return readFileSync(path, "utf8");
  };
  const id = options.id ?? slug(basename(source));
  const image = index.backend?.imageid ?? "kubernetes-kubeadm-2nodes";
  const environment = ENVIRONMENTS[image];
  if (!environment) notes.push(`backend image "${image}" has no Kubecoach equivalent; the default lab (controlplane, node01, node02) is used`);

  const { intro, steps, finish, assets } = index.details;
  const task = [`# ${index.title}`, plainMarkdown(read(intro?.text) ?? index.description ?? "")]
    .concat(steps.map((s, i) => `## Step ${i + 1}: ${s.title}\n\n${plainMarkdown(read(s.text) ?? "")}`))
    .filter((p) => p.trim() !== "")
    .join("\n\n");

  const setup: string[] = ["#!/bin/bash", `# Imported from the Killercoda scenario "${index.title}": assets, then background scripts in order.`];
  for (const [hostKey, list] of Object.entries(assets ?? {})) {
    const host = HOSTS[hostKey];
    if (!host) {
      notes.push(`assets for ${hostKey} were skipped: Kubecoach maps host01..host03 only`);
      continue;
    }
    const files = walk(join(source, "assets")).map((f) => relative(join(source, "assets"), f));
    for (const asset of list) {
      const pattern = globToRegExp(asset.file);
      const matched = files.filter((f) => pattern.test(f));
      if (matched.length === 0) notes.push(`asset pattern "${asset.file}" matched no file under assets/`);
      for (const file of matched) {
        const content = readFileSync(join(source, "assets", file), "utf8");
        const target = join(asset.target, asset.file.includes("*") ? file : basename(file));
        const d = delimiter(content);
        const lines = [`mkdir -p ${dirname(target)}`, `cat > ${target} <<'${d}'`, content.replace(/\n$/, ""), d];
        if (asset.chmod) lines.push(`chmod ${asset.chmod} ${target}`);
        if (host === "controlplane") setup.push(...lines);
        else setup.push(`ssh ${host} <<'KUBECOACH_SSH'`, ...lines, "KUBECOACH_SSH");
      }
    }
  }
  for (const [label, script] of [["intro", read(intro?.background)] as const, ...steps.map((s, i) => [`step ${i + 1}`, read(s.background)] as const)]) {
    if (script) setup.push(`# background script of the ${label}`, script.replace(/^#!.*\n/, "").trim());
  }
  if ([intro, ...steps, finish].some((p) => p?.foreground)) notes.push("foreground scripts were left out: setup finishes before the learner starts");

  const checks: string[] = ["checks:"];
  const solution: string[] = ["#!/bin/bash"];
  steps.forEach((step, i) => {
    const verify = read(step.verify);
    if (!verify) {
      notes.push(`step ${i + 1} has no verify script, so it is not graded`);
      return;
    }
    checks.push(
      `  - id: step-${i + 1}`,
      "    points: 1",
      `    description: ${JSON.stringify(`Step ${i + 1}: ${step.title}`)}`,
      `    hint: ${JSON.stringify(`Re-read step ${i + 1} ("${step.title}") and check your result with kubectl.`)}`,
      "    type: command",
      "    run: |",
      ...verify.replace(/^#!.*\n/, "").trimEnd().split("\n").map((l) => (l === "" ? "" : `      ${l}`)),
    );
    const stepDir = step.verify ? dirname(join(source, step.verify)) : join(source, `step${i + 1}`);
    const stepSolution = join(stepDir, "solution.sh");
    if (existsSync(stepSolution)) solution.push(`# step ${i + 1}: ${step.title}`, readFileSync(stepSolution, "utf8").replace(/^#!.*\n/, "").trim());
    else notes.push(`step ${i + 1} has no solution.sh next to its verify script; solution.sh will not pass until one is written`);
  });
  if (solution.length === 1) solution.push("echo 'no reference solution was imported' >&2", "exit 1");
  const points = checks.filter((l) => l.startsWith("  - id:")).length;
  if (points === 0) throw new Error("no step has a verify script: nothing to grade");

  const yaml = [
    `id: ${id}`,
    "version: 1",
    `title: ${JSON.stringify(index.title)}`,
    "exam: CKA",
    `domain: ${options.domain}`,
    "topics: [killercoda-import]",
    `difficulty: ${options.difficulty}`,
    `minutes: ${options.minutes ?? Math.max(3, steps.length * 3)}`,
    `points: ${points}`,
    "tags: [imported]",
    `lessons: [${options.lessons.join(", ")}]`,
    ...(environment ? ["environment:", environment.trimEnd()] : []),
  ].join("\n");
  const explanation = [plainMarkdown(read(finish?.text) ?? ""), `Imported from the Killercoda scenario "${index.title}"; each step's verify script is graded as a command check in the simulated shell.`]
    .filter((p) => p !== "")
    .join("\n\n");

  const files: Record<string, string> = {
    "scenario.yaml": yaml + "\n",
    "task.md": task + "\n",
    "setup.sh": setup.join("\n") + "\n",
    "checks.yaml": checks.join("\n") + "\n",
    "solution.sh": solution.join("\n") + "\n",
    "explanation.md": explanation + "\n",
  };
  const dir = join(outRoot, "cka", options.domain, id);
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return { id, dir, files, notes };
}
