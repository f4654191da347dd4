import type { Command } from "just-bash";
import { resolve } from "./canonical-path";
import type { ShellFrame } from "../frame";
import { shellCommand } from "./index";

/**
 * coreutils realpath (just-bash has none): every path absolute and resolved; by default all but the
 * last component must exist (-E), with -e all of them, with -m none; -s leaves symlinks alone.
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
    const paths: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const valued = /^--relative-(to|base)(?:=(.*))?$/s.exec(a);
      if (valued) {
        const value = valued[2] ?? args[++i];
        if (value === undefined) {
          io.err.push(`realpath: option '--relative-${valued[1]}' requires an argument\nTry 'realpath --help' for more information.\n`);
          return 1;
        }
        if (valued[1] === "to") relativeTo = value;
        else relativeBase = value;
        continue;
      }
      if (a === "-e" || a === "--canonicalize-existing") mode = "e";
      else if (a === "-E" || a === "--canonicalize") mode = "E";
      else if (a === "-m" || a === "--canonicalize-missing") mode = "m";
      else if (a === "-s" || a === "--strip" || a === "--no-symlinks") resolveLinks = false;
      else if (a === "-q" || a === "--quiet") quiet = true;
      else if (a === "-z" || a === "--zero") end = "\0";
      else if (a.startsWith("-") && a !== "-") {
        io.err.push(`realpath: invalid option -- '${a.replace(/^-+/, "")[0]}'\nTry 'realpath --help' for more information.\n`);
        return 1;
      } else paths.push(a);
    }
    if (paths.length === 0) {
      io.err.push("realpath: missing operand\nTry 'realpath --help' for more information.\n");
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
