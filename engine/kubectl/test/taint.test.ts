import { beforeAll, describe, expect, it } from "vitest";
import { KubectlBench } from "./harness";

/** kubectl taint on the simulated nodes; texts as kubectl v1.33 prints them. */
let k: KubectlBench;
const taints = async () => (await k.run("get node node01 -o jsonpath={.spec.taints}")).stdout;

beforeAll(() => {
  k = new KubectlBench();
});

describe("kubectl taint", () => {
  it("removes a taint written as KEY=VALUE:EFFECT- (the value ignored), NoExecute included", async () => {
    expect((await k.run("taint nodes node01 key=value:NoExecute")).stdout).toBe("node/node01 tainted\n");
    expect(await k.run("taint nodes node01 key=value:NoExecute-")).toEqual({ stdout: "node/node01 untainted\n", stderr: "", code: 0 });
    expect(await taints()).toBe("");
    expect(await k.run("taint nodes node01 key=value:NoExecute-")).toEqual({ stdout: "", stderr: 'error: taint "key:NoExecute" not found\n', code: 1 });
  });

  it("removes by KEY:EFFECT- or by KEY- (every effect), whatever the value", async () => {
    await k.run("taint nodes node01 a=b:NoSchedule k2:NoExecute");
    expect((await k.run("taint nodes node01 a=zzz:NoSchedule- k2-")).stdout).toBe("node/node01 untainted\n");
    expect(await taints()).toBe("");
    expect(await k.run("taint nodes node01 a-")).toEqual({ stdout: "", stderr: 'error: taint "a" not found\n', code: 1 });
  });

  it("refuses KEY=VALUE- without an effect as kubectl does", async () => {
    const r = await k.run("taint nodes node01 a=b-");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "error: invalid taint spec: a=b, name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')\nSee 'kubectl taint -h' for help and examples\n",
    );
  });

  it("reads arguments before the first taint as node names, as kubectl splits them", async () => {
    expect((await k.run("taint node node01 node02 split=1:NoSchedule")).stdout).toBe("node/node01 tainted\nnode/node02 tainted\n");
    expect((await k.run("taint node node01 node02 split-")).stdout).toBe("node/node01 untainted\nnode/node02 untainted\n");
    expect((await k.run("taint node node01 bad")).stderr).toBe("error: at least one taint update is required\n");
    expect((await k.run("taint node node01 a=b:NoSchedule bad")).stderr).toBe("error: all resources must be specified before taint changes: bad\n");
  });
});
