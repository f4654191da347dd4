// Saves written as deltas against the session's last whole snapshot restore exactly what was
// saved: the learner's objects, deletions, files and cluster time, byte for byte.
import { describe, expect, it } from "vitest";
import { Environment } from "../../../engine/cluster/environment";
import { snapshotBytes } from "../../db/snapshot-json";
import { decodeStoredSnapshot, SnapshotSaver, BASED_SNAPSHOT_ROW, WHOLE_SNAPSHOT_ROW } from "../snapshot-saver";
import type { SessionSnapshot } from "../types";

function sessionOf(env: Environment, scrollback: string): SessionSnapshot {
  return { format: 1, env: env.snapshot(), terminals: { "1": { state: { history: [] } as unknown as SessionSnapshot["terminals"][string]["state"], scrollback } }, homeHost: "controlplane", activeMs: 1234, savedAt: "2026-01-01T00:00:00.000Z" };
}

describe("session saves as deltas", () => {
  it("restores every change made after the base exactly: objects created, changed and deleted, a file written, time passed", async () => {
    const env = Environment.create();
    const saver = new SnapshotSaver();
    const first = await saver.encode(sessionOf(env, "$ "));
    expect(first.formatVersion).toBe(WHOLE_SNAPSHOT_ROW);

    const admin = env.cluster().admin;
    admin.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: "default" }, data: { mode: "fast" } });
    const node = admin.get("", "nodes", undefined, "node01")!;
    admin.update({ ...node, metadata: { ...node.metadata, labels: { ...node.metadata.labels, disk: "ssd" } } });
    const pod = admin.list("", "pods", "kube-system")[0]!;
    admin.delete("", "pods", "kube-system", pod.metadata.name!);
    env.hosts.get("controlplane")!.fs.writeFileSync("/root/notes.txt", "ready\n");
    env.advanceBy(7_000);
    const later = sessionOf(env, "$ kubectl get pods\n");
    const second = await saver.encode(later);
    expect(second.formatVersion).toBe(BASED_SNAPSHOT_ROW);
    // The delta next to the base is a small part of a whole snapshot.
    expect(second.data.byteLength - first.data.byteLength).toBeLessThan(first.data.byteLength / 4);

    const decoded = await decodeStoredSnapshot(second);
    expect(snapshotBytes(decoded).equals(snapshotBytes(later))).toBe(true);
    const restored = Environment.restore(decoded.env);
    expect(restored.cluster().admin.get("", "configmaps", "default", "settings")?.data).toEqual({ mode: "fast" });
    expect(restored.cluster().admin.get("", "nodes", undefined, "node01")?.metadata.labels?.disk).toBe("ssd");
    expect(restored.hosts.get("controlplane")!.fs.readFileSync("/root/notes.txt")).toBe("ready\n");
    expect(restored.clock.now()).toBe(env.clock.now());
    expect(JSON.stringify(restored.snapshot())).toBe(JSON.stringify(Environment.restore(JSON.parse(JSON.stringify(later.env))).snapshot()));
  });

  it("a session resumed from a stored row saves deltas against that row's base, and those restore exactly too", async () => {
    const env = Environment.create();
    const original = new SnapshotSaver();
    const whole = await original.encode(sessionOf(env, "$ "));
    env.cluster().admin.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "before", namespace: "default" } });
    const based = await original.encode(sessionOf(env, "$ "));
    expect([whole.formatVersion, based.formatVersion]).toEqual([WHOLE_SNAPSHOT_ROW, BASED_SNAPSHOT_ROW]);
    for (const row of [whole, based]) {
      const loaded = await decodeStoredSnapshot(row);
      const resumed = Environment.restore(loaded.env);
      const saver = new SnapshotSaver();
      saver.resumeFrom(loaded);
      resumed.cluster().admin.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "after", namespace: "default" } });
      resumed.hosts.get("node01")!.fs.writeFileSync("/tmp/x", "y");
      resumed.advanceBy(3_000);
      const later = sessionOf(resumed, "$ again");
      const saved = await saver.encode(later);
      expect(saved.formatVersion).toBe(BASED_SNAPSHOT_ROW);
      expect(snapshotBytes(await decodeStoredSnapshot(saved)).equals(snapshotBytes(later))).toBe(true);
    }
  });

  it("writes a whole snapshot again once the changes outgrow half of the base", async () => {
    const env = Environment.create();
    const saver = new SnapshotSaver();
    const first = await saver.encode(sessionOf(env, ""));
    const admin = env.cluster().admin;
    const big = "x".repeat(8_000);
    for (let i = 0; i < 60; i++) admin.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: `cm-${i}`, namespace: "default" }, data: { big: `${i}${big}` } });
    const grown = sessionOf(env, "");
    const second = await saver.encode(grown);
    expect(first.rawBytes).toBeLessThan(60 * 8_000 * 2);
    expect(second.formatVersion).toBe(WHOLE_SNAPSHOT_ROW);
    expect(snapshotBytes(await decodeStoredSnapshot(second)).equals(snapshotBytes(grown))).toBe(true);
    // The new base: the next small change is a delta again.
    admin.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "small", namespace: "default" } });
    const third = await saver.encode(sessionOf(env, ""));
    expect(third.formatVersion).toBe(BASED_SNAPSHOT_ROW);
    expect(snapshotBytes(await decodeStoredSnapshot(third)).equals(snapshotBytes(sessionOf(env, "")))).toBe(true);
  });
});
