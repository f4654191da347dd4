// Saves written as deltas against the session's last whole snapshot (stored once, as a row of its
// own) restore exactly what was saved: the learner's objects, deletions, files and cluster time,
// byte for byte.
import { describe, expect, it } from "vitest";
import { Environment } from "../../../engine/cluster/environment";
import { snapshotBytes } from "../../db/snapshot-json";
import { decodeStoredSnapshot as decodeRow, SnapshotSaver, STORED_BASE_ROW, type StoredSnapshot } from "../snapshot-saver";
import type { SessionSnapshot } from "../types";

function sessionOf(env: Environment, scrollback: string): SessionSnapshot {
  return { format: 1, env: env.snapshot(), terminals: { "1": { state: { history: [] } as unknown as SessionSnapshot["terminals"][string]["state"], scrollback } }, homeHost: "controlplane", activeMs: 1234, savedAt: "2026-01-01T00:00:00.000Z" };
}

/** What a store does with a row: keeps the base it brings (answering its id), and gives it back with the row. */
function baseStore() {
  const bases = new Map<string, StoredSnapshot["base"]>();
  return {
    bases,
    save(saver: SnapshotSaver, row: StoredSnapshot): StoredSnapshot {
      let id = row.base?.id;
      if (row.base?.data) {
        id = `base-${bases.size + 1}`;
        bases.set(id, { id, data: row.base.data, rawBytes: row.base.rawBytes });
        saver.stored(row, id);
      }
      return { ...row, base: bases.get(id!) };
    },
  };
}

describe("session saves as deltas", () => {
  it("restores every change made after the base exactly: objects created, changed and deleted, a file written, time passed", async () => {
    const env = Environment.create();
    // Settled, as a session's environment is (a fresh cluster's first minute changes most of it).
    const admin = env.cluster().admin;
    admin.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "old", namespace: "default" } });
    env.advanceBy(120_000);
    const saver = new SnapshotSaver();
    const store = baseStore();
    const first = store.save(saver, await saver.encode(sessionOf(env, "$ ")));
    expect(first.formatVersion).toBe(STORED_BASE_ROW);

    admin.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: "default" }, data: { mode: "fast" } });
    const node = admin.get("", "nodes", undefined, "node01")!;
    admin.update({ ...node, metadata: { ...node.metadata, labels: { ...node.metadata.labels, disk: "ssd" } } });
    admin.delete("", "configmaps", "default", "old");
    env.hosts.get("controlplane")!.fs.writeFileSync("/root/notes.txt", "ready\n");
    env.advanceBy(7_000);
    const later = sessionOf(env, "$ kubectl get pods\n");
    const encoded = await saver.encode(later);
    // The base is stored once: this save brings only the delta, a small part of a whole snapshot.
    expect(encoded.base).toEqual({ id: "base-1", rawBytes: first.base!.rawBytes });
    expect(encoded.data.byteLength).toBeLessThan(first.base!.data!.byteLength / 4);
    const second = store.save(saver, encoded);
    expect(store.bases.size).toBe(1);

    const decoded = await decodeRow(second);
    expect(snapshotBytes(decoded).equals(snapshotBytes(later))).toBe(true);
    const restored = Environment.restore(decoded.env);
    expect(restored.cluster().admin.get("", "configmaps", "default", "settings")?.data).toEqual({ mode: "fast" });
    expect(restored.cluster().admin.get("", "nodes", undefined, "node01")?.metadata.labels?.disk).toBe("ssd");
    expect(restored.cluster().admin.get("", "configmaps", "default", "old")).toBeUndefined();
    expect(restored.hosts.get("controlplane")!.fs.readFileSync("/root/notes.txt")).toBe("ready\n");
    expect(restored.clock.now()).toBe(env.clock.now());
    expect(JSON.stringify(restored.snapshot())).toBe(JSON.stringify(Environment.restore(JSON.parse(JSON.stringify(later.env))).snapshot()));
  });

  it("a session resumed from a stored row saves deltas against that row's base, and those restore exactly too", async () => {
    const env = Environment.create();
    const original = new SnapshotSaver();
    const store = baseStore();
    const whole = store.save(original, await original.encode(sessionOf(env, "$ ")));
    env.cluster().admin.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "before", namespace: "default" } });
    const based = store.save(original, await original.encode(sessionOf(env, "$ ")));
    for (const row of [whole, based]) {
      const loaded = await decodeRow(row);
      const resumed = Environment.restore(loaded.env);
      const saver = new SnapshotSaver();
      saver.resumeFrom(loaded);
      resumed.cluster().admin.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "after", namespace: "default" } });
      resumed.hosts.get("node01")!.fs.writeFileSync("/tmp/x", "y");
      resumed.advanceBy(3_000);
      const later = sessionOf(resumed, "$ again");
      const saved = await saver.encode(later);
      // Against the stored base, which it names rather than carries.
      expect(saved.base).toEqual({ id: "base-1", rawBytes: whole.base!.rawBytes });
      expect(snapshotBytes(await decodeRow(store.save(saver, saved))).equals(snapshotBytes(later))).toBe(true);
    }
  });

  it("writes a whole snapshot again once the changes outgrow a fifth of the base", async () => {
    const env = Environment.create();
    const saver = new SnapshotSaver();
    const store = baseStore();
    const first = store.save(saver, await saver.encode(sessionOf(env, "")));
    const admin = env.cluster().admin;
    const big = "x".repeat(8_000);
    for (let i = 0; i < 60; i++) admin.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: `cm-${i}`, namespace: "default" }, data: { big: `${i}${big}` } });
    const grown = sessionOf(env, "");
    const encoded = await saver.encode(grown);
    expect(first.base!.rawBytes).toBeLessThan(60 * 8_000 * 2);
    // A new base comes with the row.
    expect(encoded.base?.data?.byteLength).toBeGreaterThan(first.base!.data!.byteLength);
    const second = store.save(saver, encoded);
    expect(second.base?.id).toBe("base-2");
    expect(snapshotBytes(await decodeRow(second)).equals(snapshotBytes(grown))).toBe(true);
    // The next small change is a delta against the new base again.
    admin.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "small", namespace: "default" } });
    const third = await saver.encode(sessionOf(env, ""));
    expect(third.base).toEqual({ id: "base-2", rawBytes: second.base!.rawBytes });
    expect(snapshotBytes(await decodeRow(store.save(saver, third))).equals(snapshotBytes(sessionOf(env, "")))).toBe(true);
  });
});
