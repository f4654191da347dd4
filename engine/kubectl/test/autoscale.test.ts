import { beforeAll, describe, expect, it } from "vitest";
import { KubectlBench } from "./harness";

let k: KubectlBench;

beforeAll(async () => {
  k = new KubectlBench();
  await k.run("create deployment web --image=nginx");
});

describe("kubectl autoscale", () => {
  it("reads its target first: a missing deployment is the server's NotFound and no HPA is created", async () => {
    const r = await k.run("autoscale deploy nope --max=2");
    expect(r).toEqual({ stdout: "", stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n', code: 1 });
    expect((await k.run("get hpa -o name")).stdout).toBe("");
  });

  it("creates the HPA for a target that exists", async () => {
    const r = await k.run("autoscale deploy web --max=3");
    expect(r).toEqual({ stdout: "horizontalpodautoscaler.autoscaling/web autoscaled\n", stderr: "", code: 0 });
  });
});
