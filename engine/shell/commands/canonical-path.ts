import type { IFileSystem } from "just-bash";

/**
 * `path` made canonical: every symlink resolved; mode e: all of it must exist, E: all but the last
 * component (which may be missing), m: none.
 */
export async function resolve(fs: IFileSystem, path: string, mode: "e" | "E" | "m"): Promise<string | undefined> {
  try {
    return await fs.realpath(path);
  } catch {
    if (mode === "e" || path === "/") return undefined;
    const slash = path.lastIndexOf("/");
    const parent = slash <= 0 ? "/" : path.slice(0, slash);
    const dir = await resolve(fs, parent, mode === "E" ? "e" : "m");
    if (dir === undefined) return undefined;
    return `${dir === "/" ? "" : dir}/${path.slice(slash + 1)}`;
  }
}
