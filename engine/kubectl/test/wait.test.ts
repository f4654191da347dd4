import { beforeAll, describe, expect, it } from "vitest";
import { KubectlBench } from "./harness";

/** One cluster for the file; each test uses its own objects. Waiting advances the simulated clock. */
let k: KubectlBench;

beforeAll(() => {
  k = new KubectlBench();
});

describe("kubectl wait", () => {
  it("waits for a condition while the simulation runs, and prints `condition met`", async () => {
    expect((await k.run("run ready --image=nginx")).code).toBe(0);
    const before = k.env.clock.now();
    expect(await k.run("wait --for=condition=Ready pod/ready --timeout=60s")).toEqual({ stdout: "pod/ready condition met\n", stderr: "", code: 0 });
    expect(k.env.clock.now()).toBeGreaterThan(before);
    expect((await k.run("get pod ready -o jsonpath={.status.phase}")).stdout).toBe("Running");
    expect((await k.run("wait --for=condition=ready pod/ready")).stdout).toBe("pod/ready condition met\n");
    expect((await k.run("wait --for=condition=Ready pod/ready --timeout=0 -o name")).stdout).toBe("pod/ready\n");
  });

  it("times out with the resource named, and checks once with --timeout=0", async () => {
    await k.run("run stuck --image=no-such-image:9");
    expect(await k.run("wait --for=condition=Ready pod/stuck --timeout=5s")).toEqual({ stdout: "", stderr: "error: timed out waiting for the condition on pods/stuck\n", code: 1 });
    expect((await k.run("wait --for=condition=Ready pod/stuck --timeout=0")).stderr).toBe("error: condition not met for pods/stuck\n");
  });

  it("waits for a deployment to become Available and for jsonpath values", async () => {
    await k.run("create deployment web --image=nginx --replicas=2");
    expect((await k.run("wait --for=condition=Available deployment/web --timeout=120s")).stdout).toBe("deployment.apps/web condition met\n");
    expect((await k.run("wait --for=jsonpath={.status.readyReplicas}=2 deploy/web")).stdout).toBe("deployment.apps/web condition met\n");
    expect((await k.run("wait --for=jsonpath=.spec.replicas deploy/web")).stdout).toBe("deployment.apps/web condition met\n");
    expect((await k.run("wait --for=jsonpath={.spec.template.spec.containers} deploy/web --timeout=1s")).code).toBe(0);
    expect((await k.run("wait --for=jsonpath={.spec.template.spec} deploy/web --timeout=1s")).code).toBe(0);
    expect((await k.run("wait --for=jsonpath={.spec.template.spec}=x deploy/web --timeout=1s")).stderr).toBe("error: jsonpath leads to a nested object or list which is not supported\n");
    expect((await k.run("wait --for=jsonpath={.status.phase}= deploy/web")).stderr).toBe("error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3\n");
  });

  it("waits for deletion, and a missing object is already deleted", async () => {
    await k.run("run gone --image=nginx");
    k.env.advanceBy(10_000);
    expect((await k.run("delete pod gone --wait=false")).code).toBe(0);
    expect((await k.run("wait --for=delete pod/gone --timeout=60s")).code).toBe(0);
    expect((await k.run("get pod gone")).code).toBe(1);
    expect(await k.run("wait --for=delete pod/nope --timeout=1s")).toEqual({ stdout: "", stderr: "", code: 0 });
  });

  it("waits for creation by polling", async () => {
    expect(await k.run("wait --for=create pod/later --timeout=1s")).toEqual({ stdout: "", stderr: "error: timed out waiting for the condition\n", code: 1 });
    await k.run("run later --image=nginx");
    expect((await k.run("wait --for=create pod/later --timeout=1s")).stdout).toBe("pod/later condition met\n");
  });

  it("selects with -l and --all, and reports kubectl's errors", async () => {
    const all = await k.run("wait --for=condition=Ready pods --all -n kube-system --timeout=30s");
    expect(all.code).toBe(0);
    expect(all.stdout).toContain("pod/etcd-controlplane condition met\n");
    expect((await k.run("wait --for=condition=Ready pods -l nope=x --timeout=1s")).stderr).toBe("error: no matching resources found\n");
    expect((await k.run("wait --for=condition=Ready pod/nope --timeout=1s")).stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect((await k.run("wait pod/ready")).stderr).toBe('error: unrecognized condition: ""\n');
    expect((await k.run("wait --for=foo pod/ready")).stderr).toBe('error: unrecognized condition: "foo"\n');
    expect((await k.run("wait --for=condition=Ready pods")).stderr).toBe("error: resource(s) were provided, but no name was specified\n");
    expect((await k.run("wait --for=condition=Ready")).stderr).toMatch(/^error: You must provide one or more resources by argument or filename\.\n/);
  });

  it("stops quietly on Ctrl-C", async () => {
    await k.run("run forever --image=no-such-image:9");
    const controller = new AbortController();
    controller.abort();
    expect((await k.run("wait --for=condition=Ready pod/forever --timeout=-1s", controller.signal)).code).toBe(130);
  });
});
