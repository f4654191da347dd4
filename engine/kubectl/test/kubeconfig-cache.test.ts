import { describe, expect, it } from "vitest";
import { KubectlBench } from "./harness";

/**
 * The kubeconfig is parsed once per file text and shared between commands (and environments):
 * whatever a learner or `kubectl config` changes must still show on the very next command, and an
 * edit must never leak into the shared copy.
 */
describe("kubeconfig kept between commands", () => {
  it("switches context on the next command and never changes another environment's view of the same text", async () => {
    const a = new KubectlBench();
    const b = new KubectlBench();
    const original = a.host.fs.readFileSync("/root/.kube/config")!;
    // Same text in both environments: both share one parsed copy.
    expect(b.host.fs.readFileSync("/root/.kube/config")).toBe(original);
    expect((await a.run("config set-context dev --cluster=kubernetes --user=kubernetes-admin --namespace=dev")).stdout).toBe('Context "dev" created.\n');
    expect((await a.run("config use-context dev")).stdout).toBe('Switched to context "dev".\n');
    expect((await a.run("config current-context")).stdout).toBe("dev\n");
    expect((await a.run("get pods")).stderr).toBe("No resources found in dev namespace.\n");
    // b still reads the unchanged text: its context and namespace are the original ones.
    expect((await b.run("config current-context")).stdout).toBe("kubernetes-admin@kubernetes\n");
    expect((await b.run("config get-contexts -o name")).stdout).toBe("kubernetes-admin@kubernetes\n");
    expect((await b.run("get pods")).stderr).toBe("No resources found in default namespace.\n");
    // Back to the first text in a: the shared copy still has no "dev".
    a.write("/root/.kube/config", original);
    expect((await a.run("config get-contexts -o name")).stdout).toBe("kubernetes-admin@kubernetes\n");
  });

  it("sees the file removed, put back, and replaced by a directory on the very next command", async () => {
    const bench = new KubectlBench();
    const original = bench.host.fs.readFileSync("/root/.kube/config")!;
    expect((await bench.run("config current-context")).stdout).toBe("kubernetes-admin@kubernetes\n");
    bench.host.fs.rmSync("/root/.kube", { recursive: true });
    expect(await bench.run("config current-context")).toMatchObject({ code: 1, stderr: "error: current-context is not set\n" });
    bench.write("/root/.kube/config", original.replace(/current-context: .*/, "current-context: elsewhere"));
    expect((await bench.run("config current-context")).stdout).toBe("elsewhere\n");
    bench.host.fs.rmSync("/root/.kube/config");
    bench.host.fs.mkdirSync("/root/.kube/config");
    expect((await bench.run("config current-context")).stderr).toContain("is a directory");
  });

  it("deletes a context from the file that defines it, with several files in KUBECONFIG", async () => {
    // kubectl names the default file (the first of KUBECONFIG that exists) whichever file it edits.
    const bench = new KubectlBench();
    bench.write("/root/extra", "apiVersion: v1\nkind: Config\ncontexts:\n- name: extra\n  context:\n    cluster: kubernetes\n    user: kubernetes-admin\n");
    const run = async (line: string) => {
      const { ctx, out } = bench.context(line.split(" "));
      ctx.env = { ...ctx.env, KUBECONFIG: "/root/.kube/config:/root/extra" };
      const { runKubectl } = await import("../program");
      out.code = await runKubectl(ctx);
      return out;
    };
    expect((await run("config get-contexts -o name")).stdout).toBe("extra\nkubernetes-admin@kubernetes\n");
    expect((await run("config delete-context extra")).stdout).toBe("deleted context extra from /root/.kube/config\n");
    expect(bench.host.fs.readFileSync("/root/extra")).not.toContain("name: extra");
    expect((await run("config get-contexts -o name")).stdout).toBe("kubernetes-admin@kubernetes\n");
  });

  it("reports a broken file with its path each time, also when the same text was broken before under another name", async () => {
    const bench = new KubectlBench();
    bench.write("/root/.kube/config", "just a string\n");
    const expected = (path: string) =>
      `error: error loading config file "${path}": couldn't get version/kind; json parse error: json: cannot unmarshal string into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }\n`;
    expect(await bench.run("get pods")).toMatchObject({ code: 1, stderr: expected("/root/.kube/config") });
    bench.write("/root/other", "just a string\n");
    expect(await bench.run("get pods --kubeconfig /root/other")).toMatchObject({ code: 1, stderr: expected("/root/other") });
  });
});
