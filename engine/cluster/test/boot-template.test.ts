import { describe, expect, it } from "vitest";
import { SYSTEM_ADMIN, type KubeObject } from "../../api/types";
import { shiftFrozen, shiftTimes } from "../boot-template";
import { deepFreeze } from "../../util/freeze";
import { DEFAULT_START_TIME, Environment } from "../environment";

const DAY = 24 * 3600 * 1000;

function readyNodes(env: Environment): string[] {
  return env
    .cluster()
    .clientFor(SYSTEM_ADMIN)
    .list("", "nodes")
    .filter((n) => ((n.status as { conditions?: { type: string; status: string }[] }).conditions ?? []).some((c) => c.type === "Ready" && c.status === "True"))
    .map((n) => n.metadata.name!);
}

function deployAndListPods(env: Environment): KubeObject[] {
  const client = env.cluster().clientFor(SYSTEM_ADMIN);
  client.create({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "default" },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: "web" } },
      template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] } },
    },
  });
  env.advanceBy(30_000);
  return client.list("", "pods", "default");
}

describe("shiftTimes", () => {
  it("moves RFC 3339 timestamps of every precision and epoch milliseconds, nothing else", () => {
    const json = JSON.stringify({
      a: "2026-01-01T00:00:00Z",
      b: "2026-01-01T00:00:00.123456Z",
      log: "2026-01-01T00:00:05.000000001Z stdout F hello",
      at: 1767225600000,
      port: 6443,
      seeds: [2654435769, 4294967295],
    });
    const shifted = JSON.parse(shiftTimes(json, DAY + 1500));
    expect(shifted).toEqual({
      a: "2026-01-02T00:00:01Z",
      b: "2026-01-02T00:00:01.623456Z",
      log: "2026-01-02T00:00:06.500000001Z stdout F hello",
      at: 1767225600000 + DAY + 1500,
      port: 6443,
      seeds: [2654435769, 4294967295],
    });
  });

  it("leaves the epoch where it is: a container that never started did not start an hour later", () => {
    const value = { startedAt: "1970-01-01T00:00:00Z", log: "started 1970-01-01T00:00:00Z, failed 2026-01-01T00:00:00Z", finishedAt: "2026-01-01T00:00:00Z" };
    const expected = { startedAt: "1970-01-01T00:00:00Z", log: "started 1970-01-01T00:00:00Z, failed 2026-01-01T01:00:00Z", finishedAt: "2026-01-01T01:00:00Z" };
    expect(JSON.parse(shiftTimes(JSON.stringify(value), 3600_000))).toEqual(expected);
    expect(shiftFrozen(deepFreeze(value), 3600_000)).toEqual(expected);
  });
});

describe("shiftFrozen", () => {
  it("gives what shifting the JSON text gives, sharing every part with nothing to move", () => {
    const snapshot = deepFreeze(JSON.parse(JSON.stringify(Environment.create(undefined, { seed: 4 }).snapshot())));
    const delta = 3 * DAY + 1234;
    const shifted = shiftFrozen(snapshot, delta);
    expect(JSON.stringify(shifted)).toBe(shiftTimes(JSON.stringify(snapshot), delta));
    const podSpec = (s: typeof snapshot) => s.clusters[0].store.objects.find(([type]: [string]) => type === "/pods")[1].spec;
    expect(podSpec(shifted)).toBe(podSpec(snapshot));
    expect(Object.isFrozen(shifted.clusters[0].store.objects[0][1].metadata)).toBe(true);
    expect(shiftFrozen(snapshot, 0)).toBe(snapshot);
  });

  it("moves epoch numbers inside JSON held in strings, as the text shift does", () => {
    const value = deepFreeze({
      file: JSON.stringify({ at: 1767225600000, port: 6443 }),
      stamp: "at 2026-01-01T00:00:00Z",
      n: 1767225600000.5,
      log: 'I {"at":1767225600000,"t":"2026-01-01T00:00:00.5Z"} since 1970-01-01T00:00:00Z [1767225600000,1767225600001] 2026-01-01T00:00:09Z',
    });
    expect(JSON.stringify(shiftFrozen(value, 1000))).toBe(shiftTimes(JSON.stringify(value), 1000));
  });

  it("keeps a key named __proto__ as data (a ConfigMap key may be one), as the JSON text shift does", () => {
    const text = '{"data":{"__proto__":"at 2026-01-01T00:00:00Z","b":"x"},"at":"2026-01-01T00:00:00Z"}';
    const shifted = shiftFrozen(deepFreeze(JSON.parse(text)), 1000);
    expect(JSON.stringify(shifted)).toBe(shiftTimes(text, 1000));
    expect(Object.getPrototypeOf(shifted.data)).toBe(Object.prototype);
  });
});

describe("environments restored from a boot template", () => {
  it("start at their own time with the lab already booted, and keep running", () => {
    const first = Environment.create(undefined, { startTime: DEFAULT_START_TIME });
    const later = Environment.create(undefined, { startTime: DEFAULT_START_TIME + DAY });
    expect(later.clock.now() - first.clock.now()).toBe(DAY);
    const node = (env: Environment) => env.cluster().clientFor(SYSTEM_ADMIN).get("", "nodes", undefined, "node01")!;
    expect(Date.parse(node(later).metadata.creationTimestamp!) - Date.parse(node(first).metadata.creationTimestamp!)).toBe(DAY);
    const written = (env: Environment) => env.hosts.get("controlplane")!.fs.statSync("/etc/kubernetes/admin.conf")!.mtime.getTime();
    expect(written(later) - written(first)).toBe(DAY);
    expect(readyNodes(later)).toEqual(["controlplane", "node01", "node02"]);
    later.advanceBy(10 * 60_000);
    expect(readyNodes(later)).toEqual(["controlplane", "node01", "node02"]);
    const pods = deployAndListPods(later);
    expect(pods.map((p) => (p.status as { phase?: string }).phase)).toEqual(["Running", "Running"]);
  });

  it("are deterministic per seed whatever was created before them, and differ between seeds", () => {
    const names = (seed: number) => deployAndListPods(Environment.create(undefined, { seed })).map((p) => p.metadata.name);
    const a = names(5);
    names(7);
    expect(names(5)).toEqual(a);
    expect(names(7)).not.toEqual(a);
  });

  it("never give a new object the uid of one the boot made, with the template's own seed too", () => {
    for (const seed of [1, 7]) {
      const env = Environment.create(undefined, { seed });
      const admin = env.cluster().clientFor(SYSTEM_ADMIN);
      for (let i = 0; i < 20; i++) admin.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: `c${i}`, namespace: "default" } });
      const uids = ["namespaces", "configmaps", "serviceaccounts", "pods", "services"].flatMap((r) => admin.list("", r).map((o) => o.metadata.uid));
      expect(new Set(uids).size, `seed ${seed}`).toBe(uids.length);
    }
  });

  it("are at their controllers' fixed point, so a full resync after a restore writes nothing", () => {
    for (const startTime of [DEFAULT_START_TIME, DEFAULT_START_TIME + 5 * DAY + 777]) {
      const env = Environment.create(undefined, { seed: 11, startTime });
      const snapshot = JSON.parse(JSON.stringify(env.snapshot()));
      const restored = Environment.restore(snapshot);
      expect(restored.cluster().store.currentRevision).toBe(env.cluster().store.currentRevision);
      expect(JSON.stringify(restored.snapshot().clusters[0].store)).toBe(JSON.stringify(snapshot.clusters[0].store));
    }
  });

  it("match an environment booted without the template", () => {
    const fromTemplate = Environment.create(undefined, { seed: 3 });
    const booted = Environment.create(undefined, { seed: 3, noTemplate: true });
    const summary = (env: Environment) =>
      env
        .cluster()
        .clientFor(SYSTEM_ADMIN)
        .list("", "pods", "kube-system")
        .map((p) => `${p.metadata.name?.replace(/-[a-z0-9]{5}$/, "")} ${(p.status as { phase?: string }).phase}`)
        .sort();
    expect(fromTemplate.clock.now()).toBe(booted.clock.now());
    expect(summary(fromTemplate).map((s) => s.replace(/-[a-z0-9]{8,10}$/, ""))).toEqual(summary(booted).map((s) => s.replace(/-[a-z0-9]{8,10}$/, "")));
  });
});

describe("catching up a long idle gap", () => {
  it("jumps over hours without replaying every heartbeat, and the cluster is healthy after", () => {
    const env = Environment.create(undefined, { seed: 9 });
    const before = env.clock.now();
    env.advanceBy(3 * DAY);
    expect(env.clock.now() - before).toBe(3 * DAY);
    expect(readyNodes(env)).toEqual(["controlplane", "node01", "node02"]);
    const lease = env.cluster().clientFor(SYSTEM_ADMIN).get("coordination.k8s.io", "leases", "kube-node-lease", "node01")!;
    const renewed = Date.parse((lease.spec as { renewTime: string }).renewTime);
    expect(env.clock.now() - renewed).toBeLessThan(60_000);
    const pods = deployAndListPods(env);
    expect(pods.map((p) => (p.status as { phase?: string }).phase)).toEqual(["Running", "Running"]);
  });
});
