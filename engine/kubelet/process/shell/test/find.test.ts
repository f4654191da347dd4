import { describe, expect, it } from "vitest";
import type { ScriptFs, ScriptHost } from "../host";
import { newScript, runScript } from "../run";

/** A filesystem of files and directories in a map, enough for find and ls to walk. */
function treeHost(paths: string[]): ScriptHost & { paths: Set<string> } {
  const entries = new Set(paths);
  const dirs = () => new Set([...entries].filter((p) => p.endsWith("/")).map((p) => p.slice(0, -1)));
  const isDir = (p: string) => p === "/" || dirs().has(p);
  const children = (p: string) => [...entries].map((e) => e.replace(/\/$/, "")).filter((e) => e.startsWith(`${p}/`) && !e.slice(p.length + 1).includes("/")).map((e) => e.slice(p.length + 1)).sort();
  const fs: ScriptFs = {
    read: (p) => (entries.has(p) ? "x" : undefined),
    write: (p) => (entries.add(p), undefined),
    remove: (p, recursive) => {
      if (isDir(p) && !recursive && children(p).length) return false;
      const had = entries.has(p) || entries.has(`${p}/`);
      for (const e of [...entries]) if (e === p || e.startsWith(`${p}/`)) entries.delete(e);
      return had;
    },
    exists: (p) => entries.has(p) || isDir(p),
    isDirectory: isDir,
    mkdir: (p) => (entries.add(`${p}/`), undefined),
    list: (p) => (isDir(p) ? children(p) : undefined),
  };
  return {
    paths: entries,
    fs,
    hostname: "pod",
    has: () => true,
    http: () => ({ ok: false, error: "refused", host: "x", port: 80 }),
    resolve: () => ({ ok: false, server: "10.96.0.10" }),
    connect: () => ({ ok: false }),
    serve: () => true,
    allocate: () => undefined,
    selfListening: () => false,
  };
}

const T0 = Date.UTC(2026, 0, 1);
const run = (script: string, host: ScriptHost) => {
  const out = runScript(newScript(script, "sh", {}, T0), host, T0);
  return { lines: out.output.map((o) => `${o.stream}: ${o.text}`), code: out.exit?.code };
};

describe("find and ls in containers", () => {
  const tree = () => treeHost(["/scrub/", "/scrub/a.txt", "/scrub/.hidden", "/scrub/sub/", "/scrub/sub/b.txt"]);

  it("lists a tree a directory before its contents, with -mindepth, -type and -name", () => {
    const host = tree();
    expect(run("find /scrub", host).lines).toEqual(["stdout: /scrub", "stdout: /scrub/.hidden", "stdout: /scrub/a.txt", "stdout: /scrub/sub", "stdout: /scrub/sub/b.txt"]);
    expect(run("find /scrub -mindepth 1 -type d", host).lines).toEqual(["stdout: /scrub/sub"]);
    expect(run("find /scrub -name '*.txt'", host).lines).toEqual(["stdout: /scrub/a.txt", "stdout: /scrub/sub/b.txt"]);
    expect(run("find /nope", host)).toEqual({ lines: ["stderr: find: '/nope': No such file or directory"], code: 1 });
  });

  it("hides dot files from ls unless -A or -a", () => {
    const host = tree();
    expect(run("ls /scrub", host).lines).toEqual(["stdout: a.txt", "stdout: sub"]);
    expect(run("ls -A /scrub", host).lines).toEqual(["stdout: .hidden", "stdout: a.txt", "stdout: sub"]);
    expect(run("ls -a /scrub", host).lines).toEqual(["stdout: .", "stdout: ..", "stdout: .hidden", "stdout: a.txt", "stdout: sub"]);
  });

  it("runs the PV recycler's scrub: everything below /scrub goes, /scrub stays, and it succeeds", () => {
    const host = tree();
    const scrub = 'test -e /scrub && find /scrub -mindepth 1 -delete && test -z "$(ls -A /scrub)" || exit 1';
    expect(run(scrub, host).code).toBe(0);
    expect([...host.paths]).toEqual(["/scrub/"]);
    // A scrub of nothing fails, as the recycler pod does when the volume is missing.
    expect(run(scrub, treeHost([])).code).toBe(1);
  });
});
