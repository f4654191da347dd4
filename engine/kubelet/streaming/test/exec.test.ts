import { beforeAll, describe, expect, it } from "vitest";
import type { ApiResponse } from "../../../api/types";
import type { Environment } from "../../../cluster/environment";
import "../../../programs-index";
import { createPod, lab, podRow, waitFor } from "../../test/helpers";
import { openContainer } from "../../open-container";
import type { KubeStatus, PortForwardSession, RemoteCommandSession } from "../session";

/** pods/exec, attach and portforward in process, as the emulated kubectl drives them. */
let env: Environment;

function request(path: string, query: Record<string, string | string[]>): ApiResponse {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const item of [v].flat()) q.append(k, item);
  return env.cluster().apiserver.handle({ method: "POST", path, query: q, user: { username: "kubernetes-admin", groups: ["kubeadm:cluster-admins", "system:authenticated"] } });
}

async function run(pod: string, command: string[], options: { stdin?: string; tty?: boolean; container?: string; sub?: string } = {}): Promise<{ stdout: string; stderr: string; status: KubeStatus; response: ApiResponse }> {
  const response = request(`/api/v1/namespaces/default/pods/${pod}/${options.sub ?? "exec"}`, {
    command,
    stdout: "true",
    stderr: options.tty ? "false" : "true",
    ...(options.stdin !== undefined ? { stdin: "true" } : {}),
    ...(options.tty ? { tty: "true" } : {}),
    ...(options.container ? { container: options.container } : {}),
  });
  let stdout = "";
  let stderr = "";
  if (response.status !== 101) return { stdout, stderr, status: response.body as KubeStatus, response };
  const session = response.upgrade as RemoteCommandSession;
  const done = session.start((stream, data) => (stream === "stdout" ? (stdout += data) : (stderr += data)));
  if (options.stdin !== undefined) {
    session.writeStdin(options.stdin);
    session.closeStdin();
  }
  const status = await done;
  return { stdout, stderr, status, response };
}

beforeAll(() => {
  env = lab();
  const c = env.cluster();
  c.admin.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg", namespace: "default" }, data: { "app.conf": "mode=fast\n" } });
  createPod(c, {
    metadata: { name: "box" },
    spec: {
      volumes: [{ name: "cfg", configMap: { name: "cfg" } }, { name: "scratch", emptyDir: {} }],
      containers: [{ name: "b", image: "busybox", command: ["sleep", "1d"], env: [{ name: "GREETING", value: "hello" }], volumeMounts: [{ name: "cfg", mountPath: "/etc/app" }, { name: "scratch", mountPath: "/data" }] }],
    },
  });
  createPod(c, { metadata: { name: "web" }, spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] } });
  createPod(c, { metadata: { name: "shell" }, spec: { containers: [{ name: "sh", image: "busybox", command: ["sh"], stdin: true, tty: true }] } });
  createPod(c, { metadata: { name: "stuck" }, spec: { nodeSelector: { disk: "none" }, containers: [{ name: "x", image: "busybox" }] } });
  waitFor(env, () => ["box", "web", "shell"].every((p) => podRow(c, "default", p).ready === "1/1"));
});

describe("pods/exec", () => {
  it("runs a command over the container's files, environment and volumes", async () => {
    expect((await run("box", ["cat", "/etc/app/app.conf"])).stdout).toBe("mode=fast\n");
    expect((await run("box", ["sh", "-c", "echo $GREETING; echo oops >&2"])).stdout).toBe("hello\n");
    expect((await run("box", ["sh", "-c", "echo $GREETING; echo oops >&2"])).stderr).toBe("oops\n");
    const ro = await run("box", ["sh", "-c", "echo x > /etc/app/new"]);
    expect(ro.stderr).toMatch(/read-only file system/i);
    expect(ro.status).toMatchObject({ status: "Failure", reason: "NonZeroExitCode" });
    expect((await run("box", ["ls", "/etc/app"])).stdout).toBe("app.conf\n");
  });

  it("reports a non-zero exit through the error channel's Status, as kubectl reads it", async () => {
    const r = await run("box", ["sh", "-c", "exit 3"]);
    expect(r.status).toEqual({
      metadata: {},
      status: "Failure",
      message: "command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3",
      reason: "NonZeroExitCode",
      details: { causes: [{ reason: "ExitCode", message: "3" }] },
    });
    expect((await run("box", ["true"])).status).toEqual({ metadata: {}, status: "Success" });
  });

  it("fails like containerd for a program the image lacks", async () => {
    const r = await run("box", ["bash"]);
    expect(r.status.message).toMatch(/^Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in \$PATH: unknown$/);
  });

  it("reads stdin until the client closes it", async () => {
    const r = await run("box", ["sh", "-c", "cat > /data/in.txt; wc -l < /data/in.txt"], { stdin: "a\nb\nc\n" });
    expect(r.stdout.trim()).toBe("3");
    expect((await run("box", ["cat", "/data/in.txt"])).stdout).toBe("a\nb\nc\n");
  });

  it("copies files with tar as kubectl cp does, in and out, byte for byte", async () => {
    await run("box", ["sh", "-c", "mkdir -p /data/src && echo payload > /data/src/file.txt"]);
    // Bytes that are not UTF-8 must survive the trip (kubectl cp of a binary file).
    const binary = new Uint8Array([0x68, 0xc3, 0xa9, 0x00, 0xff, 0x0a]);
    const box = env.cluster().admin.get("", "pods", "default", "box")!;
    openContainer(env.cluster(), box, "b")!.fs.write("/data/src/blob.bin", binary, false);
    const out = await run("box", ["tar", "cf", "-", "/data/src"]);
    expect(out.status.status).toBe("Success");
    expect(out.stdout.length % 512).toBe(0);
    const session = request("/api/v1/namespaces/default/pods/web/exec", { command: ["tar", "-xmf", "-", "-C", "/tmp"], stdin: "true", stdout: "true", stderr: "true" }).upgrade as RemoteCommandSession;
    expect(session.binary).toBe(true);
    const done = session.start(() => undefined);
    session.writeStdin(out.stdout);
    session.closeStdin();
    expect((await done).status).toBe("Success");
    expect((await run("web", ["cat", "/tmp/data/src/file.txt"])).stdout).toBe("payload\n");
    const web = env.cluster().admin.get("", "pods", "default", "web")!;
    expect([...openContainer(env.cluster(), web, "nginx")!.fs.readBytes("/tmp/data/src/blob.bin")!]).toEqual([...binary]);
    expect((await run("web", ["ls", "-a", "/"])).stdout).not.toContain("kubecoach");
  });

  it("gives an interactive shell on a tty: prompt, echo, CRLF output, exit status", async () => {
    const session = request("/api/v1/namespaces/default/pods/box/exec", { command: "sh", stdin: "true", stdout: "true", tty: "true" }).upgrade as RemoteCommandSession;
    let screen = "";
    const done = session.start((_s, data) => (screen += data));
    for (const ch of "echo hi $GREETING\r") session.writeStdin(ch);
    await new Promise((r) => setTimeout(r, 50));
    session.writeStdin("cd /etc/app\rexit 4\r");
    const status = await done;
    expect(screen).toContain("/ # echo hi $GREETING\r\nhi hello\r\n/ # ");
    expect(screen).toContain("/etc/app # exit 4");
    expect(status).toMatchObject({ reason: "NonZeroExitCode", details: { causes: [{ reason: "ExitCode", message: "4" }] } });
  });

  it("answers the API server's and kubelet's errors before upgrading", async () => {
    expect((await run("nope", ["ls"])).response).toMatchObject({ status: 404, body: { message: 'pods "nope" not found' } });
    expect((await run("box", ["ls"], { container: "other" })).response).toMatchObject({ status: 400, body: { message: "container other is not valid for pod box" } });
    expect((await run("stuck", ["ls"])).response).toMatchObject({ status: 400, body: { message: "pod stuck does not have a host assigned" } });
    expect(request("/api/v1/namespaces/default/pods/box/exec", { stdout: "true" })).toMatchObject({ status: 400, body: { message: "you must specify at least 1 command" } });
  });

  it("needs create on pods/exec, even for the WebSocket GET", () => {
    const c = env.cluster();
    c.admin.create({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: { name: "viewer", namespace: "default" }, rules: [{ apiGroups: [""], resources: ["pods", "pods/exec"], verbs: ["get"] }] });
    c.admin.create({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", metadata: { name: "viewer", namespace: "default" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "viewer" }, subjects: [{ kind: "User", name: "jane", apiGroup: "rbac.authorization.k8s.io" }] });
    const r = c.apiserver.handle({ method: "GET", path: "/api/v1/namespaces/default/pods/box/exec", query: new URLSearchParams("command=ls&stdout=true"), user: { username: "jane", groups: ["system:authenticated"] } });
    expect(r.status).toBe(403);
    expect((r.body as KubeStatus).message).toBe('pods "box" is forbidden: User "jane" cannot create resource "pods/exec" in API group "" in the namespace "default"');
  });
});

describe("pods/attach", () => {
  it("joins a container whose main process is an interactive shell", async () => {
    const session = request("/api/v1/namespaces/default/pods/shell/attach", { stdin: "true", stdout: "true", tty: "true" }).upgrade as RemoteCommandSession;
    expect(session.kind).toBe("attach");
    let screen = "";
    const done = session.start((_s, data) => (screen += data));
    session.writeStdin("echo attached\r");
    await new Promise((r) => setTimeout(r, 50));
    session.cancel();
    await done;
    expect(screen).toContain("attached\r\n");
  });
});

describe("pods/portforward", () => {
  it("forwards HTTP to the port the container listens on, and refuses a closed port with the kubelet's error", async () => {
    env.advanceBy(5000); // nginx accepts connections a moment after it starts
    const session = request("/api/v1/namespaces/default/pods/web/portforward", { ports: "80" }).upgrade as PortForwardSession;
    expect(session.ports).toEqual([80]);
    const conn = session.connect(80);
    let reply = "";
    conn.onData((d) => (reply += Buffer.from(d).toString("utf8")));
    conn.write(new TextEncoder().encode("GET / HTTP/1.1\r\nHost: localhost:8080\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n"));
    expect(reply).toMatch(/^HTTP\/1\.1 200 OK\r\nServer: nginx\/1\.27\.5\r\nDate: .+ GMT\r\nContent-Type: text\/html\r\nContent-Length: 615\r\n/);
    expect(reply).toContain("<h1>Welcome to nginx!</h1>");
    const closed = session.connect(81);
    const error = await new Promise<string | undefined>((resolve) => closed.onClose(resolve));
    expect(error).toMatch(/^error forwarding port 81 to pod [0-9a-f]{64}, uid : failed to execute portforward in network namespace "\/var\/run\/netns\/cni-[0-9a-f-]{36}": failed to connect to localhost:81 inside namespace "[0-9a-f]{64}", IPv4: dial tcp4 127\.0\.0\.1:81: connect: connection refused IPv6 dial tcp6 \[::1\]:81: connect: connection refused $/);
  });

  it("lets the emulated kubectl forward a loopback port on its host to the pod (curl localhost:8080)", () => {
    const network = env.network!;
    const from = { type: "host" as const, host: "controlplane" };
    expect(network.http(from, "http://127.0.0.1:8080/", { method: "GET", headers: {} })).toMatchObject({ ok: false, error: "refused" });
    const stop = network.forwardPort!("controlplane", 8080, { cluster: "kubernetes", namespace: "default", pod: "web", port: 80 });
    expect(typeof stop).toBe("function");
    const r = network.http(from, "http://localhost:8080/", { method: "GET", headers: {} });
    expect(r.ok && r.response.body).toContain("Welcome to nginx!");
    expect(network.forwardPort!("controlplane", 8080, { cluster: "kubernetes", namespace: "default", pod: "web", port: 80 })).toMatchObject({ error: expect.stringContaining("bind: address already in use") });
    (stop as () => void)();
    expect(network.http(from, "http://127.0.0.1:8080/", { method: "GET", headers: {} })).toMatchObject({ ok: false, error: "refused" });
  });
});
