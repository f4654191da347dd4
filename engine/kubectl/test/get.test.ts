import { describe, expect, it } from "vitest";
import { KubectlBench } from "./harness";

describe("kubectl get", () => {
  it("prints the server's table with kubectl's column alignment", async () => {
    const k = new KubectlBench();
    const r = await k.run("get ns");
    expect(r.code).toBe(0);
    // The cluster booted some minutes of simulated time ago; the age column follows the clock.
    const age = /^default +Active +(\S+)$/m.exec(r.stdout)![1];
    expect(r.stdout).toBe(
      ["NAME              STATUS   AGE", `default           Active   ${age}`, `kube-node-lease   Active   ${age}`, `kube-public       Active   ${age}`, `kube-system       Active   ${age}`, ""].join("\n"),
    );
  });

  it("says no resources were found, on stderr, with exit code 0", async () => {
    const k = new KubectlBench();
    const r = await k.run("get pods -n kube-public");
    expect(r).toEqual({ stdout: "", stderr: "No resources found in kube-public namespace.\n", code: 0 });
  });

  it("reports an unknown resource type and a missing object like kubectl", async () => {
    const k = new KubectlBench();
    expect(await k.run("get podz")).toEqual({ stdout: "", stderr: 'error: the server doesn\'t have a resource type "podz"\n', code: 1 });
    expect(await k.run("get pods x")).toEqual({ stdout: "", stderr: 'Error from server (NotFound): pods "x" not found\n', code: 1 });
    expect((await k.run("get pods x --ignore-not-found")).code).toBe(0);
  });

  it("prints -o name, jsonpath, custom-columns and a List for several objects", async () => {
    const k = new KubectlBench();
    expect((await k.run("get ns default -o name")).stdout).toBe("namespace/default\n");
    expect((await k.run("get ns -o jsonpath={.items[*].metadata.name}")).stdout).toBe("default kube-node-lease kube-public kube-system");
    expect((await k.run(["get", "ns", "-o", "jsonpath={range .items[*]}{.metadata.name}{\"\\n\"}{end}"])).stdout).toBe("default\nkube-node-lease\nkube-public\nkube-system\n");
    expect((await k.run("get ns kube-system default -o custom-columns=NAME:.metadata.name --no-headers")).stdout).toBe("kube-system\ndefault\n");
    const yaml = (await k.run("get ns default kube-public -o yaml")).stdout;
    expect(yaml.startsWith("apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Namespace\n")).toBe(true);
    expect(yaml.endsWith('kind: List\nmetadata:\n  resourceVersion: ""\n')).toBe(true);
  });

  it("rejects unknown flags and output formats before contacting the server", async () => {
    const k = new KubectlBench();
    expect(await k.run("get pods --foo")).toEqual({ stdout: "", stderr: "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n", code: 1 });
    expect(await k.run("get pods -x")).toEqual({ stdout: "", stderr: "error: unknown shorthand flag: 'x' in -x\nSee 'kubectl get --help' for usage.\n", code: 1 });
    const bad = await k.run("get pods -o foo");
    expect(bad.stderr).toBe(
      'error: unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n',
    );
  });

  it("prefixes kinds and separates several types", async () => {
    const k = new KubectlBench();
    const r = await k.run("get ns/default ns/kube-public --show-kind");
    expect(r.stdout.split("\n")[1].startsWith("namespace/default ")).toBe(true);
  });

  it("sorts by a field", async () => {
    const k = new KubectlBench();
    const r = await k.run("get ns --sort-by=.metadata.resourceVersion -o name");
    expect(r.stdout).toBe("namespace/default\nnamespace/kube-node-lease\nnamespace/kube-public\nnamespace/kube-system\n");
    const desc = await k.run("get ns --sort-by={.metadata.name} --no-headers -o custom-columns=N:.metadata.name");
    expect(desc.stdout.trim().split("\n")).toEqual(["default", "kube-node-lease", "kube-public", "kube-system"]);
  });
});

describe("kubectl command line", () => {
  it("suggests commands for a typo", async () => {
    const k = new KubectlBench();
    expect(await k.run("gett pods")).toEqual({ stdout: "", stderr: 'error: unknown command "gett" for "kubectl"\n\nDid you mean this?\n\tset\n\tget\n', code: 1 });
  });

  it("accepts flags anywhere and -nNAMESPACE forms", async () => {
    const k = new KubectlBench();
    expect((await k.run("-n kube-system get ns kube-system -o name")).stdout).toBe("namespace/kube-system\n");
    expect((await k.run("get -nkube-public pods")).stderr).toBe("No resources found in kube-public namespace.\n");
    expect((await k.run("get pods --namespace=kube-node-lease")).stderr).toBe("No resources found in kube-node-lease namespace.\n");
    expect(await k.run("get pods -n")).toEqual({ stdout: "", stderr: "error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n", code: 1 });
  });

  it("prints the real help text", async () => {
    const k = new KubectlBench();
    const r = await k.run("create deployment --help");
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith("Create a deployment with the specified name.\n\nAliases:\ndeployment, deploy\n")).toBe(true);
  });

  it("refuses the connection when the kube-apiserver is down", async () => {
    const k = new KubectlBench();
    k.env.cluster().apiserverUp = false;
    const r = await k.run("get pods");
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^E\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ memcache\.go:265\] "Unhandled Error" err="couldn't get current server API group list: Get \\"https:\/\/172\.30\.1\.2:6443\/api\?timeout=32s\\": dial tcp 172\.30\.1\.2:6443: connect: connection refused"$/);
    expect(lines[5]).toBe("The connection to the server 172.30.1.2:6443 was refused - did you specify the right host or port?");
  });
});
