import { beforeAll, describe, expect, it } from "vitest";
import { runKubectl } from "../program";
import { KubectlBench, splitArgs } from "./harness";

/**
 * kubectl port-forward: its port arithmetic (named ports, service ports to target ports), the
 * "Forwarding from" lines, errors, and the forward itself — while it runs, an HTTP request to the
 * workstation's localhost port reaches nginx in the pod; after Ctrl-C it no longer does.
 */
let k: KubectlBench;

const WEB = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
  - name: nginx
    image: nginx:1.25
    ports:
    - name: http
      containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - name: front
    port: 8081
    targetPort: http
`;

beforeAll(async () => {
  k = new KubectlBench();
  k.write("/root/web.yaml", WEB);
  expect((await k.run("apply -f /root/web.yaml")).code).toBe(0);
  k.env.advanceBy(60_000);
}, 60_000);

/** Runs port-forward; `during` runs at its first wait, then Ctrl-C. */
async function forwardWhile(line: string, during: () => void): Promise<{ stdout: string; stderr: string; code: number }> {
  const controller = new AbortController();
  const { ctx, out } = k.context(splitArgs(line), controller.signal);
  ctx.sleep = async (ms) => {
    k.env.advanceBy(ms);
    during();
    controller.abort();
  };
  out.code = await runKubectl(ctx);
  return out;
}

function curlLocal(port: number): string {
  const r = k.env.network!.http({ type: "host", host: k.host.name }, `http://127.0.0.1:${port}/`, { method: "GET", headers: {} });
  return r.ok ? `${r.response.status} ${r.response.body.includes("Welcome to nginx!") ? "nginx" : "other"}` : `failed: ${r.error}`;
}

describe("kubectl port-forward", () => {
  it("forwards the workstation's localhost port into the pod until Ctrl-C", async () => {
    let seen = "";
    const r = await forwardWhile("port-forward pod/web 8080:80", () => (seen = curlLocal(8080)));
    expect(r).toEqual({ stdout: "Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\nHandling connection for 8080\n", stderr: "", code: 0 });
    expect(seen).toBe("200 nginx");
    expect(curlLocal(8080)).toMatch(/^failed/);
  });

  it("turns a service port into the container port it targets, by name", async () => {
    let seen = "";
    const r = await forwardWhile("port-forward svc/web 9090:8081", () => (seen = curlLocal(9090)));
    expect(r.stdout).toBe("Forwarding from 127.0.0.1:9090 -> 80\nForwarding from [::1]:9090 -> 80\nHandling connection for 9090\n");
    expect(seen).toBe("200 nginx");
    // No connection made: no "Handling connection" line.
    const named = await forwardWhile("port-forward web 8088:http --address 0.0.0.0", () => undefined);
    expect(named.stdout).toBe("Forwarding from 0.0.0.0:8088 -> 80\n");
  });

  it("answers kubectl's errors", async () => {
    expect((await k.run("port-forward web")).stderr).toBe("error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n");
    expect((await k.run("port-forward web 8080:nope")).stderr).toBe("error: Pod 'web' does not have a named port 'nope'\n");
    expect((await k.run("port-forward svc/web 9090:1234")).stderr).toBe("error: Service web does not have a service port 1234\n");
    expect((await k.run("port-forward web 70000")).stderr).toBe("error: error parsing local port '70000': strconv.ParseUint: parsing \"70000\": value out of range\n");
    expect((await k.run("port-forward nope 80")).stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });
});
