import type { Command, FsStat } from "just-bash";
import type { ShellFrame } from "../frame";
import { ownerOf } from "../owners";
import { formatDate, GNU_FILE_TIME } from "./date";
import { modeString } from "./files";
import { getoptLong, type GetoptTable } from "./getopt-long";
import { shellCommand } from "./index";

/**
 * coreutils stat. just-bash's names every owner "user" and prints a short layout of its own; this one
 * shows each file's owner and group (owners.ts), which is what a learner checking a kubeconfig's or a
 * key's permissions must see. Times are the file's modification time
 * (the simulated filesystem keeps no separate access or change time); inodes are numbers derived
 * from the path, stable for a file.
 */
/** stat.c's getopt table, in its order. */
export const STAT_OPTIONS: GetoptTable = {
  program: "stat",
  options: [
    { long: "dereference", short: "L" }, { long: "file-system", short: "f" }, { long: "format", short: "c", argument: "required" },
    { long: "printf", argument: "required" }, { long: "terse", short: "t" }, { long: "cached", argument: "required" }, { long: "help" }, { long: "version" },
  ],
};

export function statCommand(frame: ShellFrame): Command {
  return shellCommand(frame, "stat", async (args, ctx, io) => {
    let format: string | undefined;
    let printf = false;
    let follow = false;
    const read = getoptLong(args, STAT_OPTIONS);
    for (const { key, value, name } of read.options) {
      if (key === "c" || key === "printf") {
        printf = key === "printf";
        format = value;
      } else if (key === "L") follow = true;
      else if (key === "f") {
        io.err.push("stat: file system status (-f) is not available in Kubecoach yet\n");
        return 1;
      } else {
        io.err.push(`stat: ${name} is not available in Kubecoach\n`);
        return 1;
      }
    }
    if (read.error) {
      io.err.push(`${read.error}\n${TRY}`);
      return 1;
    }
    const files = read.operands;
    if (files.length === 0) {
      io.err.push(`stat: missing operand\n${TRY}`);
      return 1;
    }
    let status = 0;
    for (const name of files) {
      const path = frame.fs.resolvePath(ctx.cwd, name);
      let st: FsStat;
      try {
        st = follow ? await frame.fs.stat(path) : await frame.fs.lstat(path);
      } catch {
        io.err.push(`stat: cannot statx '${name}': ${(await frame.fs.reachable(path)) ? "No such file or directory" : "Permission denied"}\n`);
        status = 1;
        continue;
      }
      const target = st.isSymbolicLink ? await frame.fs.readlink(path).catch(() => "") : undefined;
      const { user: owner, group, uid, gid } = await ownerOf(frame.fs, path, follow);
      const info: FileInfo = { name, path, st, target, owner, group, uid, gid };
      if (format === undefined) io.out.push(defaultLayout(info));
      else io.out.push(printf ? expand(unescape(format), info) : `${expand(format, info)}\n`);
    }
    return status;
  });
}

const TRY = "Try 'stat --help' for more information.\n";

interface FileInfo {
  name: string;
  path: string;
  st: FsStat;
  target?: string;
  owner: string;
  group: string;
  uid: number;
  gid: number;
}

function typeOf(st: FsStat): string {
  if (st.isSymbolicLink) return "symbolic link";
  if (st.isDirectory) return "directory";
  return st.size === 0 ? "regular empty file" : "regular file";
}

/** 512-byte blocks a file takes (ext4: whole 4 KiB blocks; a symlink's target fits in its inode). */
export function fileBlocks(st: FsStat): number {
  return st.isSymbolicLink ? 0 : Math.ceil(st.size / 4096) * 8;
}

/** A stable inode number for a path (the simulated filesystem has none). */
export function inodeOf(path: string): number {
  let h = 2166136261;
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 16777619) >>> 0;
  return (h % 9_000_000) + 1_000;
}


function perms(st: FsStat): string {
  return modeString(st.mode, st.isDirectory ? "d" : st.isSymbolicLink ? "l" : "-");
}

function defaultLayout(f: FileInfo): string {
  const { st } = f;
  const t = formatDate(st.mtime, GNU_FILE_TIME);
  const file = f.target !== undefined ? `${f.name} -> ${f.target}` : f.name;
  const id = (n: number, name: string) => `(${String(n).padStart(5)}/${name.padStart(8)})`;
  return (
    `  File: ${file}\n` +
    `  Size: ${String(st.size).padEnd(10)}\tBlocks: ${String(fileBlocks(st)).padEnd(10)} IO Block: 4096   ${typeOf(st)}\n` +
    `Device: 254,0\tInode: ${String(inodeOf(f.path)).padEnd(11)} Links: ${st.isDirectory ? 2 : 1}\n` +
    `Access: (${(st.mode & 0o7777).toString(8).padStart(4, "0")}/${perms(st)})  Uid: ${id(f.uid, f.owner)}   Gid: ${id(f.gid, f.group)}\n` +
    `Access: ${t}\nModify: ${t}\nChange: ${t}\n Birth: -\n`
  );
}

function expand(format: string, f: FileInfo): string {
  const { st } = f;
  const seconds = String(Math.floor(st.mtime.getTime() / 1000));
  return format.replace(/%(.)/g, (all, c: string) => {
    switch (c) {
      case "a": return (st.mode & 0o7777).toString(8);
      case "A": return perms(st);
      case "b": return String(fileBlocks(st));
      case "B": return "512";
      case "d": return "65024";
      case "D": return "fe00";
      case "F": return typeOf(st);
      case "f": return (st.mode | (st.isDirectory ? 0o040000 : st.isSymbolicLink ? 0o120000 : 0o100000)).toString(16);
      case "g": return String(f.gid);
      case "G": return f.group;
      case "h": return st.isDirectory ? "2" : "1";
      case "i": return String(inodeOf(f.path));
      case "m": return "/";
      case "n": return f.name;
      case "N": return f.target !== undefined ? `'${f.name}' -> '${f.target}'` : `'${f.name}'`;
      case "o": return "4096";
      case "s": return String(st.size);
      case "u": return String(f.uid);
      case "U": return f.owner;
      case "w": return "-";
      case "W": return "0";
      case "x": case "y": case "z": return formatDate(st.mtime, GNU_FILE_TIME);
      case "X": case "Y": case "Z": return seconds;
      case "%": return "%";
      default: return all;
    }
  });
}

function unescape(text: string): string {
  const map: Record<string, string> = { n: "\n", t: "\t", "\\": "\\", '"': '"', a: "\x07", b: "\b", f: "\f", r: "\r", v: "\v" };
  return text.replace(/\\(.)/g, (all, c: string) => map[c] ?? all);
}
