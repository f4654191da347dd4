import type { Program } from "../../process/types";
import { humanCeiling } from "./human";
import { hostMounts, type Mount } from "./mounts";

/**
 * GNU coreutils 8.32 `df` (Ubuntu 22.04) over the host's mounts: the default, -h/-H, -k/-m/-B,
 * -i, -T, -t/-x, -a, -P, --total, --output and FILE arguments, with df's column widths (at least
 * the header's and the field's minimum, right-aligned numbers, no padding after the last column)
 * and its rounding (sizes and percentages rounded up).
 */
type Field = "source" | "fstype" | "itotal" | "iused" | "iavail" | "ipcent" | "size" | "used" | "avail" | "pcent" | "file" | "target";

const FIELDS: Record<Field, { caption: string; minWidth: number; left: boolean }> = {
  source: { caption: "Filesystem", minWidth: 14, left: true },
  fstype: { caption: "Type", minWidth: 4, left: true },
  itotal: { caption: "Inodes", minWidth: 5, left: false },
  iused: { caption: "IUsed", minWidth: 5, left: false },
  iavail: { caption: "IFree", minWidth: 5, left: false },
  ipcent: { caption: "IUse%", minWidth: 4, left: false },
  size: { caption: "blocks", minWidth: 5, left: false },
  used: { caption: "Used", minWidth: 5, left: false },
  avail: { caption: "Available", minWidth: 5, left: false },
  pcent: { caption: "Use%", minWidth: 4, left: false },
  file: { caption: "File", minWidth: 0, left: true },
  target: { caption: "Mounted on", minWidth: 0, left: true },
};
const ALL_FIELDS: Field[] = ["source", "fstype", "itotal", "iused", "iavail", "ipcent", "size", "used", "avail", "pcent", "file", "target"];

const TRY = "Try 'df --help' for more information.\n";

/**
 * Output units: human-readable with a base, or a block size in bytes. A block size given with a
 * unit letter (`-BM`, `-BGB`) prints that unit after every number, as gnulib's human_options does.
 */
type Scale = { human: 1024 | 1000 } | { block: number; suffix?: string };

function blockSizeOption(spec: string): { block: number; suffix?: string } | undefined {
  const m = /^(\d*)([KMGTPEZY]?)(iB|B)?$/i.exec(spec);
  if (!m || (!m[1] && !m[2]) || (m[3] && !m[2])) return undefined;
  const base = m[3] === "B" ? 1000 : 1024;
  const power = m[2] ? "KMGTPEZY".indexOf(m[2].toUpperCase()) + 1 : 0;
  const block = Number(m[1] || "1") * base ** power;
  if (block === 0) return undefined;
  return m[2] ? { block, suffix: `${m[2].toUpperCase()}${m[3] ?? ""}` } : { block };
}

function blocksCaption(block: number): string {
  for (const [size, name] of [[1024 ** 4, "T"], [1024 ** 3, "G"], [1024 ** 2, "M"], [1024, "K"]] as const) if (block % size === 0) return `${block / size}${name}`;
  for (const [size, name] of [[1000 ** 3, "GB"], [1000 ** 2, "MB"], [1000, "kB"]] as const) if (block % size === 0) return `${block / size}${name}`;
  return `${block}B`;
}

/** `Use%`: used / (used + available), rounded up; "-" when nothing is known. */
function percent(used: number, available: number): string {
  const total = used + available;
  return total === 0 ? "-" : `${Math.ceil((used * 100) / total)}%`;
}

export const df: Program = async (ctx) => {
  let scale: Scale = { block: 1024 };
  let inodes = false;
  let printType = false;
  let posix = false;
  let all = false;
  let total = false;
  let output: Field[] | undefined;
  const onlyTypes: string[] = [];
  const excludedTypes: string[] = [];
  const files: string[] = [];
  const usage = (message?: string) => {
    if (message) ctx.stderr(`df: ${message}\n`);
    ctx.stderr(TRY);
    return 1;
  };
  const args = [...ctx.args];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      files.push(...args.slice(i + 1));
      break;
    }
    const long = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (long) {
      const [, name, value] = long;
      const needs = (): string | undefined => value ?? args[++i];
      switch (name) {
        case "all": all = true; break;
        case "human-readable": scale = { human: 1024 }; break;
        case "si": scale = { human: 1000 }; break;
        case "inodes": inodes = true; break;
        case "local": case "sync": case "no-sync": break;
        case "portability": posix = true; break;
        case "print-type": printType = true; break;
        case "total": total = true; break;
        case "type": { const t = needs(); if (t === undefined) return usage(`option '--type' requires an argument`); onlyTypes.push(t); break; }
        case "exclude-type": { const t = needs(); if (t === undefined) return usage(`option '--exclude-type' requires an argument`); excludedTypes.push(t); break; }
        case "block-size": {
          const spec = needs();
          const size = spec === undefined ? undefined : blockSizeOption(spec);
          if (size === undefined) return usage(spec === undefined ? "option '--block-size' requires an argument" : `invalid --block-size argument '${spec}'`);
          scale = size;
          break;
        }
        case "output": {
          const list = value ? value.split(",") : ALL_FIELDS;
          const fields: Field[] = [];
          for (const f of list) {
            if (!(f in FIELDS)) return usage(`option --output: field '${f}' unknown`);
            if (fields.includes(f as Field)) return usage(`option --output: field '${f}' used more than once`);
            fields.push(f as Field);
          }
          output = fields;
          break;
        }
        case "help":
          ctx.stdout(HELP);
          return 0;
        case "version":
          ctx.stdout("df (GNU coreutils) 8.32\n");
          return 0;
        default:
          return usage(`unrecognized option '${a}'`);
      }
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        const rest = a.slice(j + 1);
        const valueOf = (): string | undefined => (rest ? rest : args[++i]);
        if (c === "a") all = true;
        else if (c === "h") scale = { human: 1024 };
        else if (c === "H") scale = { human: 1000 };
        else if (c === "i") inodes = true;
        else if (c === "k") scale = { block: 1024 };
        else if (c === "m") scale = { block: 1024 * 1024 };
        else if (c === "l" || c === "v") continue;
        else if (c === "P") posix = true;
        else if (c === "T") printType = true;
        else if (c === "B" || c === "t" || c === "F" || c === "x") {
          const v = valueOf();
          if (v === undefined) return usage(`option requires an argument -- '${c}'`);
          if (c === "B") {
            const size = blockSizeOption(v);
            if (size === undefined) return usage(`invalid -B argument '${v}'`);
            scale = size;
          } else if (c === "x") excludedTypes.push(v);
          else onlyTypes.push(v);
          break;
        } else return usage(`invalid option -- '${c}'`);
      }
      continue;
    }
    files.push(a);
  }
  if (output && (inodes || printType || posix)) {
    return usage(`options ${inodes ? "-i" : printType ? "-T" : "-P"} and --output are mutually exclusive`);
  }

  const human = "human" in scale;
  let fields: Field[];
  if (output) fields = output;
  else if (inodes) fields = ["source", ...(printType ? ["fstype" as const] : []), "itotal", "iused", "iavail", "ipcent", "target"];
  else fields = ["source", ...(printType ? ["fstype" as const] : []), "size", "used", "avail", "pcent", "target"];
  const caption = (f: Field): string => {
    if (f === "size") {
      if (human) return "Size";
      const block = (scale as { block: number }).block;
      return posix && !output ? `${block}-blocks` : `${blocksCaption(block)}-blocks`;
    }
    if (f === "avail" && (human || output)) return "Avail";
    if (f === "pcent" && posix) return "Capacity";
    return FIELDS[f].caption;
  };

  const fs = ctx.fs ?? ctx.host.fs;
  const mounts = hostMounts(ctx.environment, ctx.host);
  const shown: { mount: Mount; file: string }[] = [];
  let status = 0;
  const typeSelected = (t: string) => (onlyTypes.length === 0 || onlyTypes.includes(t)) && !excludedTypes.includes(t);
  if (files.length === 0) {
    const seen = new Set<string>();
    for (const m of mounts) {
      if (!typeSelected(m.type)) continue;
      if (!all && (!m.measured || m.size === 0)) continue;
      // A device mounted twice is shown once (df's duplicate filter): only the root's overlays share
      // its numbers but each is a mount of its own device, as on a real node.
      const key = `${m.source}\0${m.target}`;
      if (seen.has(key)) continue;
      seen.add(key);
      shown.push({ mount: m, file: "-" });
    }
  } else {
    for (const file of files) {
      const path = fs.resolvePath(ctx.cwd, file);
      // A mount point exists while it is mounted, whether or not the host's tree has the directory.
      if (!mounts.some((m) => m.target === path) && !(await fs.exists(path))) {
        ctx.stderr(`df: ${file}: No such file or directory\n`);
        status = 1;
        continue;
      }
      const real = mounts.some((m) => m.target === path) ? path : await fs.realpath(path).catch(() => path);
      const owner = mounts
        .filter((m) => real === m.target || real.startsWith(m.target === "/" ? "/" : `${m.target}/`))
        .sort((x, y) => y.target.length - x.target.length)[0];
      if (owner && typeSelected(owner.type)) shown.push({ mount: owner, file });
    }
  }
  if (shown.length === 0) {
    // df says this only when nothing else went wrong (every file system was excluded).
    if (status === 0) ctx.stderr("df: no file systems processed\n");
    return 1;
  }

  const size = (kib: number): string => {
    if ("human" in scale) return humanCeiling(kib * 1024, scale.human);
    return `${Math.ceil((kib * 1024) / scale.block)}${scale.suffix ?? ""}`;
  };
  const count = (n: number): string => ("human" in scale ? humanCeiling(n, scale.human) : String(n));
  const cell = (f: Field, m: Mount, file: string): string => {
    switch (f) {
      case "source": return m.source;
      case "fstype": return m.type;
      case "itotal": return count(m.inodes);
      case "iused": return count(m.inodesUsed);
      case "iavail": return count(m.inodes - m.inodesUsed);
      case "ipcent": return m.inodes === 0 ? "-" : percent(m.inodesUsed, m.inodes - m.inodesUsed);
      case "size": return size(m.size);
      case "used": return size(m.used);
      case "avail": return size(m.available);
      case "pcent": return percent(m.used, m.available);
      case "file": return file;
      case "target": return m.target;
    }
  };
  const rows: string[][] = [fields.map(caption)];
  for (const { mount, file } of shown) rows.push(fields.map((f) => cell(f, mount, file)));
  if (total) {
    const sum = (pick: (m: Mount) => number) => shown.reduce((n, s) => n + pick(s.mount), 0);
    const grand: Mount = { source: "total", type: "-", target: "-", options: "", measured: true, size: sum((m) => m.size), used: sum((m) => m.used), available: sum((m) => m.available), inodes: sum((m) => m.inodes), inodesUsed: sum((m) => m.inodesUsed) };
    rows.push(fields.map((f) => (f === "file" ? "-" : cell(f, grand, "-"))));
  }
  const widths = fields.map((f, c) => Math.max(FIELDS[f].minWidth, ...rows.map((r) => r[c].length)));
  ctx.stdout(
    rows
      .map((r) => r.map((text, c) => (c === fields.length - 1 ? (FIELDS[fields[c]].left ? text : text.padStart(widths[c])) : FIELDS[fields[c]].left ? text.padEnd(widths[c]) : text.padStart(widths[c]))).join(" ") + "\n")
      .join(""),
  );
  return status;
};

const HELP = `Usage: df [OPTION]... [FILE]...
Show information about the file system on which each FILE resides,
or all file systems by default.

Mandatory arguments to long options are mandatory for short options too.
  -a, --all             include pseudo, duplicate, inaccessible file systems
  -B, --block-size=SIZE  scale sizes by SIZE before printing them; e.g.,
                           '-BM' prints sizes in units of 1,048,576 bytes;
                           see SIZE format below
  -h, --human-readable  print sizes in powers of 1024 (e.g., 1023M)
  -H, --si              print sizes in powers of 1000 (e.g., 1.1G)
  -i, --inodes          list inode information instead of block usage
  -k                    like --block-size=1K
  -l, --local           limit listing to local file systems
      --no-sync         do not invoke sync before getting usage info (default)
      --output[=FIELD_LIST]  use the output format defined by FIELD_LIST,
                               or print all fields if FIELD_LIST is omitted.
  -P, --portability     use the POSIX output format
      --sync            invoke sync before getting usage info
      --total           elide all entries insignificant to available space,
                          and produce a grand total
  -t, --type=TYPE       limit listing to file systems of type TYPE
  -T, --print-type      print file system type
  -x, --exclude-type=TYPE   limit listing to file systems not of type TYPE
  -v                    (ignored)
      --help     display this help and exit
      --version  output version information and exit

Display values are in units of the first available SIZE from --block-size,
and the DF_BLOCK_SIZE, BLOCK_SIZE and BLOCKSIZE environment variables.
Otherwise, units default to 1024 bytes (or 512 if POSIXLY_CORRECT is set).

The SIZE argument is an integer and optional unit (example: 10K is 10*1024).
Units are K,M,G,T,P,E,Z,Y (powers of 1024) or KB,MB,... (powers of 1000).
Binary prefixes can be used, too: KiB=K, MiB=M, and so on.

FIELD_LIST is a comma-separated list of columns to be included.  Valid
field names are: 'source', 'fstype', 'itotal', 'iused', 'iavail', 'ipcent',
'size', 'used', 'avail', 'pcent', 'file' and 'target' (see info page).

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Report any translation bugs to <https://translationproject.org/team/>
Full documentation <https://www.gnu.org/software/coreutils/df>
or available locally via: info '(coreutils) df invocation'
`;
