import { describe, expect, it } from "vitest";
import { ObjectStore } from "../../api/store";
import type { KubeObject } from "../../api/types";
import { VirtualClock } from "../../clock/clock";
import { ControllerManager } from "../manager";

const configMap = (name: string, data: Record<string, string> = {}): KubeObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "default" }, data });

/**
 * Two loops over a bare store: "kubelet" marks ConfigMaps ready one key at a time (like pods
 * reported ready), "counter" counts the ready ones into a summary (like a ReplicaSet's status).
 */
function twoLoops() {
  const store = new ObjectStore();
  const clock = new VirtualClock(0);
  const manager = new ControllerManager(store, clock);
  const log: string[] = [];
  manager.add({
    name: "counter",
    watches: ["/configmaps"],
    keysFor: (e) => (e.object.metadata.name === "summary" ? [] : ["summary"]),
    reconcile(key) {
      const ready = store.list("/configmaps", "default").filter((c) => (c.data as Record<string, string>).ready === "yes").length;
      log.push(`counter ${key}: ${ready} ready`);
      const summary = store.get("/configmaps", "default", "summary");
      if (!summary) store.create("/configmaps", configMap("summary", { ready: String(ready) }));
      else if ((summary.data as Record<string, string>).ready !== String(ready)) store.update("/configmaps", { ...summary, data: { ready: String(ready) } });
    },
  });
  manager.add({
    name: "kubelet",
    watches: [],
    reconcile(key) {
      log.push(`kubelet ${key}`);
      const cm = store.get("/configmaps", "default", key)!;
      store.update("/configmaps", { ...cm, data: { ready: "yes" } });
    },
  });
  return { store, clock, manager, log };
}

describe("ControllerManager", () => {
  it("lets a controller work through every key it holds before the next one counts the result", () => {
    const { store, clock, manager, log } = twoLoops();
    for (const name of ["a", "b", "c"]) store.create("/configmaps", configMap(name));
    manager.settle();
    log.length = 0;
    // Three pods' readiness due at one instant: the kubelet reports all three, then the summary is counted once.
    for (const name of ["a", "b", "c"]) manager.requeueAfter("kubelet", name, 1000);
    clock.advanceBy(1000, () => manager.settle());
    expect(log).toEqual(["kubelet a", "kubelet b", "kubelet c", "counter summary: 3 ready"]);
    expect(store.get("/configmaps", "default", "summary")!.data).toEqual({ ready: "3" });
  });

  it("does not queue a key twice while it waits, and runs it again when it comes back after its reconcile", () => {
    const { store, manager, log } = twoLoops();
    store.create("/configmaps", configMap("a"));
    manager.enqueue("kubelet", "a");
    manager.enqueue("kubelet", "a");
    manager.settle();
    expect(log.filter((l) => l.startsWith("kubelet"))).toEqual(["kubelet a"]);
    manager.enqueue("kubelet", "a");
    manager.settle();
    expect(log.filter((l) => l.startsWith("kubelet"))).toEqual(["kubelet a", "kubelet a"]);
  });

  it("keeps a paused controller's keys until it runs again", () => {
    const { store, manager, log } = twoLoops();
    store.create("/configmaps", configMap("a"));
    manager.setPaused(["kubelet"], true);
    manager.enqueue("kubelet", "a");
    manager.settle();
    expect(log.some((l) => l.startsWith("kubelet"))).toBe(false);
    manager.setPaused(["kubelet"], false);
    manager.settle();
    expect(log).toContain("kubelet a");
    expect(store.get("/configmaps", "default", "summary")!.data).toEqual({ ready: "1" });
  });
});
