import { describe, expect, it } from "vitest";
import { completeKubectl } from "../completion";
import { KubectlBench } from "./harness";
import { Environment } from "../../cluster/environment";
import { createTerminal } from "../../shell/terminal";

describe("kubectl tab completion", () => {
  const k = new KubectlBench();
  it("completes verbs, resource types, names, namespaces and flags", () => {
    expect(completeKubectl(["ge"], k.env, k.host)).toEqual(["get"]);
    expect(completeKubectl(["get", "namesp"], k.env, k.host)).toEqual(["namespaces"]);
    expect(completeKubectl(["get", "ns", "kube-"], k.env, k.host)).toEqual(["kube-node-lease", "kube-public", "kube-system"]);
    expect(completeKubectl(["get", "pods", "-n", "kube-p"], k.env, k.host)).toEqual(["kube-public"]);
    expect(completeKubectl(["get", "--show-l"], k.env, k.host)).toEqual(["--show-labels"]);
    expect(completeKubectl(["config", "use-context", "kubernetes-"], k.env, k.host)).toEqual(["kubernetes-admin@kubernetes"]);
    expect(completeKubectl(["create", "sec"], k.env, k.host)).toEqual(["secret"]);
  });
});

describe("kubectl completion bash and plugin list", () => {
  const k = new KubectlBench();

  it("prints a bash script that registers __start_kubectl, and refuses other shells as kubectl does", async () => {
    const r = await k.run("completion bash");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("__start_kubectl()\n{\n");
    expect(r.stdout).toContain("\ncomplete -o default -F __start_kubectl kubectl\n");
    expect(await k.run("completion")).toEqual({ stdout: "", stderr: "error: Shell not specified.\nSee 'kubectl completion -h' for help and examples\n", code: 1 });
    expect(await k.run("completion foo")).toEqual({ stdout: "", stderr: "error: Unsupported shell type \"foo\".\nSee 'kubectl completion -h' for help and examples\n", code: 1 });
  });

  it("answers cobra's __complete protocol: candidates, then the directive", async () => {
    const r = await k.run("__complete get no");
    expect(r).toEqual({ stdout: "nodes\n:4\n", stderr: "Completion ended with directive: ShellCompDirectiveNoFileComp\n", code: 0 });
  });

  it("loads from ~/.bashrc at login without errors, and the sourced function completes k and kubectl", async () => {
    const env = Environment.create();
    const terminal = createTerminal(env, { host: env.homeHost.name, user: "root" });
    await terminal.ready;
    let out = "";
    await terminal.exec("complete -p; COMP_WORDS=(k get no); COMP_CWORD=2; __start_kubectl; echo \"[${COMPREPLY[@]}]\"", (d) => (out += d));
    expect(out).toBe("complete -o default -F __start_kubectl kubectl\ncomplete -o default -F __start_kubectl k\n[nodes]\n");
    expect(await terminal.complete("k get nam")).toEqual({ items: ["namespaces"], start: 6, end: 9 });
  });

  it("lists kubectl-* files on PATH with kubectl's warnings, or says none were found", async () => {
    expect(await k.run("plugin list")).toEqual({ stdout: "", stderr: "error: unable to find any kubectl plugins in your PATH\n", code: 1 });
    k.host.fs.writeFileSync("/usr/local/bin/kubectl-hello", "#!/bin/sh\necho hi\n", { mode: 0o755 });
    k.host.fs.writeFileSync("/usr/bin/kubectl-hello", "#!/bin/sh\necho hi\n", { mode: 0o755 });
    k.host.fs.writeFileSync("/usr/bin/kubectl-noexec", "x", { mode: 0o644 });
    const { ctx, out } = k.context(["plugin", "list"]);
    ctx.env = { ...ctx.env, PATH: "/usr/local/bin:/usr/bin:/bin" };
    const { runKubectl } = await import("../program");
    out.code = await runKubectl(ctx);
    expect(out.stdout).toBe("The following compatible plugins are available:\n\n/usr/local/bin/kubectl-hello\n/usr/bin/kubectl-hello\n/usr/bin/kubectl-noexec\n");
    expect(out.stderr).toBe(
      "  - warning: /usr/bin/kubectl-hello is overshadowed by a similarly named plugin: /usr/local/bin/kubectl-hello\n  - warning: /usr/bin/kubectl-noexec identified as a kubectl plugin, but it is not executable\nerror: 2 plugin warnings were found\n",
    );
    expect(out.code).toBe(1);
  });
});
