import { beforeAll, describe, expect, it } from "vitest";
import type { Environment } from "../../cluster/environment";
import { execInContainer } from "../exec";
import { createPod, lab, podRow, waitFor } from "./helpers";

describe("exec in a container", () => {
  let env: Environment;
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
    waitFor(env, () => podRow(c, "default", "box").status === "Running");
  });
  const exec = (argv: string[]) => {
    const pod = env.cluster().admin.get("", "pods", "default", "box")!;
    return execInContainer(env.cluster(), pod, undefined, argv);
  };

  it("sees mounted ConfigMap files, its environment and its hostname", () => {
    expect(exec(["cat", "/etc/app/app.conf"])).toMatchObject({ ok: true, stdout: "mode=fast\n", exitCode: 0 });
    expect(exec(["sh", "-c", "echo $GREETING from $(hostname)"])).toMatchObject({ stdout: "hello from box\n" });
    expect(exec(["cat", "/etc/resolv.conf"])).toMatchObject({ stdout: "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n" });
  });

  it("writes to volumes and the writable layer; the ConfigMap volume is read-only", () => {
    expect(exec(["sh", "-c", "echo saved > /data/out.txt && cat /data/out.txt"])).toMatchObject({ stdout: "saved\n", exitCode: 0 });
    expect(exec(["touch", "/etc/app/new"])).toMatchObject({ exitCode: 1, stderr: "touch: /etc/app/new: Read-only file system\n" });
    expect(exec(["ls", "/etc/app"])).toMatchObject({ stdout: "app.conf\n" });
  });

  it("fails like containerd for a program the image does not have", () => {
    const r = exec(["bash"]);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('exec: "bash": executable file not found in $PATH: unknown');
  });
});
