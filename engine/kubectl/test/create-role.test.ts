import { describe, expect, it } from "vitest";
import { KubectlBench } from "./harness";

describe("kubectl create role/clusterrole with a non-standard verb", () => {
  const k = new KubectlBench();

  it("warns and creates the Role (custom verbs are legal in RBAC)", async () => {
    expect(await k.run("create role r3 --verb=fly --resource=pods")).toEqual({ stdout: "role.rbac.authorization.k8s.io/r3 created\n", stderr: "Warning: 'fly' is not a standard resource verb\n", code: 0 });
    expect((await k.run("get role r3 -o jsonpath={.rules[0].verbs}")).stdout).toBe('["fly"]');
  });

  it("warns once per unusual verb on a ClusterRole with resources", async () => {
    const r = await k.run("create clusterrole c1 --verb=get,read,jump --resource=nodes");
    expect(r).toEqual({ stdout: "clusterrole.rbac.authorization.k8s.io/c1 created\n", stderr: "Warning: 'read' is not a standard resource verb\nWarning: 'jump' is not a standard resource verb\n", code: 0 });
  });

  it("warns about the verb before refusing a Role without resources", async () => {
    const r = await k.run("create role r4 --verb=fly");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("Warning: 'fly' is not a standard resource verb\nerror: at least one resource must be specified\n");
  });
});

describe("kubectl create role with a resource the server does not serve", () => {
  const k = new KubectlBench();

  it("prints the RESTMapper's error as kubectl's checkErr does (no error: prefix) and creates nothing", async () => {
    expect(await k.run("create role r2 --verb=get --resource=nope")).toEqual({ stdout: "", stderr: 'the server doesn\'t have a resource type "nope"\n', code: 1 });
    expect(await k.run("create role r5 --verb=get --resource=nope.example.com")).toEqual({ stdout: "", stderr: 'the server doesn\'t have a resource type "nope" in group "example.com"\n', code: 1 });
    expect((await k.run("get role r2")).stderr).toBe('Error from server (NotFound): roles.rbac.authorization.k8s.io "r2" not found\n');
  });
});
