import { describe, expect, it } from "vitest";
import { KubectlBench } from "./harness";

describe("kubectl logs of something missing", () => {
  const k = new KubectlBench();

  it("rewords the NotFound of a named pod with its namespace, as kubectl's logs command does", async () => {
    expect(await k.run("logs nope")).toEqual({ stdout: "", stderr: 'error: error from server (NotFound): pods "nope" not found in namespace "default"\n', code: 1 });
    expect((await k.run("logs nope -n kube-system")).stderr).toBe('error: error from server (NotFound): pods "nope" not found in namespace "kube-system"\n');
  });

  it("does the same for a missing owner named TYPE/NAME", async () => {
    expect((await k.run("logs deploy/nope")).stderr).toBe('error: error from server (NotFound): deployments.apps "nope" not found in namespace "default"\n');
  });
});
