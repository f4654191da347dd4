import { describe, expect, it } from "vitest";
import { HostFileSystem, type FsSnapshot } from "../filesystem";

const CANDIDATE = { uid: 1000, gid: 1000 };
const owner = (fs: HostFileSystem, path: string, follow = false) => {
  const st = fs.statSync(path, follow);
  return { uid: st.uid, gid: st.gid };
};

describe("file owners on a host's filesystem", () => {
  it("gives new entries to their creator (root unless told), parents of mkdir -p included", async () => {
    const fs = new HostFileSystem(() => 0);
    fs.writeFileSync("/etc/app.conf", "x\n");
    expect(owner(fs, "/etc/app.conf")).toEqual({ uid: 0, gid: 0 });
    await fs.mkdir("/tmp/a/b", { recursive: true, owner: CANDIDATE });
    expect(owner(fs, "/tmp/a")).toEqual(CANDIDATE);
    expect(owner(fs, "/tmp/a/b")).toEqual(CANDIDATE);
    await fs.writeFile("/tmp/a/b/f", "hi", { owner: CANDIDATE });
    expect(owner(fs, "/tmp/a/b/f")).toEqual(CANDIDATE);
    await fs.symlink("/tmp/a/b/f", "/tmp/link", { owner: CANDIDATE });
    expect(owner(fs, "/tmp/link")).toEqual(CANDIDATE);
  });

  it("keeps a file's owner when another user writes into it, and when it is moved", async () => {
    const fs = new HostFileSystem(() => 0);
    fs.mkdirSync("/tmp");
    await fs.writeFile("/tmp/f", "a", { owner: CANDIDATE });
    await fs.writeFile("/tmp/f", "b");
    await fs.appendFile("/tmp/f", "c");
    expect(owner(fs, "/tmp/f")).toEqual(CANDIDATE);
    await fs.mv("/tmp/f", "/tmp/g");
    expect(owner(fs, "/tmp/g")).toEqual(CANDIDATE);
  });

  it("makes the copier the owner of a copy, a file copied over keeping its own", async () => {
    const fs = new HostFileSystem(() => 0);
    fs.writeFileSync("/etc/kubernetes/admin.conf", "k", { mode: 0o600 });
    await fs.cp("/etc/kubernetes", "/home/candidate/kube", { recursive: true, owner: CANDIDATE });
    expect(owner(fs, "/home/candidate/kube")).toEqual(CANDIDATE);
    expect(owner(fs, "/home/candidate/kube/admin.conf")).toEqual(CANDIDATE);
    fs.writeFileSync("/srv/target", "old", { owner: { uid: 33, gid: 33 } });
    await fs.cp("/etc/kubernetes/admin.conf", "/srv/target", { owner: CANDIDATE });
    expect(owner(fs, "/srv/target")).toEqual({ uid: 33, gid: 33 });
  });

  it("changes the link or what it points to, as chown and chown -h do", async () => {
    const fs = new HostFileSystem(() => 0);
    fs.writeFileSync("/srv/f", "x");
    await fs.symlink("/srv/f", "/srv/l");
    fs.chownSync("/srv/l", { uid: 7 });
    expect(owner(fs, "/srv/f")).toEqual({ uid: 7, gid: 0 });
    expect(owner(fs, "/srv/l")).toEqual({ uid: 0, gid: 0 });
    fs.chownSync("/srv/l", { gid: 9 }, false);
    expect(owner(fs, "/srv/l")).toEqual({ uid: 0, gid: 9 });
    expect(() => fs.chownSync("/srv/none", { uid: 1 })).toThrow(/ENOENT/);
  });

  it("records only owners other than root in a snapshot, and restores them", () => {
    const fs = new HostFileSystem(() => 0);
    fs.writeFileSync("/etc/hosts", "h");
    fs.mkdirSync("/home");
    fs.writeFileSync("/home/candidate/.bashrc", "b", { owner: CANDIDATE });
    const snap = fs.snapshot();
    const entry = (path: string) => snap.entries.find(([p]) => p === path)![1];
    expect(entry("/etc/hosts").o).toBeUndefined();
    expect(entry("/home/candidate/.bashrc").o).toEqual([1000, 1000]);
    expect(entry("/home/candidate").o).toEqual([1000, 1000]);
    expect(entry("/home").o).toBeUndefined();
    const restored = new HostFileSystem(() => 0);
    restored.restore(JSON.parse(JSON.stringify(snap)) as FsSnapshot);
    expect(owner(restored, "/home/candidate/.bashrc")).toEqual(CANDIDATE);
    expect(owner(restored, "/etc/hosts")).toEqual({ uid: 0, gid: 0 });
  });

  it("derives owners for a snapshot taken before files had them: a user's home is the user's", () => {
    const old: FsSnapshot = {
      entries: [
        ["/", { t: "d", m: 0o755, at: 0 }],
        ["/etc", { t: "d", m: 0o755, at: 0 }],
        ["/etc/passwd", { t: "f", c: "root:x:0:0:root:/root:/bin/bash\ncandidate:x:1000:1000:candidate:/home/candidate:/bin/bash\n", m: 0o644, at: 0 }],
        ["/home", { t: "d", m: 0o755, at: 0 }],
        ["/home/candidate", { t: "d", m: 0o750, at: 0 }],
        ["/home/candidate/.kube", { t: "d", m: 0o755, at: 0 }],
      ],
    };
    const fs = new HostFileSystem(() => 0);
    fs.restore(old);
    expect(owner(fs, "/home/candidate/.kube")).toEqual(CANDIDATE);
    expect(owner(fs, "/home")).toEqual({ uid: 0, gid: 0 });
  });
});
