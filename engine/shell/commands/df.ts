import type { Command } from "just-bash";
import type { ShellFrame } from "../frame";
import { NODE_CAPACITY } from "../../kubelet/node-status";
import { blocks, humanSize } from "./human-size";
import { shellCommand } from "./index";

/**
 * GNU df (coreutils 9.1) for a lab node. What is modelled: the mounts of an Ubuntu 22.04 kubeadm VM
 * — an ext4 root on /dev/vda1 the size of the kubelet's ephemeral-storage capacity (so `df` and
 * `kubectl describe node` agree), tmpfs /run and /run/user/0 at 10% and /dev/shm at 50% of the
 * node's memory, /run/lock, and the EFI partition. The root's use is a fixed base (the OS and the
 * container images, not in the lab's files) plus what the lab's own files take, counted as du
 * counts them, so writing a file there shows in `df`. ext4 keeps 5% of the root for root, so
 * Avail is less than Size − Used, as on a real disk. Not modelled: the overlay and shm mounts of
 * running containers, quotas. With -a the pseudo filesystems (proc, sysfs, …) are listed too, with
 * no sizes. Options: -h -H/--si -k -m -B, -T, -i, -a, -t/-x TYPE, -P, --total, --output is not built.
 */

interface Mount {
  source: string;
  type: string;
  target: string;
  /** KiB. */
  size: number;
  used: number;
  avail: number;
  inodes: number;
  iused: number;
  pseudo?: boolean;
}

const KIB = 1024;
const BLOCK = 4096;
/** The OS, containerd's images and logs: what a kubeadm node's root holds besides the lab's files. */
const ROOT_BASE_USED_KIB = 5_726_412;
const ROOT_BASE_INODES = 171_304;

const kibOf = (quantity: string) => Number(/^(\d+)Ki$/.exec(quantity)?.[1] ?? 0);

/** The KiB the lab's files take (4 KiB blocks, as du counts) and how many there are. */
async function labUsage(frame: ShellFrame): Promise<{ kib: number; files: number }> {
  let bytes = 0;
  let files = 0;
  const walk = async (path: string): Promise<void> => {
    let names: string[];
    try {
      names = await frame.fs.readdir(path);
    } catch {
      return;
    }
    for (const name of names) {
      const child = path === "/" ? `/${name}` : `${path}/${name}`;
      if (child === "/proc" || child === "/sys" || child === "/dev" || child === "/run") continue;
      files++;
      try {
        const st = await frame.fs.lstat(child);
        if (st.isDirectory) {
          bytes += BLOCK;
          await walk(child);
        } else bytes += blocks(st.size, BLOCK) * BLOCK;
      } catch {
        continue;
      }
    }
  };
  await walk("/");
  return { kib: bytes / KIB, files };
}

async function mounts(frame: ShellFrame): Promise<Mount[]> {
  const rootSize = kibOf(NODE_CAPACITY["ephemeral-storage"]);
  const memory = kibOf(NODE_CAPACITY.memory);
  const lab = await labUsage(frame);
  const rootUsed = ROOT_BASE_USED_KIB + lab.kib;
  const reserved = Math.floor(rootSize * 0.05);
  const rootInodes = Math.floor(rootSize / 16);
  const tmpfs = (target: string, size: number, used: number, iused: number): Mount => ({ source: "tmpfs", type: "tmpfs", target, size, used, avail: size - used, inodes: Math.floor(memory / 4), iused });
  const pseudo = (source: string, type: string, target: string): Mount => ({ source, type, target, size: 0, used: 0, avail: 0, inodes: 0, iused: 0, pseudo: true });
  return [
    pseudo("sysfs", "sysfs", "/sys"),
    pseudo("proc", "proc", "/proc"),
    { source: "udev", type: "devtmpfs", target: "/dev", size: memory - 24_000, used: 0, avail: memory - 24_000, inodes: Math.floor(memory / 4), iused: 512, pseudo: true },
    pseudo("devpts", "devpts", "/dev/pts"),
    tmpfs("/run", Math.floor(memory / 10), 1_448, 812),
    { source: "/dev/vda1", type: "ext4", target: "/", size: rootSize, used: rootUsed, avail: Math.max(0, rootSize - rootUsed - reserved), inodes: rootInodes, iused: ROOT_BASE_INODES + lab.files },
    tmpfs("/dev/shm", Math.floor(memory / 2), 0, 1),
    tmpfs("/run/lock", 5_120, 0, 3),
    pseudo("cgroup2", "cgroup2", "/sys/fs/cgroup"),
    { source: "/dev/vda15", type: "vfat", target: "/boot/efi", size: 106_858, used: 6_186, avail: 100_672, inodes: 0, iused: 0 },
    tmpfs("/run/user/0", Math.floor(memory / 10), 4, 22),
  ];
}

interface DfOptions {
  unit: number | "human" | "si";
  unitName?: string;
  inodes: boolean;
  types: boolean;
  all: boolean;
  portable: boolean;
  total: boolean;
  only: string[];
  exclude: string[];
  paths: string[];
}

class DfError extends Error {
  constructor(message: string, readonly usage = true) {
    super(message);
  }
}

function parseArgs(args: string[]): DfOptions {
  const o: DfOptions = { unit: KIB, inodes: false, types: false, all: false, portable: false, total: false, only: [], exclude: [], paths: [] };
  const blockSize = (value: string | undefined) => {
    const m = /^(\d*)([KMGTPE]?)(i?B?)$/i.exec(value ?? "");
    if (!m || (!m[1] && !m[2])) throw new DfError(`invalid --block-size argument ‘${value ?? ""}’`, false);
    o.unit = Number(m[1] || 1) * (m[3].toUpperCase() === "B" ? 1000 : 1024) ** ("KMGTPE".indexOf(m[2].toUpperCase()) + 1);
    o.unitName = value;
  };
  let operands = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (operands || a === "-" || !a.startsWith("-")) o.paths.push(a);
    else if (a === "--") operands = true;
    else if (a.startsWith("--")) {
      const [name, value] = a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
      if (name === "--human-readable") o.unit = "human";
      else if (name === "--si") o.unit = "si";
      else if (name === "--inodes") o.inodes = true;
      else if (name === "--print-type") o.types = true;
      else if (name === "--all") o.all = true;
      else if (name === "--portability") o.portable = true;
      else if (name === "--total") o.total = true;
      else if (name === "--type") o.only.push(value ?? args[++i] ?? "");
      else if (name === "--exclude-type") o.exclude.push(value ?? args[++i] ?? "");
      else if (name === "--block-size") blockSize(value ?? args[++i]);
      else if (name === "--local" || name === "--sync" || name === "--no-sync") continue;
      else if (name === "--output") throw new DfError("--output is not available in Kubecoach yet", false);
      else throw new DfError(`unrecognized option '${a}'`);
    } else {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (c === "h") o.unit = "human";
        else if (c === "H") o.unit = "si";
        else if (c === "k") {
          o.unit = KIB;
          o.unitName = undefined;
        } else if (c === "m") {
          o.unit = KIB * KIB;
          o.unitName = "1M";
        } else if (c === "i") o.inodes = true;
        else if (c === "T") o.types = true;
        else if (c === "a") o.all = true;
        else if (c === "P") o.portable = true;
        else if (c === "l") continue;
        else if (c === "t" || c === "x" || c === "B") {
          const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          if (value === undefined) throw new DfError(`option requires an argument -- '${c}'`);
          if (c === "t") o.only.push(value);
          else if (c === "x") o.exclude.push(value);
          else blockSize(value);
          break;
        } else throw new DfError(`invalid option -- '${c}'`);
      }
    }
  }
  return o;
}

/** The mount a path lies on: the one with the longest target that contains it. */
function mountOf(list: Mount[], path: string): Mount {
  let best = list.find((m) => m.target === "/")!;
  for (const m of list) if ((path === m.target || path.startsWith(m.target === "/" ? "/" : `${m.target}/`)) && m.target.length > best.target.length) best = m;
  return best;
}

export function dfCommand(frame: ShellFrame): Command {
  return shellCommand(frame, "df", async (args, ctx, io) => {
    let o: DfOptions;
    try {
      o = parseArgs(args);
    } catch (err) {
      if (!(err instanceof DfError)) throw err;
      io.err.push(`df: ${err.message}\n${err.usage ? "Try 'df --help' for more information.\n" : ""}`);
      return 1;
    }
    const all = await mounts(frame);
    let status = 0;
    let rows: Mount[];
    if (o.paths.length) {
      rows = [];
      for (const given of o.paths) {
        const path = frame.fs.resolvePath(ctx.cwd, given);
        try {
          await frame.fs.stat(path);
          rows.push(mountOf(all, path));
        } catch {
          io.err.push(`df: ${given}: No such file or directory\n`);
          status = 1;
        }
      }
    } else rows = all.filter((m) => o.all || !m.pseudo);
    rows = rows.filter((m) => (o.only.length === 0 || o.only.includes(m.type)) && !o.exclude.includes(m.type));
    if (rows.length === 0) {
      if (status === 0) {
        io.err.push("df: no file systems processed\n");
        status = 1;
      }
      return status;
    }
    if (o.total) {
      const sum = (f: (m: Mount) => number) => rows.reduce((n, m) => n + f(m), 0);
      rows = [...rows, { source: "total", type: "-", target: "-", size: sum((m) => m.size), used: sum((m) => m.used), avail: sum((m) => m.avail), inodes: sum((m) => m.inodes), iused: sum((m) => m.iused) }];
    }
    io.out.push(table(rows, o));
    return status;
  });
}

function percent(used: number, avail: number): string {
  const whole = used + avail;
  return whole === 0 ? "-" : `${Math.ceil((used * 100) / whole - 1e-9)}%`;
}

function table(rows: Mount[], o: DfOptions): string {
  const count = (n: number): string => (o.unit === "human" ? humanSize(n) : o.unit === "si" ? humanSize(n, true) : String(n));
  const amount = (kib: number): string => (o.unit === "human" ? humanSize(kib * KIB) : o.unit === "si" ? humanSize(kib * KIB, true) : String(blocks(kib * KIB, o.unit)));
  const human = o.unit === "human" || o.unit === "si";
  const sizeHeader = human ? "Size" : o.portable && o.unit === KIB ? "1024-blocks" : `${o.unitName ?? (o.unit === KIB ? "1K" : String(o.unit))}-blocks`;
  const columns: { header: string; min: number; left?: boolean; cells: string[] }[] = [{ header: "Filesystem", min: 14, left: true, cells: rows.map((m) => m.source) }];
  if (o.types) columns.push({ header: "Type", min: 4, left: true, cells: rows.map((m) => m.type) });
  if (o.inodes) {
    columns.push(
      { header: "Inodes", min: 5, cells: rows.map((m) => count(m.inodes)) },
      { header: "IUsed", min: 5, cells: rows.map((m) => count(m.iused)) },
      { header: "IFree", min: 5, cells: rows.map((m) => count(m.inodes - m.iused)) },
      { header: "IUse%", min: 4, cells: rows.map((m) => percent(m.iused, m.inodes - m.iused)) },
    );
  } else {
    columns.push(
      { header: sizeHeader, min: 5, cells: rows.map((m) => amount(m.size)) },
      { header: "Used", min: 5, cells: rows.map((m) => amount(m.used)) },
      { header: human ? "Avail" : "Available", min: 5, cells: rows.map((m) => amount(m.avail)) },
      { header: o.portable ? "Capacity" : "Use%", min: 4, cells: rows.map((m) => percent(m.used, m.avail)) },
    );
  }
  columns.push({ header: "Mounted on", min: 0, left: true, cells: rows.map((m) => m.target) });
  const widths = columns.map((c) => Math.max(c.min, c.header.length, ...c.cells.map((s) => s.length)));
  const line = (cell: (c: (typeof columns)[number]) => string) =>
    columns.map((c, i) => (i === columns.length - 1 ? cell(c) : c.left ? cell(c).padEnd(widths[i]) : cell(c).padStart(widths[i]))).join(" ") + "\n";
  let out = line((c) => c.header);
  for (let r = 0; r < rows.length; r++) out += line((c) => c.cells[r]);
  return out;
}
