import { unsafeBytesFromLatin1, type BufferEncoding, type ByteString, type CpOptions, type FileContent, type FsStat, type IFileSystem, type MkdirOptions, type RmOptions } from "just-bash";
import { normalize, type FileOwner, type HostFileSystem } from "../hosts/filesystem";
import { HOOK_PREFIX, TTY_LINE_DEVICE } from "./transform";
import { PIPE_LINE_DEVICE } from "./pipe-stages";

/** A streamed pipe as its reader sees it (pipe-stream.ts LineQueue). */
export interface PipeReader {
  /** The next line with its newline; the last text without one at end of input; "" after that. */
  next(): Promise<string>;
  /** Everything written and not read yet, once there is some: what one read() of a pipe gets; "" at end of input. */
  chunk(): Promise<string>;
  /** Puts back text read but not used (`head -c 5` took 5 bytes of a chunk). */
  unread(text: string): void;
}

/**
 * The filesystem one shell sees: the host's (or a container's) tree, plus what a Linux kernel and
 * package layout add around it without being stored — /dev (null, zero, tty, the descriptors of
 * process substitution), /proc (computed from the simulation on every read) and an executable in
 * /usr/bin for every command the shell can run. Keeping these virtual means a host snapshot only
 * holds what the learner or the scenario wrote, and every terminal sees the same host files.
 *
 * It also gives what a shell creates to the user running it and enforces Unix permissions from each
 * file's owner and mode for an unprivileged user, the way the exam relies on them (`candidate`
 * cannot read /etc/kubernetes/admin.conf or write to /etc without sudo), and lets the shell
 * intercept the one read a `source` command makes (see SourceInterceptor).
 */
export interface ShellFsOptions {
  base: IFileSystem;
  /** Names of commands that exist as /usr/bin/<name> and /bin/<name>. */
  commands: () => ReadonlySet<string>;
  /** Content of a virtual /proc file, or undefined when there is no such file. */
  proc?: (path: string) => string | undefined;
  /** Writes to /proc/sys; returns false when the file does not exist. */
  procWrite?: (path: string, content: string) => boolean;
  /** The user whose permissions apply and who owns what the shell creates; root bypasses checks. */
  user: () => { name: string; home: string; uid: number; gid: number };
  now: () => number;
  /**
   * What is typed at the terminal: one line, or until Ctrl-D ("" when nobody can type). With
   * `timeoutMs` (`read -t`), undefined when nothing came in time.
   */
  tty?: (mode: "line" | "all", timeoutMs?: number) => Promise<string | undefined>;
}

/** `read -t N` from the terminal reads `TTY_LINE_DEVICE-tN` (transform.ts). */
function ttyLineTimeout(p: string): number | undefined {
  if (!p.startsWith(`${TTY_LINE_DEVICE}-t`)) return undefined;
  const seconds = Number(p.slice(TTY_LINE_DEVICE.length + 2));
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

function isTtyLine(p: string): boolean {
  return p === TTY_LINE_DEVICE || ttyLineTimeout(p) !== undefined;
}

/** Reads the next `source`d file through a rewrite (the shell's function and stream bookkeeping). */
export interface SourceInterceptor {
  rewrite(path: string, text: string): string;
}

const DEV_FILES = new Set(["/dev/null", "/dev/zero", "/dev/stdin", "/dev/stdout", "/dev/stderr", "/dev/tty", "/dev/random", "/dev/urandom", "/dev/full"]);
/**
 * /dev/zero and /dev/urandom never end; a read of them here gives their first MiB (zeros, random
 * bytes), which is more than the lab's uses take (`head -c 32 /dev/urandom | base64`,
 * `tr -dc a-z0-9 < /dev/urandom | head -c 16`, `head -c 100 /dev/zero`). /dev/random is urandom.
 */
const ENDLESS_READ_BYTES = 1 << 20;

function endlessDevice(p: string): Uint8Array | undefined {
  if (p === "/dev/zero") return new Uint8Array(ENDLESS_READ_BYTES);
  if (p !== "/dev/urandom" && p !== "/dev/random") return undefined;
  const bytes = new Uint8Array(ENDLESS_READ_BYTES);
  // getRandomValues fills at most 64 KiB a call.
  for (let i = 0; i < bytes.length; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
  return bytes;
}

const COMMAND_DIRS = new Set(["/usr/bin", "/bin"]);
const READ = 4;
const WRITE = 2;
const SEARCH = 1;

/**
 * A failed lookup is common (every PATH search misses a few directories) and an Error's stack
 * trace is most of its cost, so these carry none: bash prints only the message.
 */
function fsError(code: string, op: string, path: string): Error {
  const messages: Record<string, string> = {
    ENOENT: "no such file or directory",
    EACCES: "permission denied",
    EISDIR: "illegal operation on a directory",
    ENOTDIR: "not a directory",
    EEXIST: "file already exists",
    EROFS: "read-only file system",
    EPERM: "operation not permitted",
    ENOSPC: "no space left on device",
  };
  const err = Object.create(Error.prototype) as Error & { code: string };
  err.name = "Error";
  err.message = `${code}: ${messages[code] ?? code}, ${op} '${path}'`;
  err.code = code;
  return err;
}

function stat(kind: "file" | "dir" | "char", mode: number, size: number, mtime: number): FsStat {
  return { isFile: kind !== "dir", isDirectory: kind === "dir", isSymbolicLink: false, mode, size, mtime: new Date(mtime) };
}

/**
 * Paths just-bash hands over are nearly always absolute and clean already (every PATH lookup, every
 * file a command opens): those skip the split and join of normalize().
 */
function norm(path: string): string {
  const clean =
    path.charCodeAt(0) === 47 &&
    (path.length === 1 || path.charCodeAt(path.length - 1) !== 47) &&
    !path.includes("//") &&
    !path.includes("/./") &&
    !path.includes("/../") &&
    !path.endsWith("/.") &&
    !path.endsWith("/..");
  return clean ? path : normalize(path);
}

export class ShellFs implements IFileSystem {
  private readonly base: IFileSystem;
  /** Process-substitution descriptors (/dev/fd/N): private to this shell, gone when read. */
  private readonly descriptors = new Map<string, string | Uint8Array>();
  private sourceHook?: { interceptor: SourceInterceptor; suspended: number };

  constructor(private readonly options: ShellFsOptions) {
    this.base = options.base;
  }

  /** The next readFile made outside a running command is a `source` read: pass it through the rewrite. */
  armSource(interceptor: SourceInterceptor): void {
    this.sourceHook = { interceptor, suspended: 0 };
  }

  disarmSource(): void {
    this.sourceHook = undefined;
  }

  /** Commands run while `source` expands its arguments; their reads are not the sourced file. */
  suspendSource(): () => void {
    const hook = this.sourceHook;
    if (!hook) return () => undefined;
    hook.suspended++;
    return () => {
      hook.suspended--;
    };
  }

  // ---------- classification ----------

  private isCommandStub(path: string): boolean {
    const slash = path.lastIndexOf("/");
    const dir = path.slice(0, slash) || "/";
    if (!COMMAND_DIRS.has(dir)) return false;
    const name = path.slice(slash + 1);
    return name.startsWith(HOOK_PREFIX) || this.options.commands().has(name);
  }

  private isVirtualDir(path: string): boolean {
    return path === "/dev" || path === "/dev/fd" || path === "/proc" || (path.startsWith("/proc/") && this.procDir(path));
  }

  private procDir(path: string): boolean {
    return ["/proc/self", "/proc/sys", "/proc/sys/net", "/proc/sys/net/ipv4", "/proc/sys/net/bridge", "/proc/net"].includes(path);
  }

  private procContent(path: string): string | undefined {
    return this.options.proc?.(path);
  }

  // ---------- permissions ----------

  private isRoot(): boolean {
    return this.options.user().uid === 0;
  }

  /** The owner of what this shell creates: the user it runs as (root under sudo). */
  private creator(): FileOwner {
    const { uid, gid } = this.options.user();
    return { uid, gid };
  }

  private groupCache?: { user: string; at: number; gids: Set<number> };

  /** The user's groups: the login group and those /etc/group lists the user in. */
  private groups(): Set<number> {
    const user = this.options.user();
    const host = this.base as Partial<HostFileSystem>;
    const at = host.changeCount ?? -1;
    if (this.groupCache?.user === user.name && this.groupCache.at === at && at >= 0) return this.groupCache.gids;
    const gids = new Set([user.gid]);
    for (const line of (host.readFileSync?.("/etc/group") ?? "").split("\n")) {
      const f = line.split(":");
      if (f.length >= 4 && f[3].split(",").includes(user.name)) gids.add(Number(f[2]));
    }
    this.groupCache = { user: user.name, at, gids };
    return gids;
  }

  /** Whether the user may do `access` (READ, WRITE, SEARCH or a sum) to an entry, from its owner and mode. */
  private permits(st: FsStat, access: number): boolean {
    const user = this.options.user();
    if (user.uid === 0) return true;
    const { uid = 0, gid = 0 } = st as Partial<FileOwner>;
    const bits = uid === user.uid ? st.mode >> 6 : this.groups().has(gid) ? st.mode >> 3 : st.mode;
    return (bits & access) === access;
  }

  private async statOrUndefined(path: string): Promise<FsStat | undefined> {
    try {
      return await this.base.stat(path);
    } catch {
      return undefined;
    }
  }

  /** Every directory on the way must be searchable (/root is 0700, /var/lib/etcd too). */
  private async checkTraverse(path: string, op = "open"): Promise<void> {
    if (this.isRoot()) return;
    const parts = path.split("/");
    let dir = "";
    for (let i = 1; i < parts.length - 1; i++) {
      dir += `/${parts[i]}`;
      const st = await this.statOrUndefined(dir);
      if (!st) return;
      if (st.isDirectory && !this.permits(st, SEARCH)) throw fsError("EACCES", op, path);
    }
  }

  private async checkRead(path: string): Promise<void> {
    if (this.isRoot()) return;
    await this.checkTraverse(path);
    const st = await this.statOrUndefined(path);
    if (st && !st.isDirectory && !this.permits(st, READ)) throw fsError("EACCES", "open", path);
  }

  /** Listing a directory needs read permission on it. */
  private async checkList(path: string): Promise<void> {
    if (this.isRoot()) return;
    await this.checkTraverse(path, "scandir");
    const st = await this.statOrUndefined(path);
    if (st?.isDirectory && !this.permits(st, READ)) throw fsError("EACCES", "scandir", path);
  }

  /** Whether the user may search every directory on the way to `path` (a missing one ends the walk). */
  async reachable(path: string): Promise<boolean> {
    return this.checkTraverse(norm(path)).then(
      () => true,
      () => false,
    );
  }

  /**
   * access(2) for find's -readable, -writable, -executable: whether the user may read, write or
   * execute (search) `path`. Root may read and write anything and execute what has an x bit or is
   * a directory.
   */
  async allows(path: string, access: "r" | "w" | "x"): Promise<boolean> {
    // (stat answers ENOENT behind a directory the user may not search, and knows the program stubs.)
    const st = await this.stat(path).catch(() => undefined);
    if (!st) return false;
    if (this.isRoot()) return access !== "x" || st.isDirectory || (st.mode & 0o111) !== 0;
    return this.permits(st, access === "r" ? READ : access === "w" ? WRITE : SEARCH);
  }

  /** Whether a path exists regardless of who asks (to tell "Permission denied" from "not found"). */
  existsForAnyone(path: string): Promise<boolean> {
    return this.base.exists(norm(path));
  }

  /** Whether a path is a directory, regardless of who asks (reading one is "Is a directory"). */
  async isDirectoryForAnyone(path: string): Promise<boolean> {
    try {
      return (await this.base.stat(norm(path))).isDirectory;
    } catch {
      return false;
    }
  }

  /** Writing a file: its own write permission when it exists, else its directory's. */
  private async checkWrite(path: string): Promise<void> {
    if (this.isRoot()) return;
    await this.checkTraverse(path);
    const st = await this.statOrUndefined(path);
    if (st && !st.isDirectory) {
      if (!this.permits(st, WRITE)) throw fsError("EACCES", "open", path);
      return;
    }
    if (!st) await this.checkEntryChange(path, false);
  }

  /**
   * Adding, removing or renaming a directory entry: write and search permission on the directory,
   * and in a sticky one (/tmp) only the entry's owner or the directory's may remove or rename it.
   */
  private async checkEntryChange(path: string, removing: boolean): Promise<void> {
    if (this.isRoot()) return;
    const parent = path.slice(0, path.lastIndexOf("/")) || "/";
    const dir = await this.statOrUndefined(parent);
    if (!dir) return;
    if (!this.permits(dir, WRITE + SEARCH)) throw fsError("EACCES", "open", path);
    if (removing && dir.mode & 0o1000) {
      const uid = this.options.user().uid;
      const entry = await this.base.lstat(path).catch(() => undefined);
      const owner = (st: FsStat) => (st as Partial<FileOwner>).uid ?? 0;
      if (entry && owner(entry) !== uid && owner(dir) !== uid) throw fsError("EPERM", "unlink", path);
    }
  }

  /** mkdir (-p): the deepest directory that exists must let the user add to it. */
  private async checkCreateDirectory(path: string): Promise<void> {
    if (await this.base.exists(path)) return;
    let missing = path;
    for (let parent = missing.slice(0, missing.lastIndexOf("/")) || "/"; parent !== "/" && !(await this.base.exists(parent)); parent = parent.slice(0, parent.lastIndexOf("/")) || "/") missing = parent;
    await this.checkTraverse(missing, "mkdir");
    await this.checkEntryChange(missing, false);
  }

  /** chmod and chown on a file the user does not own (root may). */
  private async checkOwner(path: string, op: string): Promise<void> {
    if (this.isRoot()) return;
    await this.checkTraverse(path, op);
    const st = await this.statOrUndefined(path);
    if (st && ((st as Partial<FileOwner>).uid ?? 0) !== this.options.user().uid) throw fsError("EPERM", op, path);
  }

  // ---------- reads ----------

  async readFile(path: string, options?: { encoding?: BufferEncoding | null } | BufferEncoding): Promise<string> {
    const p = norm(path);
    const typed = await this.ttyRead(p);
    if (typed !== undefined) return typed;
    const virtual = this.virtualRead(p);
    let text: string;
    if (virtual !== undefined) text = typeof virtual === "string" ? virtual : Buffer.from(virtual).toString("utf8");
    else {
      await this.checkRead(p);
      text = await this.base.readFile(p, options);
    }
    const hook = this.sourceHook;
    if (hook && hook.suspended === 0) {
      this.sourceHook = undefined;
      return hook.interceptor.rewrite(p, text);
    }
    return text;
  }

  async readFileBuffer(path: string): Promise<Uint8Array> {
    const p = norm(path);
    const typed = await this.ttyRead(p);
    if (typed !== undefined) return new Uint8Array(Buffer.from(typed));
    const virtual = this.virtualRead(p);
    if (virtual !== undefined) return typeof virtual === "string" ? new Uint8Array(Buffer.from(virtual)) : virtual;
    await this.checkRead(p);
    return this.base.readFileBuffer(p);
  }

  /**
   * The bytes of a file as just-bash carries them between commands (one char per byte). Without
   * this just-bash reads the buffer and builds that string a character at a time (`cat FILE` spent
   * more on it than on reading); a Buffer's latin1 view does it at once.
   */
  async readFileBytes(path: string): Promise<ByteString> {
    const bytes = await this.readFileBuffer(path);
    return unsafeBytesFromLatin1(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1"));
  }

  /**
   * A pipe a `while read` stage reads line by line (pipe-stream.ts): each read of
   * `PIPE_LINE_DEVICE/<id>` is the next line, "" at end of input. The other commands of the loop
   * read it too (group-stdin.ts, through pipeReader).
   */
  openPipe(reader: PipeReader): { id: string; close(): void } {
    const id = String(++this.lastPipe);
    this.pipes.set(id, reader);
    return { id, close: () => this.pipes.delete(id) };
  }

  /** The open pipe `id` (PIPE_IN_VAR), if any. */
  pipeReader(id: string): PipeReader | undefined {
    return this.pipes.get(id);
  }

  private readonly pipes = new Map<string, PipeReader>();
  private lastPipe = 0;

  private isPipeDevice(p: string): boolean {
    return p.startsWith(`${PIPE_LINE_DEVICE}/`) && this.pipes.has(p.slice(PIPE_LINE_DEVICE.length + 1));
  }

  /** /dev/tty reads what is typed until Ctrl-D; the line device is `read`'s (transform.ts). */
  private async ttyRead(p: string): Promise<string | undefined> {
    if (this.isPipeDevice(p)) return this.pipes.get(p.slice(PIPE_LINE_DEVICE.length + 1))!.next();
    if (p !== "/dev/tty" && !isTtyLine(p)) return undefined;
    if (!this.options.tty) return "";
    const timeoutMs = ttyLineTimeout(p);
    const text = await this.options.tty(p === "/dev/tty" ? "all" : "line", timeoutMs);
    if (text === undefined) this.ttyTimedOut = true;
    return text ?? "";
  }

  /** `read -t` timed out on the terminal since the last call (its status is then 142, see transform.ts). */
  takeTtyTimeout(): boolean {
    const timedOut = this.ttyTimedOut;
    this.ttyTimedOut = false;
    return timedOut;
  }

  private ttyTimedOut = false;

  private virtualRead(p: string): string | Uint8Array | undefined {
    if (DEV_FILES.has(p)) return endlessDevice(p) ?? "";
    if (p.startsWith("/dev/fd/")) {
      const content = this.descriptors.get(p);
      if (content === undefined) throw fsError("ENOENT", "open", p);
      return content;
    }
    if (p.startsWith("/proc")) {
      if (this.isVirtualDir(p)) throw fsError("EISDIR", "read", p);
      const content = this.procContent(p);
      if (content === undefined) throw fsError("ENOENT", "open", p);
      return content;
    }
    if (this.isCommandStub(p) && !this.baseHasSync(p)) return `#!/bin/sh\n# ${p.slice(p.lastIndexOf("/") + 1)}: a Kubecoach program\n`;
    return undefined;
  }

  private baseKnowsSync(): boolean {
    return typeof (this.base as { existsSync?: unknown }).existsSync === "function";
  }

  /** Whether the base tree is known to hold nothing at the path itself, not even a dangling link. */
  private baseLacksEntrySync(p: string): boolean {
    const sync = this.base as { lexistsSync?: (path: string) => boolean };
    return sync.lexistsSync ? !sync.lexistsSync(p) : false;
  }

  /** Whether the base tree holds the path (a seeded binary wins over the virtual stub). */
  private baseHasSync(p: string): boolean {
    const sync = this.base as { existsSync?: (path: string) => boolean };
    return sync.existsSync ? sync.existsSync(p) : false;
  }

  async exists(path: string): Promise<boolean> {
    const p = norm(path);
    if (DEV_FILES.has(p) || isTtyLine(p) || this.isPipeDevice(p) || this.isVirtualDir(p)) return true;
    if (p.startsWith("/dev/fd/")) return this.descriptors.has(p);
    if (p.startsWith("/proc/")) return this.procContent(p) !== undefined;
    if (this.isCommandStub(p)) return true;
    // Behind a directory the user may not search nothing can be seen (stat says ENOENT there too).
    if (!(await this.reachable(p))) return false;
    return this.base.exists(p);
  }

  async stat(path: string): Promise<FsStat> {
    return this.statAny(path, true);
  }

  async lstat(path: string): Promise<FsStat> {
    return this.statAny(path, false);
  }

  private async statAny(path: string, follow: boolean): Promise<FsStat> {
    const p = norm(path);
    const now = this.options.now();
    if (this.isVirtualDir(p)) return stat("dir", p.startsWith("/proc") ? 0o555 : 0o755, 0, now);
    if (DEV_FILES.has(p) || isTtyLine(p) || this.isPipeDevice(p)) return stat("char", 0o666, 0, now);
    if (p.startsWith("/dev/fd/")) {
      const content = this.descriptors.get(p);
      if (content === undefined) throw fsError("ENOENT", "stat", p);
      return stat("file", 0o600, typeof content === "string" ? Buffer.byteLength(content) : content.byteLength, now);
    }
    if (p.startsWith("/proc/")) {
      const content = this.procContent(p);
      if (content === undefined) throw fsError("ENOENT", "stat", p);
      return stat("file", p.startsWith("/proc/sys/") ? 0o644 : 0o444, 0, now);
    }
    // Looking a command up through PATH stats a path in each directory: answer the misses and
    // the program stubs without the base filesystem building an error for each. (stat follows
    // links, so a dangling one is a miss too.)
    if (follow && this.baseKnowsSync() && !this.baseHasSync(p)) {
      if (this.isCommandStub(p)) return stat("file", 0o755, 0, now);
      throw fsError("ENOENT", "stat", p);
    }
    // `ls -l /usr/bin` looks at every program stub without following it: answered here too
    // rather than by the base filesystem's error for each.
    if (!follow && this.isCommandStub(p) && this.baseLacksEntrySync(p)) return stat("file", 0o755, 0, now);
    // What lies behind a directory the user may not search cannot be stat'ed (`ls -l /root/.bashrc`).
    // ENOENT, not EACCES: just-bash's `test -f` is false only on ENOENT, and the bridge rewrites
    // the commands' "No such file or directory" to "Permission denied" for such paths.
    if (!(await this.reachable(p))) throw fsError("ENOENT", "stat", p);
    try {
      return follow ? await this.base.stat(p) : await this.base.lstat(p);
    } catch (err) {
      if (this.isCommandStub(p)) return stat("file", 0o755, 0, now);
      throw err;
    }
  }

  async readdir(path: string): Promise<string[]> {
    return (await this.readdirWithFileTypes(path)).map((e) => e.name);
  }

  async readdirWithFileTypes(path: string) {
    const p = norm(path);
    if (p === "/dev") return this.entries(["fd", ...[...DEV_FILES].map((f) => f.slice(5))], "fd");
    if (p === "/dev/fd") return this.entries([...this.descriptors.keys()].map((k) => k.slice(8)));
    if (p === "/proc") return this.entries(["cpuinfo", "loadavg", "meminfo", "net", "self", "sys", "uptime", "version"], "net", "self", "sys");
    if (p.startsWith("/proc/")) return this.entries([]);
    await this.checkList(p);
    const real = this.base.readdirWithFileTypes ? await this.base.readdirWithFileTypes(p) : (await this.base.readdir(p)).map((name) => ({ name, isFile: true, isDirectory: false, isSymbolicLink: false }));
    if (p === "/" ) {
      for (const dir of ["dev", "proc"]) if (!real.some((e) => e.name === dir)) real.push({ name: dir, isFile: false, isDirectory: true, isSymbolicLink: false });
    }
    if (COMMAND_DIRS.has(p)) {
      const names = new Set(real.map((e) => e.name));
      for (const c of this.options.commands()) if (!names.has(c)) real.push({ name: c, isFile: true, isDirectory: false, isSymbolicLink: false });
    }
    return real.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  private entries(names: string[], ...dirs: string[]) {
    return names.sort().map((name) => ({ name, isFile: !dirs.includes(name), isDirectory: dirs.includes(name), isSymbolicLink: false }));
  }

  // ---------- writes ----------

  async writeFile(path: string, content: FileContent, options?: { encoding?: BufferEncoding } | BufferEncoding): Promise<void> {
    const p = norm(path);
    if (this.virtualWrite(p, content, false)) return;
    await this.checkWrite(p);
    await this.base.writeFile(p, content, this.owned(options));
  }

  async appendFile(path: string, content: FileContent, options?: { encoding?: BufferEncoding } | BufferEncoding): Promise<void> {
    const p = norm(path);
    if (this.virtualWrite(p, content, true)) return;
    await this.checkWrite(p);
    await this.base.appendFile(p, content, this.owned(options));
  }

  /** Write options carrying the creator, for a file the write creates (HostFileSystem reads `owner`). */
  private owned(options?: { encoding?: BufferEncoding } | BufferEncoding): { encoding?: BufferEncoding; owner: FileOwner } {
    return { ...(typeof options === "string" ? { encoding: options } : options), owner: this.creator() };
  }

  /** Handles writes below /dev and /proc; true when the write was taken care of. */
  private virtualWrite(p: string, content: FileContent, append: boolean): boolean {
    if (DEV_FILES.has(p)) {
      if (p === "/dev/full") throw fsError("ENOSPC", "write", p);
      return true;
    }
    if (p.startsWith("/dev/fd/")) {
      const previous = append ? (this.descriptors.get(p) ?? "") : "";
      const text = typeof content === "string" ? content : Buffer.from(content).toString("latin1");
      this.descriptors.set(p, `${typeof previous === "string" ? previous : Buffer.from(previous).toString("latin1")}${text}`);
      return true;
    }
    if (p === "/dev" || p.startsWith("/dev/")) throw fsError("EACCES", "open", p);
    if (p === "/proc" || p.startsWith("/proc/")) {
      if (!this.isRoot()) throw fsError("EACCES", "open", p);
      const text = typeof content === "string" ? content : Buffer.from(content).toString("utf8");
      if (p.startsWith("/proc/sys/") && this.options.procWrite?.(p, text)) return true;
      throw fsError(this.procContent(p) === undefined ? "ENOENT" : "EACCES", "open", p);
    }
    return false;
  }

  async mkdir(path: string, options?: MkdirOptions): Promise<void> {
    const p = norm(path);
    if (this.isVirtualDir(p)) {
      if (options?.recursive) return;
      throw fsError("EEXIST", "mkdir", p);
    }
    if (!this.isRoot() && !(options?.recursive && (await this.base.exists(p)))) await this.checkCreateDirectory(p);
    await this.base.mkdir(p, { ...options, owner: this.creator() } as MkdirOptions);
  }

  async rm(path: string, options?: RmOptions): Promise<void> {
    const p = norm(path);
    if (p.startsWith("/dev/fd/")) {
      if (!this.descriptors.delete(p) && !options?.force) throw fsError("ENOENT", "rm", p);
      return;
    }
    if (DEV_FILES.has(p) || p.startsWith("/proc") || this.isVirtualDir(p)) throw fsError("EACCES", "rm", p);
    await this.checkTraverse(p, "rm");
    await this.checkEntryChange(p, true);
    await this.base.rm(p, options);
  }

  async cp(src: string, dest: string, options?: CpOptions): Promise<void> {
    const from = norm(src);
    const to = norm(dest);
    const virtual = this.virtualReadOrUndefined(from);
    if (virtual !== undefined) return this.writeFile(to, virtual);
    await this.checkRead(from);
    await this.checkWrite(to);
    await this.base.cp(from, to, { ...options, owner: this.creator() } as CpOptions);
  }

  private virtualReadOrUndefined(p: string): string | Uint8Array | undefined {
    try {
      return this.virtualRead(p);
    } catch {
      return undefined;
    }
  }

  async mv(src: string, dest: string): Promise<void> {
    const from = norm(src);
    const to = norm(dest);
    await this.checkTraverse(from, "rename");
    await this.checkEntryChange(from, true);
    await this.checkTraverse(to, "rename");
    await this.checkEntryChange(to, true);
    await this.base.mv(from, to);
  }

  resolvePath(base: string, path: string): string {
    return path.startsWith("/") ? norm(path) : norm(`${base}/${path}`);
  }

  getAllPaths(): string[] {
    return this.base.getAllPaths();
  }

  async chmod(path: string, mode: number): Promise<void> {
    const p = norm(path);
    await this.checkOwner(p, "chmod");
    await this.base.chmod(p, mode);
  }

  /**
   * chown(2), lchown(2) with `follow` false: only root gives files away; an owner may change the
   * group to one of their own groups. Fails with ENOTSUP where the tree keeps no owners.
   */
  async chown(path: string, owner: Partial<FileOwner>, follow = true): Promise<void> {
    const p = norm(path);
    const host = this.base as Partial<HostFileSystem>;
    if (!host.chownSync) throw fsError("ENOTSUP", "chown", p);
    if (!this.isRoot()) {
      await this.checkTraverse(p, "chown");
      const st = follow ? await this.base.stat(p) : await this.base.lstat(p);
      const current = st as Partial<FileOwner>;
      const user = this.options.user();
      const givesAway = owner.uid !== undefined && owner.uid !== current.uid;
      const foreignGroup = owner.gid !== undefined && owner.gid !== current.gid && !this.groups().has(owner.gid);
      if ((current.uid ?? 0) !== user.uid || givesAway || foreignGroup) throw fsError("EPERM", "chown", p);
    }
    host.chownSync(p, owner, follow);
  }

  async symlink(target: string, linkPath: string): Promise<void> {
    const p = norm(linkPath);
    await this.checkWrite(p);
    const host = this.base as Partial<HostFileSystem>;
    if (host.symlink && host.chownSync) await (this.base as HostFileSystem).symlink(target, p, { owner: this.creator() });
    else await this.base.symlink(target, p);
  }

  async link(existingPath: string, newPath: string): Promise<void> {
    const p = norm(newPath);
    await this.checkWrite(p);
    await this.base.link(norm(existingPath), p);
  }

  async readlink(path: string): Promise<string> {
    const p = norm(path);
    if (p === "/proc/self/exe") return "/usr/bin/bash";
    return this.base.readlink(p);
  }

  async realpath(path: string): Promise<string> {
    const p = norm(path);
    if (DEV_FILES.has(p) || this.isVirtualDir(p) || p.startsWith("/dev/fd/") || p.startsWith("/proc/")) {
      if (!(await this.exists(p))) throw fsError("ENOENT", "realpath", p);
      return p;
    }
    try {
      return await this.base.realpath(p);
    } catch (err) {
      if (this.isCommandStub(p)) return p;
      throw err;
    }
  }

  /** utimes(2), lutimes(3) with `follow` false where the tree has links of its own (a host's). */
  async utimes(path: string, atime: Date, mtime: Date, follow = true): Promise<void> {
    const p = norm(path);
    if (DEV_FILES.has(p)) return;
    await this.checkWrite(p);
    if (follow) await this.base.utimes(p, atime, mtime);
    else await (this.base as HostFileSystem).utimes(p, atime, mtime, false);
  }
}
