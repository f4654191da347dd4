import { describe, expect, it } from "vitest";
import { Environment } from "../../engine/cluster/environment";
import type { HostFileSystem } from "../../engine/hosts/filesystem";
import { SnapshotBase } from "../session/snapshot-delta";
import type { SessionSnapshot } from "../session/types";
import { snapshotBytes, snapshotDeltaBytes } from "./snapshot-json";

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

  it("writes a save's delta exactly as JSON.stringify does, with the objects changed since the base", () => {
    const env = Environment.create();
    const session = (scrollback: string) => ({ format: 1, env: env.snapshot(), terminals: { "1": { state: {}, scrollback } }, homeHost: "controlplane", activeMs: 5, savedAt: "2026-01-01T00:00:00.000Z" }) as unknown as SessionSnapshot;
    const base = new SnapshotBase(session("$ "));
    env.cluster().admin.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: "default" }, data: { mode: "ünïcødé" } });
    env.advanceBy(30_000);
    const first = base.delta(session("$ kubectl get cm\n"))!.delta;
    expect(snapshotDeltaBytes(first).toString("utf8")).toBe(JSON.stringify(first));
    expect(snapshotDeltaBytes(first).toString("utf8")).toContain('"mode":"ünïcødé"');
    // The next save writes the same changed objects again, from the cache, and what changed since.
    env.cluster().admin.delete("", "configmaps", "default", "settings");
    env.advanceBy(5_000);
    const second = base.delta(session("$ kubectl delete cm settings\n"))!.delta;
    expect(snapshotDeltaBytes(second).toString("utf8")).toBe(JSON.stringify(second));
    expect(snapshotDeltaBytes(second).toString("utf8")).not.toContain('"mode":"ünïcødé"');
    for (const other of [null, [1], { objects: "odd", session: 3 }]) expect(snapshotDeltaBytes(other).toString("utf8")).toBe(JSON.stringify(other));
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

  it("an unchanged host is written from its last save's bytes; a change by any mutator is in the next save", async () => {
    const env = Environment.create();
    const host = env.hosts.get("node01")!;
    const first = env.snapshot();
    snapshotJson(first);
    // Nothing changed: the host's filesystem snapshot is the same object, and so its bytes.
    expect(env.snapshot().hosts.find((h) => h.name === "node01")!.fs).toBe(first.hosts.find((h) => h.name === "node01")!.fs);
    const fs = host.fs;
    fs.writeFileSync("/root/notes/a.txt", "first\n");
    const mutators: ((fs: HostFileSystem) => unknown)[] = [
      (f) => f.writeFileSync("/root/notes/a.txt", "second\n"),
      (f) => f.appendFileSync("/root/notes/a.txt", "third\n"),
      (f) => f.mkdirSync("/root/notes/dir"),
      (f) => f.chmod("/root/notes/a.txt", 0o600),
      (f) => f.utimes("/root/notes/a.txt", new Date(0), new Date(Date.UTC(2025, 0, 2))),
      (f) => f.symlink("/root/notes/a.txt", "/root/notes/link"),
      (f) => f.link("/root/notes/a.txt", "/root/notes/hard"),
      (f) => f.cp("/root/notes", "/root/copy", { recursive: true }),
      (f) => f.mv("/root/copy", "/root/moved"),
      (f) => f.rm("/root/moved", { recursive: true }),
      (f) => f.rmSync("/root/notes/hard"),
    ];
    for (const mutate of mutators) {
      await mutate(fs);
      const snapshot = env.snapshot();
      const json = snapshotJson(snapshot);
      expect(json).toBe(JSON.stringify(snapshot));
      const restored = Environment.restore(JSON.parse(json)).hosts.get("node01")!.fs;
      for (const path of fs.walkSync("/root")) {
        // `identity` (what tells two names of one file apart, engine/hosts/filesystem.ts) is given out afresh by a restore.
        const { identity: _restoredIdentity, ...restoredStat } = restored.statSync(path, false) as unknown as Record<string, unknown>;
        const { identity: _identity, ...stat } = fs.statSync(path, false) as unknown as Record<string, unknown>;
        expect(restoredStat).toEqual(stat);
        expect(restored.readFileSync(path)).toBe(fs.readFileSync(path));
      }
      expect(restored.walkSync("/root")).toEqual(fs.walkSync("/root"));
    }
  });
});
