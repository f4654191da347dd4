import { beforeAll, describe, expect, it } from "vitest";
import type { Environment } from "../../cluster/environment";
import { createPod, events, lab, podRow, waitFor } from "./helpers";

describe("pod lifecycle on the kubelet", () => {
  let env: Environment;
  beforeAll(() => {
    env = lab();
  });
  const cluster = () => env.cluster();
  const row = (name: string) => podRow(cluster(), "default", name);

  it("pulls an image, creates and starts the container, and reports Running 1/1", () => {
    createPod(cluster(), { metadata: { name: "web" }, spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] } });
    expect(row("web").status).toBe("ContainerCreating");
    expect(waitFor(env, () => row("web").status === "Running")).toBe(true);
    expect(row("web")).toEqual({ ready: "1/1", status: "Running", restarts: "0" });
    const ev = events(cluster(), "default", "web");
    expect(ev).toContain('Pulling: Pulling image "nginx:1.27"');
    expect(ev.some((e) => /^Pulled: Successfully pulled image "nginx:1.27" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: 72223946 bytes\.$/.test(e))).toBe(true);
    expect(ev).toContain("Created: Created container: nginx");
    expect(ev).toContain("Started: Started container nginx");
  });

  it("fails to pull an unknown tag: ErrImagePull, then ImagePullBackOff", () => {
    createPod(cluster(), { metadata: { name: "badtag" }, spec: { containers: [{ name: "app", image: "nginx:9.99-nope" }] } });
    expect(waitFor(env, () => row("badtag").status === "ErrImagePull", 10_000, 500)).toBe(true);
    expect(waitFor(env, () => row("badtag").status === "ImagePullBackOff", 10_000, 500)).toBe(true);
    const ev = events(cluster(), "default", "badtag");
    expect(ev.some((e) => e.includes('Failed to pull image "nginx:9.99-nope": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:9.99-nope"'))).toBe(true);
    expect(ev).toContain("Failed: Error: ErrImagePull");
  });

  it("crash-loops a container that exits, with restarts on the real back-off", () => {
    createPod(cluster(), { metadata: { name: "crasher" }, spec: { containers: [{ name: "app", image: "busybox:1.36", command: ["sh", "-c", "echo boom; exit 1"] }] } });
    expect(waitFor(env, () => row("crasher").status === "CrashLoopBackOff", 30_000, 500)).toBe(true);
    const first = Number(row("crasher").restarts.split(" ")[0]);
    env.advanceBy(60_000);
    const later = Number(row("crasher").restarts.split(" ")[0]);
    // 10 s, 20 s, 40 s …: a minute adds two or three restarts, not sixty.
    expect(later - first).toBeGreaterThanOrEqual(1);
    expect(later - first).toBeLessThanOrEqual(3);
    expect(events(cluster(), "default", "crasher").some((e) => e.startsWith("BackOff: Back-off restarting failed container app in pod crasher_default("))).toBe(true);
  });

  it("completes a pod whose command finishes with restartPolicy Never", () => {
    createPod(cluster(), { metadata: { name: "once" }, spec: { restartPolicy: "Never", containers: [{ name: "job", image: "busybox", command: ["sh", "-c", "sleep 3; echo done"] }] } });
    expect(waitFor(env, () => row("once").status === "Completed", 30_000, 500)).toBe(true);
    expect(row("once").ready).toBe("0/1");
  });

  it("reports CreateContainerConfigError for a missing ConfigMap and recovers once it exists", () => {
    createPod(cluster(), {
      metadata: { name: "needs-cm" },
      spec: { containers: [{ name: "app", image: "busybox", command: ["sleep", "3600"], env: [{ name: "MODE", valueFrom: { configMapKeyRef: { name: "app-config", key: "mode" } } }] }] },
    });
    expect(waitFor(env, () => row("needs-cm").status === "CreateContainerConfigError", 20_000, 500)).toBe(true);
    expect(events(cluster(), "default", "needs-cm")).toContain('Failed: Error: configmap "app-config" not found');
    cluster().admin.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "app-config", namespace: "default" }, data: { other: "x" } });
    env.advanceBy(11_000);
    expect(events(cluster(), "default", "needs-cm")).toContain("Failed: Error: couldn't find key mode in ConfigMap default/app-config");
    cluster().admin.patch("", "configmaps", "default", "app-config", { data: { mode: "fast" } });
    expect(waitFor(env, () => row("needs-cm").status === "Running", 30_000, 500)).toBe(true);
  });

  it("kills a container over its memory limit: OOMKilled", () => {
    createPod(cluster(), {
      metadata: { name: "hog" },
      spec: { containers: [{ name: "stress", image: "polinux/stress", command: ["stress"], args: ["--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"], resources: { limits: { memory: "100Mi" } } }] },
    });
    expect(waitFor(env, () => ["OOMKilled", "CrashLoopBackOff"].includes(row("hog").status), 30_000, 250)).toBe(true);
    const pod = cluster().admin.get("", "pods", "default", "hog")!;
    const cs = (pod.status as { containerStatuses: { state: { terminated?: { reason: string; exitCode: number } }; lastState: { terminated?: { reason: string; exitCode: number } } }[] }).containerStatuses[0];
    const terminated = cs.state.terminated ?? cs.lastState.terminated;
    expect(terminated).toMatchObject({ reason: "OOMKilled", exitCode: 137 });
  });

  it("runs init containers in order before the app (Init:0/1, then Running)", () => {
    createPod(cluster(), {
      metadata: { name: "with-init" },
      spec: {
        initContainers: [{ name: "wait", image: "busybox", command: ["sh", "-c", "sleep 20"] }],
        containers: [{ name: "app", image: "nginx:1.27" }],
      },
    });
    expect(waitFor(env, () => row("with-init").status === "Init:0/1", 10_000, 500)).toBe(true);
    expect(waitFor(env, () => row("with-init").status === "Running", 60_000, 1000)).toBe(true);
  });

  it("restarts a container whose liveness probe fails (the /tmp/healthy example)", () => {
    createPod(cluster(), {
      metadata: { name: "liveness-exec" },
      spec: {
        containers: [
          {
            name: "liveness",
            image: "registry.k8s.io/busybox:1.27.2".replace("registry.k8s.io/busybox:1.27.2", "busybox:1.36"),
            args: ["/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"],
            livenessProbe: { exec: { command: ["cat", "/tmp/healthy"] }, initialDelaySeconds: 5, periodSeconds: 5 },
          },
        ],
      },
    });
    expect(waitFor(env, () => row("liveness-exec").status === "Running", 20_000, 500)).toBe(true);
    env.advanceBy(20_000);
    expect(row("liveness-exec").restarts).toBe("0");
    // After 30 s the file is gone; three failures 5 s apart, then the kill (sh ignores SIGTERM: 30 s grace).
    expect(waitFor(env, () => row("liveness-exec").restarts.startsWith("1"), 120_000, 1000)).toBe(true);
    const ev = events(cluster(), "default", "liveness-exec");
    expect(ev).toContain("Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n");
    expect(ev).toContain("Killing: Container liveness failed liveness probe, will be restarted");
  });

  it("gates READY on the readiness probe", () => {
    createPod(cluster(), {
      metadata: { name: "not-ready" },
      spec: { containers: [{ name: "web", image: "nginx:1.27", readinessProbe: { httpGet: { path: "/healthz", port: 80 }, periodSeconds: 5 } }] },
    });
    expect(waitFor(env, () => row("not-ready").status === "Running", 20_000, 500)).toBe(true);
    env.advanceBy(20_000);
    expect(row("not-ready").ready).toBe("0/1");
    expect(events(cluster(), "default", "not-ready")).toContain("Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 404");
  });

  it("terminates gracefully: nginx stops at once, a sleeping shell only after the grace period", () => {
    createPod(cluster(), { metadata: { name: "sleeper" }, spec: { terminationGracePeriodSeconds: 30, containers: [{ name: "s", image: "busybox", command: ["sleep", "3600"] }] } });
    expect(waitFor(env, () => row("sleeper").status === "Running", 20_000, 500)).toBe(true);
    cluster().admin.delete("", "pods", "default", "sleeper");
    expect(row("sleeper").status).toBe("Terminating");
    env.advanceBy(20_000);
    expect(cluster().admin.get("", "pods", "default", "sleeper")).toBeDefined();
    env.advanceBy(11_000);
    expect(cluster().admin.get("", "pods", "default", "sleeper")).toBeUndefined();
    cluster().admin.delete("", "pods", "default", "web");
    env.advanceBy(1000);
    expect(cluster().admin.get("", "pods", "default", "web")).toBeUndefined();
  });
});
