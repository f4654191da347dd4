import type { Command } from "just-bash";
import { resolve } from "./canonical-path";
import type { ShellFrame } from "../frame";
import { getoptLong, tryHelp, type GetoptTable } from "./getopt-long";
import { shellCommand } from "./index";

/** realpath.c's getopt table, in its order (coreutils 9.1 has no -E or --canonicalize: the default is -E's). */
export const REALPATH_OPTIONS: GetoptTable = {
  program: "realpath",
  options: [
    { long: "canonicalize-existing", short: "e" }, { long: "canonicalize-missing", short: "m" }, { long: "relative-to", argument: "required" },
    { long: "relative-base", argument: "required" }, { long: "quiet", short: "q" }, { long: "strip", short: "s" }, { long: "no-symlinks", key: "s" },
    { long: "zero", short: "z" }, { long: "logical", short: "L" }, { long: "physical", short: "P" }, { long: "help" }, { long: "version" },
  ],
};

/**
 * coreutils realpath (just-bash has none): every path absolute and resolved; by default all but the
 * last component must exist, with -e all of them, with -m none; -s leaves symlinks alone.
 * --relative-to=DIR prints each path relative to DIR; --relative-base=DIR prints paths under DIR
 * relative to it (or to --relative-to, when that is under it too) and the others absolute.
 */
export function realpathCommand(frame: ShellFrame): Command {
  return shellCommand(frame, "realpath", async (args, ctx, io) => {
    let mode: "e" | "E" | "m" = "E";
    let resolveLinks = true;
    let quiet = false;
    let relativeTo: string | undefined;
    let relativeBase: string | undefined;
    let end = "\n";
    const read = getoptLong(args, REALPATH_OPTIONS);
    for (const { key, value, name } of read.options) {
      if (key === "e" || key === "m") mode = key;
      else if (key === "s") resolveLinks = false;
      else if (key === "q") quiet = true;
      else if (key === "z") end = "\0";
      else if (key === "relative-to") relativeTo = value;
      else if (key === "relative-base") relativeBase = value;
      else {
        io.err.push(`realpath: ${name} is not available in Kubecoach\n`);
        return 1;
      }
    }
    if (read.error) {
      io.err.push(`${read.error}\n${tryHelp("realpath")}`);
      return 1;
    }
    const paths = read.operands;
    if (paths.length === 0) {
      io.err.push(`realpath: missing operand\n${tryHelp("realpath")}`);
      return 1;
    }
    const canonical = async (p: string) => {
      const absolute = frame.fs.resolvePath(ctx.cwd, p);
      return resolveLinks ? await resolve(frame.fs, absolute, mode) : absolute;
    };
    let base: string | undefined;
    let from: string | undefined;
    for (const [given, set] of [[relativeBase, (d: string) => (base = d)], [relativeTo, (d: string) => (from = d)]] as const) {
      if (given === undefined) continue;
      const dir = await canonical(given);
      if (dir === undefined) {
        io.err.push(`realpath: ${given}: No such file or directory\n`);
        return 1;
      }
      set(dir);
    }
    // With a base, paths are relative to --relative-to only when it lies under the base too.
    if (base !== undefined && from !== undefined && !isUnder(from, base)) base = from = undefined;
    from ??= base;
    let status = 0;
    for (const p of paths) {
      const resolved = await canonical(p);
      if (resolved === undefined) {
        if (!quiet) io.err.push(`realpath: ${p}: No such file or directory\n`);
        status = 1;
      } else io.out.push(`${from !== undefined && (base === undefined || isUnder(resolved, base)) ? relative(from, resolved) : resolved}${end}`);
    }
    return status;
  });
}

const isUnder = (path: string, dir: string) => dir === "/" || path === dir || path.startsWith(`${dir}/`);

/** `to` (absolute, canonical) as a path relative to the directory `from`. */
function relative(from: string, to: string): string {
  const a = from.split("/").filter(Boolean);
  const b = to.split("/").filter(Boolean);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return [...Array<string>(a.length - common).fill(".."), ...b.slice(common)].join("/") || ".";
}
