import { describe, expect, it } from "vitest";
import { KubectlBench } from "./harness";

describe("kubectl create deployment", () => {
  it("wraps the server's refusal as kubectl's deployment generator does", async () => {
    const k = new KubectlBench();
    expect((await k.run("create deployment web --image=nginx")).stdout).toBe("deployment.apps/web created\n");
    expect(await k.run("create deployment web --image=nginx")).toEqual({ stdout: "", stderr: 'error: failed to create deployment: deployments.apps "web" already exists\n', code: 1 });
    // Other generators keep the Error from server form.
    await k.run("create cm c");
    expect((await k.run("create cm c")).stderr).toBe('Error from server (AlreadyExists): configmaps "c" already exists\n');
  });
});
