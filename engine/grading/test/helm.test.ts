import { describe, expect, it } from "vitest";
import { runScript } from "../../shell/script";
import { gradeChecks } from "../grader";
import { check, fullContext } from "./helpers";

/** Releases made by the simulated helm itself, so a change in how it stores them shows here. */
async function helm(ctx: ReturnType<typeof fullContext>, script: string): Promise<void> {
  const result = await runScript(ctx.env, { script, host: "controlplane", user: "root" });
  expect(result.exitCode, result.stderr).toBe(0);
}

describe("helm custom checks", () => {
  it("read the deployed revision, its values and the history as helm prints them", async () => {
    const ctx = fullContext();
    await helm(ctx, "helm repo add bitnami https://charts.bitnami.com/bitnami\nhelm install cache bitnami/redis -n cache --create-namespace --set architecture=replication --set replica.replicaCount=1");
    const release = (id: string, params: Record<string, unknown>) => check({ id, type: "custom", check: "helm-release", params: { namespace: "cache", name: "cache", ...params } });
    const checks = [
      release("deployed", {}),
      release("values", { values: { architecture: "replication", "replica.replicaCount": 1 } }),
      release("string-is-not-number", { values: { "replica.replicaCount": "1" } }),
      release("rolled-back", { revisions: 3, description: "Rollback to 1" }),
      check({ id: "other", type: "custom", check: "helm-release", params: { namespace: "cache", name: "other" } }),
    ];
    let grade = await gradeChecks(checks, ctx);
    expect(grade.checks.map((c) => c.passed)).toEqual([true, true, false, false, false]);
    expect(grade.checks[2].reason).toBe('the value replica.replicaCount of release "cache" in namespace "cache" is 1; expected "1" (helm get values)');
    expect(grade.checks[3].reason).toBe('release "cache" in namespace "cache" has 1 revision(s) in its history; expected 3');
    expect(grade.checks[4].reason).toBe('release "other" in namespace "cache" was not found (helm status: release: not found)');

    await helm(ctx, "helm -n cache upgrade cache bitnami/redis --reuse-values --set architecture=standalone\nhelm -n cache rollback cache 1");
    grade = await gradeChecks(checks, ctx);
    expect(grade.checks.map((c) => c.passed)).toEqual([true, true, false, true, false]);
  });

  it("helm-chart-version-file compares a file with the deployed chart's version", async () => {
    const ctx = fullContext();
    await helm(ctx, "helm repo add bitnami https://charts.bitnami.com/bitnami\nhelm install edge bitnami/nginx -n edge --create-namespace\nhelm -n edge list -o json | jq -r '.[0].chart' | sed 's/^nginx-//' > /opt/right.txt\necho 1.0.0 > /opt/wrong.txt");
    const file = (id: string, path: string) => check({ id, type: "custom", check: "helm-chart-version-file", params: { namespace: "edge", name: "edge", host: "controlplane", path } });
    const grade = await gradeChecks([file("right", "/opt/right.txt"), file("wrong", "/opt/wrong.txt"), file("missing", "/opt/none.txt")], ctx);
    expect(grade.checks.map((c) => c.passed)).toEqual([true, false, false]);
    expect(grade.checks[1].reason).toMatch(/^\/opt\/wrong\.txt on controlplane contains "1\.0\.0"; expected "\d+\.\d+\.\d+"$/);
    expect(grade.checks[2].reason).toBe("/opt/none.txt on controlplane does not exist");
  });
});
