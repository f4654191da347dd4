import { beforeAll, describe, expect, it } from "vitest";
import type { Environment } from "../../cluster/environment";
import { lab, waitFor } from "../../kubelet/test/helpers";
import { PROGRAMS } from "../../programs";
import "../index";

async function run(env: Environment, line: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const program = PROGRAMS.get(line[0])!;
  const code = await program({
    args: line.slice(1),
    name: line[0],
    stdin: "",
    env: { ETCDCTL_API: "3", ...extraEnv },
    cwd: "/root",
    host: env.hosts.get("controlplane")!,
    user: "root",
    environment: env,
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    signal: new AbortController().signal,
    terminal: { isTTY: false, columns: 120, rows: 40 },
    sleep: async (ms) => env.advanceBy(ms),
  });
  return { code, stdout, stderr };
}

const TLS = ["--endpoints=https://127.0.0.1:2379", "--cacert=/etc/kubernetes/pki/etcd/ca.crt", "--cert=/etc/kubernetes/pki/etcd/server.crt", "--key=/etc/kubernetes/pki/etcd/server.key"];

describe("etcd backup and restore, the kubeadm way", () => {
  let env: Environment;
  beforeAll(() => {
    env = lab();
    env.cluster().admin.create({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "important", namespace: "default" },
      spec: { replicas: 1, selector: { matchLabels: { app: "important" } }, template: { metadata: { labels: { app: "important" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] } } },
    });
    env.advanceBy(10_000);
  });

  it("refuses without the etcd CA's client certificate", async () => {
    const r = await run(env, ["etcdctl", "--endpoints=https://127.0.0.1:2379", "--cacert=/etc/kubernetes/pki/ca.crt", "--cert=/etc/kubernetes/pki/apiserver.crt", "--key=/etc/kubernetes/pki/apiserver.key", "snapshot", "save", "/opt/bad.db"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("x509: certificate signed by unknown authority");
    expect(r.stderr.trim().split("\n").pop()).toBe("Error: context deadline exceeded");
  });

  it("lists the /registry keyspace", async () => {
    const r = await run(env, ["etcdctl", ...TLS, "get", "/registry/deployments", "--prefix", "--keys-only"]);
    expect(r.stdout).toContain("/registry/deployments/default/important\n\n");
    expect(r.stdout).toContain("/registry/deployments/kube-system/coredns\n\n");
  });

  it("snapshots, loses a deployment, restores into a new data dir and serves the restored state", async () => {
    const cluster = env.cluster();
    const cp = env.hosts.get("controlplane")!;
    cp.fs.mkdirSync("/opt", { recursive: true });
    const save = await run(env, ["etcdctl", ...TLS, "snapshot", "save", "/opt/snapshot.db"]);
    expect(save.code).toBe(0);
    expect(save.stdout).toBe("Snapshot saved at /opt/snapshot.db\n");
    const status = await run(env, ["etcdutl", "snapshot", "status", "/opt/snapshot.db", "-w", "table"]);
    expect(status.stdout).toMatch(/^\+-+\+-+\+-+\+-+\+\n\|   HASH   \| REVISION \| TOTAL KEYS \| TOTAL SIZE \|/);

    cluster.admin.delete("apps", "deployments", "default", "important");
    env.advanceBy(5000);
    expect(cluster.admin.get("apps", "deployments", "default", "important")).toBeUndefined();

    const restore = await run(env, ["etcdutl", "snapshot", "restore", "/opt/snapshot.db", "--data-dir", "/var/lib/etcd-from-backup"]);
    expect(restore.code).toBe(0);
    expect(cp.fs.existsSync("/var/lib/etcd-from-backup/member/snap/db")).toBe(true);

    const manifest = "/etc/kubernetes/manifests/etcd.yaml";
    const text = cp.fs.readFileSync(manifest)!;
    cp.fs.writeFileSync(manifest, text.replace("      path: /var/lib/etcd\n", "      path: /var/lib/etcd-from-backup\n"));
    expect(waitFor(env, () => !!cluster.admin.get("apps", "deployments", "default", "important"), 120_000)).toBe(true);
    expect(waitFor(env, () => cluster.apiserverUp, 120_000)).toBe(true);
  });
});
