import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { markRunning } from "../../controllers/test/fake-kubelet";
import { podManifest, testCluster } from "../../controllers/test/harness";

const condition = (pod: KubeObject | undefined, type: string) =>
  ((pod?.status as { conditions?: { type: string; status: string; reason?: string; message?: string }[] })?.conditions ?? []).find((c) => c.type === type);
const nodeOf = (pod: KubeObject | undefined) => (pod?.spec as { nodeName?: string })?.nodeName;
const ZONES = [
  { name: "a1", labels: { zone: "a" } },
  { name: "a2", labels: { zone: "a" } },
  { name: "b1", labels: { zone: "b" } },
];

describe("inter-pod affinity", () => {
  it("anti-affinity on hostname keeps replicas apart and names the rule when it runs out of nodes", () => {
    const t = testCluster();
    const anti = {
      affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: "web" } }, topologyKey: "kubernetes.io/hostname" }] } },
    };
    for (const n of ["w1", "w2", "w3"]) t.client.create(podManifest(n, anti, { app: "web" }));
    expect(new Set([nodeOf(t.pod("w1")), nodeOf(t.pod("w2"))])).toEqual(new Set(["node01", "node02"]));
    expect(condition(t.pod("w3"), "PodScheduled")?.message).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
    );
  });

  it("existing pods' anti-affinity keeps newcomers away", () => {
    const t = testCluster({ nodes: [{ name: "n1" }] });
    t.client.create(
      podManifest("loner", {
        affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { team: "x" } }, topologyKey: "kubernetes.io/hostname" }] } },
      }),
    );
    t.client.create(podManifest("intruder", {}, { team: "x" }));
    expect(condition(t.pod("intruder"), "PodScheduled")?.message).toContain("1 node(s) didn't satisfy existing pods anti-affinity rules");
  });

  it("affinity to a zone follows the pods it selects; the first pod of a self-selecting group goes anywhere", () => {
    const t = testCluster({ nodes: ZONES });
    t.client.create(podManifest("db", { nodeSelector: { "kubernetes.io/hostname": "b1" } }, { app: "db" }));
    const near = { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: "db" } }, topologyKey: "zone" }] } } };
    t.client.create(podManifest("cache", near));
    expect(nodeOf(t.pod("cache"))).toBe("b1");
    const self = { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: "group" } }, topologyKey: "zone" }] } } };
    t.client.create(podManifest("g1", self, { app: "group" }));
    const zone = nodeOf(t.pod("g1"))![0];
    t.client.create(podManifest("g2", self, { app: "group" }));
    expect(nodeOf(t.pod("g2"))![0]).toBe(zone);
    t.client.create(podManifest("lonely", { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: "nothing" } }, topologyKey: "zone" }] } } }));
    expect(condition(t.pod("lonely"), "PodScheduled")?.message).toBe(
      "0/3 nodes are available: 3 node(s) didn't match pod affinity rules. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });
});

describe("topology spread constraints", () => {
  it("DoNotSchedule keeps the zone skew within maxSkew", () => {
    const t = testCluster({ nodes: ZONES });
    const spread = { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "zone", whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: { app: "s" } } }] };
    for (let i = 0; i < 4; i++) t.client.create(podManifest(`s${i}`, spread, { app: "s" }));
    const zones = t.pods().map((p) => nodeOf(p)![0]).sort();
    expect(zones).toEqual(["a", "a", "b", "b"]);
  });

  it("refuses nodes without the topology label", () => {
    const t = testCluster({ nodes: [{ name: "n1" }, { name: "n2", labels: { zone: "a" } }] });
    const spread = { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "zone", whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: { app: "s" } } }] };
    t.client.create(podManifest("s0", { ...spread, nodeSelector: { "kubernetes.io/hostname": "n1" } }, { app: "s" }));
    expect(condition(t.pod("s0"), "PodScheduled")?.message).toBe(
      "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) didn't match pod topology spread constraints (missing required label). preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
    );
  });
});

describe("priority and preemption", () => {
  it("resolves priorityClassName at admission and rejects unknown classes", () => {
    const t = testCluster();
    t.client.create({ apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name: "high" }, value: 1000 });
    t.client.create(podManifest("vip", { priorityClassName: "high" }));
    expect(t.pod("vip")!.spec).toMatchObject({ priority: 1000, preemptionPolicy: "PreemptLowerPriority" });
    expect(() => t.client.create(podManifest("bad", { priorityClassName: "nope" }))).toThrowError('pods "bad" is forbidden: no PriorityClass with name nope was found');
    expect(t.client.get("scheduling.k8s.io", "priorityclasses", undefined, "system-node-critical")?.value).toBe(2000001000);
  });

  it("preempts lower-priority pods, nominates the node and binds once the victims are gone", () => {
    const t = testCluster({ nodes: [{ name: "n1", cpu: "1" }] });
    t.client.create({ apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name: "high" }, value: 1000 });
    const cpu = (c: string) => ({ containers: [{ name: "c", image: "nginx", resources: { requests: { cpu: c } } }] });
    t.client.create(podManifest("low1", cpu("400m")));
    t.client.create(podManifest("low2", cpu("400m")));
    t.advance(2000);
    markRunning(t.client, t.pod("low1")!, t.env.clock.nowRfc3339());
    t.client.create(podManifest("vip", { ...cpu("500m"), priorityClassName: "high" }));
    // One victim is enough: the later-started (less important) of the two equal-priority pods.
    expect(t.pod("vip")!.status).toMatchObject({ nominatedNodeName: "n1" });
    const preempted = t.events().filter((e) => e.reason === "Preempted");
    expect(preempted).toHaveLength(1);
    expect(preempted[0].message).toBe(`Preempted by pod ${t.pod("vip")!.metadata.uid} on node n1`);
    t.advance(1000);
    expect(nodeOf(t.pod("vip"))).toBe("n1");
    expect(t.pods().map((p) => p.metadata.name).sort()).toHaveLength(2);
  });

  it("does not preempt with preemptionPolicy Never", () => {
    const t = testCluster({ nodes: [{ name: "n1", cpu: "1" }] });
    t.client.create({ apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name: "polite" }, value: 1000, preemptionPolicy: "Never" });
    t.client.create(podManifest("low", { containers: [{ name: "c", image: "nginx", resources: { requests: { cpu: "800m" } } }] }));
    t.client.create(podManifest("vip", { priorityClassName: "polite", containers: [{ name: "c", image: "nginx", resources: { requests: { cpu: "800m" } } }] }));
    expect(condition(t.pod("vip"), "PodScheduled")?.message).toBe("0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.");
  });
});

describe("second schedulers", () => {
  it("leaves pods for another scheduler Pending until a kube-scheduler pod serving that name runs", () => {
    const t = testCluster();
    t.client.create(podManifest("custom", { schedulerName: "my-scheduler" }));
    expect(nodeOf(t.pod("custom"))).toBeUndefined();
    expect(t.events().filter((e) => e.object === "Pod/custom")).toHaveLength(0);
    t.client.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "my-scheduler", namespace: "kube-system" },
      spec: {
        containers: [{ name: "kube-scheduler", image: "registry.k8s.io/kube-scheduler:v1.33.2", command: ["kube-scheduler", "--leader-elect=false", "--scheduler-name=my-scheduler"] }],
      },
    });
    t.advance(1000);
    expect(t.pods("kube-system")[0].status).toMatchObject({ phase: "Running" });
    const pod = t.pod("custom")!;
    expect(nodeOf(pod)).toMatch(/node0[12]/);
    const scheduled = t.events().find((e) => e.reason === "Scheduled" && e.object === "Pod/custom")!;
    expect(scheduled.event).toMatchObject({ reportingComponent: "my-scheduler", reportingInstance: "my-scheduler-my-scheduler" });
  });

  it("reads profiles from a KubeSchedulerConfiguration mounted from a ConfigMap", () => {
    const t = testCluster();
    t.client.create({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "sched-config", namespace: "kube-system" },
      data: { "config.yaml": "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles:\n- schedulerName: custom-a\nleaderElection:\n  leaderElect: false\n" },
    });
    t.client.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "sched", namespace: "kube-system" },
      spec: {
        containers: [{ name: "s", image: "registry.k8s.io/kube-scheduler:v1.33.2", command: ["/usr/local/bin/kube-scheduler", "--config=/etc/kubernetes/sched/config.yaml"], volumeMounts: [{ name: "cfg", mountPath: "/etc/kubernetes/sched" }] }],
        volumes: [{ name: "cfg", configMap: { name: "sched-config" } }],
      },
    });
    t.advance(1000);
    t.client.create(podManifest("x", { schedulerName: "custom-a" }));
    expect(nodeOf(t.pod("x"))).toMatch(/node0[12]/);
  });
});
