import { describe, expect, it } from "vitest";
import { KubectlBench } from "./harness";

describe("kubectl run --expose", () => {
  it("creates the Pod before the Service: a Pod the quota refuses leaves no Service behind", async () => {
    const k = new KubectlBench();
    await k.run("create quota q1 --hard=pods=0");
    const r = await k.run("run exposed --image=nginx --port=80 --expose");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe('Error from server (Forbidden): pods "exposed" is forbidden: exceeded quota: q1, requested: pods=1, used: pods=0, limited: pods=0\n');
    expect((await k.run("get svc exposed")).stderr).toBe('Error from server (NotFound): services "exposed" not found\n');
  });

  it("prints the Service first and the Pod last when both are created", async () => {
    const k = new KubectlBench();
    const r = await k.run("run web --image=nginx --port=80 --expose");
    expect(r).toEqual({ stdout: "service/web created\npod/web created\n", stderr: "", code: 0 });
  });
});
