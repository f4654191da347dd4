import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { finishPod } from "../../controllers/test/fake-kubelet";
import { LAB_NODES, podManifest, testCluster } from "../../controllers/test/harness";

const condition = (pod: KubeObject | undefined, type: string) =>
  ((pod?.status as { conditions?: { type: string; status: string; reason?: string; message?: string }[] })?.conditions ?? []).find((c) => c.type === type);
const nodeOf = (pod: KubeObject | undefined) => (pod?.spec as { nodeName?: string })?.nodeName;
const requests = (memory: string, cpu?: string) => ({ containers: [{ name: "c", image: "nginx", resources: { requests: { memory, ...(cpu ? { cpu } : {}) } } }] });

describe("default-scheduler", () => {
  it("binds a pod to a worker through pods/binding and records Scheduled", () => {
    const t = testCluster();
    t.client.create(podManifest("web"));
    const pod = t.pod("web")!;
    expect(["node01", "node02"]).toContain(nodeOf(pod));
    expect(condition(pod, "PodScheduled")).toMatchObject({ status: "True" });
    const scheduled = t.events().find((e) => e.reason === "Scheduled")!;
    expect(scheduled.message).toBe(`Successfully assigned default/web to ${nodeOf(pod)}`);
    expect(scheduled.event).toMatchObject({ type: "Normal", action: "Binding", reportingComponent: "default-scheduler", reportingInstance: "default-scheduler-controlplane", source: {} });
  });

  it("explains an unschedulable pod with the real summary in an event and the PodScheduled condition", () => {
    const t = testCluster();
    t.client.create(podManifest("big", requests("8Gi")));
    const pod = t.pod("big")!;
    expect(nodeOf(pod)).toBeUndefined();
    const message =
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient memory. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.";
    expect(condition(pod, "PodScheduled")).toMatchObject({ status: "False", reason: "Unschedulable", message });
    expect(t.events().filter((e) => e.reason === "FailedScheduling").map((e) => e.message)).toEqual([message]);
  });

  it("counts pods against the node's pod capacity and ephemeral-storage requests against its allocatable", () => {
    const t = testCluster({ nodes: LAB_NODES.map((n) => ({ ...n, pods: "2" })) });
    for (let i = 0; i < 4; i++) t.client.create(podManifest(`p${i}`));
    expect([0, 1, 2, 3].map((i) => nodeOf(t.pod(`p${i}`))).sort()).toEqual(["node01", "node01", "node02", "node02"]);
    t.client.create(podManifest("fifth"));
    const tail = "preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.";
    expect(condition(t.pod("fifth"), "PodScheduled")?.message).toBe(`0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Too many pods. ${tail}`);
    t.client.delete("", "pods", "default", "p0");
    t.advance(2000);
    expect(nodeOf(t.pod("fifth"))).toBeDefined();

    const roomy = testCluster();
    roomy.client.create(podManifest("scratch", { containers: [{ name: "c", image: "nginx", resources: { requests: { "ephemeral-storage": "30Gi" } } }] }));
    expect(condition(roomy.pod("scratch"), "PodScheduled")?.message).toBe(
      `0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient ephemeral-storage. ${tail}`,
    );
  });

  it("keeps a nodeSelector pod pending until a node gets the label, then schedules it", () => {
    const t = testCluster();
    t.client.create(podManifest("ssd", { nodeSelector: { disk: "ssd" } }));
    expect(condition(t.pod("ssd"), "PodScheduled")?.message).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
    t.advance(2000);
    t.client.patch("", "nodes", undefined, "node02", { metadata: { labels: { disk: "ssd" } } });
    expect(nodeOf(t.pod("ssd"))).toBe("node02");
  });

  it("does not place pods on cordoned nodes", () => {
    const t = testCluster();
    for (const n of ["node01", "node02"]) t.client.patch("", "nodes", undefined, n, { spec: { unschedulable: true } });
    t.client.create(podManifest("web"));
    expect(condition(t.pod("web"), "PodScheduled")?.message).toMatch(/^0\/3 nodes are available: 1 node\(s\) had untolerated taint \{node-role.kubernetes.io\/control-plane: \}, 2 node\(s\) were unschedulable\./);
    t.advance(1500);
    t.client.patch("", "nodes", undefined, "node01", { spec: { unschedulable: false } });
    expect(nodeOf(t.pod("web"))).toBe("node01");
  });

  it("honours tolerations, including the control-plane taint", () => {
    const t = testCluster();
    t.client.create(
      podManifest("cp", {
        tolerations: [{ key: "node-role.kubernetes.io/control-plane", operator: "Exists", effect: "NoSchedule" }],
        nodeSelector: { "node-role.kubernetes.io/control-plane": "" },
      }),
    );
    expect(nodeOf(t.pod("cp"))).toBe("controlplane");
    t.client.patch("", "nodes", undefined, "node01", { spec: { taints: [{ key: "gpu", value: "true", effect: "NoSchedule" }] } });
    t.client.create(podManifest("plain", { nodeSelector: { "kubernetes.io/hostname": "node01" } }));
    expect(condition(t.pod("plain"), "PodScheduled")?.message).toContain("1 node(s) had untolerated taint {gpu: true}");
    t.client.create(podManifest("tolerant", { nodeSelector: { "kubernetes.io/hostname": "node01" }, tolerations: [{ key: "gpu", operator: "Equal", value: "true", effect: "NoSchedule" }] }));
    expect(nodeOf(t.pod("tolerant"))).toBe("node01");
  });

  it("avoids a node with an untolerated PreferNoSchedule taint while others fit, but still uses it when it must", () => {
    const t = testCluster();
    t.client.patch("", "nodes", undefined, "node01", { spec: { taints: [{ key: "spot", value: "true", effect: "PreferNoSchedule" }] } });
    for (let i = 0; i < 4; i++) t.client.create(podManifest(`web-${i}`));
    expect([0, 1, 2, 3].map((i) => nodeOf(t.pod(`web-${i}`)))).toEqual(["node02", "node02", "node02", "node02"]);
    // A pod that tolerates the taint scores both nodes alike, so the emptier node01 wins.
    t.client.create(podManifest("tolerant", { tolerations: [{ key: "spot", operator: "Exists", effect: "PreferNoSchedule" }] }));
    expect(nodeOf(t.pod("tolerant"))).toBe("node01");
    // A preference, not a filter: with node02 cordoned the taint does not keep pods Pending.
    t.client.patch("", "nodes", undefined, "node02", { spec: { unschedulable: true } });
    t.client.create(podManifest("late"));
    expect(nodeOf(t.pod("late"))).toBe("node01");
  });

  it("applies required node affinity operators and prefers weighted terms", () => {
    const t = testCluster({
      nodes: [
        { name: "n1", labels: { size: "4", zone: "a" } },
        { name: "n2", labels: { size: "8", zone: "b" } },
        { name: "n3", labels: { size: "16", zone: "c" } },
      ],
    });
    const affinity = (required: unknown[], preferred: unknown[] = []) => ({
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: required }] }, preferredDuringSchedulingIgnoredDuringExecution: preferred } },
    });
    t.client.create(podManifest("gt", affinity([{ key: "size", operator: "Gt", values: ["10"] }])));
    expect(nodeOf(t.pod("gt"))).toBe("n3");
    t.client.create(podManifest("notin", affinity([{ key: "zone", operator: "NotIn", values: ["a", "c"] }])));
    expect(nodeOf(t.pod("notin"))).toBe("n2");
    t.client.create(podManifest("none", affinity([{ key: "gpu", operator: "Exists" }])));
    expect(condition(t.pod("none"), "PodScheduled")?.message).toMatch(/^0\/3 nodes are available: 3 node\(s\) didn't match Pod's node affinity\/selector\./);
    for (let i = 0; i < 4; i++) {
      t.client.create(podManifest(`pref${i}`, affinity([{ key: "size", operator: "Lt", values: ["100"] }], [{ weight: 100, preference: { matchExpressions: [{ key: "zone", operator: "In", values: ["a"] }] } }])));
      expect(nodeOf(t.pod(`pref${i}`))).toBe("n1");
    }
  });

  it("counts requests of assigned pods against allocatable, but not finished pods", () => {
    const t = testCluster();
    t.client.create(podManifest("a", requests("3Gi")));
    t.client.create(podManifest("b", requests("3Gi")));
    expect(new Set([nodeOf(t.pod("a")), nodeOf(t.pod("b"))])).toEqual(new Set(["node01", "node02"]));
    t.client.create(podManifest("c", requests("3Gi")));
    expect(nodeOf(t.pod("c"))).toBeUndefined();
    // A pod that finished no longer holds its requests; the waiting pod goes there once its backoff is over.
    const freed = nodeOf(t.pod("a"));
    finishPod(t.client, t.pod("a")!, t.env.clock.nowRfc3339(), 0);
    expect(nodeOf(t.pod("c"))).toBeUndefined();
    t.advance(1000);
    expect(nodeOf(t.pod("c"))).toBe(freed);
    t.client.create(podManifest("d", requests("3Gi")));
    t.advance(1000);
    const stillWaiting = nodeOf(t.pod("b"));
    t.client.delete("", "pods", "default", "b");
    t.advance(2000);
    expect(nodeOf(t.pod("d"))).toBe(stillWaiting);
  });

  it("spreads replicas evenly over equal nodes (least allocated)", () => {
    const t = testCluster();
    for (let i = 0; i < 6; i++) t.client.create(podManifest(`p${i}`, requests("256Mi", "100m")));
    const counts: Record<string, number> = {};
    for (const p of t.pods()) counts[nodeOf(p)!] = (counts[nodeOf(p)!] ?? 0) + 1;
    expect(counts).toEqual({ node01: 3, node02: 3 });
  });

  it("refuses a second pod asking for the same hostPort on a node", () => {
    const t = testCluster({ nodes: [{ name: "only" }] });
    const withPort = { containers: [{ name: "c", image: "nginx", ports: [{ containerPort: 80, hostPort: 8080 }] }] };
    t.client.create(podManifest("a", withPort));
    t.client.create(podManifest("b", withPort));
    expect(nodeOf(t.pod("a"))).toBe("only");
    expect(condition(t.pod("b"), "PodScheduled")?.message).toBe(
      "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.",
    );
  });

  it("leaves pods with nodeName alone (no scheduler involved)", () => {
    const t = testCluster();
    t.client.create(podManifest("pinned", { nodeName: "controlplane" }));
    expect(nodeOf(t.pod("pinned"))).toBe("controlplane");
    expect(t.events().filter((e) => e.reason === "Scheduled")).toHaveLength(0);
  });

  it("waits with scheduling gates and schedules once they are removed", () => {
    const t = testCluster();
    t.client.create(podManifest("gated", { schedulingGates: [{ name: "example.com/wait" }] }));
    expect(nodeOf(t.pod("gated"))).toBeUndefined();
    t.client.patch("", "pods", "default", "gated", { spec: { schedulingGates: null } });
    expect(nodeOf(t.pod("gated"))).toMatch(/node0[12]/);
  });

  it("retries on its backoff and every five minutes, folding repeats into one event series", () => {
    const t = testCluster();
    t.client.create(podManifest("big", requests("8Gi")));
    t.advance(5 * 60_000);
    t.advance(5 * 60_000);
    const failed = t.events().filter((e) => e.reason === "FailedScheduling");
    expect(failed).toHaveLength(1);
    expect((failed[0].event.series as { count: number }).count).toBe(3);
  });
});

describe("default-scheduler without nodes", () => {
  it("says no nodes are available", () => {
    const t = testCluster({ nodes: [] });
    t.client.create(podManifest("web"));
    expect(condition(t.pod("web"), "PodScheduled")?.message).toBe("no nodes available to schedule pods");
  });
});
