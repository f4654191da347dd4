import type { ExecResult } from "just-bash";
import type { ShellFs } from "../shell-fs";

/**
 * `mkdir -p` as coreutils 9.1 does it: each missing ancestor is made in turn, so a failure names the
 * ancestor that failed as written on the command line (`mkdir -p /etc/a/b` as candidate:
 * `cannot create directory ‘/etc/a’`; `/root/x/y`: ‘/root’, which cannot be searched; `/etc/hostname/x`:
 * ‘/etc/hostname’: Not a directory) and -v reports every directory made. just-bash's mkdir makes the
 * whole path at once and names only the operand. Undefined when the line is not `-p` (or sets a mode):
 * just-bash's mkdir handles that.
 */
const ERRNO_TEXT: Record<string, string> = { EACCES: "Permission denied", EPERM: "Operation not permitted", ENOTDIR: "Not a directory", EEXIST: "File exists", ENOENT: "No such file or directory" };

interface MkdirLine {
  parents: boolean;
  verbose: boolean;
  operands: string[];
}

function parse(args: string[]): MkdirLine | undefined {
  const line: MkdirLine = { parents: false, verbose: false, operands: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      line.operands.push(...args.slice(i + 1));
      break;
    }
    if (a === "--parents") line.parents = true;
    else if (a === "--verbose") line.verbose = true;
    else if (/^-[pv]+$/.test(a)) {
      if (a.includes("p")) line.parents = true;
      if (a.includes("v")) line.verbose = true;
    } else if (a.startsWith("-") && a !== "-") return undefined;
    else line.operands.push(a);
  }
  return line.parents && line.operands.length > 0 ? line : undefined;
}

/** The operand's leading parts as written (`../etc/n2/y` → `../etc`, `../etc/n2`), without `.` and `..` steps. */
function ancestors(operand: string): string[] {
  const found: string[] = [];
  const re = /[^/]\/+(?=[^/])/g;
  for (let m = re.exec(operand); m; m = re.exec(operand)) {
    const prefix = operand.slice(0, m.index + 1);
    const last = prefix.slice(prefix.lastIndexOf("/") + 1);
    if (last !== "." && last !== "..") found.push(prefix);
  }
  return found;
}

const codeOf = (err: unknown) => (err as { code?: string }).code ?? "";

export async function mkdirParents(fs: ShellFs, cwd: string, args: string[]): Promise<ExecResult | undefined> {
  const line = parse(args);
  if (!line) return undefined;
  let stdout = "";
  let stderr = "";
  const failed = (name: string, code: string) => {
    stderr += `mkdir: cannot create directory ‘${name}’: ${ERRNO_TEXT[code] ?? ERRNO_TEXT.EACCES}\n`;
  };
  /** Makes `name` unless it is a directory already; false (and the error said) when that fails. */
  const make = async (name: string): Promise<boolean> => {
    const path = fs.resolvePath(cwd, name);
    const st = await fs.stat(path).catch(() => undefined);
    if (st) {
      if (st.isDirectory) return true;
      failed(name, "EEXIST");
      return false;
    }
    try {
      await fs.mkdir(path);
    } catch (err) {
      failed(name, codeOf(err));
      return false;
    }
    if (line.verbose) stdout += `mkdir: created directory '${name}'\n`;
    return true;
  };
  for (const operand of line.operands) {
    let ok = true;
    for (const dir of ancestors(operand)) {
      const path = fs.resolvePath(cwd, dir);
      const st = await fs.stat(path).catch(() => undefined);
      // An existing ancestor must be a directory the user may search, or the walk stops at it.
      if (st && !st.isDirectory) failed(dir, "ENOTDIR");
      else if (st && !(await fs.reachable(`${path}/entry`))) failed(dir, "EACCES");
      else if (st || (await make(dir))) continue;
      ok = false;
      break;
    }
    if (ok) await make(operand);
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}
