import type { ExecResult } from "just-bash";
import type { FileOwner } from "../../hosts/filesystem";
import type { ShellFs } from "../shell-fs";

/**
 * coreutils cp's -p, -a (--archive) and --preserve[=LIST]: the copy keeps its source's mode, owner
 * and group (as root; a user keeps what chown(2) allows them, silently, as GNU does) and
 * modification time. just-bash's cp accepts -p and ignores it, and has no -a (`cp -a
 * /etc/kubernetes /etc/kubernetes.bak` failed with "invalid option -- 'a'"), so the options are
 * taken off here, just-bash copies (-a copies recursively), and the attributes are set afterwards
 * on every copied entry, contents before their directory.
 */
interface Preserve {
  mode: boolean;
  ownership: boolean;
  timestamps: boolean;
}

const ALL: Preserve = { mode: true, ownership: true, timestamps: true };

interface CpLine {
  args: string[];
  preserve?: Preserve;
  operands: string[];
}

/** The line for just-bash's cp and what to keep; undefined when the line asks for nothing to be kept. */
function parse(given: string[]): CpLine | undefined {
  const line: CpLine = { args: [], operands: [] };
  const keep = (what: Partial<Preserve>) => (line.preserve = { ...(line.preserve ?? { mode: false, ownership: false, timestamps: false }), ...what });
  for (let i = 0; i < given.length; i++) {
    const a = given[i];
    if (a === "--") {
      line.args.push(...given.slice(i));
      line.operands.push(...given.slice(i + 1));
      break;
    }
    if (a === "--archive") {
      keep(ALL);
      line.args.push("-r");
    } else if (a === "--preserve" || a === "-p") keep(ALL);
    else if (a.startsWith("--preserve=")) {
      const list = a.slice(11).split(",");
      if (list.includes("all")) keep(ALL);
      keep({ mode: list.includes("mode") || undefined, ownership: list.includes("ownership") || undefined, timestamps: list.includes("timestamps") || undefined });
    } else if (/^-[a-zA-Z]+$/.test(a) && /[ap]/.test(a)) {
      // -a is -dR --preserve=all: just-bash copies recursively (its links are copied as they are).
      keep(ALL);
      const rest = a.slice(1).replace(/p/g, "").replace(/a/g, "r").replace(/d|P/g, "");
      if (rest) line.args.push(`-${rest}`);
    } else {
      line.args.push(a);
      if (!a.startsWith("-") || a === "-") line.operands.push(a);
    }
  }
  if (!line.preserve) return undefined;
  for (const key of Object.keys(line.preserve) as (keyof Preserve)[]) line.preserve[key] = !!line.preserve[key];
  return line;
}

const basename = (p: string) => p.replace(/\/+$/, "").split("/").pop() || p;

export async function cpPreserving(fs: ShellFs, cwd: string, given: string[], run: (args: string[]) => Promise<ExecResult>): Promise<ExecResult | undefined> {
  const line = parse(given);
  if (!line) return undefined;
  const { operands, preserve } = line;
  const target = operands.length >= 2 ? fs.resolvePath(cwd, operands[operands.length - 1]) : undefined;
  const intoDirectory = target !== undefined && (await fs.stat(target).then((st) => st.isDirectory, () => false));
  const result = await run(line.args);
  if (!target || !preserve) return result;
  for (const source of operands.slice(0, -1)) {
    const from = fs.resolvePath(cwd, source);
    const to = intoDirectory ? `${target === "/" ? "" : target}/${basename(source)}` : target;
    if (await fs.exists(to)) await keepAttributes(fs, from, to, preserve);
  }
  return result;
}

async function keepAttributes(fs: ShellFs, from: string, to: string, preserve: Preserve): Promise<void> {
  const st = await fs.lstat(from).catch(() => undefined);
  if (!st || st.isSymbolicLink) return;
  if (st.isDirectory) {
    for (const name of await fs.readdir(from).catch(() => [] as string[])) await keepAttributes(fs, `${from}/${name}`, `${to}/${name}`, preserve);
  }
  const { uid, gid } = st as Partial<FileOwner>;
  // A user cannot give a file away: GNU keeps the group where it can and says nothing.
  if (preserve.ownership) await fs.chown(to, { uid, gid }).catch(() => fs.chown(to, { gid }).catch(() => undefined));
  if (preserve.timestamps && st.mtime) await fs.utimes(to, st.mtime, st.mtime).catch(() => undefined);
  if (preserve.mode) await fs.chmod(to, st.mode & 0o7777).catch(() => undefined);
}
