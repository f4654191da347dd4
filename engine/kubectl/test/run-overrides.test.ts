import { beforeAll, describe, expect, it } from "vitest";
import { KubectlBench } from "./harness";

/** kubectl run/expose --overrides: the fragment lands in the object kubectl creates. */
let k: KubectlBench;

beforeAll(() => {
  k = new KubectlBench();
});

describe("kubectl run --overrides", () => {
  it("merges the fragment into the generated pod, in the Go type's field order", async () => {
    const r = await k.run(`run web --image=nginx --dry-run=client -o yaml --overrides='{"spec":{"nodeSelector":{"disk":"ssd"}}}'`);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("  dnsPolicy: ClusterFirst\n  nodeSelector:\n    disk: ssd\n  restartPolicy: Always\n");
  });

  it("creates the pod with the override applied (a service account, say)", async () => {
    await k.run("create sa robot");
    expect((await k.run(`run api --image=nginx --overrides='{"apiVersion":"v1","spec":{"serviceAccountName":"robot"}}'`)).stdout).toBe("pod/api created\n");
    expect((await k.run("get pod api -o jsonpath={.spec.serviceAccountName}")).stdout).toBe("robot");
  });

  it("supports json and strategic patches and rejects what kubectl rejects", async () => {
    const json = await k.run(`run a --image=nginx --dry-run=client -o jsonpath={.spec.hostNetwork} --override-type=json --overrides='[{"op":"add","path":"/spec/hostNetwork","value":true}]'`);
    expect(json.stdout).toBe("true");
    const strategic = await k.run(`run b --image=nginx --dry-run=client -o jsonpath={.spec.containers[0].image},{.spec.containers[0].resources.limits.cpu} --override-type=strategic --overrides='{"spec":{"containers":[{"name":"b","resources":{"limits":{"cpu":"1"}}}]}}'`);
    expect(strategic.stdout).toBe("nginx,1");
    expect(await k.run("run c --image=nginx --overrides='{bad'")).toEqual({ stdout: "", stderr: "error: Invalid JSON Patch\n", code: 1 });
    expect((await k.run("run c --image=nginx --override-type=foo --overrides='{}'")).stderr).toBe("error: invalid override type: foo\n");
    expect((await k.run(`run d --image=nginx --dry-run=client -o yaml --overrides='{"spec":{"madeUp":1}}'`)).stdout).not.toContain("madeUp");
  });

  it("applies to kubectl expose too", async () => {
    const r = await k.run(`expose pod api --port=80 --dry-run=client -o jsonpath={.spec.type} --overrides='{"spec":{"type":"NodePort"}}'`);
    expect(r.stdout).toBe("NodePort");
  });
});
