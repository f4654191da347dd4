// A cluster snapshot's plugin state is what a JSON round trip of the live state gives, frozen, and
// the very object of the previous snapshot while nothing in it changed (so a save can tell
// "unchanged" without writing it out); a change makes a new copy.
import { describe, expect, it } from "vitest";
import { Environment } from "../environment";
import { PluginStateSnapshots, sameAsCopy } from "../snapshot-extra";

describe("plugin state in cluster snapshots", () => {
  it("is a frozen JSON copy, the same object while unchanged, a new one once a kubelet's state changes, and is JSON of the live state each time", () => {
    const env = Environment.create();
    const cluster = env.cluster();
    const first = cluster.snapshot().extra;
    expect(JSON.stringify(first)).toBe(JSON.stringify(JSON.parse(JSON.stringify(cluster.extra))));
    expect(Object.isFrozen(first["kubelet/nodes"])).toBe(true);
    expect(cluster.snapshot().extra["kubelet/nodes"]).toBe(first["kubelet/nodes"]);

    // A pod scheduled to one node changes that kubelet's record only.
    cluster.admin.create({ apiVersion: "v1", kind: "Pod", metadata: { name: "web", namespace: "default" }, spec: { nodeName: "node01", containers: [{ name: "web", image: "nginx" }] } });
    env.advanceBy(30_000);
    const later = cluster.snapshot().extra;
    const [before, after] = [first["kubelet/nodes"], later["kubelet/nodes"]] as Record<string, unknown>[];
    expect(after).not.toBe(before);
    expect(after!.node01).not.toBe(before!.node01);
    expect(JSON.stringify(later)).toBe(JSON.stringify(JSON.parse(JSON.stringify(cluster.extra))));
    expect(cluster.snapshot().extra["kubelet/nodes"]).toBe(after);
  });

  it("makes a new copy when keys change order, a value turns undefined, or a number is not finite, as JSON would write them", () => {
    const snapshots = new PluginStateSnapshots();
    const live: Record<string, unknown> = { state: { a: 1, b: [1, 2] } };
    const first = snapshots.take(live).state;
    live.state = { b: [1, 2], a: 1 };
    const reordered = snapshots.take(live).state;
    expect(reordered).not.toBe(first);
    expect(JSON.stringify(reordered)).toBe('{"b":[1,2],"a":1}');
    live.state = { b: [1, 2], a: 1, gone: undefined };
    expect(snapshots.take(live).state).toBe(reordered);
    live.state = { b: [1, NaN], a: 1 };
    expect(JSON.stringify(snapshots.take(live).state)).toBe('{"b":[1,null],"a":1}');
    expect(sameAsCopy({ x: [undefined] }, { x: [null] })).toBe(true);
    expect(sameAsCopy({ x: 1 }, { x: 1, y: 2 })).toBe(false);
  });
});
