import { describe, expect, it } from "vitest";
import { gradeChecks } from "../grader";
import { check, fullContext } from "./helpers";

const PROBE = "apiVersion: ops.example.com/v1\nkind: Backup\nmetadata:\n  name: probe\nspec:\n  schedule: x\n  retentionDays: 0\n";

function crd(minimum?: number) {
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: "backups.ops.example.com" },
    spec: {
      group: "ops.example.com",
      scope: "Namespaced",
      names: { plural: "backups", singular: "backup", kind: "Backup" },
      versions: [
        {
          name: "v1",
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: "object",
              properties: { spec: { type: "object", properties: { schedule: { type: "string" }, retentionDays: { type: "integer", ...(minimum ? { minimum } : {}) } } } },
            },
          },
        },
      ],
    },
  };
}

const rejects = check({ type: "custom", check: "server-rejects", params: { manifest: PROBE } });

describe("server-rejects", () => {
  it("passes when the server refuses the object or does not serve its kind, fails when it takes it", async () => {
    const ctx = fullContext();
    const admin = ctx.env.cluster().admin;
    expect((await gradeChecks([rejects], ctx)).checks[0].passed).toBe(true);
    admin.create(crd());
    ctx.env.advanceBy(2000);
    const accepted = await gradeChecks([rejects], ctx);
    expect(accepted.checks[0].passed).toBe(false);
    expect(accepted.checks[0].reason).toBe('the API server accepts the Backup "probe" (server-side dry run); it should refuse it');
    expect(admin.list("ops.example.com", "backups", "default")).toEqual([]);
  });

  it("asks about an update, as apply would, when the object already exists", async () => {
    const ctx = fullContext();
    const admin = ctx.env.cluster().admin;
    admin.create(crd());
    ctx.env.advanceBy(2000);
    admin.create({ apiVersion: "ops.example.com/v1", kind: "Backup", metadata: { name: "probe", namespace: "default" }, spec: { schedule: "y", retentionDays: 3 } });
    expect((await gradeChecks([rejects], ctx)).checks[0].passed).toBe(false);
    const stored = admin.get("ops.example.com", "backups", "default", "probe")!;
    expect((stored.spec as { retentionDays: number }).retentionDays).toBe(3);
    admin.update({ ...crd(1), metadata: { ...admin.get("apiextensions.k8s.io", "customresourcedefinitions", undefined, "backups.ops.example.com")!.metadata } });
    ctx.env.advanceBy(2000);
    expect((await gradeChecks([rejects], ctx)).checks[0].passed).toBe(true);
  });

  it("with a reason, fails a kind that is not served and a refusal for another reason", async () => {
    const invalid = check({ type: "custom", check: "server-rejects", params: { manifest: PROBE, reason: "Invalid" } });
    const ctx = fullContext();
    const admin = ctx.env.cluster().admin;
    const unserved = (await gradeChecks([invalid], ctx)).checks[0];
    expect(unserved.passed).toBe(false);
    expect(unserved.reason).toBe('the API server does not serve Backup in ops.example.com/v1; it should serve it and refuse the Backup "probe" as Invalid');
    admin.create(crd(1));
    ctx.env.advanceBy(2000);
    expect((await gradeChecks([invalid], ctx)).checks[0].passed).toBe(true);
    const forbidden = check({ type: "custom", check: "server-rejects", params: { manifest: PROBE, reason: "Forbidden" } });
    const other = (await gradeChecks([forbidden], ctx)).checks[0];
    expect(other.passed).toBe(false);
    expect(other.reason).toMatch(/^the API server refuses the Backup "probe" as Invalid \(.*retentionDays.*\); it should refuse it as Forbidden$/);
  });
});
