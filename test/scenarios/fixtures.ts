import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Writes a scenarios/ tree into a temporary folder: { "cka/x/id/scenario.yaml": "…" }. */
export function writeTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "kubecoach-scenarios-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

export const GOOD_SCENARIO = {
  "scenario.yaml": `id: demo
version: 1
title: Run a pod
exam: CKA
domain: workloads-scheduling
topics: [pods]
difficulty: easy
minutes: 2
points: 3
lessons: [core-concepts]
`,
  "task.md": "Run a pod named `web` with image `nginx:1.27` in namespace `default`.\n",
  "setup.sh": "#!/bin/bash\nkubectl delete pod web --ignore-not-found\n",
  "checks.yaml": `checks:
  - id: exists
    points: 1
    description: Pod web exists
    hint: kubectl run
    type: exists
    resource: pods
    name: web
  - id: image
    points: 2
    description: Pod web runs nginx:1.27
    hint: --image
    type: field
    resource: pods
    name: web
    path: .spec.containers[0].image
    equals: nginx:1.27
`,
  "solution.sh": "kubectl run web --image=nginx:1.27\n",
  "explanation.md": "kubectl run creates a single pod.\n",
};

export function scenarioFiles(dir: string, overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, content] of Object.entries({ ...GOOD_SCENARIO, ...overrides })) if (content !== undefined) out[`${dir}/${name}`] = content;
  return out;
}
