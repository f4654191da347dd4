import { beforeAll, describe, expect, it } from "vitest";
import { createTerminal, type Terminal } from "../../shell";
import { KubectlBench } from "./harness";

/**
 * kubectl exec against one booted cluster (booting costs seconds): one-shot commands through
 * pods/exec, the pod and container choice, kubectl's errors, and `-it -- sh` in an interactive
 * terminal where the container's shell takes the typed lines until `exit`.
 */
let k: KubectlBench;

const PODS = `apiVersion: v1
kind: Pod
metadata:
  name: multi
spec:
  initContainers:
  - name: init
    image: busybox:1.36
    command: ["true"]
  containers:
  - name: app
    image: nginx:1.25
  - name: side
    image: busybox:1.36
    command: ["sleep", "3600"]
---
apiVersion: v1
kind: Pod
metadata:
  name: annotated
  annotations:
    kubectl.kubernetes.io/default-container: side
spec:
  containers:
  - name: app
    image: nginx:1.25
  - name: side
    image: busybox:1.36
    command: ["sleep", "3600"]
---
apiVersion: v1
kind: Pod
metadata:
  name: pending
spec:
  nodeSelector:
    disk: none
  containers:
  - name: app
    image: nginx:1.25
---
apiVersion: v1
kind: Pod
metadata:
  name: done
spec:
  restartPolicy: Never
  containers:
  - name: app
    image: busybox:1.36
    command: ["true"]
`;

beforeAll(async () => {
  k = new KubectlBench();
  k.write("/root/pods.yaml", PODS);
  expect((await k.run("apply -f /root/pods.yaml")).code).toBe(0);
  expect((await k.run("run web --image=nginx:1.25 --labels=app=web")).code).toBe(0);
  expect((await k.run("create deployment api --image=busybox:1.36 --replicas=2 -- sleep 3600")).code).toBe(0);
  k.env.advanceBy(60_000);
});

describe("kubectl exec -f: the pod named in a file", () => {
  it("runs in the pod a manifest describes, or in a pod of the workload it describes", async () => {
    expect(await k.run("exec -f /root/pods.yaml -- echo hi")).toEqual({ stdout: "", stderr: "error: cannot exec into multiple objects at a time\n", code: 1 });
    k.write("/root/web.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.25\n");
    expect(await k.run("exec -f /root/web.yaml -- echo hi")).toEqual({ stdout: "hi\n", stderr: "", code: 0 });
    k.write("/root/api.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n");
    expect((await k.run("exec -f /root/api.yaml -- echo from-api")).stdout).toBe("from-api\n");
  });
});

describe("kubectl exec: one command", () => {
  it("prints the command's output and succeeds", async () => {
    const r = await k.run("exec web -- cat /etc/hostname");
    expect(r).toEqual({ stdout: "web\n", stderr: "", code: 0 });
  });

  it("reports the pod's name as the host name, not the node's", async () => {
    const r = await k.run(["exec", "web", "--", "sh", "-c", "hostname; uname -n; echo $HOSTNAME"]);
    expect(r).toEqual({ stdout: "web\nweb\nweb\n", stderr: "", code: 0 });
  });

  it("ends with the command's exit status and kubectl's message", async () => {
    const r = await k.run(["exec", "web", "--", "sh", "-c", "echo out; echo err >&2; exit 3"]);
    expect(r.stdout).toBe("out\n");
    expect(r.stderr).toBe("err\ncommand terminated with exit code 3\n");
    expect(r.code).toBe(3);
  });

  it("passes stdin with -i", async () => {
    k.stdin = "from the pipe\n";
    try {
      const r = await k.run("exec -i web -- cat");
      expect(r.stdout).toBe("from the pipe\n");
    } finally {
      k.stdin = "";
    }
  });

  it("warns that -t needs a terminal when stdin is not one, and runs without a tty", async () => {
    const r = await k.run("exec -it web -- echo hi");
    expect(r.stderr).toBe("Unable to use a TTY - input is not a terminal or the right kind of file\n");
    expect(r.stdout).toBe("hi\n");
  });

  it("defaults to the first container and says so when the pod has several", async () => {
    const r = await k.run("exec multi -- cat /etc/hostname");
    expect(r.stderr).toBe('Defaulted container "app" out of: app, side, init (init)\n');
    expect(r.stdout).toBe("multi\n");
    expect((await k.run("exec -q multi -- true")).stderr).toBe("");
  });

  it("honours the default-container annotation and -c", async () => {
    const which = ["sh", "-c", "test -d /etc/nginx && echo nginx || echo busybox"];
    expect(await k.run(["exec", "annotated", "--", ...which])).toEqual({ stdout: "busybox\n", stderr: "", code: 0 });
    expect((await k.run(["exec", "multi", "-c", "side", "--", ...which])).stdout).toBe("busybox\n");
    expect((await k.run(["exec", "multi", "-q", "--", ...which])).stdout).toBe("nginx\n");
    expect((await k.run("exec multi -c nope -- ls")).stderr).toBe("Error from server (BadRequest): container nope is not valid for pod multi\n");
  });

  it("picks a running pod of a deployment for deploy/NAME", async () => {
    const r = await k.run("exec deploy/api -- cat /etc/hostname");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^api-[a-z0-9]+-[a-z0-9]{5}\n$/);
  });

  it("answers kubectl's argument errors", async () => {
    expect(await k.run("exec")).toEqual({ stdout: "", stderr: "error: pod, type/name or --filename must be specified\n", code: 1 });
    expect((await k.run("exec web")).stderr).toBe("error: you must specify at least one command for the container\n");
    expect((await k.run("exec web ls")).stderr).toBe("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n");
  });

  it("answers the server's and runtime's errors", async () => {
    expect((await k.run("exec nope -- ls")).stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect((await k.run("exec pending -- ls")).stderr).toBe("Error from server (BadRequest): pod pending does not have a host assigned\n");
    expect((await k.run("exec done -- ls")).stderr).toBe("error: cannot exec into a container in a completed pod; current phase is Succeeded\n");
    const missing = await k.run("exec web -- nosuch");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: Internal error occurred: error executing command in container: .*exec: "nosuch": executable file not found in \$PATH: unknown\n$/);
    expect((await k.run("exec cm/kube-root-ca.crt -- ls")).stderr).toBe("error: cannot attach to *v1.ConfigMap: selector for *v1.ConfigMap not implemented\n");
    expect((await k.run("exec svc/kubernetes -- ls")).stderr).toBe("error: cannot attach to *v1.Service: invalid service 'kubernetes': Service is defined without a selector\n");
  });

  it("gives up on a workload without pods after --pod-running-timeout", async () => {
    await k.run("create deployment empty --image=nginx:1.25 --replicas=0");
    const r = await k.run("exec deploy/empty --pod-running-timeout=3s -- ls");
    expect(r.stderr).toBe("error: timed out waiting for the condition\n");
  });
});

describe("kubectl exec -it in the terminal", () => {
  async function typed(t: Terminal, line: string): Promise<{ output: string; exitCode: number; prompt: string }> {
    let output = "";
    const r = await t.exec(line, (data) => (output += data));
    return { output, exitCode: r.exitCode, prompt: r.prompt };
  }

  it("opens the container's shell until exit, then gives the terminal back", async () => {
    const t = createTerminal(k.env, { host: k.host.name, user: "root" });
    const hostPrompt = (await typed(t, "true")).prompt;
    const open = await typed(t, "kubectl exec -it web -- sh");
    expect(open.output).toBe("");
    expect(open.prompt).toBe("# ");
    expect((await typed(t, "cat /etc/hostname")).output).toBe("web\n");
    expect((await typed(t, "touch /tmp/made-here && echo ok")).output).toBe("ok\n");
    const exit = await typed(t, "exit");
    expect(exit.prompt).toBe(hostPrompt);
    // The file is in the container, not on the host.
    expect((await typed(t, "kubectl exec web -- ls /tmp/made-here")).output).toBe("/tmp/made-here\n");
    expect((await typed(t, "ls /tmp/made-here")).exitCode).not.toBe(0);
  });

  it("reports a non-zero exit of the shell like kubectl", async () => {
    const t = createTerminal(k.env, { host: k.host.name, user: "root" });
    await typed(t, "kubectl exec -it multi -c side -- sh");
    const exit = await typed(t, "exit 4");
    expect(exit.output).toBe("command terminated with exit code 4\n");
    expect((await typed(t, "echo $?")).output).toBe("4\n");
  });
});
