import type { HostFileSystem } from "../../../hosts/filesystem";
import { registerCommand } from "../../cli/command";
import { ExitError } from "../../cli/errors";

const MAX_PATH_ENTRIES = 64;

function isExecutable(fs: HostFileSystem, path: string): boolean {
  try {
    return (fs.statSync(path).mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

/**
 * kubectl plugin list: files named kubectl-* in the PATH directories, in PATH order, with kubectl's
 * warnings for plugins that are not executable or that an earlier one of the same name hides.
 */
registerCommand("plugin list", (c) => {
  const fs = c.ctx.host.fs;
  const dirs = (c.ctx.env.PATH ?? "").split(":").filter((d) => d !== "").slice(0, MAX_PATH_ENTRIES);
  const seen = new Map<string, string>();
  const found: string[] = [];
  let warnings = 0;
  const visitedDirs = new Set<string>();
  for (const dir of dirs) {
    const full = dir.startsWith("/") ? dir : `${c.ctx.cwd}/${dir}`;
    if (visitedDirs.has(full) || !fs.existsSync(full) || !fs.isDirectorySync(full)) continue;
    visitedDirs.add(full);
    for (const name of fs.readdirSync(full).sort()) {
      if (!name.startsWith("kubectl-")) continue;
      const path = `${full.replace(/\/$/, "")}/${name}`;
      if (fs.isDirectorySync(path)) continue;
      if (found.length === 0) c.out("The following compatible plugins are available:\n\n");
      found.push(path);
      c.out(`${c.flags.bool("name-only") ? name : path}\n`);
      if (!isExecutable(fs, path)) {
        c.err(`  - warning: ${path} identified as a kubectl plugin, but it is not executable\n`);
        warnings++;
      }
      const earlier = seen.get(name);
      if (earlier) {
        c.err(`  - warning: ${path} is overshadowed by a similarly named plugin: ${earlier}\n`);
        warnings++;
      } else seen.set(name, path);
    }
  }
  if (found.length === 0) throw new Error("unable to find any kubectl plugins in your PATH");
  if (warnings === 1) throw new ExitError("error: one plugin warning was found", 1);
  if (warnings > 1) throw new ExitError(`error: ${warnings} plugin warnings were found`, 1);
  return 0;
});
