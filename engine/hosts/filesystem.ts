import type { BufferEncoding, CpOptions, FileContent, FsStat, IFileSystem, MkdirOptions, RmOptions } from "just-bash";
import { deepFreeze } from "../util/freeze";

/**
 * A host's filesystem: a synchronous in-memory tree that the simulation reads directly (the kubelet
 * reads static-pod manifests and its config; etcd reads its data directory) and that the shell
 * interpreter uses through just-bash's async IFileSystem interface. Every change is announced so
 * the simulation reacts to a learner's edits, and the whole tree round-trips through a snapshot.
 * Every mutator — content, directories, links, modes, times — goes through `changed`, which both
 * announces the change and drops the cached snapshot: a save reuses an unchanged host's snapshot
 * (and its encoded bytes, lib/db/snapshot-json.ts) only because no change can bypass it.
 */
/** Who owns an entry: numeric ids as the kernel keeps them (names are /etc/passwd's business). */
export interface FileOwner {
  uid: number;
  gid: number;
}

export const ROOT_OWNER: FileOwner = Object.freeze({ uid: 0, gid: 0 });

/** What stat(2) tells about an entry here: just-bash's fields plus its owner. */
export type HostFsStat = FsStat & FileOwner;

/**
 * A new entry belongs to whoever creates it: the simulation (seeding, the kubelet) creates as
 * root, a shell passes its user's ids (`owner` on the creating calls).
 */
export interface CreateOptions {
  owner?: FileOwner;
}

type Entry = (
  | { type: "file"; content: string | Uint8Array; mode: number; mtime: number }
  | { type: "directory"; mode: number; mtime: number }
  | { type: "symlink"; target: string; mode: number; mtime: number }
) &
  FileOwner;

export interface FsLimits {
  maxTotalBytes: number;
  maxFiles: number;
  maxFileBytes: number;
}

/** The umask every shell runs with (the shell has no `umask` builtin): files are born 644, directories 755. */
export const SHELL_UMASK = 0o022;

export const DEFAULT_FS_LIMITS: FsLimits = { maxTotalBytes: 64 * 1024 * 1024, maxFiles: 20_000, maxFileBytes: 16 * 1024 * 1024 };

/** `write` covers every change that leaves the path in place: content, mkdir, symlink, chmod, utimes. */
export type FsChangeListener = (path: string, change: "write" | "delete") => void;

export interface FsSnapshot {
  /**
   * [path, entry] pairs; binary content is base64 with a `b64:` marker. `o` is the owner as
   * [uid, gid], left out for root's (most of a machine), which keeps snapshots small.
   */
  entries: [string, { t: "f" | "d" | "l"; c?: string; m: number; at: number; o?: [number, number] }][];
  /**
   * Set when owners are recorded. Snapshots taken before files had owners lack it: their owners
   * are derived as the lab did then (a user's home and what is in it are the user's).
   */
  owners?: 1;
}

function errno(code: string, op: string, path: string): Error {
  const messages: Record<string, string> = {
    ENOENT: "no such file or directory",
    EEXIST: "file already exists",
    ENOTDIR: "not a directory",
    EISDIR: "illegal operation on a directory",
    ENOTEMPTY: "directory not empty",
    EFBIG: "file too large",
    ENOSPC: "no space left on device",
    ELOOP: "too many levels of symbolic links",
    EINVAL: "invalid argument",
  };
  const err = new Error(`${code}: ${messages[code] ?? code}, ${op} '${path}'`) as Error & { code: string };
  err.code = code;
  return err;
}

export function normalize(path: string): string {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return "/" + parts.join("/");
}

function parentOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i <= 0 ? "/" : path.slice(0, i);
}

function byteLength(content: string | Uint8Array): number {
  return typeof content === "string" ? Buffer.byteLength(content) : content.byteLength;
}

export class HostFileSystem implements IFileSystem {
  private entries = new Map<string, Entry>();
  private totalBytes = 0;
  private listeners: FsChangeListener[] = [];
  /** The snapshot of the tree as it is now (frozen), until the next change. */
  private cachedSnapshot: FsSnapshot | undefined;
  private readonly identities = new WeakMap<Entry, string>();
  private lastIdentity = 0;

  constructor(
    private readonly now: () => number,
    readonly limits: FsLimits = DEFAULT_FS_LIMITS,
  ) {
    this.entries.set("/", { type: "directory", mode: 0o755, mtime: now(), ...ROOT_OWNER });
  }

  onChange(listener: FsChangeListener): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /**
   * Counts changes to the tree, so a reader polling a file on a timer (the kubelet's CNI check on
   * every heartbeat) can tell "nothing changed since I looked" without reading again. Only compared
   * with itself on this instance: not part of a snapshot.
   */
  get changeCount(): number {
    return this.changes;
  }

  private changes = 0;

  private changed(path: string, change: "write" | "delete"): void {
    this.changes++;
    this.cachedSnapshot = undefined;
    for (const l of this.listeners) l(path, change);
  }

  // ---------- synchronous API for the simulation ----------

  /** Resolves symlinks in every component; returns the real path (which may not exist). */
  realpathSync(path: string, depth = 0): string {
    if (depth > 40) throw errno("ELOOP", "stat", path);
    const parts = normalize(path).split("/").filter(Boolean);
    let current = "/";
    for (let i = 0; i < parts.length; i++) {
      const next = current === "/" ? `/${parts[i]}` : `${current}/${parts[i]}`;
      const entry = this.entries.get(next);
      if (entry?.type === "symlink") {
        const target = entry.target.startsWith("/") ? entry.target : `${current}/${entry.target}`;
        const rest = parts.slice(i + 1).join("/");
        return this.realpathSync(rest ? `${target}/${rest}` : target, depth + 1);
      }
      current = next;
    }
    return current;
  }

  private entry(path: string): Entry | undefined {
    return this.entries.get(this.realpathSync(path));
  }

  existsSync(path: string): boolean {
    try {
      return this.entry(path) !== undefined;
    } catch {
      return false;
    }
  }

  /**
   * The entry's own path, as lstat(2) and friends see it: symlinks in the parent directories are
   * followed, the last component is not (`lstat dirlink/link` is about the link inside the real
   * directory). Stored paths never pass through a symlink, so a stored path is already its own.
   */
  private ownPath(path: string): string {
    const p = normalize(path);
    if (p === "/" || this.entries.has(p)) return p;
    const parent = this.realpathSync(parentOf(p));
    return `${parent === "/" ? "" : parent}/${p.slice(p.lastIndexOf("/") + 1)}`;
  }

  /** Whether the path names an entry itself, without following it (a dangling symlink exists). */
  lexistsSync(path: string): boolean {
    try {
      return this.entries.has(this.ownPath(path));
    } catch {
      return false;
    }
  }

  isDirectorySync(path: string): boolean {
    return this.entry(path)?.type === "directory";
  }

  isFileSync(path: string): boolean {
    return this.entry(path)?.type === "file";
  }

  /** The file's text, or undefined when it does not exist or is a directory. */
  readFileSync(path: string): string | undefined {
    const e = this.entry(path);
    if (!e || e.type !== "file") return undefined;
    return typeof e.content === "string" ? e.content : Buffer.from(e.content).toString("utf8");
  }

  readBytesSync(path: string): Uint8Array | undefined {
    const e = this.entry(path);
    if (!e || e.type !== "file") return undefined;
    return typeof e.content === "string" ? new Uint8Array(Buffer.from(e.content)) : e.content;
  }

  readdirSync(path: string): string[] {
    const dir = this.realpathSync(path);
    const e = this.entries.get(dir);
    if (!e) throw errno("ENOENT", "scandir", path);
    if (e.type !== "directory") throw errno("ENOTDIR", "scandir", path);
    const prefix = dir === "/" ? "/" : `${dir}/`;
    const names: string[] = [];
    for (const p of this.entries.keys()) {
      if (p !== dir && p.startsWith(prefix) && !p.slice(prefix.length).includes("/")) names.push(p.slice(prefix.length));
    }
    return names.sort();
  }

  mkdirSync(path: string, options: MkdirOptions & CreateOptions = {}): void {
    const p = this.realpathSync(path);
    const existing = this.entries.get(p);
    if (existing) {
      if (options.recursive && existing.type === "directory") return;
      throw errno("EEXIST", "mkdir", path);
    }
    const parent = parentOf(p);
    if (!this.entries.has(parent)) {
      if (!options.recursive) throw errno("ENOENT", "mkdir", path);
      this.mkdirSync(parent, { recursive: true, owner: options.owner });
    } else if (this.entries.get(parent)!.type !== "directory") {
      throw errno("ENOTDIR", "mkdir", path);
    }
    this.checkCount();
    const { uid, gid } = options.owner ?? ROOT_OWNER;
    this.entries.set(p, { type: "directory", mode: 0o755, mtime: this.now(), uid, gid });
    this.changed(p, "write");
  }

  /** Writes a file, creating parent directories (the simulation seeds whole trees this way). */
  writeFileSync(path: string, content: FileContent, options: { mode?: number; createParents?: boolean } & CreateOptions = {}): void {
    const p = this.realpathSync(path);
    const parent = parentOf(p);
    const parentEntry = this.entries.get(parent);
    if (!parentEntry) {
      if (options.createParents === false) throw errno("ENOENT", "open", path);
      this.mkdirSync(parent, { recursive: true, owner: options.owner });
    } else if (parentEntry.type !== "directory") {
      throw errno("ENOTDIR", "open", path);
    }
    const existing = this.entries.get(p);
    if (existing?.type === "directory") throw errno("EISDIR", "open", path);
    const size = byteLength(content);
    if (size > this.limits.maxFileBytes) throw errno("EFBIG", "write", path);
    const previous = existing?.type === "file" ? byteLength(existing.content) : 0;
    if (this.totalBytes - previous + size > this.limits.maxTotalBytes) throw errno("ENOSPC", "write", path);
    if (!existing) this.checkCount();
    this.totalBytes += size - previous;
    // Writing into an existing file keeps its owner; a new one is the writer's.
    const { uid, gid } = existing ?? options.owner ?? ROOT_OWNER;
    this.entries.set(p, { type: "file", content, mode: options.mode ?? (existing?.mode ?? 0o644), mtime: this.now(), uid, gid });
    this.changed(p, "write");
  }

  appendFileSync(path: string, content: FileContent, options: CreateOptions = {}): void {
    const current = this.readBytesSync(path);
    if (!current) return this.writeFileSync(path, content, { createParents: false, owner: options.owner });
    const add = typeof content === "string" ? Buffer.from(content) : Buffer.from(content);
    const joined = Buffer.concat([Buffer.from(current), add]);
    const existing = this.entry(path);
    const isText = existing?.type === "file" && typeof existing.content === "string" && typeof content === "string";
    this.writeFileSync(path, isText ? joined.toString("utf8") : new Uint8Array(joined), { createParents: false });
  }

  rmSync(path: string, options: RmOptions = {}): void {
    // unlink(2) removes the entry itself: a symlink goes, not what it points to.
    const target = this.ownPath(path);
    const e = this.entries.get(target);
    if (!e) {
      if (options.force) return;
      throw errno("ENOENT", "rm", path);
    }
    if (e.type === "directory") {
      const children = [...this.entries.keys()].filter((k) => k.startsWith(target === "/" ? "/" : `${target}/`) && k !== target);
      if (children.length > 0 && !options.recursive) throw errno("ENOTEMPTY", "rm", path);
      for (const child of children) this.removeEntry(child);
    }
    if (target !== "/") this.removeEntry(target);
  }

  private removeEntry(path: string): void {
    const e = this.entries.get(path);
    if (!e) return;
    if (e.type === "file") this.totalBytes -= byteLength(e.content);
    this.entries.delete(path);
    this.changed(path, "delete");
  }

  private checkCount(): void {
    if (this.entries.size >= this.limits.maxFiles) throw errno("ENOSPC", "create", `(more than ${this.limits.maxFiles} files)`);
  }

  statSync(path: string, follow = true): HostFsStat {
    const p = follow ? this.realpathSync(path) : this.ownPath(path);
    const e = this.entries.get(p);
    if (!e) throw errno("ENOENT", "stat", path);
    return {
      isFile: e.type === "file",
      isDirectory: e.type === "directory",
      isSymbolicLink: e.type === "symlink",
      mode: e.mode,
      size: e.type === "file" ? byteLength(e.content) : e.type === "symlink" ? e.target.length : 4096,
      mtime: new Date(e.mtime),
      identity: this.identityOf(e),
      uid: e.uid,
      gid: e.gid,
    };
  }

  /** chown(2) (lchown(2) with `follow` false): sets the owner, either id left as it is when absent. */
  chownSync(path: string, owner: Partial<FileOwner>, follow = true): void {
    const p = follow ? this.realpathSync(path) : this.ownPath(path);
    const e = this.entries.get(p);
    if (!e) throw errno("ENOENT", "chown", path);
    if (owner.uid !== undefined) e.uid = owner.uid;
    if (owner.gid !== undefined) e.gid = owner.gid;
    this.changed(p, "write");
  }

  /**
   * An inode number's role: just-bash's mv, cp and ln refuse to touch a destination unless they can
   * prove it is not the source, so every entry gets a token that lives as long as the entry does.
   */
  private identityOf(e: Entry): string {
    let id = this.identities.get(e);
    if (id === undefined) {
      id = `host-fs:${++this.lastIdentity}`;
      this.identities.set(e, id);
    }
    return id;
  }

  /** Paths under a directory (recursively), for tools like find and for seeding checks. */
  walkSync(root: string): string[] {
    const base = this.realpathSync(root);
    const prefix = base === "/" ? "/" : `${base}/`;
    return [...this.entries.keys()].filter((k) => k === base || k.startsWith(prefix)).sort();
  }

  get usedBytes(): number {
    return this.totalBytes;
  }

  // ---------- snapshot ----------

  /** The same frozen object while nothing changed: callers must not change it (clone to edit). */
  snapshot(): FsSnapshot {
    this.cachedSnapshot ??= deepFreeze(this.buildSnapshot());
    return this.cachedSnapshot;
  }

  private buildSnapshot(): FsSnapshot {
    const entries: FsSnapshot["entries"] = [];
    for (const [path, e] of this.entries) {
      const owner: { o?: [number, number] } = e.uid !== 0 || e.gid !== 0 ? { o: [e.uid, e.gid] } : {};
      if (e.type === "directory") entries.push([path, { t: "d", m: e.mode, at: e.mtime, ...owner }]);
      else if (e.type === "symlink") entries.push([path, { t: "l", c: e.target, m: e.mode, at: e.mtime, ...owner }]);
      else {
        const c = typeof e.content === "string" ? e.content : `b64:${Buffer.from(e.content).toString("base64")}`;
        entries.push([path, { t: "f", c: typeof e.content === "string" && e.content.startsWith("b64:") ? `b64:${Buffer.from(e.content).toString("base64")}` : c, m: e.mode, at: e.mtime, ...owner }]);
      }
    }
    return { entries, owners: 1 };
  }

  /** `fileTime` maps each stored time as it is read (cheaper than a moved copy of every entry). */
  restore(snapshot: FsSnapshot, fileTime: (at: number) => number = (at) => at): void {
    this.entries.clear();
    this.totalBytes = 0;
    this.cachedSnapshot = undefined;
    this.changes++;
    const ownerOf = snapshot.owners ? (o?: [number, number]) => (o ? { uid: o[0], gid: o[1] } : ROOT_OWNER) : undefined;
    const legacy = ownerOf ? undefined : legacyOwners(snapshot);
    for (const [path, e] of snapshot.entries) {
      const { uid, gid } = ownerOf ? ownerOf(e.o) : legacy!(path);
      if (e.t === "d") this.entries.set(path, { type: "directory", mode: e.m, mtime: fileTime(e.at), uid, gid });
      else if (e.t === "l") this.entries.set(path, { type: "symlink", target: e.c ?? "", mode: e.m, mtime: fileTime(e.at), uid, gid });
      else {
        const raw = e.c ?? "";
        const content = raw.startsWith("b64:") ? decodeStored(raw) : raw;
        this.totalBytes += byteLength(content);
        this.entries.set(path, { type: "file", content, mode: e.m, mtime: fileTime(e.at), uid, gid });
      }
    }
    if (!this.entries.has("/")) this.entries.set("/", { type: "directory", mode: 0o755, mtime: this.now(), ...ROOT_OWNER });
  }

  // ---------- just-bash IFileSystem (async) ----------

  async readFile(path: string, options?: { encoding?: BufferEncoding | null } | BufferEncoding): Promise<string> {
    const bytes = this.readBytesOrThrow(path, "open");
    const encoding = typeof options === "string" ? options : (options?.encoding ?? "utf8");
    return Buffer.from(bytes).toString((encoding ?? "utf8") as BufferEncoding);
  }

  private readBytesOrThrow(path: string, op: string): Uint8Array {
    const e = this.entry(path);
    if (!e) throw errno("ENOENT", op, path);
    if (e.type === "directory") throw errno("EISDIR", "read", path);
    if (e.type !== "file") throw errno("ENOENT", op, path);
    return typeof e.content === "string" ? new Uint8Array(Buffer.from(e.content)) : e.content;
  }

  async readFileBuffer(path: string): Promise<Uint8Array> {
    return this.readBytesOrThrow(path, "open");
  }

  async writeFile(path: string, content: FileContent, options?: ({ encoding?: BufferEncoding } & CreateOptions) | BufferEncoding): Promise<void> {
    const encoding = typeof options === "string" ? options : options?.encoding;
    const data = typeof content === "string" && encoding && encoding !== "utf8" && encoding !== "utf-8" ? new Uint8Array(Buffer.from(content, encoding)) : content;
    this.writeFileSync(path, data, { createParents: false, owner: typeof options === "string" ? undefined : options?.owner });
  }

  async appendFile(path: string, content: FileContent, options?: ({ encoding?: BufferEncoding } & CreateOptions) | BufferEncoding): Promise<void> {
    this.appendFileSync(path, content, { owner: typeof options === "string" ? undefined : options?.owner });
  }

  async exists(path: string): Promise<boolean> {
    return this.existsSync(path);
  }

  async stat(path: string): Promise<HostFsStat> {
    return this.statSync(path, true);
  }

  async lstat(path: string): Promise<HostFsStat> {
    return this.statSync(path, false);
  }

  async mkdir(path: string, options?: MkdirOptions & CreateOptions): Promise<void> {
    this.mkdirSync(path, options);
  }

  async readdir(path: string): Promise<string[]> {
    return this.readdirSync(path);
  }

  async readdirWithFileTypes(path: string) {
    const dir = this.realpathSync(path);
    return this.readdirSync(path).map((name) => {
      const e = this.entries.get(dir === "/" ? `/${name}` : `${dir}/${name}`)!;
      return { name, isFile: e.type === "file", isDirectory: e.type === "directory", isSymbolicLink: e.type === "symlink" };
    });
  }

  async rm(path: string, options?: RmOptions): Promise<void> {
    this.rmSync(path, options);
  }

  /**
   * A copy belongs to the copier (`owner`, else root); a file copied over keeps its owner and mode,
   * as with cp. A new entry gets the source's permission bits less the umask, as coreutils cp
   * creates it without -p: set-id bits go, a directory keeps its sticky bit.
   */
  async cp(src: string, dest: string, options?: CpOptions & CreateOptions): Promise<void> {
    const from = this.realpathSync(src);
    const e = this.entries.get(from);
    if (!e) throw errno("ENOENT", "cp", src);
    const to = normalize(dest);
    const existing = this.entry(to);
    if (e.type === "directory") {
      if (!options?.recursive) throw errno("EISDIR", "cp", src);
      this.mkdirSync(to, { recursive: true, owner: options.owner });
      if (!existing) this.entry(to)!.mode = e.mode & 0o1777 & ~SHELL_UMASK;
      for (const name of this.readdirSync(from)) await this.cp(`${from}/${name}`, `${to}/${name}`, options);
      return;
    }
    const mode = existing?.type === "file" ? existing.mode : e.mode & 0o777 & ~SHELL_UMASK;
    if (e.type === "file") this.writeFileSync(to, e.content, { mode, createParents: false, owner: options?.owner });
  }

  /** rename(2): an existing destination is replaced (its bytes freed) when the kinds allow it, as on Linux. */
  async mv(src: string, dest: string): Promise<void> {
    const from = this.ownPath(src);
    const to = this.ownPath(dest);
    const source = this.entries.get(from);
    if (!source) throw errno("ENOENT", "rename", src);
    if (this.entries.has(parentOf(to)) === false) throw errno("ENOENT", "rename", dest);
    if (from === to) return;
    if (to.startsWith(`${from}/`)) throw errno("EINVAL", "rename", dest);
    const existing = this.entries.get(to);
    if (existing) {
      if (source.type === "directory" && existing.type !== "directory") throw errno("ENOTDIR", "rename", dest);
      if (source.type !== "directory" && existing.type === "directory") throw errno("EISDIR", "rename", dest);
      if (existing.type === "directory" && this.readdirSync(to).length > 0) throw errno("ENOTEMPTY", "rename", dest);
      this.removeEntry(to);
    }
    const moved = [...this.entries.entries()].filter(([k]) => k === from || k.startsWith(`${from}/`));
    for (const [k] of moved) this.entries.delete(k);
    for (const [k, e] of moved) {
      const target = to + k.slice(from.length);
      this.entries.set(target, e);
    }
    for (const [k] of moved) this.changed(k, "delete");
    for (const [k] of moved) this.changed(to + k.slice(from.length), "write");
  }

  resolvePath(base: string, path: string): string {
    return path.startsWith("/") ? normalize(path) : normalize(`${base}/${path}`);
  }

  getAllPaths(): string[] {
    return [...this.entries.keys()];
  }

  async chmod(path: string, mode: number): Promise<void> {
    const e = this.entry(path);
    if (!e) throw errno("ENOENT", "chmod", path);
    e.mode = mode;
    this.changed(this.realpathSync(path), "write");
  }

  async symlink(target: string, linkPath: string, options: CreateOptions = {}): Promise<void> {
    const p = this.ownPath(linkPath);
    if (this.entries.has(p)) throw errno("EEXIST", "symlink", linkPath);
    this.checkCount();
    const { uid, gid } = options.owner ?? ROOT_OWNER;
    this.entries.set(p, { type: "symlink", target, mode: 0o777, mtime: this.now(), uid, gid });
    this.changed(p, "write");
  }

  async link(existingPath: string, newPath: string): Promise<void> {
    const e = this.entry(existingPath);
    if (!e || e.type !== "file") throw errno("ENOENT", "link", existingPath);
    // A hard link is the same inode: same owner (the copy stands in for sharing it).
    this.writeFileSync(newPath, e.content, { mode: e.mode, createParents: false, owner: { uid: e.uid, gid: e.gid } });
  }

  async readlink(path: string): Promise<string> {
    const e = this.entries.get(this.ownPath(path));
    if (!e || e.type !== "symlink") throw errno("EINVAL", "readlink", path);
    return e.target;
  }

  async realpath(path: string): Promise<string> {
    const p = this.realpathSync(path);
    if (!this.entries.has(p)) throw errno("ENOENT", "realpath", path);
    return p;
  }

  /** utimes(2); with `follow` false lutimes(3), which stamps a symlink itself (`touch -h`). */
  async utimes(path: string, _atime: Date, mtime: Date, follow = true): Promise<void> {
    const p = follow ? this.realpathSync(path) : this.ownPath(path);
    const e = this.entries.get(p);
    if (!e) throw errno("ENOENT", "utimes", path);
    e.mtime = mtime.getTime();
    this.changed(p, "write");
  }
}

function decodeStored(raw: string): Uint8Array {
  return new Uint8Array(Buffer.from(raw.slice(4), "base64"));
}

/**
 * Owners for a snapshot taken before entries had them: as the lab derived them then, a user's home
 * and everything under it belong to that user (ids from the snapshot's /etc/passwd), the rest to root.
 */
function legacyOwners(snapshot: FsSnapshot): (path: string) => FileOwner {
  const passwd = snapshot.entries.find(([path]) => path === "/etc/passwd")?.[1].c ?? "";
  const homes = new Map<string, FileOwner>();
  for (const line of passwd.split("\n")) {
    const f = line.split(":");
    if (f.length >= 7) homes.set(f[0], { uid: Number(f[2]), gid: Number(f[3]) });
  }
  return (path) => {
    const m = /^\/home\/([^/]+)/.exec(path);
    return (m && homes.get(m[1])) || ROOT_OWNER;
  };
}
