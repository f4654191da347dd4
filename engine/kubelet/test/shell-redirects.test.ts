import { describe, expect, it } from "vitest";
import { createPod, lab, podRow, waitFor } from "./helpers";

/** Redirections in container commands: the shell opens the file before it runs the command. */
describe("redirects in a container's sh -c", () => {
  it("an init container writing into a missing directory fails, so the pod stays in Init:CrashLoopBackOff", () => {
    const env = lab();
    const cluster = env.cluster();
    createPod(cluster, {
      metadata: { name: "site" },
      spec: {
        volumes: [{ name: "work", emptyDir: {} }],
        initContainers: [{ name: "fetch", image: "busybox:1.36", command: ["sh", "-c", "echo '<h1>Welcome</h1>' > /work/site/index.html"], volumeMounts: [{ name: "work", mountPath: "/work" }] }],
        containers: [{ name: "web", image: "nginx:1.27", volumeMounts: [{ name: "work", mountPath: "/usr/share/nginx/html" }] }],
      },
    });
    expect(waitFor(env, () => podRow(cluster, "default", "site").status === "Init:CrashLoopBackOff", 60_000, 500)).toBe(true);
    const log = cluster.admin.request("GET", cluster.admin.path("", "pods", "default", "site", "log"), { query: { container: "fetch" } });
    expect(log.body).toBe("sh: can't create /work/site/index.html: nonexistent directory\n");
  });

  it("truncates the target before the command runs, and a later command sees what the first wrote", () => {
    const env = lab();
    const cluster = env.cluster();
    createPod(cluster, { metadata: { name: "writer" }, spec: { restartPolicy: "Never", containers: [{ name: "app", image: "busybox:1.36", command: ["sh", "-c", "echo one > /tmp/f; echo two >> /tmp/f; cat /tmp/f > /tmp/f; echo three >> /tmp/f; cat /tmp/f"] }] } });
    expect(waitFor(env, () => podRow(cluster, "default", "writer").status === "Completed", 60_000, 500)).toBe(true);
    const log = cluster.admin.request("GET", cluster.admin.path("", "pods", "default", "writer", "log"));
    expect(log.body).toBe("three\n");
  });
});
