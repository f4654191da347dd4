import { describe, expect, it } from "vitest";
import { KubectlBench } from "./harness";

describe("kubectl apply --dry-run=client", () => {
  it("reports an existing object configured even when applying it again would change nothing", async () => {
    const k = new KubectlBench();
    k.write("/root/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  a: \"1\"\n");
    expect((await k.run("apply -f cm.yaml")).stdout).toBe("configmap/app created\n");
    expect((await k.run("apply -f cm.yaml")).stdout).toBe("configmap/app unchanged\n");
    expect(await k.run("apply -f cm.yaml --dry-run=client")).toEqual({ stdout: "configmap/app configured (dry run)\n", stderr: "", code: 0 });
  });

  it("does not warn about a missing last-applied annotation, since it computes no patch", async () => {
    const k = new KubectlBench();
    await k.run("create configmap plain --from-literal=a=1");
    k.write("/root/plain.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\ndata:\n  a: \"2\"\n");
    expect(await k.run("apply -f plain.yaml --dry-run=client")).toEqual({ stdout: "configmap/plain configured (dry run)\n", stderr: "", code: 0 });
    expect((await k.run("get cm plain -o jsonpath={.data.a}")).stdout).toBe("1");
  });
});
