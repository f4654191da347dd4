import type { Command } from "just-bash";
import type { ShellFrame } from "../frame";
import { shellCommand } from "./index";

/**
 * coreutils realpath (just-bash has none): every path absolute and resolved; by default all but the
 * last component must exist (-E), with -e all of them, with -m none; -s leaves symlinks alone.
 */
export function realpathCommand(frame: ShellFrame): Command {
  return shellCommand(frame, "realpath", async (args, ctx, io) => {
    let mode: "e" | "E" | "m" = "E";
    let resolveLinks = true;
    let quiet = false;
    const paths: string[] = [];
    for (const a of args) {
      if (a === "-e" || a === "--canonicalize-existing") mode = "e";
      else if (a === "-E" || a === "--canonicalize") mode = "E";
      else if (a === "-m" || a === "--canonicalize-missing") mode = "m";
      else if (a === "-s" || a === "--strip" || a === "--no-symlinks") resolveLinks = false;
      else if (a === "-q" || a === "--quiet") quiet = true;
      else if (a.startsWith("-") && a !== "-") {
        io.err.push(`realpath: invalid option -- '${a.replace(/^-+/, "")[0]}'\nTry 'realpath --help' for more information.\n`);
        return 1;
      } else paths.push(a);
    }
    if (paths.length === 0) {
      io.err.push("realpath: missing operand\nTry 'realpath --help' for more information.\n");
      return 1;
    }
    let status = 0;
    for (const p of paths) {
      const absolute = frame.fs.resolvePath(ctx.cwd, p);
      const resolved = resolveLinks ? await resolve(frame, absolute, mode) : absolute;
      if (resolved === undefined) {
        if (!quiet) io.err.push(`realpath: ${p}: No such file or directory\n`);
        status = 1;
      } else io.out.push(`${resolved}\n`);
    }
    return status;
  });
}

async function resolve(frame: ShellFrame, path: string, mode: "e" | "E" | "m"): Promise<string | undefined> {
  try {
    return await frame.fs.realpath(path);
  } catch {
    if (mode === "e" || path === "/") return undefined;
    const slash = path.lastIndexOf("/");
    const parent = slash <= 0 ? "/" : path.slice(0, slash);
    const dir = await resolve(frame, parent, mode === "E" ? "e" : "m");
    if (dir === undefined) return undefined;
    return `${dir === "/" ? "" : dir}/${path.slice(slash + 1)}`;
  }
}
