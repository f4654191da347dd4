import { beforeAll, describe, expect, it } from "vitest";
import { KubectlBench } from "./harness";

/** kubectl delete -f: an object of the file the server cannot delete is reported with the file's name (cmdutil.AddSourceToErr). */
let k: KubectlBench;

beforeAll(() => {
  k = new KubectlBench();
  k.write("/root/cms.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: two\n");
}, 60_000);

describe("kubectl delete -f", () => {
  it("names the file in the server's error for each object it could not delete, and deletes the others", async () => {
    expect((await k.run("create configmap one")).code).toBe(0);
    const r = await k.run("delete -f cms.yaml");
    expect(r.stdout).toBe('configmap "one" deleted\n');
    expect(r.stderr).toBe('Error from server (NotFound): error when deleting "cms.yaml": configmaps "two" not found\n');
    expect(r.code).toBe(1);
  });

  it("says nothing about missing objects with --ignore-not-found", async () => {
    expect(await k.run("delete -f cms.yaml --ignore-not-found")).toEqual({ stdout: "", stderr: "", code: 0 });
  });

  it("keeps the plain NotFound text for a name given as an argument", async () => {
    expect((await k.run("delete configmap two")).stderr).toBe('Error from server (NotFound): configmaps "two" not found\n');
  });
});
