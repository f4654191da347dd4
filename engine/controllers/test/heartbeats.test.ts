import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { Environment, type EnvironmentSnapshot } from "../../cluster/environment";
import { lab } from "../../kubelet/test/helpers";
import { lastTickBefore } from "../heartbeats";

/**
 * Everything a learner can see of a cluster, with the one thing a skipped write changes left out:
 * resourceVersions, the object's own and those naming it (numbers whose order alone means something). Objects, their managedFields times,
 * events with their counts and timestamps, the kubelet's state, logs and journals on every host.
 */
function observable(env: Environment) {
  const snap = env.snapshot();
  const objects = snap.clusters[0].store.objects
    .map(([type, o]) => [`${type} ${o.metadata.namespace ?? ""}/${o.metadata.name}`, JSON.parse(JSON.stringify(o, (k, v: unknown) => (k === "resourceVersion" ? undefined : v)))] as [string, KubeObject])
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return { objects, extra: snap.clusters[0].extra, hosts: snap.hosts };
}

const renewTime = (env: Environment, node: string) => (env.cluster().admin.get("coordination.k8s.io", "leases", "kube-node-lease", node)!.spec as { renewTime: string }).renewTime;
const lastHeartbeat = (env: Environment, node: string) =>
  (env.cluster().admin.get("", "nodes", undefined, node)!.status as { conditions: { type: string; lastHeartbeatTime: string }[] }).conditions.find((c) => c.type === "Ready")!.lastHeartbeatTime;

/** One stored cluster, resumed twice: followed second by second, and caught up in one advance. */
function bothWays(snapshot: EnvironmentSnapshot, gapMs: number): [Environment, Environment] {
  const stepped = Environment.restore(snapshot);
  for (let t = 0; t < gapMs; t += 1000) stepped.advanceBy(1000);
  const caughtUp = Environment.restore(snapshot);
  caughtUp.advanceBy(gapMs);
  return [stepped, caughtUp];
}

describe("heartbeats caught up over a long gap", () => {
  it("a quiet cluster caught up in one advance looks exactly as one followed second by second: lease renewals, status reports, events", () => {
    const env = lab();
    env.advanceBy(90_000);
    const [stepped, caughtUp] = bothWays(env.snapshot(), 47 * 60_000 + 3500);
    expect(observable(caughtUp)).toEqual(observable(stepped));
    // The lease was renewed within the last 10 s and the status reposted within the last 5 minutes, as on a live cluster.
    const now = caughtUp.clock.now();
    for (const node of ["controlplane", "node01", "node02"]) {
      expect(now - Date.parse(renewTime(caughtUp, node))).toBeLessThan(10_000);
      expect(now - Date.parse(lastHeartbeat(caughtUp, node))).toBeLessThan(300_000);
    }
  });

  it("work between the heartbeats happens at its own times: a crash-looping container's restarts and back-off, a CronJob's runs, a stopped kubelet's node going NotReady", () => {
    const env = lab();
    env.advanceBy(60_000);
    const admin = env.cluster().admin;
    admin.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "crasher", namespace: "default" },
      // On node01: node02's kubelet stops below, and a stopped kubelet restarts nothing.
      spec: { nodeSelector: { "kubernetes.io/hostname": "node01" }, containers: [{ name: "c", image: "busybox:1.36", command: ["sh", "-c", "echo starting; sleep 3; exit 1"] }] },
    });
    admin.create({
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name: "tick", namespace: "default" },
      spec: { schedule: "*/7 * * * *", jobTemplate: { spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "t", image: "busybox:1.36", command: ["sh", "-c", "date; echo done"] }] } } } } },
    });
    env.advanceBy(20_000);
    env.hosts.get("node02")!.services.stop("kubelet");
    const [stepped, caughtUp] = bothWays(env.snapshot(), 25 * 60_000);
    expect(observable(caughtUp)).toEqual(observable(stepped));
    const crasher = caughtUp.cluster().admin.get("", "pods", "default", "crasher")!;
    expect((crasher.status as { containerStatuses: { restartCount: number }[] }).containerStatuses[0].restartCount).toBeGreaterThan(3);
    expect(caughtUp.cluster().store.list("batch/jobs", "default").length).toBeGreaterThan(1);
    const ready = (caughtUp.cluster().admin.get("", "nodes", undefined, "node02")!.status as { conditions: { type: string; status: string }[] }).conditions.find((c) => c.type === "Ready")!;
    expect(ready.status).toBe("Unknown");
  });

  it("a cluster resumed after a day away (caught up coarsely) keeps its nodes Ready: heartbeats that fell due before a node check are seen by it", () => {
    const env = lab();
    env.advanceBy(90_000);
    const resumed = Environment.restore(env.snapshot());
    resumed.advanceBy(24 * 60 * 60_000);
    for (const node of ["controlplane", "node01", "node02"]) {
      const ready = (resumed.cluster().admin.get("", "nodes", undefined, node)!.status as { conditions: { type: string; status: string }[] }).conditions.find((c) => c.type === "Ready")!;
      expect(ready.status).toBe("True");
    }
    expect(resumed.cluster().store.list("/events").filter((e) => e.reason === "NodeNotReady")).toEqual([]);
  });

  it("the last tick of a period strictly before a time", () => {
    expect(lastTickBefore(100, 10, 131)).toBe(130);
    expect(lastTickBefore(100, 10, 130)).toBe(120);
    expect(lastTickBefore(100, 10, 100)).toBe(100);
  });

  it("a snapshot taken between the steps of a stepped catch-up (the app's 30 s slices) keeps the skip: restored, its nodes stay Ready and it goes on as a live cluster", async () => {
    const env = lab();
    env.advanceBy(90_000);
    const sliced = Environment.restore(env.snapshot(), { atFixedPoint: true });
    const end = sliced.clock.now() + 20 * 60_000;
    let saved: EnvironmentSnapshot | undefined;
    await sliced.clock.steppingTo(end, async () => {
      for (let slice = 0; sliced.clock.now() < end; slice++) {
        sliced.advanceBy(30_000);
        // Saved minutes into the catch-up, while the kubelets sleep through renewals nobody has seen.
        if (slice === 10) saved = sliced.snapshot();
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
    // Restored with a full resync: the node lifecycle controller checks every node at once.
    const resumed = Environment.restore(saved!);
    resumed.advanceTo(end);
    for (const cluster of [sliced, resumed]) {
      const now = cluster.clock.now();
      for (const node of ["controlplane", "node01", "node02"]) {
        const ready = (cluster.cluster().admin.get("", "nodes", undefined, node)!.status as { conditions: { type: string; status: string }[] }).conditions.find((c) => c.type === "Ready")!;
        expect(ready.status).toBe("True");
        expect(now - Date.parse(renewTime(cluster, node))).toBeLessThan(10_000);
      }
      expect(cluster.cluster().store.list("/events").filter((e) => e.reason === "NodeNotReady")).toEqual([]);
    }
  });
});
