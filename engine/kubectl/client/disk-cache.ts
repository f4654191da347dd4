import { ContentCache } from "../../cluster/content-cache";
import type { HostFileSystem } from "../../hosts/filesystem";

/**
 * kubectl's discovery cache on disk (client-go discovery/cached/disk): ~/.kube/cache/discovery/
 * <host_port>/servergroups.json and <group>/<version>/serverresources.json. A file younger than the
 * TTL is used instead of asking the server; an older, missing or unreadable one is fetched and
 * written again. After `invalidate` only files this invocation wrote count, as in client-go.
 */

/** genericclioptions.ConfigFlags.toDiscoveryClient: time.Duration(6*time.Hour). */
export const DISCOVERY_CACHE_TTL_MS = 6 * 60 * 60 * 1000;

/** genericclioptions: overlyCautiousIllegalFileCharacters. */
const ILLEGAL_FILE_CHARACTERS = /[^(\w/.)]/g;

/** computeDiscoverCacheDir: the server URL without its scheme, other characters collapsed to `_`. */
export function discoveryCacheDir(cacheDir: string, server: string): string {
  const schemeless = server.replace("https://", "").replace("http://", "");
  return joinPath(`${cacheDir}/discovery`, schemeless.replace(ILLEGAL_FILE_CHARACTERS, "_"));
}

/** Go's filepath.Join: cleans the result (no doubled or trailing slashes, `.` and `..` resolved). */
export function joinPath(...parts: string[]): string {
  const joined = parts.filter((p) => p !== "").join("/");
  const absolute = joined.startsWith("/");
  const out: string[] = [];
  for (const part of joined.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!absolute) out.push("..");
      continue;
    }
    out.push(part);
  }
  const path = out.join("/");
  return absolute ? `/${path}` : path || ".";
}

/**
 * A file's parse, by its text: every command of every session reads the same few documents, so
 * each distinct text is parsed once per process (frozen; shared, as it depends on the text alone).
 */
const parsed = new ContentCache<unknown>(512);

/** The JSON client-go writes for an object (its encoder ends the document with a newline), once per object. */
const encoded = new WeakMap<object, string>();

export class DiskDiscoveryCache {
  /** Files this invocation wrote: after `invalidate` they are the only ones trusted. */
  private readonly ours = new Set<string>();
  private invalidated = false;
  private allOurs = true;

  constructor(
    private readonly fs: HostFileSystem,
    /** The directory for this server (discoveryCacheDir). */
    readonly directory: string,
    private readonly now: () => number,
  ) {}

  /**
   * Whether every file used so far was written by this invocation: only then does a resource that
   * is not found mean it does not exist (otherwise kubectl invalidates and asks the server again).
   */
  get fresh(): boolean {
    return this.allOurs;
  }

  invalidate(): void {
    this.ours.clear();
    this.allOurs = true;
    this.invalidated = true;
  }

  /** The parsed document at `file` (relative to the directory) when it is young enough to use. */
  read(file: string): unknown {
    const path = `${this.directory}/${file}`;
    const ours = this.ours.has(path);
    if (this.invalidated && !ours) return undefined;
    let text: string | undefined;
    try {
      const stat = this.fs.statSync(path);
      if (!stat.isFile || this.now() > stat.mtime.getTime() + DISCOVERY_CACHE_TTL_MS) return undefined;
      text = this.fs.readFileSync(path);
    } catch {
      return undefined;
    }
    if (text === undefined) return undefined;
    let value: unknown;
    try {
      value = parsed.get(text, () => JSON.parse(text) as unknown);
    } catch {
      return undefined;
    }
    this.allOurs &&= ours;
    return value;
  }

  /** Writes a document as client-go does (directories 0750, the file 0660); a failure is not an error for kubectl. */
  write(file: string, document: object): void {
    const path = `${this.directory}/${file}`;
    let text = encoded.get(document);
    if (text === undefined) {
      text = JSON.stringify(document) + "\n";
      encoded.set(document, text);
    }
    try {
      this.makeDirectories(path.slice(0, path.lastIndexOf("/")));
      this.fs.writeFileSync(path, text, { mode: 0o660, createParents: false });
      this.ours.add(path);
    } catch {
      // client-go logs "failed to write cache" at -v=1 and goes on with what it fetched.
    }
  }

  /** os.MkdirAll(dir, 0750): only the directories it creates get that mode. */
  private makeDirectories(dir: string): void {
    if (dir === "" || this.fs.existsSync(dir)) return;
    this.makeDirectories(dir.slice(0, dir.lastIndexOf("/")));
    this.fs.mkdirSync(dir);
    // chmod's work is synchronous; it is async only for just-bash's interface.
    void this.fs.chmod(dir, 0o750).catch(() => undefined);
  }
}
