import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { testCluster } from "./harness";

const deployment = (name: string, replicas: number, image = "nginx:1.27", extra: Record<string, unknown> = {}) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name, namespace: "default", generation: 1 },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "nginx", image }] } },
    ...extra,
  },
});

type T = ReturnType<typeof testCluster>;
const replicaSets = (t: T) => t.client.list("apps", "replicasets", "default");
/** "image:spec/ready" per ReplicaSet, newest revision first. */
function sizes(t: T): string[] {
  return replicaSets(t)
    .sort((a, b) => Number(b.metadata.annotations?.["deployment.kubernetes.io/revision"]) - Number(a.metadata.annotations?.["deployment.kubernetes.io/revision"]))
    .map((rs) => {
      const spec = rs.spec as { replicas: number; template: { spec: { containers: { image: string }[] } } };
      const status = rs.status as { availableReplicas?: number };
      return `${spec.template.spec.containers[0].image}:${spec.replicas}/${status?.availableReplicas ?? 0}`;
    });
}
const setImage = (t: T, name: string, image: string) =>
  t.client.patch("apps", "deployments", "default", name, { spec: { template: { spec: { containers: [{ name: "nginx", image }] } } } }, "strategic");
const dep = (t: T, name = "web") => t.client.get("apps", "deployments", "default", name)!;
const conditions = (d: KubeObject) => ((d.status as { conditions?: { type: string; status: string; reason: string; message: string }[] }).conditions ?? []).map((c) => `${c.type}=${c.status} ${c.reason}: ${c.message}`);

describe("Deployment controller", () => {
  it("creates a ReplicaSet named by the pod-template-hash, with revision 1 and the scale-up event", () => {
    const t = testCluster();
    t.client.create(deployment("web", 3));
    const [rs] = replicaSets(t);
    const hash = rs.metadata.labels!["pod-template-hash"];
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(rs.metadata.annotations).toEqual({ "deployment.kubernetes.io/desired-replicas": "3", "deployment.kubernetes.io/max-replicas": "4", "deployment.kubernetes.io/revision": "1" });
    expect(rs.spec).toMatchObject({ replicas: 3, selector: { matchLabels: { app: "web", "pod-template-hash": hash } } });
    expect(t.pods().every((p) => p.metadata.name!.startsWith(`web-${hash}-`))).toBe(true);
    expect(dep(t).metadata.annotations).toEqual({ "deployment.kubernetes.io/revision": "1" });
    expect(t.events().filter((e) => e.object === "Deployment/web").map((e) => e.message)).toEqual([`Scaled up replica set web-${hash} from 0 to 3`]);
  });

  it("reaches Available and Progressing=NewReplicaSetAvailable with the real messages", () => {
    const t = testCluster();
    t.client.create(deployment("web", 2));
    const rsName = replicaSets(t)[0].metadata.name;
    expect(conditions(dep(t))).toEqual([
      "Available=False MinimumReplicasUnavailable: Deployment does not have minimum availability.",
      `Progressing=True ReplicaSetUpdated: ReplicaSet "${rsName}" is progressing.`,
    ]);
    t.advance(1000);
    const d = dep(t);
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 });
    expect(conditions(d)).toEqual([
      "Available=True MinimumReplicasAvailable: Deployment has minimum availability.",
      `Progressing=True NewReplicaSetAvailable: ReplicaSet "${rsName}" has successfully progressed.`,
    ]);
  });

  it("rolls out a new image step by step within maxSurge and maxUnavailable", () => {
    const t = testCluster();
    t.client.create(deployment("web", 4));
    t.advance(1000);
    setImage(t, "web", "nginx:1.28");
    // 25% surge and 25% unavailable of 4: at most 5 pods, at least 3 available. The old ReplicaSet gives
    // up one pod at once; the new one grows to fill the surge. Pods started at one instant become
    // available together and the controller counts them together (rolling.go's arithmetic over the
    // ReplicaSets' status): two new pods ready let two old ones go in one step, then the new
    // ReplicaSet grows by two.
    expect(sizes(t)).toEqual(["nginx:1.28:2/0", "nginx:1.27:3/3"]);
    t.advance(1000);
    expect(sizes(t)).toEqual(["nginx:1.28:4/2", "nginx:1.27:1/1"]);
    t.advance(1000);
    expect(sizes(t)).toEqual(["nginx:1.28:4/4", "nginx:1.27:0/0"]);
    expect(dep(t).metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("2");
    const messages = t.events().filter((e) => e.reason === "ScalingReplicaSet").map((e) => e.message.replace(/web-[a-z0-9]+/, "web-X"));
    expect(messages).toEqual([
      "Scaled up replica set web-X from 0 to 4",
      "Scaled up replica set web-X from 0 to 1",
      "Scaled down replica set web-X from 4 to 3",
      "Scaled up replica set web-X from 1 to 2",
      "Scaled down replica set web-X from 3 to 1",
      "Scaled up replica set web-X from 2 to 4",
      "Scaled down replica set web-X from 1 to 0",
    ]);
  });

  it("Recreate scales the old ReplicaSet to zero and waits for its pods before starting new ones", () => {
    const t = testCluster({ kubelet: { terminationDelayMs: 2000 } });
    t.client.create(deployment("web", 2, "nginx:1.27", { strategy: { type: "Recreate" } }));
    t.advance(1000);
    setImage(t, "web", "nginx:1.28");
    expect(sizes(t)).toEqual(["nginx:1.27:0/0"]);
    expect(t.pods().every((p) => p.metadata.deletionTimestamp)).toBe(true);
    t.advance(2000);
    expect(sizes(t)).toEqual(["nginx:1.28:2/0", "nginx:1.27:0/0"]);
  });

  it("rolls back by template (kubectl rollout undo) reusing the old ReplicaSet with a new revision and its history", () => {
    const t = testCluster();
    t.client.create({ ...deployment("web", 2), metadata: { name: "web", namespace: "default", generation: 1, annotations: { "kubernetes.io/change-cause": "first" } } });
    t.advance(1000);
    const first = replicaSets(t)[0].metadata.name;
    t.client.patch("apps", "deployments", "default", "web", { metadata: { annotations: { "kubernetes.io/change-cause": "second" } }, spec: { template: { spec: { containers: [{ name: "nginx", image: "nginx:1.28" }] } } } }, "strategic");
    t.advance(5000);
    t.client.patch("apps", "deployments", "default", "web", { metadata: { annotations: { "kubernetes.io/change-cause": "first" } }, spec: { template: { spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] } } } }, "strategic");
    t.advance(5000);
    const rs = t.client.get("apps", "replicasets", "default", first!)!;
    expect(rs.metadata.annotations).toMatchObject({ "deployment.kubernetes.io/revision": "3", "deployment.kubernetes.io/revision-history": "1", "kubernetes.io/change-cause": "first" });
    expect(sizes(t)).toEqual(["nginx:1.27:2/2", "nginx:1.28:0/0"]);
    expect(dep(t).metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("3");
  });

  it("steps a rollback like a rollout: the old ReplicaSet grows back within maxSurge and maxUnavailable", () => {
    const t = testCluster();
    t.client.create(deployment("web", 4));
    t.advance(1000);
    setImage(t, "web", "nginx:1.28");
    t.advance(5000);
    expect(sizes(t)).toEqual(["nginx:1.28:4/4", "nginx:1.27:0/0"]);
    // kubectl rollout undo: the previous template again, which is the old ReplicaSet's (now revision 3).
    setImage(t, "web", "nginx:1.27");
    expect(sizes(t)).toEqual(["nginx:1.27:2/0", "nginx:1.28:3/3"]);
    t.advance(1000);
    expect(sizes(t)).toEqual(["nginx:1.27:4/2", "nginx:1.28:1/1"]);
    t.advance(1000);
    expect(sizes(t)).toEqual(["nginx:1.27:4/4", "nginx:1.28:0/0"]);
    expect(replicaSets(t)).toHaveLength(2);
  });

  it("does not roll out while paused, and reports the pause and resume", () => {
    const t = testCluster();
    t.client.create(deployment("web", 2));
    t.advance(1000);
    t.client.patch("apps", "deployments", "default", "web", { spec: { paused: true } });
    setImage(t, "web", "nginx:1.28");
    expect(sizes(t)).toEqual(["nginx:1.27:2/2"]);
    expect(conditions(dep(t))).toContain("Progressing=Unknown DeploymentPaused: Deployment is paused");
    t.client.patch("apps", "deployments", "default", "web", { spec: { paused: false } });
    t.advance(5000);
    expect(sizes(t)).toEqual(["nginx:1.28:2/2", "nginx:1.27:0/0"]);
  });

  it("restarts with kubectl.kubernetes.io/restartedAt like any template change", () => {
    const t = testCluster();
    t.client.create(deployment("web", 1));
    t.advance(1000);
    t.client.patch("apps", "deployments", "default", "web", { spec: { template: { metadata: { annotations: { "kubectl.kubernetes.io/restartedAt": "2026-01-01T00:00:01Z" } } } } }, "strategic");
    t.advance(3000);
    expect(replicaSets(t)).toHaveLength(2);
    expect(t.pods()).toHaveLength(1);
    expect(t.pods()[0].metadata.annotations).toEqual({ "kubectl.kubernetes.io/restartedAt": "2026-01-01T00:00:01Z" });
  });

  it("times out with ProgressDeadlineExceeded when new pods never become ready", () => {
    const t = testCluster();
    t.client.create(deployment("web", 1, "nginx:1.27", { progressDeadlineSeconds: 60 }));
    t.advance(1000);
    t.client.patch("apps", "deployments", "default", "web", { spec: { template: { spec: { containers: [{ name: "nginx", image: "nginx:1.28" }], nodeSelector: { nowhere: "true" } } } } }, "strategic");
    t.advance(62_000);
    const newRs = replicaSets(t).find((rs) => rs.metadata.annotations?.["deployment.kubernetes.io/revision"] === "2")!;
    expect(conditions(dep(t))).toContain(`Progressing=False ProgressDeadlineExceeded: ReplicaSet "${newRs.metadata.name}" has timed out progressing.`);
  });

  it("scales proportionally and keeps only revisionHistoryLimit old ReplicaSets", () => {
    const t = testCluster();
    t.client.create(deployment("web", 2, "nginx:1", { revisionHistoryLimit: 1 }));
    for (const v of ["2", "3", "4"]) {
      t.advance(1000);
      setImage(t, "web", `nginx:${v}`);
      t.advance(5000);
    }
    expect(sizes(t)).toEqual(["nginx:4:2/2", "nginx:3:0/0"]);
    t.client.patch("apps", "deployments", "default", "web", { spec: { replicas: 5 } });
    t.advance(2000);
    expect(sizes(t)).toEqual(["nginx:4:5/5", "nginx:3:0/0"]);
  });
});
