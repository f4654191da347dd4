import { ContentCache } from "../../cluster/content-cache";
import type { HostFileSystem } from "../../hosts/filesystem";
import { fileWatchOf, type FileWatch } from "./file-watch";

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

/** What was derived from a whole directory, while its files do not change or expire. */
const derivedWholes = new WeakMap<FileWatch, Map<string, { generation: number; expires: number; value: unknown }>>();

/** What was read from each cache file, while the files do not change (see FileWatch). */
const seenFiles = new WeakMap<FileWatch, Map<string, { generation: number; expires: number; value: unknown }>>();

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

  /** The earliest time a file read since `begin` expires. */
  private oldest = Infinity;
  private wroteSinceBegin = false;

  /**
   * What was derived from the whole directory by an earlier command, while no file in it changed
   * or expired and this invocation has not invalidated it: then no file needs to be read at all.
   */
  recall<T extends object>(): T | undefined {
    if (this.invalidated) return undefined;
    const watch = fileWatchOf(this.fs);
    watch.watch(this.directory);
    const whole = derivedWholes.get(watch)?.get(this.directory);
    if (!whole || whole.generation !== watch.generation || this.now() > whole.expires) return undefined;
    // Every file it came from was read from disk, none written by this invocation.
    this.allOurs = false;
    return whole.value as T;
  }

  /** Starts a pass over the directory whose result `remember` may keep. */
  begin(): void {
    this.oldest = Infinity;
    this.wroteSinceBegin = false;
  }

  /** Keeps a pass's result when it was all read from disk (nothing fetched or written). */
  remember(value: object): void {
    if (this.invalidated || this.wroteSinceBegin || this.oldest === Infinity) return;
    const watch = fileWatchOf(this.fs);
    let byDirectory = derivedWholes.get(watch);
    if (!byDirectory) derivedWholes.set(watch, (byDirectory = new Map()));
    byDirectory.set(this.directory, { generation: watch.generation, expires: this.oldest, value });
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
    const watch = fileWatchOf(this.fs);
    watch.watch(this.directory);
    let seenHere = seenFiles.get(watch);
    if (!seenHere) seenFiles.set(watch, (seenHere = new Map()));
    const now = this.now();
    const seen = seenHere.get(path);
    let value: unknown;
    let expires: number;
    if (seen && seen.generation === watch.generation && now <= seen.expires) {
      value = seen.value;
      expires = seen.expires;
    } else {
      const generation = watch.generation;
      const found = this.readFile(path, now);
      if (!found) return undefined;
      value = found.value;
      expires = found.mtime + DISCOVERY_CACHE_TTL_MS;
      seenHere.set(path, { generation, expires, value });
    }
    this.oldest = Math.min(this.oldest, expires);
    this.allOurs &&= ours;
    return value;
  }

  private readFile(path: string, now: number): { value: unknown; mtime: number } | undefined {
    let text: string | undefined;
    let mtime: number;
    try {
      const stat = this.fs.statSync(path);
      mtime = stat.mtime.getTime();
      if (!stat.isFile || now > mtime + DISCOVERY_CACHE_TTL_MS) return undefined;
      text = this.fs.readFileSync(path);
    } catch {
      return undefined;
    }
    if (text === undefined) return undefined;
    try {
      return { value: parsed.get(text, () => JSON.parse(text) as unknown), mtime };
    } catch {
      return undefined;
    }
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
      this.wroteSinceBegin = true;
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
