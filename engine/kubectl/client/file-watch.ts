import { AttachedState } from "../../cluster/attached-state";
import type { HostFileSystem } from "../../hosts/filesystem";

/**
 * What kubectl read from a host's files last time is still right while nothing changed there:
 * every command would otherwise look up, stat, read and parse the same kubeconfig and some twenty
 * discovery cache files. A FileWatch counts changes at, under or above the paths it watches (a
 * removed ~/.kube, a symlink put in the way, an edited file, a touched one); a reader keeps what it
 * derived with the generation it saw and trusts it while the generation is the same. Restoring a
 * snapshot makes new file systems, so nothing seen before a restore is trusted after it.
 */
export interface FileWatch {
  readonly generation: number;
  /** Starts watching `path` (and what leads to it); cheap when it is watched already. */
  watch(path: string): void;
}

class HostFileWatch implements FileWatch {
  generation = 0;
  /** Watched paths as given and as their real paths; cleared on a change (re-added by readers). */
  private readonly paths = new Set<string>();

  constructor(private readonly fs: HostFileSystem) {
    fs.onChange((path) => this.changed(path));
  }

  watch(path: string): void {
    if (this.paths.has(path)) return;
    this.paths.add(path);
    try {
      this.paths.add(this.fs.realpathSync(path));
    } catch {
      // A symlink loop: the path as given is all there is to watch.
    }
  }

  private changed(path: string): void {
    for (const watched of this.paths) {
      const related = watched.startsWith(path) ? watched.length === path.length || watched[path.length] === "/" : path.startsWith(watched) && path[watched.length] === "/";
      if (related) {
        this.generation++;
        this.paths.clear();
        return;
      }
    }
  }
}

// Not a WeakMap: V8 keeps a WeakMap's values through young-generation collections, and this one
// reaches the host's filesystem, so dropped attempts would survive each scavenge (engine/cluster/attached-state.ts).
const watches = new AttachedState<HostFileSystem, HostFileWatch>("file watch");

export function fileWatchOf(fs: HostFileSystem): FileWatch {
  let watch = watches.get(fs);
  if (!watch) watches.set(fs, (watch = new HostFileWatch(fs)));
  return watch;
}
