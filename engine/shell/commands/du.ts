import type { Command } from "just-bash";
import type { ShellFrame } from "../frame";
import { humanCeiling } from "../../tools/proc/human";
import { shellCommand } from "./index";

/**
 * GNU du (coreutils 9.1) over the lab's filesystem (df is a node tool: engine/tools/proc/df.ts). What is modelled: an ext4-like disk of 4 KiB
 * blocks, so a file uses its size rounded up to whole blocks (an empty file 0) and a directory one
 * block, as `du` shows on a real node; --apparent-size and -b count bytes, a directory as 4096.
 * /proc and /sys hold no disk space (0). Entries are visited in name order, each directory after
 * what is in it. Options: -a -s -c -h -H/--si -k -m -b -B/--block-size, -d/--max-depth,
 * --apparent-size, -L, -x (one filesystem: there is one), -0.
 */

const BLOCK = 4096;

interface DuOptions {
  all: boolean;
  summarize: boolean;
  total: boolean;
  apparent: boolean;
  /** Output unit in bytes, or "human"/"si". */
  unit: number | "human" | "si";
  maxDepth: number;
  follow: boolean;
  end: string;
  paths: string[];
}

class DuError extends Error {
  constructor(message: string, readonly usage = true) {
    super(message);
  }
}

function blockSize(value: string): number {
  const m = /^(\d*)([KMGTPE]?)(i?B?)$/i.exec(value);
  if (!m || (!m[1] && !m[2])) throw new DuError(`invalid --block-size argument ‘${value}’`, false);
  const power = "KMGTPE".indexOf(m[2].toUpperCase()) + 1;
  const base = m[3].toUpperCase() === "B" ? 1000 : 1024;
  return Number(m[1] || 1) * base ** power;
}

function parseArgs(args: string[]): DuOptions {
  const o: DuOptions = { all: false, summarize: false, total: false, apparent: false, unit: 1024, maxDepth: Infinity, follow: false, end: "\n", paths: [] };
  const depth = (value: string | undefined) => {
    if (value === undefined) throw new DuError("option requires an argument -- 'd'");
    if (!/^\d+$/.test(value)) throw new DuError(`invalid maximum depth ‘${value}’`);
    o.maxDepth = Number(value);
  };
  let operands = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (operands || a === "-" || !a.startsWith("-")) o.paths.push(a);
    else if (a === "--") operands = true;
    else if (a.startsWith("--")) {
      const [name, value] = a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
      if (name === "--all") o.all = true;
      else if (name === "--summarize") o.summarize = true;
      else if (name === "--total") o.total = true;
      else if (name === "--human-readable") o.unit = "human";
      else if (name === "--si") o.unit = "si";
      else if (name === "--apparent-size") o.apparent = true;
      else if (name === "--bytes") {
        o.apparent = true;
        o.unit = 1;
      } else if (name === "--max-depth") depth(value ?? args[++i]);
      else if (name === "--block-size") o.unit = blockSize(value ?? args[++i] ?? "");
      else if (name === "--dereference") o.follow = true;
      else if (name === "--one-file-system" || name === "--no-dereference") continue;
      else if (name === "--null") o.end = "\0";
      else if (name === "--exclude" || name === "--time" || name === "--threshold" || name === "--inodes" || name === "--files0-from") {
        throw new DuError(`${name} is not available in Kubecoach yet`, false);
      } else throw new DuError(`unrecognized option '${a}'`);
    } else {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (c === "a") o.all = true;
        else if (c === "s") o.summarize = true;
        else if (c === "c") o.total = true;
        else if (c === "h") o.unit = "human";
        else if (c === "H") o.unit = "si";
        else if (c === "k") o.unit = 1024;
        else if (c === "m") o.unit = 1024 * 1024;
        else if (c === "b") {
          o.apparent = true;
          o.unit = 1;
        } else if (c === "L") o.follow = true;
        else if (c === "x" || c === "P" || c === "D" || c === "l") continue;
        else if (c === "0") o.end = "\0";
        else if (c === "d" || c === "B") {
          const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          if (c === "d") depth(value);
          else if (value === undefined) throw new DuError("option requires an argument -- 'B'");
          else o.unit = blockSize(value);
          break;
        } else throw new DuError(`invalid option -- '${c}'`);
      }
    }
  }
  if (o.summarize && o.all) throw new DuError("cannot both summarize and show all entries");
  if (o.summarize && o.maxDepth !== Infinity && o.maxDepth !== 0) throw new DuError(`warning: summarizing conflicts with --max-depth=${o.maxDepth}`, true);
  if (o.summarize) o.maxDepth = 0;
  if (o.paths.length === 0) o.paths.push(".");
  return o;
}

const blocks = (bytes: number, size: number) => Math.ceil(bytes / size);

function formatSize(bytes: number, o: DuOptions): string {
  if (o.unit === "human") return humanCeiling(bytes, 1024);
  if (o.unit === "si") return humanCeiling(bytes, 1000);
  return String(blocks(bytes, o.unit));
}

export function duCommand(frame: ShellFrame): Command {
  return shellCommand(frame, "du", async (args, ctx, io) => {
    let o: DuOptions;
    try {
      o = parseArgs(args);
    } catch (err) {
      if (!(err instanceof DuError)) throw err;
      io.err.push(`du: ${err.message}\n${err.usage ? "Try 'du --help' for more information.\n" : ""}`);
      return 1;
    }
    const fs = frame.fs;
    let status = 0;
    let grandTotal = 0;
    const print = (bytes: number, name: string) => io.out.push(`${formatSize(bytes, o)}\t${name}${o.end}`);

    /** The bytes under `path` (printing what -a/-d say to print), or undefined when it cannot be read. */
    const walk = async (path: string, shown: string, depth: number, top: boolean): Promise<number> => {
      if (io.signal.aborted) return 0;
      const st = o.follow || top ? await fs.stat(path) : await fs.lstat(path);
      if (!st.isDirectory) {
        const bytes = o.apparent ? st.size : blocks(st.size, BLOCK) * BLOCK;
        if (top || (o.all && depth <= o.maxDepth)) print(bytes, shown);
        return bytes;
      }
      let bytes = BLOCK;
      if (path === "/proc" || path === "/sys") bytes = 0;
      else {
        let names: string[] = [];
        try {
          names = (await fs.readdir(path)).sort();
        } catch {
          io.err.push(`du: cannot read directory '${shown}': Permission denied\n`);
          status = 1;
        }
        for (const name of names) {
          const child = path === "/" ? `/${name}` : `${path}/${name}`;
          const childShown = shown.endsWith("/") ? `${shown}${name}` : `${shown}/${name}`;
          try {
            bytes += await walk(child, childShown, depth + 1, false);
          } catch {
            io.err.push(`du: cannot access '${childShown}': No such file or directory\n`);
            status = 1;
          }
        }
      }
      if (depth <= o.maxDepth) print(bytes, shown);
      return bytes;
    };

    for (const given of o.paths) {
      const path = fs.resolvePath(ctx.cwd, given);
      try {
        await fs.stat(path);
      } catch {
        io.err.push(`du: cannot access '${given}': No such file or directory\n`);
        status = 1;
        continue;
      }
      grandTotal += await walk(path, given, 0, true);
    }
    if (o.total) print(grandTotal, "total");
    return status;
  });
}
