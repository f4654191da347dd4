import { describe, expect, it } from "vitest";
import { KubectlBench } from "./harness";

describe("kubectl label", () => {
  it("says unlabeled when a label is removed, labeled when --overwrite is given", async () => {
    const k = new KubectlBench();
    await k.run("create cm c");
    expect((await k.run("label cm c a=1 b=2")).stdout).toBe("configmap/c labeled\n");
    expect((await k.run("label cm c a-")).stdout).toBe("configmap/c unlabeled\n");
    expect((await k.run("label cm c b- --overwrite")).stdout).toBe("configmap/c labeled\n");
  });
});
