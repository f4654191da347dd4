import type { CpOptions, FileContent, FsStat, IFileSystem, MkdirOptions, RmOptions } from "just-bash";
import { normalize } from "../../hosts/filesystem";
import type { ContainerFs } from "../container-fs";

/**
 * A container's filesystem (image layer, writable layer, volumes) as the shell's asynchronous
 * filesystem interface, so `kubectl exec` runs the full shell over exactly the files the container
 * sees: a ConfigMap volume stays read-only, a write lands in the writable layer or the volume.
 */
type BufferEncoding = "utf8" | "utf-8" | "ascii" | "binary" | "base64" | "hex" | "latin1";

function fail(code: string, message: string, op: string, path: string): Error {
  const err = new Error(`${code}: ${message}, ${op} '${path}'`) as Error & { code: string };
  err.code = code;
  return err;
}

const enoent = (op: string, path: string) => fail("ENOENT", "no such file or directory", op, path);

/** Shell errno for the ContainerFs's error words ("Read-only file system", …). */
function fromMessage(message: string, op: string, path: string): Error {
  if (message === "Read-only file system") return fail("EROFS", "read-only file system", op, path);
  if (message === "Is a directory") return fail("EISDIR", "illegal operation on a directory", op, path);
  if (message === "File exists") return fail("EEXIST", "file already exists", op, path);
  if (message === "No space left on device") return fail("ENOSPC", "no space left on device", op, path);
  return enoent(op, path);
}

export class ContainerShellFs implements IFileSystem {
  constructor(
    private readonly fs: ContainerFs,
    /** Time the container started: the image layer's files carry it as their mtime. */
    private readonly startedAt: number,
    private readonly nodeStat: (nodePath: string) => FsStat | undefined,
  ) {}

  async readFile(path: string, options?: { encoding?: BufferEncoding | null } | BufferEncoding): Promise<string> {
    const bytes = this.bytes(path, "open");
    const encoding = (typeof options === "string" ? options : (options?.encoding ?? "utf8")) ?? "utf8";
    return Buffer.from(bytes).toString(encoding);
  }

  async readFileBuffer(path: string): Promise<Uint8Array> {
    return this.bytes(path, "open");
  }

  private bytes(path: string, op: string): Uint8Array {
    if (this.fs.isDirectory(path)) throw fail("EISDIR", "illegal operation on a directory", "read", path);
    const bytes = this.fs.readBytes(path);
    if (!bytes) throw enoent(op, path);
    return bytes;
  }

  async writeFile(path: string, content: FileContent, options?: { encoding?: BufferEncoding } | BufferEncoding): Promise<void> {
    const encoding = typeof options === "string" ? options : options?.encoding;
    const data = typeof content === "string" && encoding && encoding !== "utf8" && encoding !== "utf-8" ? new Uint8Array(Buffer.from(content, encoding)) : content;
    const error = this.fs.write(path, data, false);
    if (error) throw fromMessage(error, "open", path);
  }

  async appendFile(path: string, content: FileContent): Promise<void> {
    const error = this.fs.write(path, content, true);
    if (error) throw fromMessage(error, "open", path);
  }

  async exists(path: string): Promise<boolean> {
    return this.fs.exists(path);
  }

  async stat(path: string): Promise<FsStat> {
    const p = normalize(path);
    if (!this.fs.exists(p)) throw enoent("stat", path);
    const onNode = this.fs.nodePath(p);
    const real = onNode ? this.nodeStat(onNode) : undefined;
    if (real) return real;
    const dir = this.fs.isDirectory(p);
    const size = dir ? 4096 : (this.fs.readBytes(p)?.length ?? 0);
    const executable = !dir && (this.fs.read(p) ?? "").startsWith("\u007fELF");
    return { isFile: !dir, isDirectory: dir, isSymbolicLink: false, mode: dir || executable ? 0o755 : 0o644, size, mtime: new Date(this.startedAt) };
  }

  lstat(path: string): Promise<FsStat> {
    return this.stat(path);
  }

  async mkdir(path: string, options?: MkdirOptions): Promise<void> {
    const p = normalize(path);
    if (this.fs.isDirectory(p)) {
      if (options?.recursive) return;
      throw fail("EEXIST", "file already exists", "mkdir", path);
    }
    const parent = p.slice(0, p.lastIndexOf("/")) || "/";
    if (!this.fs.isDirectory(parent)) {
      if (!options?.recursive) throw enoent("mkdir", path);
      await this.mkdir(parent, options);
    }
    const error = this.fs.mkdir(p);
    if (error) throw fromMessage(error, "mkdir", path);
  }

  async readdir(path: string): Promise<string[]> {
    const names = this.fs.list(path);
    if (!names) throw this.fs.exists(path) ? fail("ENOTDIR", "not a directory", "scandir", path) : enoent("scandir", path);
    return names;
  }

  async readdirWithFileTypes(path: string) {
    const base = normalize(path);
    return (await this.readdir(path)).map((name) => {
      const dir = this.fs.isDirectory(base === "/" ? `/${name}` : `${base}/${name}`);
      return { name, isFile: !dir, isDirectory: dir, isSymbolicLink: false };
    });
  }

  async rm(path: string, options?: RmOptions): Promise<void> {
    if (!this.fs.exists(path)) {
      if (options?.force) return;
      throw enoent("rm", path);
    }
    if (this.fs.isDirectory(path) && !options?.recursive) throw fail("EISDIR", "illegal operation on a directory", "rm", path);
    if (!this.fs.remove(path, !!options?.recursive)) throw fail("EROFS", "read-only file system", "rm", path);
  }

  async cp(src: string, dest: string, options?: CpOptions): Promise<void> {
    if (this.fs.isDirectory(src)) {
      if (!options?.recursive) throw fail("EISDIR", "illegal operation on a directory", "cp", src);
      await this.mkdir(dest, { recursive: true });
      for (const name of await this.readdir(src)) await this.cp(`${src}/${name}`, `${dest}/${name}`, options);
      return;
    }
    await this.writeFile(dest, this.bytes(src, "cp"));
  }

  async mv(src: string, dest: string): Promise<void> {
    await this.cp(src, dest, { recursive: true });
    await this.rm(src, { recursive: true, force: true });
  }

  resolvePath(base: string, path: string): string {
    return path.startsWith("/") ? normalize(path) : normalize(`${base}/${path}`);
  }

  getAllPaths(): string[] {
    const out: string[] = [];
    const walk = (dir: string, depth: number) => {
      if (depth > 32 || out.length > 20_000) return;
      for (const name of this.fs.list(dir) ?? []) {
        const p = dir === "/" ? `/${name}` : `${dir}/${name}`;
        out.push(p);
        if (this.fs.isDirectory(p) && !p.startsWith("/proc") && !p.startsWith("/sys")) walk(p, depth + 1);
      }
    };
    walk("/", 0);
    return out;
  }

  async chmod(path: string): Promise<void> {
    if (!this.fs.exists(path)) throw enoent("chmod", path);
  }

  async symlink(_target: string, linkPath: string): Promise<void> {
    throw fail("EPERM", "operation not permitted", "symlink", linkPath);
  }

  async link(existingPath: string, newPath: string): Promise<void> {
    await this.writeFile(newPath, this.bytes(existingPath, "link"));
  }

  async readlink(path: string): Promise<string> {
    throw fail("EINVAL", "invalid argument", "readlink", path);
  }

  async realpath(path: string): Promise<string> {
    if (!this.fs.exists(path)) throw enoent("realpath", path);
    return normalize(path);
  }

  async utimes(path: string): Promise<void> {
    if (!this.fs.exists(path)) throw enoent("utimes", path);
  }
}
