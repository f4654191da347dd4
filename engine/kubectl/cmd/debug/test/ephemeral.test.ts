import { beforeAll, describe, expect, it } from "vitest";
import { createTerminal, type Terminal } from "../../../../shell";
import { KubectlBench } from "../../../test/harness";

/**
 * `kubectl debug POD --image=…`: an ephemeral container added through pods/ephemeralcontainers,
 * started by the kubelet once, reported in ephemeralContainerStatuses, and attached with -it.
 */
let k: KubectlBench;

beforeAll(async () => {
  k = new KubectlBench();
  expect((await k.run("run web --image=nginx:1.27")).code).toBe(0);
  k.env.advanceBy(30_000);
}, 60_000);

async function line(t: Terminal, text: string): Promise<{ output: string; prompt: string; exitCode: number }> {
  let output = "";
  const r = await t.exec(text, (d) => (output += d));
  return { output, prompt: r.prompt, exitCode: r.exitCode };
}

describe("kubectl debug POD", () => {
  it("adds an ephemeral container, names it and the kubelet starts it", async () => {
    const r = await k.run("debug web --image=busybox:1.36 --profile=general -- sleep 3600");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const name = /^Defaulting debug container name to (debugger-[bcdfghjklmnpqrstvwxz2456789]{5})\.\n$/.exec(r.stdout)?.[1];
    expect(name).toBeDefined();
    k.env.advanceBy(10_000);
    const pod = JSON.parse((await k.run("get pod web -o json")).stdout);
    expect(pod.spec.ephemeralContainers).toEqual([
      expect.objectContaining({ name, image: "busybox:1.36", command: ["sleep", "3600"], terminationMessagePolicy: "File", securityContext: { capabilities: { add: ["SYS_PTRACE"] } } }),
    ]);
    const status = pod.status.ephemeralContainerStatuses[0];
    expect(status).toMatchObject({ name, ready: false, restartCount: 0, state: { running: {} } });
    expect(status.started).toBeUndefined();
    expect((await k.run(`get pod web -o jsonpath={.spec.ephemeralContainers[0].name}`)).stdout).toBe(name);
  });

  it("refuses what the API server refuses", async () => {
    expect((await k.run("debug web --image=busybox -c web --profile=general")).stderr).toBe('The Pod "web" is invalid: spec.ephemeralContainers[1].name: Duplicate value: "web"\n');
    expect((await k.run("debug web --image=busybox -c x --target=nope --profile=general -q")).stderr).toBe('The Pod "web" is invalid: spec.ephemeralContainers[1].targetContainerName: Not found: "nope"\n');
    expect((await k.run("debug nope --image=busybox --profile=general")).stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it("the subresource keeps what was there: existing ephemeral containers may not change", async () => {
    const patch = `{"spec":{"ephemeralContainers":[{"name":"x","image":"busybox","ports":[{"containerPort":80}]}]}}`;
    const r = await k.run(["patch", "pod", "web", "--subresource=ephemeralcontainers", "--type=merge", "-p", patch]);
    expect(r.stderr).toContain("spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container");
    expect(r.stderr).toContain('existing ephemeral containers "debugger-');
    expect(r.code).toBe(1);
    const plain = await k.run(["patch", "pod", "web", "--type=merge", "-p", `{"spec":{"ephemeralContainers":[]}}`]);
    expect(plain.stderr).toContain("pod updates may not change fields");
  });

  it("attaches -it: the container's shell takes the terminal until exit", async () => {
    const t = createTerminal(k.env, { host: k.host.name, user: "root" });
    const debug = await line(t, "kubectl debug web -it --image=busybox:1.36 -c shell --profile=general");
    expect(debug.output).toBe("If you don't see a command prompt, try pressing enter.\n");
    expect(debug.prompt).toBe("/ # ");
    expect((await line(t, "hostname")).output).toBe("web\n");
    const exit = await line(t, "exit");
    expect(exit.output).toBe("Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach web -c shell -i -t' if it is still running\n");
    expect(exit.prompt).toBe("root@controlplane:~# ");
    k.env.advanceBy(5_000);
    const pod = JSON.parse((await k.run("get pod web -o json")).stdout);
    const shell = pod.status.ephemeralContainerStatuses.find((s: { name: string }) => s.name === "shell");
    expect(shell.state.terminated).toMatchObject({ exitCode: 0, reason: "Completed" });
    expect(shell.restartCount).toBe(0);
    expect(pod.status.phase).toBe("Running");
  });
});

describe("kubectl describe pod with ephemeral containers", () => {
  it("lists them under Ephemeral Containers:, after Containers:", async () => {
    const out = (await k.run("describe pod web")).stdout;
    const at = out.indexOf("\nEphemeral Containers:\n");
    expect(at).toBeGreaterThan(out.indexOf("\nContainers:\n"));
    expect(out.slice(at)).toMatch(/^\nEphemeral Containers:\n {2}debugger-\w{5}:\n {4}Container ID: +containerd:\/\/\w+\n {4}Image: +busybox:1\.36\n/);
    expect(out.slice(at, out.indexOf("\nConditions:"))).toContain("    Command:\n      sleep\n      3600\n");
  });
});

describe("kubectl debug and RBAC", () => {
  it("needs patch on pods/ephemeralcontainers, not only get on pods", async () => {
    expect((await k.run("create role viewer --verb=get --resource=pods")).code).toBe(0);
    expect((await k.run("create rolebinding jane-viewer --role=viewer --user=jane")).code).toBe(0);
    const denied = await k.run("debug web --image=busybox:1.36 -c probe --profile=general --as=jane");
    expect(denied.stderr).toBe('Error from server (Forbidden): pods "web" is forbidden: User "jane" cannot patch resource "pods/ephemeralcontainers" in API group "" in the namespace "default"\n');
    expect((await k.run("create role debugger --verb=patch --resource=pods/ephemeralcontainers")).code).toBe(0);
    expect((await k.run("create rolebinding jane-debugger --role=debugger --user=jane")).code).toBe(0);
    expect((await k.run("debug web --image=busybox:1.36 -c probe --profile=general --as=jane")).code).toBe(0);
  });
});
