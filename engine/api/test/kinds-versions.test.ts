import { describe, expect, it } from "vitest";
import { Environment } from "../../cluster/environment";
import { SYSTEM_ADMIN, type KubeObject } from "../types";

// Field selectors follow the registries' ToSelectableFields (pkg/registry/*/strategy.go); the
// events.k8s.io view follows pkg/apis/events/v1/conversion.go; HPA v1 follows
// pkg/apis/autoscaling/v1/conversion.go (v1.33).

function setup() {
  const env = Environment.create();
  return { env, client: env.cluster().clientFor(SYSTEM_ADMIN) };
}

describe("field selectors", () => {
  it("select pods by node, phase and service account, and refuse unknown fields", () => {
    const { client } = setup();
    const all = client.list("", "pods", undefined, { fieldSelector: "spec.nodeName=controlplane" });
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((p) => (p.spec as { nodeName: string }).nodeName === "controlplane")).toBe(true);
    const notRunning = client.list("", "pods", undefined, { fieldSelector: "status.phase!=Running" });
    expect(notRunning.every((p) => (p.status as { phase: string }).phase !== "Running")).toBe(true);
    const res = client.request("GET", "/api/v1/pods", { query: { fieldSelector: "spec.containers=x" } });
    expect(res.status).toBe(400);
    expect((res.body as { message: string }).message).toBe("field label not supported: spec.containers");
    expect(client.list("", "namespaces", undefined, { fieldSelector: "status.phase=Active" }).length).toBe(4);
    expect(client.list("", "nodes", undefined, { fieldSelector: "spec.unschedulable=false" }).map((n) => n.metadata.name)).toEqual(["controlplane", "node01", "node02"]);
    expect(client.list("", "services", undefined, { fieldSelector: "spec.clusterIP=10.96.0.1" }).map((s) => s.metadata.name)).toEqual(["kubernetes"]);
  });

  it("select secrets by type and events by involved object", () => {
    const { client } = setup();
    client.create({ apiVersion: "v1", kind: "Secret", metadata: { name: "tls", namespace: "default" }, type: "kubernetes.io/tls", data: { "tls.crt": "", "tls.key": "" } } as KubeObject);
    client.create({ apiVersion: "v1", kind: "Secret", metadata: { name: "plain", namespace: "default" }, data: {} } as KubeObject);
    expect(client.list("", "secrets", "default", { fieldSelector: "type=kubernetes.io/tls" }).map((s) => s.metadata.name)).toEqual(["tls"]);
    client.create({
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: "web.1", namespace: "default" },
      involvedObject: { kind: "Pod", name: "web", namespace: "default" },
      reason: "Started",
      message: "Started container web",
      type: "Normal",
      source: { component: "kubelet" },
    } as KubeObject);
    const events = client.list("", "events", "default", { fieldSelector: "involvedObject.name=web,reason=Started,source=kubelet" });
    expect(events.map((e) => e.metadata.name)).toEqual(["web.1"]);
  });
});

describe("one object, two APIs", () => {
  it("serves core Events through events.k8s.io/v1 and back", () => {
    const { client } = setup();
    client.create({
      apiVersion: "events.k8s.io/v1",
      kind: "Event",
      metadata: { name: "sched.1", namespace: "default" },
      eventTime: "2026-01-01T00:00:00.000000Z",
      regarding: { kind: "Pod", name: "web", namespace: "default" },
      reason: "Scheduled",
      note: "Successfully assigned default/web to node01",
      type: "Normal",
      action: "Binding",
      reportingController: "default-scheduler",
      reportingInstance: "default-scheduler-controlplane",
    } as KubeObject);
    const core = client.get("", "events", "default", "sched.1")!;
    expect(core).toMatchObject({
      apiVersion: "v1",
      involvedObject: { kind: "Pod", name: "web" },
      message: "Successfully assigned default/web to node01",
      reportingComponent: "default-scheduler",
      reportingInstance: "default-scheduler-controlplane",
      action: "Binding",
    });
    const v1 = client.request("GET", "/apis/events.k8s.io/v1/namespaces/default/events/sched.1").body as KubeObject;
    expect(v1).toMatchObject({ apiVersion: "events.k8s.io/v1", regarding: { kind: "Pod", name: "web" }, note: "Successfully assigned default/web to node01", reportingController: "default-scheduler" });
    expect(v1.message).toBeUndefined();
    const listed = client.request("GET", "/apis/events.k8s.io/v1/namespaces/default/events").body as { items: KubeObject[] };
    expect(listed.items.some((e) => e.metadata.name === "sched.1")).toBe(true);
  });

  it("stores HPAs as autoscaling/v2 and serves autoscaling/v1 with the CPU target", () => {
    const { client } = setup();
    client.request("POST", "/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers", {
      contentType: "application/json",
      body: {
        apiVersion: "autoscaling/v1",
        kind: "HorizontalPodAutoscaler",
        metadata: { name: "web" },
        spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" }, minReplicas: 2, maxReplicas: 4, targetCPUUtilizationPercentage: 70 },
      },
    });
    const v2 = client.get("autoscaling", "horizontalpodautoscalers", "default", "web")!;
    expect(v2.spec).toEqual({
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
      minReplicas: 2,
      maxReplicas: 4,
      metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }],
    });
    const v1 = client.request("GET", "/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers/web").body as KubeObject;
    expect(v1.spec).toEqual({ scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" }, minReplicas: 2, maxReplicas: 4, targetCPUUtilizationPercentage: 70 });
    expect(v1.status).toMatchObject({ currentReplicas: 0, desiredReplicas: 0 });
  });
});
