import { beforeAll, describe, expect, it } from "vitest";
import { KubectlBench } from "./harness";

/**
 * `kubectl edit` through the editor protocol: the bench's editor is a function that receives the
 * file kubectl opens and returns what the learner saved (undefined: quit without saving).
 */
let k: KubectlBench;
let seen: string[] = [];

function editor(...steps: ((text: string) => string | undefined)[]): void {
  seen = [];
  let i = 0;
  k.editor = async ({ content }) => {
    seen.push(content);
    const step = steps[Math.min(i++, steps.length - 1)];
    return step(content);
  };
}

beforeAll(async () => {
  k = new KubectlBench();
  await k.run("create deployment web --image=nginx --replicas=2");
});

describe("kubectl edit", () => {
  it("without a resource fails as kubectl's resource builder does, without a usage hint", async () => {
    const r = await k.run("edit");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n");
  });

  it("opens the object as YAML under kubectl's header and patches what was changed", async () => {
    editor((t) => t.replace("replicas: 2", "replicas: 3"));
    expect(await k.run("edit deploy web")).toEqual({ stdout: "deployment.apps/web edited\n", stderr: "", code: 0 });
    expect(seen[0].startsWith("# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\napiVersion: apps/v1\nkind: Deployment\n")).toBe(true);
    expect(seen[0]).not.toContain("managedFields");
    expect((await k.run("get deploy web -o jsonpath={.spec.replicas}")).stdout).toBe("3");
  });

  it("reports no change when the file comes back as it was, or the editor quits", async () => {
    editor((t) => t);
    expect(await k.run("edit deploy web")).toEqual({ stdout: "", stderr: "Edit cancelled, no changes made.\n", code: 0 });
    editor(() => undefined);
    expect((await k.run("edit deploy web")).stderr).toBe("Edit cancelled, no changes made.\n");
  });

  it("reopens an invalid edit with the server's reasons on top, then keeps a copy when given up", async () => {
    editor((t) => t.replace(/^ {2}replicas: 3$/m, "  replicas: -1"), (t) => t);
    const r = await k.run("edit deploy web");
    expect(r.code).toBe(1);
    expect(seen[1]).toContain('#\n# deployments.apps "web" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\napiVersion: apps/v1\n');
    const copy = /A copy of your changes has been stored to "(\/tmp\/kubectl-edit-\d+\.yaml)"/.exec(r.stderr)![1];
    expect(r.stderr).toBe(`error: deployments.apps "web" is invalid\nA copy of your changes has been stored to "${copy}"\nerror: Edit cancelled, no valid changes were saved.\n`);
    expect(k.host.fs.readFileSync(copy)).toContain("replicas: -1");
  });

  it("fixing the object in the reopened editor saves it", async () => {
    editor((t) => t.replace(/^ {2}replicas: 3$/m, "  replicas: -1"), (t) => t.replace("replicas: -1", "replicas: 4"));
    const r = await k.run("edit deploy web");
    expect(r).toEqual({ stdout: "deployment.apps/web edited\n", stderr: 'error: deployments.apps "web" is invalid\n', code: 0 });
    expect((await k.run("get deploy web -o jsonpath={.spec.replicas}")).stdout).toBe("4");
  });

  it("refuses a changed name and an unknown field like kubectl", async () => {
    editor((t) => t.replace(/^ {2}name: web$/m, "  name: web2"));
    const renamed = await k.run("edit deploy web");
    expect(renamed.stderr).toMatch(/^A copy of your changes has been stored to "\/tmp\/kubectl-edit-\d+\.yaml"\nerror: At least one of apiVersion, kind and name was changed\n$/);
    // The server refuses the strict patch with its kindless 422, so the file reopens with the cause on top.
    editor((t) => t.replace(/^ {2}replicas: 4$/m, "  replicaz: 4"), (t) => t);
    const unknown = await k.run("edit deploy web");
    expect(unknown.code).toBe(1);
    expect(seen[1]).toContain('#\n# deployments.apps "web" was not valid:\n# * patch: Invalid value: "map[spec:map[replicas:<nil> replicaz:4]]": strict decoding error: unknown field "spec.replicaz"\n#\napiVersion: apps/v1\n');
    expect(unknown.stderr).toMatch(/^error: deployments\.apps "web" is invalid\nA copy of your changes has been stored to "\/tmp\/kubectl-edit-\d+\.yaml"\nerror: Edit cancelled, no valid changes were saved\.\n$/);
  });
});
