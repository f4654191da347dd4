import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Difficulty, Domain } from "./curriculum";

/**
 * `kubecoach scenarios new`: a scenario folder with every file in place and TODO(author) markers
 * where the author must write; validation fails until every marker is gone.
 */
export function scaffoldScenario(root: string, id: string, domain: Domain, difficulty: Difficulty): string {
  const dir = join(root, "cka", domain, id);
  if (existsSync(dir)) throw new Error(`${dir} already exists`);
  mkdirSync(dir, { recursive: true });
  const files: Record<string, string> = {
    "scenario.yaml": `id: ${id}
version: 1
title: TODO(author) a short imperative title
exam: CKA
domain: ${domain}
topics: [pods]
difficulty: ${difficulty}
minutes: 5
points: 2
tags: []
lessons: [core-concepts]
hints:
  - TODO(author) a nudge that does not give the answer away
`,
    "task.md": `TODO(author) What the learner must do, with every name, namespace and path they need.\n`,
    "setup.sh": `#!/bin/bash
# Runs as root on the home host before the learner starts. TODO(author)
set -e
kubectl create namespace ${id}
`,
    "checks.yaml": `checks:
  - id: pod-running
    points: 2
    description: TODO(author) what this check asserts, in the learner's words
    hint: TODO(author) where to look
    type: podReady
    namespace: ${id}
    name: web
`,
    "solution.sh": `#!/bin/bash
# The reference answer, as a learner would type it. TODO(author)
set -e
kubectl -n ${id} run web --image=nginx:1.27
`,
    "explanation.md": `TODO(author) Why the solution works, and the concept behind it.\n`,
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}
