import { describe, expect, it } from "vitest";
import { HostFileSystem } from "../filesystem";

/** A small tree with a file, a directory, a symlink and a binary file. */
function seeded(now: { t: number }): HostFileSystem {
  const fs = new HostFileSystem(() => now.t);
  fs.writeFileSync("/etc/app/config.yaml", "mode: fast\n");
  fs.writeFileSync("/var/data/blob.bin", new Uint8Array([0, 1, 2, 255]));
  fs.mkdirSync("/srv/www", { recursive: true });
  fs.writeFileSync("/srv/www/index.html", "<h1>hi</h1>\n");
  void fs.symlink("/etc/app/config.yaml", "/etc/app/current");
  return fs;
}

/** Every mutator of the filesystem, each changing something a later `ls -l`, `cat` or `stat` shows. */
const MUTATORS: [string, (fs: HostFileSystem) => Promise<void> | void, string[]][] = [
  ["writeFileSync", (fs) => fs.writeFileSync("/etc/app/config.yaml", "mode: slow\n"), ["/etc/app/config.yaml"]],
  ["appendFileSync", (fs) => fs.appendFileSync("/etc/app/config.yaml", "extra: 1\n"), ["/etc/app/config.yaml"]],
  ["writeFile", (fs) => fs.writeFile("/srv/www/new.html", "new\n"), ["/srv/www/new.html"]],
  ["appendFile", (fs) => fs.appendFile("/srv/www/index.html", "more\n"), ["/srv/www/index.html"]],
  ["mkdirSync", (fs) => fs.mkdirSync("/srv/empty"), ["/srv/empty"]],
  ["mkdir -p", (fs) => fs.mkdir("/opt/a/b", { recursive: true }), ["/opt", "/opt/a", "/opt/a/b"]],
  ["rmSync", (fs) => fs.rmSync("/srv/www/index.html"), ["/srv/www/index.html"]],
  ["rm -r", (fs) => fs.rm("/srv", { recursive: true }), ["/srv/www/index.html", "/srv/www", "/srv"]],
  ["cp", (fs) => fs.cp("/etc/app/config.yaml", "/srv/config.yaml"), ["/srv/config.yaml"]],
  ["cp -r", (fs) => fs.cp("/srv/www", "/srv/copy", { recursive: true }), ["/srv/copy", "/srv/copy/index.html"]],
  ["mv", (fs) => fs.mv("/srv/www", "/srv/site"), ["/srv/www", "/srv/www/index.html", "/srv/site", "/srv/site/index.html"]],
  ["chmod", (fs) => fs.chmod("/etc/app/config.yaml", 0o600), ["/etc/app/config.yaml"]],
  ["chmod through a symlink", (fs) => fs.chmod("/etc/app/current", 0o640), ["/etc/app/config.yaml"]],
  ["symlink", (fs) => fs.symlink("/srv/www", "/var/www"), ["/var/www"]],
  ["link", (fs) => fs.link("/srv/www/index.html", "/srv/hard.html"), ["/srv/hard.html"]],
  ["chownSync", (fs) => fs.chownSync("/srv/www/index.html", { uid: 1000, gid: 1000 }), ["/srv/www/index.html"]],
  ["utimes", (fs) => fs.utimes("/srv/www/index.html", new Date(0), new Date(Date.UTC(2025, 5, 1))), ["/srv/www/index.html"]],
];

/** What a learner can observe of every path: type, mode, size, time, content or link target. */
function observed(fs: HostFileSystem): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const path of fs.walkSync("/")) {
    const stat = fs.statSync(path, false);
    out[path] = {
      kind: stat.isSymbolicLink ? "link" : stat.isDirectory ? "dir" : "file",
      mode: stat.mode,
      size: stat.size,
      mtime: stat.mtime.getTime(),
      owner: [stat.uid, stat.gid],
      content: stat.isFile ? Buffer.from(fs.readBytesSync(path)!).toString("base64") : undefined,
    };
  }
  return out;
}

describe("host filesystem change events and snapshot reuse", () => {
  for (const [name, mutate, paths] of MUTATORS) {
    it(`${name} announces its change and the next snapshot holds it`, async () => {
      const now = { t: Date.UTC(2026, 0, 1) };
      const fs = seeded(now);
      const before = fs.snapshot();
      expect(fs.snapshot()).toBe(before);
      const heard: string[] = [];
      fs.onChange((path) => heard.push(path));
      now.t += 60_000;
      await mutate(fs);
      expect(heard.sort()).toEqual([...paths].sort());
      const after = fs.snapshot();
      expect(after).not.toBe(before);
      expect(JSON.stringify(after)).not.toBe(JSON.stringify(before));
      const restored = new HostFileSystem(() => 0);
      restored.restore(JSON.parse(JSON.stringify(after)));
      expect(observed(restored)).toEqual(observed(fs));
    });
  }

  it("keeps one frozen snapshot while nothing changes, and a restore starts a new one", () => {
    const now = { t: Date.UTC(2026, 0, 1) };
    const fs = seeded(now);
    const first = fs.snapshot();
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.entries[0])).toBe(true);
    fs.readFileSync("/etc/app/config.yaml");
    fs.statSync("/etc/app/current");
    expect(fs.snapshot()).toBe(first);
    const other = seeded(now);
    other.writeFileSync("/only/here", "x");
    fs.restore(other.snapshot());
    expect(fs.snapshot()).not.toBe(first);
    expect(fs.readFileSync("/only/here")).toBe("x");
  });

  it("a refused change (no such file, limit reached) changes nothing and keeps the snapshot", async () => {
    const fs = new HostFileSystem(() => 0, { maxTotalBytes: 10, maxFiles: 100, maxFileBytes: 10 });
    fs.writeFileSync("/a", "12345");
    const snapshot = fs.snapshot();
    const heard: string[] = [];
    fs.onChange((path) => heard.push(path));
    expect(() => fs.writeFileSync("/b", "1234567890")).toThrow(/ENOSPC/);
    await expect(fs.chmod("/missing", 0o600)).rejects.toThrow(/ENOENT/);
    await expect(fs.utimes("/missing", new Date(0), new Date(0))).rejects.toThrow(/ENOENT/);
    expect(() => fs.mkdirSync("/a")).toThrow(/EEXIST/);
    expect(heard).toEqual([]);
    expect(fs.snapshot()).toBe(snapshot);
  });
});

describe("host filesystem rename", () => {
  const fresh = () => seeded({ t: Date.UTC(2026, 0, 1) });

  it("replacing a file frees the old file's bytes, so the disk quota counts what is really there", async () => {
    const fs = fresh();
    fs.writeFileSync("/tmp/big", "x".repeat(1000));
    fs.writeFileSync("/tmp/small", "y");
    const before = fs.usedBytes;
    await fs.mv("/tmp/small", "/tmp/big");
    expect(fs.usedBytes).toBe(before - 1000);
    expect(fs.readFileSync("/tmp/big")).toBe("y");
    expect(fs.existsSync("/tmp/small")).toBe(false);
  });

  it("refuses what rename(2) refuses, changing nothing", async () => {
    const fs = fresh();
    fs.mkdirSync("/srv/empty");
    const before = fs.snapshot();
    await expect(fs.mv("/srv/www", "/srv/www/inner")).rejects.toThrow(/^EINVAL/);
    await expect(fs.mv("/etc/app/config.yaml", "/srv/www")).rejects.toThrow(/^EISDIR/);
    await expect(fs.mv("/srv/www", "/etc/app/config.yaml")).rejects.toThrow(/^ENOTDIR/);
    await expect(fs.mv("/srv/empty", "/srv/www")).rejects.toThrow(/^ENOTEMPTY/);
    expect(fs.snapshot()).toEqual(before);
  });

  it("a directory replaces an empty one, and a rename onto itself changes nothing", async () => {
    const fs = fresh();
    fs.mkdirSync("/srv/empty");
    await fs.mv("/srv/www", "/srv/empty");
    expect(fs.readFileSync("/srv/empty/index.html")).toBe("<h1>hi</h1>\n");
    const before = fs.snapshot();
    await fs.mv("/srv/empty", "/srv/empty");
    expect(fs.snapshot()).toBe(before);
  });
});

describe("calls that do not follow the last component (lstat, readlink, lchown, lutimes, unlink)", () => {
  // /etc/applink -> /etc/app, whose `current` is itself a link to config.yaml.
  async function linked() {
    const now = { t: 1_000 };
    const fs = seeded(now);
    await fs.symlink("/etc/app", "/etc/applink");
    return { fs, now };
  }

  it("follow symlinks in the parent directories, as the kernel resolves a path", async () => {
    const { fs } = await linked();
    expect((await fs.lstat("/etc/applink/current")).isSymbolicLink).toBe(true);
    expect(await fs.readlink("/etc/applink/current")).toBe("/etc/app/config.yaml");
    fs.chownSync("/etc/applink/current", { uid: 7 }, false);
    expect(fs.statSync("/etc/app/current", false).uid).toBe(7);
    expect(fs.statSync("/etc/app/config.yaml").uid).toBe(0);
  });

  it("stamp and remove the link itself, never what it points to", async () => {
    const { fs, now } = await linked();
    now.t = 5_000;
    await fs.utimes("/etc/applink/current", new Date(5_000), new Date(5_000), false);
    expect(fs.statSync("/etc/app/current", false).mtime.getTime()).toBe(5_000);
    expect(fs.statSync("/etc/app/config.yaml").mtime.getTime()).toBe(1_000);
    fs.rmSync("/etc/applink/current");
    expect(fs.lexistsSync("/etc/app/current")).toBe(false);
    expect(fs.readFileSync("/etc/app/config.yaml")).toBe("mode: fast\n");
  });
});
