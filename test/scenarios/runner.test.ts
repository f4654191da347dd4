import { describe, expect, it } from "vitest";
import type { ScriptRunner } from "../../engine/grading/script-runner";
import { loadCatalogue } from "../../lib/scenarios/catalogue";
import { renameHosts } from "../../lib/scenarios/exam";
import { gradeAttempt, runAsLearner, startAttempt } from "../../lib/scenarios/run";
import { selfTestScenario } from "../../lib/scenarios/self-test";
import { scenarioFiles, writeTree } from "./fixtures";

/**
 * A stand-in for the shell that understands just the two scripts of the fixture scenario, so these
 * tests exercise the runner and self-test logic on their own (the real shell is tested elsewhere).
 */
const fixtureShell: ScriptRunner = async (env, script, options) => {
  const admin = env.cluster().admin;
  if (script.includes("kubectl run web --image=nginx:1.27")) {
    admin.create({ apiVersion: "v1", kind: "Pod", metadata: { name: "web", namespace: "default" }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } });
    return { exitCode: 0, stdout: "pod/web created\n", stderr: "" };
  }
  if (script.includes("kubectl run web --image=nginx:1.25")) {
    admin.create({ apiVersion: "v1", kind: "Pod", metadata: { name: "web", namespace: "default" }, spec: { containers: [{ name: "web", image: "nginx:1.25" }] } });
    return { exitCode: 0, stdout: "pod/web created\n", stderr: "" };
  }
  if (script.includes("--ignore-not-found")) return { exitCode: 0, stdout: "", stderr: "" };
  return { exitCode: 127, stdout: "", stderr: `${options.host}: command not understood by the test shell\n` };
};

function demo(overrides: Record<string, string | undefined> = {}) {
  const cat = loadCatalogue(writeTree(scenarioFiles("cka/x/demo", overrides)));
  expect(cat.issues).toEqual([]);
  return cat.scenarios.get("demo")!;
}

describe("running and grading a scenario", () => {
  it("grades setup alone low and setup + solution full, with partial credit between", async () => {
    const scenario = demo();
    const untouched = await gradeAttempt(await startAttempt(scenario, { runScript: fixtureShell }), { runScript: fixtureShell });
    expect([untouched.earned, untouched.total]).toEqual([0, 3]);
    expect(untouched.scenario).toBe("demo");
    expect(untouched.version).toBe(scenario.version);

    const attempt = await startAttempt(scenario, { runScript: fixtureShell });
    await runAsLearner(attempt, "kubectl run web --image=nginx:1.25\n", { runScript: fixtureShell });
    const partial = await gradeAttempt(attempt, { runScript: fixtureShell });
    expect(partial.checks.map((c) => [c.id, c.earned])).toEqual([
      ["exists", 1],
      ["image", 0],
    ]);
    expect(partial.checks[1].reason).toBe('.spec.containers[0].image of pods "web" in namespace "default" is "nginx:1.25"; expected it to equal "nginx:1.27"');
  });

  it("passes the self-test when setup fails a check and the solution earns everything", async () => {
    const result = await selfTestScenario(demo(), fixtureShell);
    expect(result).toMatchObject({ ok: true, setupScore: 0, solutionScore: 3, total: 3, problems: [] });
  });

  it("fails the self-test when setup already solves the task", async () => {
    const result = await selfTestScenario(demo({ "setup.sh": "kubectl run web --image=nginx:1.27\n" }), fixtureShell);
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toBe("setup alone already scores full marks: the task would be solved before the learner starts");
  });

  it("fails the self-test when the solution falls short, naming the failing check", async () => {
    const result = await selfTestScenario(demo({ "solution.sh": "kubectl run web --image=nginx:1.25\n" }), fixtureShell);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(['solution scores 1/3: image: .spec.containers[0].image of pods "web" in namespace "default" is "nginx:1.25"; expected it to equal "nginx:1.27"']);
  });

  it("fails the self-test with the setup's own error when setup breaks", async () => {
    const result = await selfTestScenario(demo({ "setup.sh": "frobnicate\n" }), fixtureShell);
    expect(result.problems).toEqual(['setup of scenario "demo" exited with 127:\ncontrolplane: command not understood by the test shell']);
  });

  it("reports a missing shell as an unavailable feature", async () => {
    const result = await selfTestScenario(demo(), async () => {
      const { FeatureUnavailableError } = await import("../../engine/grading/unavailable");
      throw new FeatureUnavailableError("the shell");
    });
    expect(result).toMatchObject({ ok: false, unavailable: ["the shell is not available in Kubecoach yet"] });
  });
});

describe("exam composition", () => {
  it("renames nodes as whole words, mirror pods included, and contexts by cluster", () => {
    const nodes = new Map([
      ["controlplane", "c2-controlplane"],
      ["node01", "c2-node1"],
    ]);
    const clusters = new Map([["kubernetes", "k8s-c2"]]);
    expect(renameHosts("ssh node01; kubectl -n kube-system get pod etcd-controlplane; echo node010 mynode01", nodes, clusters)).toBe(
      "ssh c2-node1; kubectl -n kube-system get pod etcd-c2-controlplane; echo node010 mynode01",
    );
    expect(renameHosts("kubectl config use-context kubernetes-admin@kubernetes", nodes, clusters)).toBe("kubectl config use-context kubernetes-admin@k8s-c2");
  });

  it("moves scenarios onto exam clusters and checks the real exam format", () => {
    const files: Record<string, string> = { ...scenarioFiles("cka/x/demo") };
    files["exams/mini.yaml"] = `id: mini
version: 1
title: Mini
exam: CKA
description: Too short to be a real exam.
minutes: 90
passPercent: 66
environment:
  workstation: terminal
  clusters:
    - name: k8s-c1
      nodes: [{ name: c1-cp, role: control-plane }, { name: c1-w1 }, { name: c1-w2 }]
tasks:
  - { scenario: demo, cluster: k8s-c1, weight: 40 }
  - { scenario: nothing, cluster: k8s-c1, weight: 60 }
`;
    const cat = loadCatalogue(writeTree(files));
    expect(cat.issues.map((i) => `${i.file}:${i.line ?? ""} ${i.field ?? ""} ${i.message}`)).toEqual(['scenarios/exams/mini.yaml:15 tasks[1].scenario no scenario "nothing" in the catalogue']);
    files["exams/mini.yaml"] = files["exams/mini.yaml"].replace("  - { scenario: nothing, cluster: k8s-c1, weight: 60 }\n", "");
    const cat2 = loadCatalogue(writeTree(files));
    expect(cat2.issues.map((i) => `${i.field}: ${i.message}`)).toEqual(["tasks: weights add up to 40, not 100", "tasks: has 1 tasks; the exam has 15 to 20", "minutes: is 90; the exam lasts 120"]);
    const task = cat2.exams.get("mini")!.tasks[0];
    expect(task).toMatchObject({ cluster: "k8s-c1", context: "kubernetes-admin@k8s-c1", homeHost: "c1-cp", nodes: ["c1-cp", "c1-w1", "c1-w2"] });
    expect(task.scenario.task.split("\n")[0]).toBe("> **Context:** run `kubectl config use-context kubernetes-admin@k8s-c1` before you start this task.");
    expect(task.scenario.checks.every((c) => c.cluster === "k8s-c1")).toBe(true);
  });
});
