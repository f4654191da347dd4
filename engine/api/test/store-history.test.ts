import { describe, expect, it } from "vitest";
import { ObjectStore } from "../store";
import type { KubeObject } from "../types";

const cm = (name: string): KubeObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "default" } });

describe("store history (what a watch can resume from)", () => {
  it("keeps the last 2,000 changes: older revisions are gone, newer ones replay in order", () => {
    const store = new ObjectStore();
    for (let i = 0; i < 4500; i++) store.create("/configmaps", cm(`cm-${i}`));
    const newest = store.currentRevision;
    expect(store.oldestWatchableRevision).toBe(newest - 2000);
    expect(store.eventsSince("/configmaps", newest - 2001)).toBeUndefined();
    const replay = store.eventsSince("/configmaps", newest - 3)!;
    expect(replay.map((e) => e.object.metadata.name)).toEqual(["cm-4497", "cm-4498", "cm-4499"]);
    expect(store.eventsSince("/configmaps", newest - 2000)!.length).toBe(2000);
    expect(store.eventsSince("/secrets", newest - 10)).toEqual([]);
  });

  it("a restore empties the history: only the restored revision can be watched from", () => {
    const store = new ObjectStore();
    for (let i = 0; i < 2500; i++) store.create("/configmaps", cm(`cm-${i}`));
    const copy = new ObjectStore();
    copy.restore(store.snapshot());
    expect(copy.oldestWatchableRevision).toBe(store.currentRevision);
    copy.create("/configmaps", cm("after"));
    expect(copy.eventsSince("/configmaps", store.currentRevision)!.map((e) => e.object.metadata.name)).toEqual(["after"]);
  });
});
