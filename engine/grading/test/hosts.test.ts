import { describe, expect, it } from "vitest";
import type { NetworkModel } from "../../network/types";
import { gradeChecks } from "../grader";
import type { ScriptRunner } from "../script-runner";
import { check, freshContext } from "./helpers";

const POD_MANIFEST = `apiVersion: v1
kind: Pod
metadata:
  name: probe
  namespace: default
spec:
  containers:
  - name: main
    image: busybox:1.36
    command: ["sleep", "3600"]
`;

describe("file checks", () => {
  it("compare content exactly, trimmed, by pattern and as YAML", async () => {
    const ctx = freshContext();
    const fs = ctx.env.hosts.get("controlplane")!.fs;
    fs.writeFileSync("/opt/answer.txt", "v1.33.2\n", { createParents: true });
    fs.writeFileSync("/opt/values.yaml", "replicas: 3\nimage: {tag: '1.27'}\n", { createParents: true });
    const grade = await gradeChecks(
      [
        check({ id: "exact", type: "file", host: "controlplane", path: "/opt/answer.txt", exact: "v1.33.2" }),
        check({ id: "trimmed", type: "file", host: "controlplane", path: "/opt/answer.txt", trimmed: "v1.33.2" }),
        check({ id: "regex", type: "file", host: "controlplane", path: "/opt/answer.txt", regex: "^v1\\.33\\.\\d+$" }),
        check({ id: "yaml", type: "file", host: "controlplane", path: "/opt/values.yaml", yaml: { image: { tag: "1.27" }, replicas: 3 } }),
        check({ id: "missing", type: "file", host: "node01", path: "/opt/answer.txt", exists: true }),
      ],
      ctx,
    );
    expect(grade.checks.map((c) => c.passed)).toEqual([false, true, true, true, false]);
    expect(grade.checks[0].reason).toBe('/opt/answer.txt on controlplane does not have exactly the expected content (it has 8 characters: "v1.33.2\\n")');
    expect(grade.checks[4].reason).toBe("/opt/answer.txt on node01 does not exist");
  });

  it("reads fields of a YAML file, such as a kubeconfig's contexts", async () => {
    const ctx = freshContext();
    const fs = ctx.env.hosts.get("controlplane")!.fs;
    const kubeconfig = [
      "apiVersion: v1",
      "kind: Config",
      "current-context: prod",
      "contexts:",
      "- name: prod",
      "  context: {cluster: prod, user: prod-admin}",
      "- name: staging-admin",
      "  context: {cluster: staging, user: staging-admin, namespace: apps}",
      "",
    ].join("\n");
    fs.writeFileSync("/root/team.kubeconfig", kubeconfig, { createParents: true });
    fs.writeFileSync("/root/two.yaml", "a: 1\n---\na: 2\n", { createParents: true });
    const context = (field: string) => `{.contexts[?(@.name=="staging-admin")].context.${field}}`;
    const grade = await gradeChecks(
      [
        check({ id: "context", type: "file", host: "controlplane", path: "/root/team.kubeconfig", fields: [{ path: context("cluster"), equals: "staging" }, { path: context("namespace"), equals: "apps" }] }),
        check({ id: "current", type: "file", host: "controlplane", path: "/root/team.kubeconfig", fields: [{ path: "{.current-context}", equals: "staging-admin" }] }),
        check({ id: "missing", type: "file", host: "controlplane", path: "/root/team.kubeconfig", fields: [{ path: context("missing"), present: true }] }),
        check({ id: "two-docs", type: "file", host: "controlplane", path: "/root/two.yaml", fields: [{ path: ".a", equals: 1 }] }),
      ],
      ctx,
    );
    expect(grade.checks.map((c) => c.passed)).toEqual([true, false, false, false]);
    expect(grade.checks[1].reason).toBe('{.current-context} in /root/team.kubeconfig on controlplane is "prod"; expected it to equal "staging-admin"');
    expect(grade.checks[2].reason).toBe(`${context("missing")} in /root/team.kubeconfig on controlplane is not set; expected it to be set`);
    expect(grade.checks[3].reason).toBe("/root/two.yaml on controlplane holds 2 YAML documents; expected one");
  });

  it("accepts a manifest only if it is of the kind asked and the API server takes it", async () => {
    const ctx = freshContext();
    const fs = ctx.env.hosts.get("controlplane")!.fs;
    fs.writeFileSync("/root/pod.yaml", POD_MANIFEST, { createParents: true });
    fs.writeFileSync("/root/bad.yaml", POD_MANIFEST.replace("name: probe", "name: Probe_1"), { createParents: true });
    fs.writeFileSync("/root/broken.yaml", "kind: Pod\n  metadata: [", { createParents: true });
    const grade = await gradeChecks(
      [
        check({ id: "good", type: "file", host: "controlplane", path: "/root/pod.yaml", manifest: { kind: "Pod", name: "probe", fields: [{ path: ".spec.containers[0].image", matches: "^busybox" }] } }),
        check({ id: "kind", type: "file", host: "controlplane", path: "/root/pod.yaml", manifest: { kind: "Deployment" } }),
        check({ id: "invalid", type: "file", host: "controlplane", path: "/root/bad.yaml", manifest: { kind: "Pod" } }),
        check({ id: "yaml", type: "file", host: "controlplane", path: "/root/broken.yaml", manifest: { kind: "Pod" } }),
      ],
      ctx,
    );
    expect(grade.checks.map((c) => c.passed)).toEqual([true, false, false, false]);
    expect(grade.checks[1].reason).toBe("/root/pod.yaml on controlplane holds no Deployment manifest (found: Pod)");
    expect(grade.checks[2].reason).toMatch(/^the API server rejects the Pod in \/root\/bad\.yaml on controlplane: Pod "Probe_1" is invalid/);
    expect(grade.checks[3].reason).toMatch(/^\/root\/broken\.yaml on controlplane is not valid YAML/);
    // The dry run must not have created anything.
    expect(ctx.env.cluster().admin.get("", "pods", "default", "probe")).toBeUndefined();
  });
});

describe("command checks", () => {
  const runner: ScriptRunner = async (_env, script, options) => {
    if (script.startsWith("kubectl version")) return { exitCode: 0, stdout: `Server Version: v1.33.2 on ${options.host}\n`, stderr: "" };
    return { exitCode: 1, stdout: "", stderr: "Error from server (NotFound): pods \"x\" not found\n" };
  };

  it("check exit status and output", async () => {
    const ctx = freshContext(runner);
    const grade = await gradeChecks(
      [
        check({ id: "ok", type: "command", run: "kubectl version", stdout: { contains: "v1.33.2 on controlplane" } }),
        check({ id: "host", type: "command", host: "node01", run: "kubectl version", stdout: { matches: "on controlplane$" } }),
        check({ id: "exit", type: "command", run: "kubectl get pod x" }),
      ],
      ctx,
    );
    expect(grade.checks.map((c) => c.passed)).toEqual([true, false, false]);
    expect(grade.checks[1].reason).toBe("`kubectl version` on node01: its output does not match /on controlplane$/");
    expect(grade.checks[2].reason).toBe('`kubectl get pod x` on controlplane exited with 1, expected 0: Error from server (NotFound): pods "x" not found');
  });

  it("report a command the simulation lacks as a gap, not as the learner's failure", async () => {
    const ctx = freshContext(async () => ({ exitCode: 127, stdout: "", stderr: "bash: ip: command not found\n" }));
    const grade = await gradeChecks([check({ type: "command", run: "ip netns list" })], ctx);
    expect(grade.checks[0]).toMatchObject({ passed: false, problem: "unavailable", reason: "`ip netns list` (bash: ip: command not found) is not available in Kubecoach yet" });
  });

  it("say plainly when the shell is not there rather than guessing", async () => {
    const ctx = freshContext();
    const grade = await gradeChecks([check({ type: "command", run: "true" })], ctx);
    expect(grade.checks[0]).toMatchObject({ passed: false, problem: "unavailable", reason: "the shell (running scripts on a host) is not available in Kubecoach yet" });
  });
});

describe("reachability checks", () => {
  it("ask the network model and honour allowed or blocked", async () => {
    const ctx = freshContext();
    const grade0 = await gradeChecks([check({ type: "reachable", from: { host: "controlplane" }, to: { address: "10.0.0.1", port: 80 }, expect: "allowed" })], ctx);
    expect(grade0.checks[0].problem).toBe("unavailable");

    const network: NetworkModel = {
      resolve: (_from, name) => (name === "web.default.svc.cluster.local" ? { ok: true, name, addresses: ["10.96.0.20"], server: "10.96.0.10" } : { ok: false, error: "NXDOMAIN", server: "10.96.0.10" }),
      connect: (from) => (from.type === "pod" ? { ok: false, error: "timeout" } : { ok: true, remote: "10.96.0.20:80" }),
      http: () => ({ ok: false, error: "refused" }),
      ping: () => ({ ok: true }),
    };
    ctx.env.network = network;
    ctx.env.cluster().admin.create({ apiVersion: "v1", kind: "Pod", metadata: { name: "client", namespace: "default" }, spec: { containers: [{ name: "c", image: "busybox" }] } });
    const grade = await gradeChecks(
      [
        check({ id: "host-ok", type: "reachable", from: { host: "node01" }, to: { address: "10.96.0.20", port: 80 }, expect: "allowed" }),
        check({ id: "pod-blocked", type: "reachable", from: { pod: "default/client" }, to: { address: "10.96.0.20", port: 80 }, expect: "blocked" }),
        check({ id: "pod-allowed", type: "reachable", from: { pod: "default/client" }, to: { address: "10.96.0.20", port: 80 }, expect: "allowed" }),
        check({ id: "dns", type: "reachable", from: { pod: "default/client" }, to: { dns: "web.default.svc.cluster.local" }, expect: "allowed" }),
        check({ id: "http", type: "reachable", from: { host: "node01" }, to: { url: "http://10.96.0.20" }, expect: "blocked" }),
        check({ id: "no-pod", type: "reachable", from: { pod: "default/ghost" }, to: { dns: "x" }, expect: "blocked" }),
      ],
      ctx,
    );
    expect(grade.checks.map((c) => c.passed)).toEqual([true, true, false, true, true, false]);
    expect(grade.checks[2].reason).toBe("pod default/client cannot reach 10.96.0.20:80: timeout");
    expect(grade.checks[5].reason).toBe('pod "ghost" in namespace "default" was not found, so nothing can be sent from it');
  });
});

describe("file answers compared with the cluster", () => {
  const runner: ScriptRunner = async (_env, script) => {
    if (script === "kubectl get node node01 -o jsonpath='{.spec.podCIDR}'") return { exitCode: 0, stdout: "10.244.1.0/24", stderr: "" };
    if (script.startsWith("kubectl top")) return { exitCode: 1, stdout: "", stderr: "error: kubectl top pod is not available in Kubecoach yet\n" };
    return { exitCode: 1, stdout: "", stderr: "Error: snapshot file missing\n" };
  };

  it("compare trimmed content with the output of a command run on the same host", async () => {
    const ctx = freshContext(runner);
    const fs = ctx.env.hosts.get("controlplane")!.fs;
    fs.writeFileSync("/opt/cidr.txt", "10.244.1.0/24\n", { createParents: true });
    fs.writeFileSync("/opt/wrong.txt", "10.244.2.0/24\n", { createParents: true });
    const sameAs = "kubectl get node node01 -o jsonpath='{.spec.podCIDR}'";
    const grade = await gradeChecks(
      [
        check({ id: "right", type: "file", host: "controlplane", path: "/opt/cidr.txt", sameAs }),
        check({ id: "wrong", type: "file", host: "controlplane", path: "/opt/wrong.txt", sameAs }),
        check({ id: "no-answer", type: "file", host: "controlplane", path: "/opt/cidr.txt", sameAs: "etcdutl snapshot status /opt/x.db" }),
        check({ id: "gap", type: "file", host: "controlplane", path: "/opt/cidr.txt", sameAs: "kubectl top pods" }),
      ],
      ctx,
    );
    expect(grade.checks.map((c) => [c.id, c.passed, c.problem])).toEqual([
      ["right", true, undefined],
      ["wrong", false, undefined],
      ["no-answer", false, undefined],
      ["gap", false, "unavailable"],
    ]);
    expect(grade.checks[1].reason).toBe('/opt/wrong.txt on controlplane contains "10.244.2.0/24"; expected "10.244.1.0/24"');
    expect(grade.checks[2].reason).toBe("the expected answer for /opt/cidr.txt on controlplane could not be worked out: `etcdutl snapshot status /opt/x.db` on controlplane exited with 1 (Error: snapshot file missing)");
  });
});
