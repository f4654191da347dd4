import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { Environment } from "../../cluster/environment";
import { runScript } from "../../shell/script";
import { lab } from "./helpers";

type Condition = { type: string; status: string; message: string; lastHeartbeatTime: string };
const ready = (node: KubeObject | undefined) => (node?.status as { conditions: Condition[] }).conditions.find((c) => c.type === "Ready")!;

describe("the kubelet's heartbeat on a quiet node", () => {
  it("renews the lease every 10 s, reposts an unchanged status every 5 minutes, and posts a change at the next heartbeat", async () => {
    const env = lab();
    const admin = env.cluster().admin;
    const node = () => admin.get("", "nodes", undefined, "node01");
    const renewTime = () => (admin.get("coordination.k8s.io", "leases", "kube-node-lease", "node01")!.spec as { renewTime: string }).renewTime;
    env.advanceBy(400_000);
    const quietVersion = node()!.metadata.resourceVersion;
    const heartbeat = ready(node()).lastHeartbeatTime;
    const renewed = new Set<string>();
    for (let i = 0; i < 6; i++) {
      env.advanceBy(10_000);
      renewed.add(renewTime());
    }
    expect(renewed.size).toBe(6);
    // Nothing changed: the Node object is left alone between status reports…
    expect(node()!.metadata.resourceVersion).toBe(quietVersion);
    // …and its status is posted again within the 5-minute report period.
    env.advanceBy(300_000);
    expect(ready(node()).lastHeartbeatTime).not.toBe(heartbeat);
    expect(ready(node()).status).toBe("True");

    // A node gone quiet still notices its container runtime stopping, at its next heartbeat.
    expect((await runScript(env, { host: "node01", script: "systemctl stop containerd" })).exitCode).toBe(0);
    env.advanceBy(10_000);
    expect(ready(node())).toMatchObject({ status: "False", message: expect.stringContaining("container runtime is down") });
    expect((await runScript(env, { host: "node01", script: "systemctl start containerd" })).exitCode).toBe(0);
    env.advanceBy(10_000);
    expect(ready(node()).status).toBe("True");
  });

  it("notices its CNI configuration going and coming back at the next heartbeat", async () => {
    const env = lab();
    const admin = env.cluster().admin;
    const node = () => admin.get("", "nodes", undefined, "node01");
    env.advanceBy(400_000);
    expect(ready(node()).status).toBe("True");
    expect((await runScript(env, { host: "node01", script: "mkdir -p /root/cni && mv /etc/cni/net.d/* /root/cni/" })).exitCode).toBe(0);
    env.advanceBy(10_000);
    expect(ready(node())).toMatchObject({ status: "False", message: expect.stringContaining("cni plugin not initialized") });
    env.advanceBy(60_000);
    expect(ready(node()).status).toBe("False");
    expect((await runScript(env, { host: "node01", script: "mv /root/cni/* /etc/cni/net.d/" })).exitCode).toBe(0);
    env.advanceBy(10_000);
    expect(ready(node()).status).toBe("True");
  });

  it("a restarted kubelet renews its lease every 10 s from its start, as one loop: restarts and restores add no second heartbeat", async () => {
    const env = lab();
    const lease = (e: Environment) => e.cluster().admin.get("coordination.k8s.io", "leases", "kube-node-lease", "node01")!;
    env.advanceBy(60_000);
    // Off the heartbeat's phase, so a second loop would renew between the first one's renewals.
    env.advanceBy(4_300);
    for (let i = 0; i < 3; i++) expect((await runScript(env, { host: "node01", script: "systemctl restart kubelet" })).exitCode).toBe(0);
    const restartedAt = env.clock.now();
    const restored = Environment.restore(env.snapshot());
    for (const cluster of [env, restored]) {
      const renewals: number[] = [];
      let version = lease(cluster).metadata.resourceVersion!;
      for (let t = 0; t < 60_000; t += 500) {
        cluster.advanceBy(500);
        const now = lease(cluster);
        if (now.metadata.resourceVersion !== version) renewals.push(Date.parse((now.spec as { renewTime: string }).renewTime) - restartedAt);
        version = now.metadata.resourceVersion!;
      }
      expect(renewals).toEqual([10_000, 20_000, 30_000, 40_000, 50_000, 60_000]);
    }
  });
});
