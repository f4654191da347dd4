import { describe, expect, it } from "vitest";
import { Environment } from "../../engine/cluster/environment";
import { snapshotBytes } from "./snapshot-json";

const snapshotJson = (value: unknown) => snapshotBytes(value).toString("utf8");

describe("snapshot JSON with cached store objects", () => {
  it("writes exactly what JSON.stringify writes, for session and environment snapshots and other values", () => {
    const env = Environment.create();
    const envSnapshot = env.snapshot();
    const session = { format: 1, env: envSnapshot, terminals: { "1": { state: { history: ["ls"] }, scrollback: "$ ls\n" } }, homeHost: "controlplane", activeMs: 5, gone: undefined, savedAt: "2026-01-01T00:00:00.000Z" };
    expect(snapshotJson(session)).toBe(JSON.stringify(session));
    expect(snapshotJson(envSnapshot)).toBe(JSON.stringify(envSnapshot));
    // Written twice: the second time from the cache.
    expect(snapshotJson(session)).toBe(JSON.stringify(session));
    // Not ASCII: bytes are UTF-8 as Buffer.from writes them.
    const unicode = { ...session, terminals: { "1": { state: {}, scrollback: "ünïcødé ⎈ 🚀" } } };
    expect(snapshotBytes(unicode).equals(Buffer.from(JSON.stringify(unicode), "utf8"))).toBe(true);
    for (const other of [{ a: [1, undefined, "x"], b: { c: null } }, [1, 2], "text", 3, null, { env: "not an environment" }, { clusters: [{ store: { objects: [["/pods", { a: 1 }], "odd"] } }] }]) {
      expect(snapshotJson(other)).toBe(JSON.stringify(other));
    }
  });

  it("a change made after a save is in the next save (cached text follows the store)", () => {
    const env = Environment.create();
    const before = snapshotJson(env.snapshot());
    env.cluster().admin.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: "default" }, data: { mode: "fast" } });
    const node = env.cluster().admin.get("", "nodes", undefined, "node01")!;
    env.cluster().admin.update({ ...node, metadata: { ...node.metadata, labels: { ...node.metadata.labels, disk: "ssd" } } });
    const snapshot = env.snapshot();
    const after = snapshotJson(snapshot);
    expect(after).toBe(JSON.stringify(snapshot));
    expect(after).not.toBe(before);
    const restored = Environment.restore(JSON.parse(after));
    expect(restored.cluster().admin.get("", "configmaps", "default", "settings")?.data).toEqual({ mode: "fast" });
    expect(restored.cluster().admin.get("", "nodes", undefined, "node01")?.metadata.labels?.disk).toBe("ssd");
  });
});
