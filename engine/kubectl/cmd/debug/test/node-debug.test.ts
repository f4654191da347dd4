import { beforeAll, describe, expect, it } from "vitest";
import { createTerminal, type Terminal } from "../../../../shell";
import { KubectlBench } from "../../../test/harness";

/**
 * `kubectl debug node/NODE`: the pod kubectl creates (host namespaces, the node's root at /host,
 * every taint tolerated, never restarted), its messages, and the interactive session a learner
 * uses to troubleshoot a node: `chroot /host` gives the node's own shell.
 */
let k: KubectlBench;

beforeAll(() => {
  k = new KubectlBench();
}, 60_000);

const LEGACY = '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n';

async function line(t: Terminal, text: string): Promise<{ output: string; prompt: string; exitCode: number }> {
  let output = "";
  const r = await t.exec(text, (d) => (output += d));
  return { output, prompt: r.prompt, exitCode: r.exitCode };
}

describe("kubectl debug node/NODE", () => {
  it("creates the node's debugging pod and says so", async () => {
    const r = await k.run("debug node/node01 --image=busybox:1.36");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(LEGACY);
    const m = /^Creating debugging pod (node-debugger-node01-[bcdfghjklmnpqrstvwxz2456789]{5}) with container debugger on node node01\.\n$/.exec(r.stdout);
    expect(m).not.toBeNull();
    const pod = JSON.parse((await k.run(`get pod ${m![1]} -o json`)).stdout);
    expect(pod.spec).toMatchObject({ nodeName: "node01", hostPID: true, hostNetwork: true, hostIPC: true, restartPolicy: "Never", tolerations: [{ operator: "Exists" }] });
    expect(pod.spec.volumes[0]).toEqual({ name: "host-root", hostPath: { path: "/", type: "" } });
    expect(pod.spec.containers[0].volumeMounts[0]).toEqual({ name: "host-root", mountPath: "/host" });
    expect(pod.metadata.labels).toBeUndefined();
  });

  it("applies the profile: baseline keeps the pod out of the host namespaces and files", async () => {
    const r = await k.run("debug node/node02 --image=busybox:1.36 --profile=baseline -c probe -q");
    expect(r).toMatchObject({ code: 0, stdout: "", stderr: "" });
    const pods = JSON.parse((await k.run("get pods -o json")).stdout).items.filter((p: { spec: { nodeName: string } }) => p.spec.nodeName === "node02");
    expect(pods[0].spec.hostPID).toBeUndefined();
    expect(pods[0].spec.containers[0].name).toBe("probe");
    expect(pods[0].spec.volumes.some((v: { name: string }) => v.name === "host-root")).toBe(false);
  });

  it("answers kubectl's errors", async () => {
    expect((await k.run("debug node/node01")).stderr).toBe("error: you must specify --image when not using --copy-to.\n");
    expect((await k.run("debug node/node01 --image=busybox --profile=nope")).stderr).toBe("error: unknown profile: nope\n");
    expect((await k.run("debug node/node01 --image=Busybox")).stderr).toBe('error: invalid image name "Busybox": invalid reference format\n');
    expect((await k.run("debug --image=busybox")).stderr).toBe("error: NAME or filename is required for debug\n");
    expect((await k.run("debug node/node01 --image=busybox -t")).stderr).toBe("error: -i/--stdin is required for containers with -t/--tty=true\n");
    expect((await k.run("debug node/nope --image=busybox --profile=general")).stderr).toBe('Error from server (NotFound): nodes "nope" not found\n');
    expect((await k.run("debug svc/kubernetes --image=busybox --profile=general")).stderr).toBe('error: "/v1, Kind=Service" not supported by debug\n');
  });

  it("attaches a shell on the node; chroot /host is the node's own shell until exit", async () => {
    const t = createTerminal(k.env, { host: k.host.name, user: "root" });
    const debug = await line(t, "kubectl debug node/node01 -it --image=busybox:1.36 --profile=general");
    expect(debug.output).toMatch(/^Creating debugging pod node-debugger-node01-\w{5} with container debugger on node node01\.\nIf you don't see a command prompt, try pressing enter\.\n$/);
    expect(debug.prompt).toBe("/ # ");
    expect((await line(t, "hostname")).output).toBe("node01\n");
    expect((await line(t, "ls /host/etc/kubernetes")).output).toContain("kubelet.conf");
    const chroot = await line(t, "chroot /host");
    expect(chroot.prompt).toBe("# ");
    expect((await line(t, "systemctl is-active kubelet")).output).toBe("active\n");
    expect((await line(t, "ls /etc/kubernetes/manifests")).exitCode).toBe(0);
    // A session saved and restored (the app moves sessions between servers) is still on the node.
    const restored = createTerminal(k.env, { host: k.host.name, user: "root", restore: await t.snapshot() });
    await restored.ready;
    expect(restored.prompt).toBe("# ");
    expect((await line(restored, "cat /etc/hostname")).output).toBe("node01\n");
    expect((await line(restored, "exit")).prompt).toBe("/ # ");
    expect((await line(t, "exit")).prompt).toBe("/ # ");
    expect((await line(t, "chroot /host cat /etc/hostname")).output).toBe("node01\n");
    expect((await line(t, "chroot /nope")).output).toBe("chroot: can't change root directory to '/nope': No such file or directory\n");
    const back = await line(t, "exit");
    expect(back.prompt).toBe("root@controlplane:~# ");
  });
});
