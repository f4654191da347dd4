import type { HostFileSystem } from "../hosts/filesystem";
import { normalize } from "../hosts/filesystem";
import type { ImageLayer } from "./image-fs";
import type { ScriptFs } from "./process/shell/host";

/**
 * A container's filesystem as overlayfs and the kubelet's mounts make it: the image's read-only
 * layer, a writable layer kept on the node (under containerd's task directory, so it snapshots with
 * the node and vanishes when the container is replaced), and volume mounts that are directories on
 * the node (emptyDir, configMap, secret, hostPath, PVC). Deleting an image file records a whiteout.
 */
export interface Mount {
  containerPath: string;
  hostPath: string;
  readOnly: boolean;
}

export const TASK_ROOT = "/run/containerd/io.containerd.runtime.v2.task/k8s.io";

export class ContainerFs implements ScriptFs {
  private readonly upper: string;
  private readonly whiteoutFile: string;

  constructor(
    private readonly node: HostFileSystem,
    containerId: string,
    private readonly layer: ImageLayer,
    private readonly mounts: Mount[],
  ) {
    this.upper = `${TASK_ROOT}/${containerId}/rootfs`;
    this.whiteoutFile = `${TASK_ROOT}/${containerId}/whiteouts`;
    // Longest mount path first, so /etc/config/app wins over /etc/config.
    this.mounts = [...mounts].sort((a, b) => b.containerPath.length - a.containerPath.length);
  }

  private mountFor(path: string): { hostPath: string; readOnly: boolean } | undefined {
    for (const m of this.mounts) {
      if (path === m.containerPath || path.startsWith(m.containerPath === "/" ? "/" : `${m.containerPath}/`)) {
        return { hostPath: normalize(m.hostPath + path.slice(m.containerPath.length)), readOnly: m.readOnly };
      }
    }
    return undefined;
  }

  private whiteouts(): Set<string> {
    const text = this.node.readFileSync(this.whiteoutFile);
    return new Set(text ? text.split("\n").filter(Boolean) : []);
  }

  private isWhitedOut(path: string, wh = this.whiteouts()): boolean {
    for (const w of wh) if (path === w || path.startsWith(`${w}/`)) return true;
    return false;
  }

  private setWhiteout(path: string, on: boolean): void {
    const wh = this.whiteouts();
    if (on) wh.add(path);
    else wh.delete(path);
    this.node.writeFileSync(this.whiteoutFile, [...wh].join("\n") + (wh.size ? "\n" : ""));
  }

  read(path: string): string | undefined {
    const p = normalize(path);
    const m = this.mountFor(p);
    if (m) return this.node.readFileSync(m.hostPath);
    const upper = this.node.readFileSync(this.upper + p);
    if (upper !== undefined) return upper;
    if (this.isWhitedOut(p)) return undefined;
    return this.layer.files.get(p);
  }

  /** The file's bytes (binary content written by `tar x` or `kubectl cp`), or undefined. */
  readBytes(path: string): Uint8Array | undefined {
    const p = normalize(path);
    const m = this.mountFor(p);
    if (m) return this.node.readBytesSync(m.hostPath);
    const upper = this.node.readBytesSync(this.upper + p);
    if (upper !== undefined) return upper;
    if (this.isWhitedOut(p)) return undefined;
    const text = this.layer.files.get(p);
    return text === undefined ? undefined : new Uint8Array(Buffer.from(text));
  }

  /** Where a path lives on the node (a volume's directory or the writable layer), if it is written there. */
  nodePath(path: string): string | undefined {
    const p = normalize(path);
    const m = this.mountFor(p);
    if (m) return m.hostPath;
    return this.node.existsSync(this.upper + p) ? this.upper + p : undefined;
  }

  write(path: string, content: string | Uint8Array, append: boolean): string | undefined {
    const p = normalize(path);
    const m = this.mountFor(p);
    const parent = p.slice(0, p.lastIndexOf("/")) || "/";
    if (!this.isDirectory(parent)) return "No such file or directory";
    if (this.isDirectory(p)) return "Is a directory";
    try {
      if (m) {
        if (m.readOnly) return "Read-only file system";
        this.node.writeFileSync(m.hostPath, append ? concat(this.node.readBytesSync(m.hostPath), content) : content);
        return undefined;
      }
      this.node.writeFileSync(this.upper + p, append ? concat(this.readBytes(p), content) : content);
      if (this.isWhitedOut(p)) this.setWhiteout(p, false);
      return undefined;
    } catch (e) {
      return (e as { code?: string }).code === "ENOSPC" ? "No space left on device" : "I/O error";
    }
  }

  remove(path: string, recursive: boolean): boolean {
    const p = normalize(path);
    if (!this.exists(p)) return false;
    if (this.isDirectory(p) && !recursive) return false;
    const m = this.mountFor(p);
    if (m) {
      if (m.readOnly) return false;
      this.node.rmSync(m.hostPath, { recursive: true, force: true });
      return true;
    }
    this.node.rmSync(this.upper + p, { recursive: true, force: true });
    if (this.layer.files.has(p) || this.layer.dirs.has(p)) this.setWhiteout(p, true);
    return true;
  }

  exists(path: string): boolean {
    return this.read(path) !== undefined || this.isDirectory(path);
  }

  isDirectory(path: string): boolean {
    const p = normalize(path);
    const m = this.mountFor(p);
    if (m) return this.node.isDirectorySync(m.hostPath);
    if (this.mounts.some((mt) => mt.containerPath.startsWith(p === "/" ? "/" : `${p}/`))) return true;
    if (this.node.isDirectorySync(this.upper + p)) return true;
    if (this.isWhitedOut(p)) return false;
    return this.layer.dirs.has(p);
  }

  mkdir(path: string): string | undefined {
    const p = normalize(path);
    if (this.exists(p)) return "File exists";
    const m = this.mountFor(p);
    if (m) {
      if (m.readOnly) return "Read-only file system";
      this.node.mkdirSync(m.hostPath, { recursive: true });
      return undefined;
    }
    this.node.mkdirSync(this.upper + p, { recursive: true });
    if (this.isWhitedOut(p)) this.setWhiteout(p, false);
    return undefined;
  }

  list(path: string): string[] | undefined {
    const p = normalize(path);
    if (!this.isDirectory(p)) return undefined;
    const m = this.mountFor(p);
    if (m) return this.node.existsSync(m.hostPath) ? this.node.readdirSync(m.hostPath).filter((n) => !n.startsWith("..")) : [];
    const names = new Set<string>();
    const prefix = p === "/" ? "/" : `${p}/`;
    const wh = this.whiteouts();
    for (const f of [...this.layer.files.keys(), ...this.layer.dirs]) {
      if (f.startsWith(prefix) && f !== p) {
        const name = f.slice(prefix.length).split("/")[0];
        if (name && !this.isWhitedOut(prefix + name, wh)) names.add(name);
      }
    }
    if (this.node.isDirectorySync(this.upper + p)) for (const n of this.node.readdirSync(this.upper + p)) names.add(n);
    for (const mt of this.mounts) {
      if (mt.containerPath.startsWith(prefix)) names.add(mt.containerPath.slice(prefix.length).split("/")[0]);
    }
    return [...names].sort();
  }
}

function concat(previous: Uint8Array | undefined, content: string | Uint8Array): string | Uint8Array {
  if (!previous || previous.length === 0) return content;
  if (typeof content === "string") return Buffer.from(previous).toString("utf8") + content;
  return new Uint8Array(Buffer.concat([previous, content]));
}
