import type { Command } from "just-bash";
import type { ShellFrame } from "../frame";
import type { ShellFs } from "../shell-fs";
import { lookupUser } from "../users";
import { shellCommand, type ShellControl } from "./index";

/**
 * scp between the workstation and the nodes (the exam's way to fetch a kubeconfig or a
 * certificate from a node), as OpenSSH 8.9 on Ubuntu 22.04 does it with its default (legacy SCP)
 * protocol: `scp [-r] [-p] SOURCE... TARGET`, each operand local or `[user@]host:path`, a remote
 * path relative to that user's home, each side's permissions those of its user. Errors found on a
 * remote side carry the `scp: ` prefix and local ones do not, as the real client prints them.
 * The progress meter is not drawn (as with -q).
 */
const FLAGS_WITH_VALUE = new Set(["-P", "-i", "-o", "-F", "-c", "-l", "-S", "-J", "-D"]);
const USAGE = `usage: scp [-346ABCOpqRrsTv] [-c cipher] [-D sftp_server_path] [-F ssh_config]
           [-i identity_file] [-J destination] [-l limit]
           [-o ssh_option] [-P port] [-S program] source ... target
`;
/** A new file gets the source's permission bits less the default umask, as the legacy sink creates it. */
const UMASK = 0o022;

interface Side {
  fs: ShellFs;
  path: string;
  /** Where errors come from: a remote side's are prefixed with `scp: `. */
  remote: boolean;
}

class ScpError extends Error {}

/** scp's colon(): `host:path` is remote unless a slash comes before the colon (`./a:b` is a local file). */
function splitRemote(operand: string): { login?: string; host: string; path: string } | undefined {
  const colon = operand.indexOf(":");
  if (colon <= 0 || operand.slice(0, colon).includes("/")) return undefined;
  const target = operand.slice(0, colon);
  const at = target.lastIndexOf("@");
  return { login: at >= 0 ? target.slice(0, at) : undefined, host: at >= 0 ? target.slice(at + 1) : target, path: operand.slice(colon + 1) };
}

function fail(side: Side, message: string): never {
  throw new ScpError(side.remote ? `scp: ${message}` : message);
}

function errno(e: unknown): string {
  const code = (e as { code?: string }).code;
  return code === "EACCES" ? "Permission denied" : code === "ENOTDIR" ? "Not a directory" : code === "EISDIR" ? "Is a directory" : "No such file or directory";
}

function basename(path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  return trimmed.slice(trimmed.lastIndexOf("/") + 1) || "/";
}

async function isDirectory(side: Side): Promise<boolean> {
  try {
    return (await side.fs.stat(side.path)).isDirectory;
  } catch {
    return false;
  }
}

async function copy(source: Side, target: Side, recursive: boolean, preserve: boolean): Promise<void> {
  let stat;
  try {
    stat = await source.fs.stat(source.path);
  } catch (e) {
    fail(source, `${source.path}: ${errno(e)}`);
  }
  if (stat.isDirectory) {
    if (!recursive) fail(source, `${source.path}: not a regular file`);
    try {
      if (!(await isDirectory(target))) await target.fs.mkdir(target.path);
    } catch (e) {
      fail(target, `${target.path}: ${errno(e)}`);
    }
    for (const name of await source.fs.readdir(source.path)) {
      await copy({ ...source, path: `${source.path.replace(/\/+$/, "")}/${name}` }, { ...target, path: `${target.path.replace(/\/+$/, "")}/${name}` }, recursive, preserve);
    }
    return;
  }
  let content: Uint8Array;
  try {
    content = await source.fs.readFileBuffer(source.path);
  } catch (e) {
    fail(source, `${source.path}: ${errno(e)}`);
  }
  const existed = await target.fs.exists(target.path);
  try {
    await target.fs.writeFile(target.path, content);
    if (!existed || preserve) await target.fs.chmod(target.path, preserve ? stat.mode & 0o7777 : stat.mode & 0o777 & ~UMASK);
  } catch (e) {
    fail(target, `${target.path}: ${errno(e)}`);
  }
}

export function scpCommand(frame: ShellFrame, control: ShellControl): Command {
  return shellCommand(frame, "scp", async (args, ctx, io) => {
    let recursive = false;
    let preserve = false;
    const operands: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === "--") {
        operands.push(...args.slice(i + 1));
        break;
      }
      if (!a.startsWith("-") || a === "-") {
        operands.push(a);
        continue;
      }
      const flag = a.slice(0, 2);
      if (FLAGS_WITH_VALUE.has(flag)) {
        if (a.length === 2 && args[++i] === undefined) {
          io.err.push(`scp: option requires an argument -- ${flag.slice(1)}\n${USAGE}`);
          return 1;
        }
        continue;
      }
      for (const letter of a.slice(1)) {
        if (letter === "r") recursive = true;
        else if (letter === "p") preserve = true;
        else if (!"346ABCOqRsTv".includes(letter)) {
          io.err.push(`scp: unknown option -- ${letter}\n${USAGE}`);
          return 1;
        }
      }
    }
    if (operands.length < 2) {
      io.err.push(USAGE);
      return 1;
    }
    const sides = new Map<string, ShellFs>();
    const sideOf = async (operand: string): Promise<Side | string> => {
      const remote = splitRemote(operand);
      if (!remote) return { fs: frame.fs, path: frame.fs.resolvePath(ctx.cwd, operand), remote: false };
      const host = control.findHost(remote.host);
      if (!host) return `ssh: Could not resolve hostname ${remote.host}: Name or service not known\r\nlost connection\n`;
      const userName = remote.login ?? frame.effectiveUser.name;
      const user = await lookupUser(host.fs, userName);
      if (!user) return `${userName}@${remote.host}: Permission denied (publickey).\r\nlost connection\n`;
      const key = `${userName}@${host.name}`;
      let fs = sides.get(key);
      if (!fs) sides.set(key, (fs = control.child({ host, user, kind: "child", interactive: false, login: false }).fs));
      return { fs, path: fs.resolvePath(user.home, remote.path || "."), remote: true };
    };
    const target = await sideOf(operands[operands.length - 1]);
    if (typeof target === "string") {
      io.err.push(target);
      return 1;
    }
    const targetIsDir = await isDirectory(target);
    let status = 0;
    for (const operand of operands.slice(0, -1)) {
      const source = await sideOf(operand);
      if (typeof source === "string") {
        io.err.push(source);
        status = 1;
        continue;
      }
      try {
        if (operands.length > 2 && !targetIsDir) fail(target, `${target.path}: Not a directory`);
        const destination = targetIsDir ? { ...target, path: `${target.path.replace(/\/+$/, "")}/${basename(source.path)}` } : target;
        await copy(source, destination, recursive, preserve);
      } catch (e) {
        if (!(e instanceof ScpError)) throw e;
        io.err.push(`${e.message}\n`);
        status = 1;
      }
    }
    return status;
  });
}
