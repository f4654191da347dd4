import { beforeAll, describe, expect, it } from "vitest";
import { KubectlBench } from "./harness";

/**
 * `--raw` on create, replace, delete and get: one request to the path, the body from a file or
 * stdin, the server's answer printed as it is (rawhttp). Binding a pod by hand is the exam's use.
 */
let k: KubectlBench;
const binding = JSON.stringify({ apiVersion: "v1", kind: "Binding", metadata: { name: "manual" }, target: { apiVersion: "v1", kind: "Node", name: "node01" } });

beforeAll(async () => {
  k = new KubectlBench();
  expect((await k.run(`run manual --image=nginx --overrides='{"spec":{"schedulerName":"nobody"}}'`)).code).toBe(0);
  k.host.fs.writeFileSync("/root/binding.json", binding);
});

describe("kubectl --raw", () => {
  it("create --raw POSTs the file to the path and prints the server's answer", async () => {
    const r = await k.run("create --raw /api/v1/namespaces/default/pods/manual/binding -f binding.json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: "Status", status: "Success" });
    expect((await k.run("get pod manual -o jsonpath={.spec.nodeName}")).stdout).toBe("node01");
  });

  it("reads the body from stdin with -f -, and reports the server's errors as kubectl does", async () => {
    k.stdin = binding.replace('"manual"', '"nope"');
    const missing = await k.run("create --raw /api/v1/namespaces/default/pods/nope/binding -f -");
    k.stdin = "";
    expect(missing).toEqual({ stdout: "", stderr: 'Error from server (NotFound): pods "nope" not found\n', code: 1 });
  });

  it("refuses what rawhttp cannot send, with kubectl's messages", async () => {
    expect((await k.run("create --raw /api/v1/x -f nofile.json")).stderr).toBe("error: open nofile.json: no such file or directory\n");
    expect((await k.run("create --raw api/v1/x -f binding.json")).stderr).toBe('error: --raw must be a valid URL path: parse "api/v1/x": invalid URI for request\n');
    expect((await k.run("create --raw /api/v1/x -f binding.json -f binding.json")).stderr).toBe("error: --raw can only use a single local file or stdin\n");
    expect((await k.run("create --raw /api/v1/x -f binding.json -o yaml")).stderr).toBe("error: --raw and --output are mutually exclusive\n");
  });

  it("delete --raw sends DELETE to the path", async () => {
    const r = await k.run("delete --raw /api/v1/namespaces/default/pods/manual");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: "Pod", metadata: { name: "manual" } });
    expect((await k.run("get pod manual")).stderr).toMatch(/NotFound|not found/);
  });
});
