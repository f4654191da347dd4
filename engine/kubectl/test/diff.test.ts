import { beforeAll, describe, expect, it } from "vitest";
import { KubectlBench } from "./harness";

/** kubectl diff: server-side dry runs compared as `diff -u -N` of the LIVE and MERGED YAML, texts as kubectl v1.33 prints them. */
let k: KubectlBench;

const header = (name: string) =>
  new RegExp(`^diff -u -N /tmp/LIVE-\\d+/${name.replace(/\./g, "\\.")} /tmp/MERGED-\\d+/${name.replace(/\./g, "\\.")}\\n--- /tmp/LIVE-\\d+/${name.replace(/\./g, "\\.")}\\t\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{9} \\+0000\\n\\+\\+\\+ /tmp/MERGED-\\d+/`);

beforeAll(async () => {
  k = new KubectlBench();
  k.write("/root/settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: dev\n");
  k.write("/root/settings-prod.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: prod\n");
  await k.run("apply -f /root/settings.yaml");
});

describe("kubectl diff", () => {
  it("exits 0 and prints nothing when applying would change nothing", async () => {
    expect(await k.run("diff -f /root/settings.yaml")).toEqual({ stdout: "", stderr: "", code: 0 });
  });

  it("prints a unified diff of the live and merged objects and exits 1", async () => {
    const r = await k.run("diff -f /root/settings-prod.yaml");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(header("v1.ConfigMap.default.settings"));
    expect(r.stdout).toContain("@@ -1,6 +1,6 @@\n apiVersion: v1\n data:\n-  mode: dev\n+  mode: prod\n kind: ConfigMap\n metadata:\n   annotations:\n");
    expect(r.stdout).not.toContain("managedFields");
    // Only a dry run: the live object is unchanged.
    expect((await k.run("get cm settings -o jsonpath={.data.mode}")).stdout).toBe("dev");
  });

  it("shows a new object against an empty file, with generation and status the server would set", async () => {
    k.write("/root/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: newns\n");
    const r = await k.run("diff -f /root/ns.yaml");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(header("v1.Namespace..newns"));
    expect(r.stdout).toMatch(/@@ -0,0 \+1,13 @@\n\+apiVersion: v1\n\+kind: Namespace\n\+metadata:\n\+  creationTimestamp: "[^"]+"\n\+  labels:\n\+    kubernetes\.io\/metadata\.name: newns\n/);
    expect((await k.run("get ns newns")).code).toBe(1);
  });

  it("masks Secret values, marking the ones that change", async () => {
    await k.run("create secret generic creds --from-literal=user=admin --from-literal=pass=old");
    k.write("/root/creds.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\ntype: Opaque\ndata:\n  user: YWRtaW4=\n  pass: bmV3\n");
    const r = await k.run("diff -f /root/creds.yaml");
    expect(r.stdout).toContain(" data:\n-  pass: '*** (before)'\n+  pass: '*** (after)'\n   user: '***'\n");
    expect(r.stdout).not.toMatch(/YWRtaW4|bmV3|b2xk/);
    k.write("/root/fresh.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: fresh\nstringData:\n  token: abc\n");
    const fresh = await k.run("diff -f /root/fresh.yaml");
    expect(fresh.stdout).toContain("-null\n+apiVersion: v1\n+data:\n+  token: '***'\n");
  });

  it("diffs a kustomization with -k, objects in file-name order", async () => {
    k.write("/root/kz/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: dev\n");
    k.write("/root/kz/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector:\n    matchLabels:\n      app: d\n  template:\n    metadata:\n      labels:\n        app: d\n    spec:\n      containers:\n      - name: c\n        image: nginx\n");
    k.write("/root/kz/kustomization.yaml", "resources:\n- cm.yaml\n- deploy.yaml\nnamePrefix: x-\n");
    const r = await k.run("diff -k /root/kz");
    expect(r.code).toBe(1);
    const files = [...r.stdout.matchAll(/^diff -u -N \/tmp\/LIVE-\d+\/(\S+)/gm)].map((m) => m[1]);
    expect(files).toEqual(["apps.v1.Deployment.default.x-d", "v1.ConfigMap.default.x-settings"]);
  });

  it("ends with exit status 2 on errors, as CheckDiffErr does", async () => {
    expect(await k.run("diff -f /root/nope.yaml")).toEqual({ stdout: "", stderr: 'error: the path "/root/nope.yaml" does not exist\n', code: 2 });
    expect(await k.run("diff")).toEqual({ stdout: "", stderr: "error: must specify one of -f and -k\n", code: 2 });
    k.write("/root/elsewhere.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c1\n  namespace: nsx\ndata:\n  a: b\n");
    expect(await k.run("diff -f /root/elsewhere.yaml")).toEqual({ stdout: "", stderr: 'Error from server (NotFound): namespaces "nsx" not found\n', code: 2 });
  });
});
