import type { Command } from "just-bash";
import type { ShellFrame } from "../frame";
import type { FsStat } from "just-bash";
import { ownerIds } from "../owners";
import { lookupUser } from "../users";
import { shellCommand } from "./index";

/**
 * coreutils install (just-bash has none), the forms install guides use (`sudo install -o root -g
 * root -m 0755 kubectl /usr/local/bin/kubectl`): copy SOURCE to DEST or SOURCE... into DIRECTORY
 * (-t DIRECTORY), -d to make directories (with their parents), -D to make DEST's leading
 * directories; the copy gets mode 0755 or -m MODE (octal; a symbolic mode is said to be unavailable),
 * and -o/-g OWNER/GROUP by name or number, which only root may give. -v tells what it does, -p
 * keeps the source's modification time, -C leaves a destination that already matches alone, and
 * -s strips: a simulated binary (it starts as an ELF file does) has nothing to strip and stays as it
 * is, anything else fails as strip(1) fails on a file that is no object file. Messages as coreutils 9.1.
 */
const ERRNO: Record<string, string> = { EACCES: "Permission denied", EPERM: "Operation not permitted", ENOENT: "No such file or directory", ENOTDIR: "Not a directory", EISDIR: "Is a directory" };
const text = (err: unknown) => ERRNO[(err as { code?: string }).code ?? ""] ?? ERRNO.EACCES;
const USAGE = "Try 'install --help' for more information.\n";

async function groupId(frame: ShellFrame, name: string): Promise<number | undefined> {
  if (/^\d+$/.test(name)) return Number(name);
  const groups = await frame.fs.readFile("/etc/group").catch(() => "");
  for (const line of groups.split("\n")) {
    const f = line.split(":");
    if (f[0] === name && f.length >= 3) return Number(f[2]);
  }
  return name === "root" ? 0 : undefined;
}

export function installCommand(frame: ShellFrame): Command {
  return shellCommand(frame, "install", async (args, ctx, io) => {
    const fs = frame.fs;
    let mode = 0o755;
    let owner: string | undefined;
    let group: string | undefined;
    let directories = false;
    let leading = false;
    let targetDir: string | undefined;
    let verbose = false;
    let keepTimes = false;
    let compare = false;
    let strip = false;
    const operands: string[] = [];
    const fail = (message: string, usage = false) => {
      io.err.push(`install: ${message}\n${usage ? USAGE : ""}`);
      return 1;
    };
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const value = (short: string, long: string): string | undefined => {
        if (a === short || a === long) return args[++i];
        if (a.startsWith(`${long}=`)) return a.slice(long.length + 1);
        if (a.startsWith(short) && a.length > 2) return a.slice(2);
        return undefined;
      };
      if (a === "--") {
        operands.push(...args.slice(i + 1));
        break;
      }
      if (a === "-d" || a === "--directory") directories = true;
      else if (a === "-D") leading = true;
      else if (a === "-v" || a === "--verbose") verbose = true;
      else if (a === "-p" || a === "--preserve-timestamps") keepTimes = true;
      else if (a === "-C" || a === "--compare") compare = true;
      else if (a === "-s" || a === "--strip") strip = true;
      else if (a === "-c") continue; // ignored, as coreutils ignores it (old BSD compatibility)
      else if (/^-[mogt]/.test(a) || /^--(mode|owner|group|target-directory)(=|$)/.test(a)) {
        const m = value("-m", "--mode");
        const o = m === undefined ? value("-o", "--owner") : undefined;
        const g = m === undefined && o === undefined ? value("-g", "--group") : undefined;
        const t = m === undefined && o === undefined && g === undefined ? value("-t", "--target-directory") : undefined;
        if (m === undefined && o === undefined && g === undefined && t === undefined) return fail(`option requires an argument -- '${a[1]}'`, true);
        if (m !== undefined) {
          if (!/^[0-7]{1,4}$/.test(m)) return fail(/^[ugoa]*[-+=]/.test(m) ? `symbolic modes (‘${m}’) are not available in this lab: give the mode in octal` : `invalid mode ‘${m}’`);
          mode = parseInt(m, 8);
        }
        owner = o ?? owner;
        group = g ?? group;
        targetDir = t ?? targetDir;
      } else if (a.startsWith("-") && a !== "-") return fail(a.startsWith("--") ? `unrecognized option '${a}'` : `invalid option -- '${a[1]}'`, true);
      else operands.push(a);
    }
    const uid = owner === undefined ? undefined : /^\d+$/.test(owner) ? Number(owner) : (await lookupUser(fs, owner))?.uid;
    if (owner !== undefined && uid === undefined) return fail(`invalid user ‘${owner}’`);
    const gid = group === undefined ? undefined : await groupId(frame, group);
    if (group !== undefined && gid === undefined) return fail(`invalid group ‘${group}’`);
    if (operands.length === 0) return fail("missing file operand", true);
    /** Mode, then owner and group, on what was made; false (said) when a step fails. */
    const finish = async (name: string, path: string): Promise<boolean> => {
      try {
        if (uid !== undefined || gid !== undefined) await fs.chown(path, { uid, gid });
      } catch (err) {
        fail(`cannot change ownership of '${name}': ${text(err)}`);
        return false;
      }
      try {
        await fs.chmod(path, mode);
      } catch (err) {
        fail(`cannot change permissions of '${name}': ${text(err)}`);
        return false;
      }
      return true;
    };
    /** mkdir -p, saying each directory it makes under -v (in the operand's own spelling). */
    const makeDirectories = async (name: string): Promise<void> => {
      const parts = name.split("/");
      for (let end = 1; end <= parts.length; end++) {
        const shown = parts.slice(0, end).join("/") + (end === parts.length - 1 && parts[end] === "" ? "/" : "");
        if (parts[end - 1] === "" || parts[end - 1] === ".") continue;
        const path = fs.resolvePath(ctx.cwd, shown);
        if (await fs.exists(path)) continue;
        await fs.mkdir(path);
        if (verbose) io.out.push(`install: creating directory '${shown}'\n`);
      }
    };
    let status = 0;
    if (directories) {
      for (const name of operands) {
        const path = fs.resolvePath(ctx.cwd, name);
        try {
          await makeDirectories(name);
        } catch (err) {
          status = fail(`cannot create directory ‘${name}’: ${text(err)}`);
          continue;
        }
        if (!(await finish(name, path))) status = 1;
      }
      return status;
    }
    const dest = targetDir ?? (operands.length > 1 ? operands.pop()! : undefined);
    if (dest === undefined) return fail(`missing destination file operand after '${operands[0]}'`, true);
    const destPath = fs.resolvePath(ctx.cwd, dest);
    if (leading && targetDir === undefined && dest.includes("/")) await makeDirectories(dest.slice(0, dest.lastIndexOf("/"))).catch(() => undefined);
    const destSt = await fs.stat(destPath).catch(() => undefined);
    const intoDir = targetDir !== undefined || !!destSt?.isDirectory;
    if (operands.length > 1 && !intoDir) return fail(`target '${dest}': ${destSt ? "Not a directory" : "No such file or directory"}`);
    for (const name of operands) {
      const from = fs.resolvePath(ctx.cwd, name);
      let st: FsStat;
      try {
        st = await fs.stat(from);
      } catch (err) {
        status = fail(`cannot stat '${name}': ${text(err)}`);
        continue;
      }
      if (st.isDirectory) {
        status = fail(`omitting directory '${name}'`);
        continue;
      }
      const base = name.replace(/\/+$/, "").split("/").pop() || name;
      const shown = intoDir ? `${dest.replace(/\/+$/, "")}/${base}` : dest;
      const to = intoDir ? `${destPath === "/" ? "" : destPath}/${base}` : destPath;
      const existing = await fs.lstat(to).catch(() => undefined);
      if (compare && existing && (await sameInstall(from, to, existing))) continue;
      // install unlinks what it replaces, so the copy is a new file (its mode, its owner).
      if (existing && !existing.isDirectory) {
        try {
          await fs.rm(to);
        } catch (err) {
          status = fail(`cannot remove '${shown}': ${text(err)}`);
          continue;
        }
        if (verbose) io.out.push(`removed '${shown}'\n`);
      }
      if (verbose) io.out.push(`'${name}' -> '${shown}'\n`);
      try {
        await fs.cp(from, to);
      } catch (err) {
        status = fail(`cannot create regular file '${shown}': ${text(err)}`);
        continue;
      }
      if (strip && !(await isObjectFile(to))) {
        io.err.push(`strip: ${shown}: file format not recognized\n`);
        await fs.rm(to).catch(() => undefined);
        status = fail("strip process terminated abnormally");
        continue;
      }
      if (!(await finish(shown, to))) status = 1;
      else if (keepTimes) await fs.utimes(to, st.mtime, st.mtime).catch(() => undefined);
    }
    return status;

    /** -C: the destination is a regular file with the same bytes, the mode and the owners it would get. */
    async function sameInstall(from: string, to: string, dest: FsStat): Promise<boolean> {
      if (!dest.isFile || mode & ~0o777 || (dest.mode & 0o7777) !== mode) return false;
      const user = frame.effectiveUser;
      const { uid: destUid, gid: destGid } = ownerIds(dest);
      if (destUid !== (uid ?? user.uid) || destGid !== (gid ?? user.gid)) return false;
      const [a, b] = await Promise.all([fs.readFileBuffer(from), fs.readFileBuffer(to)]);
      return Buffer.from(a).equals(Buffer.from(b));
    }

    /** What strip(1) would accept: the lab's binaries start with ELF's magic number. */
    async function isObjectFile(path: string): Promise<boolean> {
      const bytes = await fs.readFileBuffer(path).catch(() => new Uint8Array());
      return Buffer.from(bytes.subarray(0, 4)).equals(Buffer.from("\u007fELF", "latin1"));
    }
  });
}
