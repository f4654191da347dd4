import { beforeAll, describe, expect, it } from "vitest";
import { KubectlBench } from "./harness";

/** kubectl scale: what the builder cannot read is reported as RunScale does. */
let k: KubectlBench;

beforeAll(async () => {
  k = new KubectlBench();
  expect((await k.run("create deployment web --image=nginx")).code).toBe(0);
}, 60_000);

describe("kubectl scale", () => {
  it("words a missing target as no objects passed to scale, with the NotFound text", async () => {
    expect(await k.run("scale deploy nope --replicas=1")).toEqual({ stdout: "", stderr: 'error: no objects passed to scale deployments.apps "nope" not found\n', code: 1 });
  });

  it("scales what exists and reports the missing one after it", async () => {
    const r = await k.run("scale deploy web nope --replicas=2");
    expect(r.stdout).toBe("deployment.apps/web scaled\n");
    expect(r.stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect(r.code).toBe(1);
    expect((await k.run("get deploy web -o jsonpath={.spec.replicas}")).stdout).toBe("2");
  });
});
