import { describe, expect, it } from "vitest";
import { EventRecorder } from "../events";
import { testCluster } from "./harness";

function setup() {
  const t = testCluster({ nodes: [] });
  const cm = t.client.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "web", namespace: "default" } });
  return { ...t, cm };
}

describe("EventRecorder (core/v1, like client-go's record package)", () => {
  it("creates an event named <object>.<hex nanoseconds> with source, timestamps and count 1", () => {
    const { env, cluster, client, cm } = setup();
    const recorder = new EventRecorder(cluster.admin, env.clock, env.random, { component: "replicaset-controller" });
    recorder.normal(cm, "SuccessfulCreate", "Created pod: web-abcde");
    const [ev] = client.list("", "events", "default");
    expect(ev.metadata.name).toMatch(/^web\.[0-9a-f]{16}$/);
    expect(ev).toMatchObject({
      involvedObject: { kind: "ConfigMap", namespace: "default", name: "web", uid: cm.metadata.uid, apiVersion: "v1" },
      reason: "SuccessfulCreate",
      message: "Created pod: web-abcde",
      type: "Normal",
      source: { component: "replicaset-controller" },
      reportingComponent: "replicaset-controller",
      reportingInstance: "",
      firstTimestamp: "2026-01-01T00:00:00Z",
      lastTimestamp: "2026-01-01T00:00:00Z",
      count: 1,
    });
  });

  it("folds an identical repeat into count and lastTimestamp, but keeps different messages apart", () => {
    const { env, cluster, client, cm } = setup();
    const recorder = new EventRecorder(cluster.admin, env.clock, env.random, { component: "kubelet", host: "node01" });
    recorder.warning(cm, "BackOff", "Back-off restarting failed container");
    env.advanceBy(30_000);
    recorder.warning(cm, "BackOff", "Back-off restarting failed container");
    recorder.warning(cm, "BackOff", "Back-off restarting failed container");
    recorder.warning(cm, "Failed", "Error: ErrImagePull");
    const events = client.list("", "events", "default");
    expect(events).toHaveLength(2);
    const backoff = events.find((e) => e.reason === "BackOff")!;
    expect(backoff).toMatchObject({ count: 3, firstTimestamp: "2026-01-01T00:00:00Z", lastTimestamp: "2026-01-01T00:00:30Z", source: { component: "kubelet", host: "node01" } });
  });

  it("puts events about cluster-scoped objects in the default namespace", () => {
    const { env, cluster, client } = setup();
    const ns = client.get("", "namespaces", undefined, "kube-system")!;
    new EventRecorder(cluster.admin, env.clock, env.random, { component: "node-controller" }).normal(ns, "Test", "hello");
    expect(client.list("", "events", "default").map((e) => e.reason)).toEqual(["Test"]);
  });

  it("keeps aggregating after a snapshot restore (the cache is rebuilt from the store)", async () => {
    const { env, cm } = setup();
    new EventRecorder(env.cluster().admin, env.clock, env.random, { component: "deployment-controller" }).normal(cm, "ScalingReplicaSet", "Scaled up");
    const { Environment } = await import("../../cluster/environment");
    const { corePlugin } = await import("../../cluster/core-plugin");
    const { controllersPlugin } = await import("../plugin");
    const restored = Environment.restore(env.snapshot(), { plugins: [corePlugin, controllersPlugin], environmentPlugins: [] });
    const c = restored.cluster();
    new EventRecorder(c.admin, restored.clock, restored.random, { component: "deployment-controller" }).normal(cm, "ScalingReplicaSet", "Scaled up");
    const events = c.admin.list("", "events", "default");
    expect(events).toHaveLength(1);
    expect(events[0].count).toBe(2);
  });

  it("records scheduler-style events (events.k8s.io shape) and counts repeats in series", () => {
    const { env, cluster, client, cm } = setup();
    const recorder = new EventRecorder(cluster.admin, env.clock, env.random, { component: "default-scheduler" }, { style: "events.k8s.io", reportingInstance: "default-scheduler-controlplane" });
    recorder.warning(cm, "FailedScheduling", "0/3 nodes are available: 3 Insufficient cpu.", { action: "Scheduling" });
    env.advanceBy(1000);
    recorder.warning(cm, "FailedScheduling", "0/3 nodes are available: 3 Insufficient memory.", { action: "Scheduling" });
    const [ev] = client.list("", "events", "default");
    expect(ev).toMatchObject({
      action: "Scheduling",
      firstTimestamp: null,
      lastTimestamp: null,
      source: {},
      eventTime: "2026-01-01T00:00:00.000000Z",
      reportingComponent: "default-scheduler",
      reportingInstance: "default-scheduler-controlplane",
      message: "0/3 nodes are available: 3 Insufficient cpu.",
      series: { count: 2, lastObservedTime: "2026-01-01T00:00:01.000000Z" },
    });
  });

  it("expires events an hour after their last write", () => {
    const { env, cluster, client, cm } = setup();
    const recorder = new EventRecorder(cluster.admin, env.clock, env.random, { component: "x" });
    recorder.normal(cm, "A", "a");
    env.advanceBy(30 * 60_000);
    recorder.normal(cm, "A", "a");
    env.advanceBy(45 * 60_000);
    expect(client.list("", "events", "default")).toHaveLength(1);
    env.advanceBy(16 * 60_000);
    expect(client.list("", "events", "default")).toHaveLength(0);
  });
});
