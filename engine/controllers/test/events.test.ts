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

describe("EventRecorder's correlator (client-go's EventCorrelator: spam filter, aggregator, logger)", () => {
  const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1) + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");

  it("lets 25 events about an object through, then one per 5 minutes, each written with the true count", () => {
    const { env, cluster, client, cm } = setup();
    const recorder = new EventRecorder(cluster.admin, env.clock, env.random, { component: "kubelet", host: "node01" });
    const unhealthy = () => client.list("", "events", "default").filter((e) => e.reason === "Unhealthy");
    // A readiness probe failing every 10 s.
    for (let i = 0; i < 61; i++) {
      if (i > 0) env.advanceBy(10_000);
      recorder.warning(cm, "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503");
      if (i === 29) expect(unhealthy()[0]).toMatchObject({ count: 25, lastTimestamp: at(240) });
      if (i === 30) expect(unhealthy()[0]).toMatchObject({ count: 31, lastTimestamp: at(300) });
      if (i === 59) expect(unhealthy()[0]).toMatchObject({ count: 31, lastTimestamp: at(300) });
    }
    expect(unhealthy()).toHaveLength(1);
    expect(unhealthy()[0]).toMatchObject({ count: 61, firstTimestamp: at(0), lastTimestamp: at(600) });
  });

  it("shares the bucket between an object's events; one first seen while it was empty is created later with its first time and count", () => {
    const { env, cluster, client, cm } = setup();
    const recorder = new EventRecorder(cluster.admin, env.clock, env.random, { component: "kubelet", host: "node01" });
    for (let i = 0; i < 25; i++) recorder.normal(cm, `Reason${i}`, "same");
    recorder.warning(cm, "BackOff", "Back-off restarting failed container", { fieldPath: "spec.containers{web}" });
    expect(client.list("", "events", "default").some((e) => e.reason === "BackOff")).toBe(false);
    env.advanceBy(100_000);
    recorder.warning(cm, "BackOff", "Back-off restarting failed container", { fieldPath: "spec.containers{web}" });
    expect(client.list("", "events", "default").some((e) => e.reason === "BackOff")).toBe(false);
    env.advanceBy(200_000);
    recorder.warning(cm, "BackOff", "Back-off restarting failed container", { fieldPath: "spec.containers{web}" });
    const backoff = client.list("", "events", "default").filter((e) => e.reason === "BackOff");
    expect(backoff).toHaveLength(1);
    expect(backoff[0]).toMatchObject({ count: 3, firstTimestamp: at(0), lastTimestamp: at(300), involvedObject: { fieldPath: "spec.containers{web}" } });
    // Another source has its own bucket.
    new EventRecorder(cluster.admin, env.clock, env.random, { component: "kubelet", host: "node02" }).normal(cm, "Pulled", "pulled");
    expect(client.list("", "events", "default").some((e) => e.reason === "Pulled")).toBe(true);
  });

  it("combines the 10th and later similar events (same reason, new message) into one event that counts them", () => {
    const { env, cluster, client, cm } = setup();
    const recorder = new EventRecorder(cluster.admin, env.clock, env.random, { component: "replicaset-controller" });
    for (let i = 1; i <= 12; i++) recorder.normal(cm, "SuccessfulCreate", `Created pod: web-${i}`);
    const events = client.list("", "events", "default").sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion));
    expect(events.map((e) => e.message)).toEqual([...Array.from({ length: 9 }, (_, i) => `Created pod: web-${i + 1}`), "(combined from similar events): Created pod: web-12"]);
    expect(events[9]).toMatchObject({ count: 3, reason: "SuccessfulCreate", source: { component: "replicaset-controller" }, reportingComponent: "", reportingInstance: "" });
    // A message still in the run repeats its own event instead.
    recorder.normal(cm, "SuccessfulCreate", "Created pod: web-9");
    expect(client.list("", "events", "default").find((e) => e.message === "Created pod: web-9")!.count).toBe(2);
  });

  it("starts a new run of similar events after a gap of more than 10 minutes", () => {
    const { env, cluster, client, cm } = setup();
    const recorder = new EventRecorder(cluster.admin, env.clock, env.random, { component: "replicaset-controller" });
    for (let i = 1; i <= 9; i++) recorder.normal(cm, "SuccessfulDelete", `Deleted pod: web-${i}`);
    env.advanceBy(600_001);
    recorder.normal(cm, "SuccessfulDelete", "Deleted pod: web-10");
    expect(client.list("", "events", "default").filter((e) => String(e.message).startsWith("(combined"))).toHaveLength(0);
    for (let i = 11; i <= 19; i++) recorder.normal(cm, "SuccessfulDelete", `Deleted pod: web-${i}`);
    expect(client.list("", "events", "default").filter((e) => String(e.message).startsWith("(combined")).map((e) => e.message)).toEqual([
      "(combined from similar events): Deleted pod: web-19",
    ]);
  });

  it("keeps the spam filter's and the aggregator's state across a snapshot restore", async () => {
    const { env, cm } = setup();
    const { Environment } = await import("../../cluster/environment");
    const { corePlugin } = await import("../../cluster/core-plugin");
    const { controllersPlugin } = await import("../plugin");
    const record = (e: typeof env, i: number) =>
      new EventRecorder(e.cluster().admin, e.clock, e.random, { component: "replicaset-controller" }).normal(cm, "SuccessfulCreate", `Created pod: web-${i}`);
    const restoredAt = (i: number) => {
      const r = Environment.restore(env.snapshot(), { plugins: [corePlugin, controllersPlugin], environmentPlugins: [] });
      record(r, i);
      return r;
    };
    for (let i = 1; i <= 9; i++) record(env, i);
    // The 10th, in a restored copy, is already combined.
    const tenth = restoredAt(10);
    expect(tenth.cluster().admin.list("", "events", "default").filter((e) => String(e.message).startsWith("(combined"))).toHaveLength(1);
    for (let i = 10; i <= 25; i++) record(env, i);
    // The bucket is empty: a restored copy drops the next one too, as the original does.
    const dropped = restoredAt(26);
    record(env, 26);
    const combinedCount = (e: typeof env) => e.cluster().admin.list("", "events", "default").find((ev) => String(ev.message).startsWith("(combined"))!.count;
    expect(combinedCount(env)).toBe(16);
    expect(combinedCount(dropped)).toBe(16);
  });

  it("forgets buckets and similar-event runs once they cannot matter, when the events expire", () => {
    const { env, cluster, cm } = setup();
    const recorder = new EventRecorder(cluster.admin, env.clock, env.random, { component: "kubelet", host: "node01" });
    for (let i = 0; i < 3; i++) recorder.normal(cm, "Pulled", `pulled ${i}`);
    const state = () => cluster.extra["events/correlators"] as Record<string, { buckets: object; similar: object }>;
    expect(Object.keys(state()["kubelet/node01"].buckets)).toHaveLength(1);
    expect(Object.keys(state()["kubelet/node01"].similar)).toHaveLength(1);
    env.advanceBy(61 * 60_000);
    expect(state()["kubelet/node01"]).toMatchObject({ buckets: {}, similar: {} });
  });
});
