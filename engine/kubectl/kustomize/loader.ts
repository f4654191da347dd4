import type { HostFileSystem } from "../../hosts/filesystem";
import { KustomizeError } from "./resource";

/** Cleans `a/./b/../c` into `a/c` (absolute paths only). */
export function joinPath(dir: string, rel: string): string {
  const parts = (rel.startsWith("/") ? rel : `${dir}/${rel}`).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "" || p === ".") continue;
    if (p === "..") out.pop();
    else out.push(p);
  }
  return `/${out.join("/")}`;
}

/**
 * Reads files for one kustomization root under kustomize's default load restrictor (RootOnly):
 * files a kustomization names (patches, generator sources) must sit in or below its directory.
 */
export class RootLoader {
  constructor(
    readonly fs: HostFileSystem,
    readonly root: string,
  ) {}

  resolve(rel: string): string {
    return joinPath(this.root, rel);
  }

  readFile(rel: string): string {
    const full = this.resolve(rel);
    if (!this.fs.existsSync(full)) throw new KustomizeError(`evalsymlink failure on '${full}' : lstat ${full}: no such file or directory`);
    if (full !== this.root && !full.startsWith(`${this.root}/`)) throw new KustomizeError(`security; file '${full}' is not in or below '${this.root}'`);
    if (this.fs.isDirectorySync(full)) throw new KustomizeError(`read ${full}: is a directory`);
    return this.fs.readFileSync(full) ?? "";
  }
}
