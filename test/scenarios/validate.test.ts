import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../../lib/scenarios/catalogue";
import { formatIssue } from "../../lib/scenarios/issues";
import { scenarioFiles, writeTree } from "./fixtures";

function problems(files: Record<string, string>): string[] {
  return loadCatalogue(writeTree(files)).issues.map(formatIssue);
}

describe("scenario validation", () => {
  it("accepts a complete scenario and versions it with a content hash", () => {
    const cat = loadCatalogue(writeTree(scenarioFiles("cka/workloads-scheduling/demo")));
    expect(cat.issues).toEqual([]);
    const demo = cat.scenarios.get("demo")!;
    expect(demo.version).toMatch(/^1\+[0-9a-f]{12}$/);
    expect(demo.environment.clusters[0].nodes.map((n) => n.name)).toEqual(["controlplane", "node01", "node02"]);
    expect(demo.meta.timing).toEqual({ afterSetup: 30, beforeGrading: 30 });
  });

  it("changes the version hash when any file changes", () => {
    const a = loadCatalogue(writeTree(scenarioFiles("cka/x/demo"))).scenarios.get("demo")!.version;
    const b = loadCatalogue(writeTree(scenarioFiles("cka/x/demo", { "task.md": "Run a pod named `web`, image nginx:1.27.\n" }))).scenarios.get("demo")!.version;
    expect(a).not.toBe(b);
  });

  it("points at the line and field of schema errors in scenario.yaml", () => {
    const yaml = `id: demo
version: 1
title: Run a pod
exam: CKA
domain: workloads
topics: [pods]
difficulty: impossible
minutes: 2
points: 3
lessons: [core-concepts]
colour: blue
`;
    expect(problems(scenarioFiles("cka/x/demo", { "scenario.yaml": yaml }))).toEqual([
      'scenarios/cka/x/demo/scenario.yaml:5:9: domain: Invalid option: expected one of "troubleshooting"|"cluster-architecture"|"services-networking"|"workloads-scheduling"|"storage"',
      'scenarios/cka/x/demo/scenario.yaml:7:13: difficulty: Invalid option: expected one of "easy"|"medium"|"hard"',
      "scenarios/cka/x/demo/scenario.yaml:11:1: colour: is not a known field here",
    ]);
  });

  it("reports YAML syntax errors with their position", () => {
    const out = problems(scenarioFiles("cka/x/demo", { "checks.yaml": "checks:\n  - id: a\n   points: [1\n" }));
    expect(out.length).toBeGreaterThan(0);
    expect(out[0]).toMatch(/^scenarios\/cka\/x\/demo\/checks\.yaml:\d+:\d+: /);
  });

  it("explains check errors: unknown type, operators, paths, ids, totals, hosts", () => {
    const checks = `checks:
  - id: a
    points: 1
    description: d
    hint: h
    type: exist
    resource: pods
    name: web
  - id: b
    points: 1
    description: d
    hint: h
    type: field
    resource: pods
    name: web
    path: .spec[?(@.x==]
    equals: 1
  - id: b
    points: 1
    description: d
    hint: h
    type: field
    resource: pods
    name: web
    path: .spec.x
    equals: 1
    matches: x
  - id: c
    points: 1
    description: d
    hint: h
    type: file
    host: node07
    path: /etc/x
    exists: true
`;
    expect(problems(scenarioFiles("cka/x/demo", { "checks.yaml": checks }))).toEqual([
      "scenarios/cka/x/demo/checks.yaml:6:11: checks[0].type: unknown check type; use one of: exists, absent, field, count, podReady, file, command, reachable, audit, history, untouchedOutside, custom, access, program",
      "scenarios/cka/x/demo/checks.yaml:18:5: checks[2]: has several operators (equals, matches); use one per check",
    ]);
    const valid = checks.replace("type: exist\n", "type: exists\n").replace("    matches: x\n", "");
    expect(problems(scenarioFiles("cka/x/demo", { "checks.yaml": valid }))).toEqual([
      expect.stringMatching(/^scenarios\/cka\/x\/demo\/checks\.yaml:16:5: checks\[1\]\.path: invalid JSONPath "\.spec\[\?\(@\.x==\]"/),
      'scenarios/cka/x/demo/checks.yaml:18:5: checks[2].id: "b" is used by another check',
      'scenarios/cka/x/demo/checks.yaml:32:5: checks[3].host: no host "node07" in the environment (controlplane, node01, node02)',
      "scenarios/cka/x/demo/checks.yaml: checks: points add up to 4, but scenario.yaml says points: 3",
    ]);
  });

  it("reports missing files, bash syntax errors, folder/id mismatches and scaffold markers", () => {
    expect(
      problems({
        ...scenarioFiles("cka/x/other", { "solution.sh": undefined, "setup.sh": "if true; then\n  echo x\n", "task.md": "TODO(author) write me\n" }),
      }),
    ).toEqual([
      "scenarios/cka/x/other/solution.sh: is missing",
      'scenarios/cka/x/other/scenario.yaml:1:5: id: is "demo" but the folder is named "other"',
      "scenarios/cka/x/other/setup.sh:3:1: not valid bash: Parse error at 3:1: Expected FI, got EOF",
      "scenarios/cka/x/other/task.md:1: still has the scaffold's TODO(author) placeholder",
    ]);
  });

  it("finds scenario folders that lost their scenario.yaml and duplicate ids", () => {
    expect(problems({ ...scenarioFiles("cka/a/demo"), ...scenarioFiles("cka/b/demo"), "cka/c/lost/checks.yaml": "checks: []\n" })).toEqual([
      "scenarios/cka/c/lost/scenario.yaml: is missing (the folder has other scenario files)",
      'scenarios/cka/b/demo/scenario.yaml: id: "demo" is also the id of scenarios/cka/a/demo',
    ]);
  });
});
