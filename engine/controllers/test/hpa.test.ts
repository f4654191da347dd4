import { describe, expect, it } from "vitest";
import type { ClusterPlugin } from "../../cluster/cluster";
import { testCluster } from "./harness";

/** Test-only metrics.k8s.io: every pod uses `cluster.extra.cpu` millicores. */
const fakeMetrics: ClusterPlugin = {
  name: "fake-metrics",
  install(cluster) {
    cluster.apiserver.virtualResources.set("metrics.k8s.io/pods", (call) => {
      const pods = cluster.admin.list("", "pods", call.namespace, { labelSelector: call.query.get("labelSelector") ?? "" });
      const items = pods
        .filter((p) => (p.status as { phase?: string } | undefined)?.phase === "Running")
        .map((p) => ({ metadata: { name: p.metadata.name, namespace: p.metadata.namespace }, containers: [{ name: "c", usage: { cpu: `${cluster.extra.cpu}m`, memory: "10Mi" } }] }));
      return { status: 200, body: { kind: "PodMetricsList", apiVersion: "metrics.k8s.io/v1beta1", metadata: {}, items } };
    });
  },
};

const deployment = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "default" },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: "web" } },
    template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx", resources: { requests: { cpu: "100m" } } }] } },
  },
};
const hpa = {
  apiVersion: "autoscaling/v2",
  kind: "HorizontalPodAutoscaler",
  metadata: { name: "web", namespace: "default" },
  spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" }, minReplicas: 1, maxReplicas: 10, metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 50 } } }] },
};
const conditions = (t: ReturnType<typeof testCluster>) =>
  ((t.client.get("autoscaling", "horizontalpodautoscalers", "default", "web")!.status as { conditions: { type: string; reason: string }[] }).conditions ?? []).map((c) => `${c.type}:${c.reason}`);
const replicas = (t: ReturnType<typeof testCluster>) => (t.client.get("apps", "deployments", "default", "web")!.spec as { replicas: number }).replicas;

describe("HorizontalPodAutoscaler", () => {
  it("reports the missing metrics API the way a cluster without metrics-server does", () => {
    const t = testCluster();
    t.client.create(deployment);
    t.client.create(hpa);
    t.advance(15_000);
    expect(conditions(t)).toEqual(["AbleToScale:SucceededGetScale", "ScalingActive:FailedGetResourceMetric"]);
    expect(t.events().find((e) => e.reason === "FailedGetResourceMetric")?.message).toBe(
      "failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)",
    );
  });

  it("scales up by utilization within the rate limit, holds within 10% and scales down after the stabilization window", () => {
    const t = testCluster({ plugins: [fakeMetrics] });
    t.cluster.setPluginState("cpu", 200);
    t.client.create(deployment);
    t.advance(60_000);
    t.client.create(hpa);
    t.advance(15_000);
    // 200m of 100m requested is 200% against a 50% target: 8 pods wanted, at most max(2×2, 2+4) = 6 at once.
    expect(replicas(t)).toBe(6);
    expect(t.events().find((e) => e.reason === "SuccessfulRescale")?.message).toBe("New size: 6; reason: cpu resource utilization (percentage of request) above target");
    const status = t.client.get("autoscaling", "horizontalpodautoscalers", "default", "web")!.status as Record<string, unknown>;
    expect(status).toMatchObject({ currentReplicas: 2, desiredReplicas: 6, currentMetrics: [{ type: "Resource", resource: { name: "cpu", current: { averageUtilization: 200, averageValue: "200m" } } }] });
    t.cluster.setPluginState("cpu", 52);
    t.advance(120_000);
    expect(replicas(t)).toBe(6);
    expect(conditions(t)).toContain("AbleToScale:ReadyForNewScale");
    t.cluster.setPluginState("cpu", 10);
    t.advance(60_000);
    expect(replicas(t)).toBe(6);
    expect(conditions(t)).toContain("AbleToScale:ScaleDownStabilized");
    t.advance(300_000);
    expect(replicas(t)).toBe(2);
    expect(conditions(t)).toContain("ScalingLimited:DesiredWithinRange");
  });

  it("scales a target below minReplicas or above maxReplicas to the bound at once, without any metrics", () => {
    const t = testCluster();
    t.client.create({ ...deployment, spec: { ...deployment.spec, replicas: 1 } });
    t.client.create({ ...hpa, spec: { ...hpa.spec, minReplicas: 3 } });
    t.advance(15_000);
    expect(replicas(t)).toBe(3);
    expect(t.events().find((e) => e.reason === "SuccessfulRescale")?.message).toBe("New size: 3; reason: Current number of replicas below Spec.MinReplicas");
    expect(t.events().some((e) => e.reason === "FailedGetResourceMetric")).toBe(false);
    expect(conditions(t)).toEqual(["AbleToScale:SucceededRescale"]);

    t.client.patch("apps", "deployments", "default", "web", { spec: { replicas: 14 } }, "merge");
    t.advance(15_000);
    expect(replicas(t)).toBe(10);
    expect(t.events().find((e) => e.message === "New size: 10; reason: Current number of replicas above Spec.MaxReplicas")).toBeDefined();
    // Within the bounds again, metrics are read (and are missing in this cluster).
    t.advance(15_000);
    expect(conditions(t)).toEqual(["AbleToScale:SucceededGetScale", "ScalingActive:FailedGetResourceMetric"]);
  });
});
