import { describe, expect, it } from "vitest";
import { testCluster } from "./harness";

const ds = (extra: Record<string, unknown> = {}, template: Record<string, unknown> = {}) => ({
  apiVersion: "apps/v1",
  kind: "DaemonSet",
  metadata: { name: "agent", namespace: "kube-system", generation: 1 },
  spec: {
    selector: { matchLabels: { app: "agent" } },
    template: { metadata: { labels: { app: "agent" } }, spec: { containers: [{ name: "a", image: "fluentd:1" }], ...template } },
    ...extra,
  },
});
const nodesOf = (t: ReturnType<typeof testCluster>) => t.pods("kube-system").map((p) => (p.spec as { nodeName?: string }).nodeName).sort();

describe("DaemonSet controller", () => {
  it("runs one pod per schedulable worker, skipping the tainted control plane, with daemon tolerations", () => {
    const t = testCluster();
    t.client.create(ds());
    expect(nodesOf(t)).toEqual(["node01", "node02"]);
    const pod = t.pods("kube-system")[0];
    expect(pod.metadata.labels).toMatchObject({ app: "agent", "controller-revision-hash": expect.any(String), "pod-template-generation": "1" });
    expect((pod.spec as { tolerations: { key: string }[] }).tolerations.map((x) => x.key)).toContain("node.kubernetes.io/unschedulable");
    t.advance(1000);
    expect(t.client.get("apps", "daemonsets", "kube-system", "agent")!.status).toEqual({
      currentNumberScheduled: 2,
      desiredNumberScheduled: 2,
      numberMisscheduled: 0,
      numberReady: 2,
      observedGeneration: 1,
      updatedNumberScheduled: 2,
      numberAvailable: 2,
    });
    expect(t.client.list("apps", "controllerrevisions", "kube-system")).toHaveLength(1);
  });

  it("includes the control plane when the pod tolerates its taint, and follows nodeSelector changes", () => {
    const t = testCluster();
    t.client.create(ds({}, { tolerations: [{ key: "node-role.kubernetes.io/control-plane", operator: "Exists", effect: "NoSchedule" }] }));
    expect(nodesOf(t)).toEqual(["controlplane", "node01", "node02"]);
    t.client.patch("apps", "daemonsets", "kube-system", "agent", { spec: { template: { spec: { nodeSelector: { disk: "ssd" } } } } }, "strategic");
    expect(t.pods("kube-system").filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(0);
    t.client.patch("", "nodes", undefined, "node02", { metadata: { labels: { disk: "ssd" } } });
    expect(nodesOf(t)).toEqual(["node02"]);
  });

  it("rolls out a new template one node at a time", () => {
    const t = testCluster({ kubelet: { terminationDelayMs: 1000 } });
    t.client.create(ds());
    t.advance(1000);
    t.client.patch("apps", "daemonsets", "kube-system", "agent", { spec: { template: { spec: { containers: [{ name: "a", image: "fluentd:2" }] } } } }, "strategic");
    const terminating = () => t.pods("kube-system").filter((p) => p.metadata.deletionTimestamp).length;
    expect(terminating()).toBe(1);
    // maxUnavailable 1: the second node keeps its old pod until the first node's new pod is available.
    t.advance(1500);
    const state = () => t.pods("kube-system").map((p) => `${(p.spec as { containers: { image: string }[] }).containers[0].image}${p.metadata.deletionTimestamp ? " terminating" : ""}`).sort();
    expect(state()).toEqual(["fluentd:1", "fluentd:2"]);
    t.advance(6000);
    const images = t.pods("kube-system").map((p) => (p.spec as { containers: { image: string }[] }).containers[0].image);
    expect(images).toEqual(["fluentd:2", "fluentd:2"]);
    expect(t.client.list("apps", "controllerrevisions", "kube-system").map((r) => r.revision).sort()).toEqual([1, 2]);
  });
});
