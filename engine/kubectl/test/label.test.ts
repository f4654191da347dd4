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

describe("kubectl label and patch: what kubectl checks itself and what it leaves to the server", () => {
  it("refuses a bad label value itself, and shows the server's refusal of a bad key", async () => {
    const k = new KubectlBench();
    await k.run("create cm c");
    const value = await k.run("label cm c x=-bad");
    expect(value.code).toBe(1);
    expect(value.stderr).toMatch(/^error: invalid label value: "x=-bad": a valid label must be an empty string/);
    const key = await k.run(["label", "cm", "c", "bad key=1"]);
    expect(key.code).toBe(1);
    expect(key.stderr).toMatch(/^The ConfigMap "c" is invalid: metadata.labels: Invalid value: "bad key": name part must consist of/);
    expect((await k.run("label cm c a=b=c")).stderr).toBe("error: invalid label spec: a=b=c\n");
  });

  it("reads arguments as kubectl does: =x names a resource, a resource after a change is refused", async () => {
    const k = new KubectlBench();
    await k.run("create cm c");
    expect((await k.run("label cm c =x")).stderr).toBe("error: at least one label update is required\n");
    expect((await k.run("label cm c a=b d")).stderr).toBe("error: all resources must be specified before label changes: d\n");
    expect((await k.run("label cm c zz- a=1")).stdout).toBe('label "zz" not found.\nconfigmap/c labeled\n');
  });

  it("passes a patch that starts with { to the server, and reports a YAML patch's parse error itself", async () => {
    const k = new KubectlBench();
    await k.run("create cm c");
    expect((await k.run(["patch", "cm", "c", "-p", "{bad"])).stderr).toBe("Error from server (BadRequest): invalid character 'b' looking for beginning of object key string\n");
    expect((await k.run(["patch", "cm", "c", "--type=merge", "-p", "{bad"])).stderr).toBe(
      "Error from server (BadRequest): error decoding patch: invalid character 'b' looking for beginning of object key string\n",
    );
    expect((await k.run(["patch", "cm", "c", "--type=json", "-p", "[{bad"])).stderr).toBe(`error: unable to parse "[{bad": yaml: line 1: did not find expected ',' or '}'\n`);
    expect((await k.run(["patch", "cm", "c", "-p", "data: {a: '1'}"])).stdout).toBe("configmap/c patched\n");
  });
});
