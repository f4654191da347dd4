import { beforeAll, describe, expect, it } from "vitest";
import type { Environment } from "../../cluster/environment";
import { createPod, lab, podRow, waitFor } from "../../kubelet/test/helpers";
import { parseLogFile } from "../../kubelet/logs";

describe("breaking and fixing the control plane", () => {
  let env: Environment;
  beforeAll(() => {
    env = lab();
  });
  const cp = () => env.hosts.get("controlplane")!;
  const MANIFEST = "/etc/kubernetes/manifests/kube-apiserver.yaml";

  it("takes the API server down on a bad flag and says why in its container log; fixing the manifest brings it back", () => {
    const cluster = env.cluster();
    const good = cp().fs.readFileSync(MANIFEST)!;
    cp().fs.writeFileSync(MANIFEST, good.replace("--secure-port=6443", "--secure-port=6443\n    - --this-flag-does-not-exist=true"));
    env.advanceBy(5000);
    expect(cluster.apiserverUp).toBe(false);
    const logs = cp().fs.walkSync("/var/log/pods").filter((p) => p.includes("kube-system_kube-apiserver-controlplane_") && p.endsWith(".log"));
    const lines = logs.flatMap((p) => parseLogFile(cp().fs.readFileSync(p)).map((e) => e.text));
    expect(lines).toContain("Error: unknown flag: --this-flag-does-not-exist");
    cp().fs.writeFileSync(MANIFEST, good);
    expect(waitFor(env, () => cluster.apiserverUp, 60_000)).toBe(true);
  });

  it("fails the API server when a certificate path is wrong", () => {
    const cluster = env.cluster();
    const good = cp().fs.readFileSync(MANIFEST)!;
    cp().fs.writeFileSync(MANIFEST, good.replace("--client-ca-file=/etc/kubernetes/pki/ca.crt", "--client-ca-file=/etc/kubernetes/pki/ca-missing.crt"));
    env.advanceBy(5000);
    expect(cluster.apiserverUp).toBe(false);
    cp().fs.writeFileSync(MANIFEST, good);
    expect(waitFor(env, () => cluster.apiserverUp, 60_000)).toBe(true);
  });

  it("leaves new pods Pending while the scheduler's manifest is broken", () => {
    const cluster = env.cluster();
    const path = "/etc/kubernetes/manifests/kube-scheduler.yaml";
    const good = cp().fs.readFileSync(path)!;
    cp().fs.writeFileSync(path, good.replace("- kube-scheduler\n", "- kube-schedulerr\n"));
    env.advanceBy(5000);
    expect(podRow(cluster, "kube-system", "kube-scheduler-controlplane").status).toMatch(/StartError|RunContainerError|CrashLoopBackOff/);
    createPod(cluster, { metadata: { name: "waiting" }, spec: { containers: [{ name: "c", image: "nginx:1.27" }] } });
    env.advanceBy(10_000);
    expect(podRow(cluster, "default", "waiting").status).toBe("Pending");
    cp().fs.writeFileSync(path, good);
    expect(waitFor(env, () => podRow(cluster, "default", "waiting").status === "Running", 60_000)).toBe(true);
  });

  it("stops renewing a node's lease when its kubelet is stopped, and resumes on start", () => {
    const cluster = env.cluster();
    const renewTime = () => Date.parse((cluster.admin.get("coordination.k8s.io", "leases", "kube-node-lease", "node01")!.spec as { renewTime: string }).renewTime);
    env.hosts.get("node01")!.services.stop("kubelet");
    const stoppedAt = renewTime();
    env.advanceBy(60_000);
    expect(renewTime()).toBe(stoppedAt);
    env.hosts.get("node01")!.services.start("kubelet");
    env.advanceBy(1000);
    expect(renewTime()).toBeGreaterThan(stoppedAt);
  });

  it("refuses to start a kubelet whose config file is missing, with the kubelet's error in the journal", () => {
    const node = env.hosts.get("node02")!;
    const config = node.fs.readFileSync("/var/lib/kubelet/config.yaml")!;
    node.services.stop("kubelet");
    node.fs.rmSync("/var/lib/kubelet/config.yaml");
    expect(node.services.start("kubelet")?.active).not.toBe("active");
    expect(node.services.entries("kubelet").map((e) => e.message).join("\n")).toContain('"command failed" err="failed to load kubelet config file, path: /var/lib/kubelet/config.yaml');
    node.fs.writeFileSync("/var/lib/kubelet/config.yaml", config);
    expect(node.services.start("kubelet")?.active).toBe("active");
  });

  it("refuses to start a kubelet whose client CA file is missing, and the node goes NotReady until it is fixed", () => {
    const cluster = env.cluster();
    const node = env.hosts.get("node02")!;
    const path = "/var/lib/kubelet/config.yaml";
    const config = node.fs.readFileSync(path)!;
    expect(config).toContain("clientCAFile: /etc/kubernetes/pki/ca.crt");
    node.fs.writeFileSync(path, config.replace("clientCAFile: /etc/kubernetes/pki/ca.crt", "clientCAFile: /etc/kubernetes/pki/ca-cert.crt"));
    expect(node.services.restart("kubelet")?.active).not.toBe("active");
    expect(node.services.entries("kubelet").map((e) => e.message).join("\n")).toContain(
      '"command failed" err="failed to run Kubelet: unable to load client CA file /etc/kubernetes/pki/ca-cert.crt: open /etc/kubernetes/pki/ca-cert.crt: no such file or directory"',
    );
    const ready = () => (cluster.admin.get("", "nodes", undefined, "node02")!.status as { conditions: { type: string; status: string }[] }).conditions.find((c) => c.type === "Ready")!.status;
    expect(waitFor(env, () => ready() === "Unknown", 120_000)).toBe(true);
    node.fs.writeFileSync(path, config);
    expect(node.services.restart("kubelet")?.active).toBe("active");
    expect(waitFor(env, () => ready() === "True", 60_000)).toBe(true);
  });
});
