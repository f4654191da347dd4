import type { Command } from "just-bash";
import type { FileOwner } from "../../hosts/filesystem";
import type { ShellFrame } from "../frame";
import { idNames, ownerIds, type IdNames } from "../owners";
import { parsePasswd } from "../users";
import type { InvocationIO } from "../bridge";
import { getoptLong, tryHelp, type GetoptTable, type OptionSpec } from "./getopt-long";
import { shellCommand } from "./index";

/**
 * chown and chgrp as GNU coreutils 9.1 has them: specs by name or number (`user`, `user:group`,
 * `user:` for the login group, `:group`), --reference, --from, -R (directories after what they
 * hold, as chown's tree walk does), -h, and the -v/-c reports. Only root gives a file away; an
 * owner may move a file into one of their own groups (ShellFs.chown decides, as the kernel does).
 */

const quote = (s: string) => `‘${s}’`;

/** What to set: an id left out stays as it is; the names are what the reports print. */
interface Change {
  uid?: number;
  gid?: number;
  /** The user as the spec gave it ("" for chown's `:group`); undefined when the user is not changed. */
  user?: string;
  group?: string;
}

interface Options {
  recursive: boolean;
  verbosity: "silent" | "normal" | "changes" | "verbose";
  dereference: boolean | undefined;
  traverse: "H" | "L" | "P";
  reference?: string;
  from?: string;
  preserveRoot: boolean;
}

type Program = "chown" | "chgrp";

interface Accounts {
  users: { name: string; uid: number; gid: number }[];
  groups: { name: string; gid: number }[];
}

async function accounts(frame: ShellFrame): Promise<Accounts> {
  const users = parsePasswd(await frame.fs.readFile("/etc/passwd").catch(() => ""));
  if (!users.some((u) => u.name === "root")) users.push({ name: "root", uid: 0, gid: 0, home: "/root", shell: "" });
  const groups = (await frame.fs.readFile("/etc/group").catch(() => "root:x:0:\n"))
    .split("\n")
    .map((l) => l.split(":"))
    .filter((f) => f.length >= 3)
    .map((f) => ({ name: f[0], gid: Number(f[2]) }));
  if (!groups.some((g) => g.name === "root")) groups.push({ name: "root", gid: 0 });
  return { users, groups };
}

/** A user or group word: a name the machine knows, else a number (`+N` is always a number). */
function idOf(word: string, named: { name: string; id: number }[]): number | undefined {
  if (word.startsWith("+") && /^\+\d+$/.test(word)) return Number(word.slice(1));
  const found = named.find((n) => n.name === word);
  if (found) return found.id;
  return /^\d+$/.test(word) ? Number(word) : undefined;
}

/** Parses chown's OWNER[:[GROUP]] (or chgrp's GROUP); a string is the error to print. */
function parseSpec(program: Program, spec: string, known: Accounts, io: InvocationIO): Change | string {
  const userIds = known.users.map((u) => ({ name: u.name, id: u.uid }));
  const groupIds = known.groups.map((g) => ({ name: g.name, id: g.gid }));
  const groupName = (gid: number) => known.groups.find((g) => g.gid === gid)?.name ?? String(gid);
  if (program === "chgrp") {
    const gid = spec === "" ? undefined : idOf(spec, groupIds);
    return gid === undefined ? `invalid group: ${quote(spec)}` : { gid, group: spec };
  }
  let sep = spec.indexOf(":");
  // The old `user.group` form: coreutils still takes it, with a warning, when no user has that name.
  if (sep < 0 && spec.includes(".") && idOf(spec, userIds) === undefined) {
    io.err.push(`chown: warning: '.' should be ':': ${quote(spec)}\n`);
    sep = spec.indexOf(".");
  }
  const userWord = sep < 0 ? spec : spec.slice(0, sep);
  const groupWord = sep < 0 ? "" : spec.slice(sep + 1);
  const change: Change = {};
  if (userWord) {
    change.uid = idOf(userWord, userIds);
    if (change.uid === undefined) return `invalid user: ${quote(spec)}`;
    change.user = userWord;
    if (sep >= 0 && !groupWord) {
      // `user:` is the user's login group, which only a named user has.
      const account = known.users.find((u) => u.name === userWord);
      if (!account) return `invalid spec: ${quote(spec)}`;
      change.gid = account.gid;
      change.group = groupName(account.gid);
    }
  } else if (groupWord) change.user = "";
  if (groupWord) {
    change.gid = idOf(groupWord, groupIds);
    if (change.gid === undefined) return `invalid group: ${quote(spec)}`;
    change.group = groupWord;
  }
  return change;
}

/** A user[:group] pair as the reports print it (coreutils' user_group_str). */
function pair(user: string | undefined, group: string | undefined): string | undefined {
  if (user !== undefined) return group !== undefined ? `${user}:${group}` : user;
  return group;
}

function describe(file: string, status: "changed" | "failed" | "retained", change: Change, old?: { user: string; group: string }): string {
  const spec = pair(change.user, change.group);
  const oldSpec = old ? pair(change.user !== undefined ? old.user : undefined, change.group !== undefined ? old.group : undefined) : undefined;
  const what = change.user !== undefined ? "ownership" : change.group !== undefined ? "group" : undefined;
  const f = `'${file}'`;
  if (status === "changed") return what ? `changed ${what} of ${f} from ${oldSpec} to ${spec}\n` : `no change to ownership of ${f}\n`;
  if (status === "retained") return what ? `${what} of ${f} retained as ${oldSpec}\n` : `ownership of ${f} retained\n`;
  if (!what) return `failed to change ownership of ${f}\n`;
  return oldSpec !== undefined ? `failed to change ${what} of ${f} from ${oldSpec} to ${spec}\n` : `failed to change ${what} of ${f} to ${spec}\n`;
}

/** chown.c's and chgrp.c's getopt tables, in their order (chgrp has no --from). */
const OWNERSHIP_LONG: OptionSpec[] = [
  { long: "recursive", key: "R" }, { long: "changes", key: "c" }, { long: "dereference" }, { long: "from", argument: "required" },
  { long: "no-dereference", key: "h" }, { long: "no-preserve-root" }, { long: "preserve-root" }, { long: "quiet", key: "f" },
  { long: "silent", key: "f" }, { long: "reference", argument: "required" }, { long: "verbose", key: "v" }, { long: "help" }, { long: "version" },
];
const OWNERSHIP_SHORT: OptionSpec[] = [..."HLPRcfhv"].map((short) => ({ short }));
export const OWNERSHIP_OPTIONS: Record<Program, GetoptTable> = {
  chown: { program: "chown", options: [...OWNERSHIP_LONG, ...OWNERSHIP_SHORT] },
  chgrp: { program: "chgrp", options: [...OWNERSHIP_LONG.filter((o) => o.long !== "from"), ...OWNERSHIP_SHORT] },
};

function parseOptions(program: Program, args: string[], io: InvocationIO): { options: Options; operands: string[] } | number {
  const options: Options = { recursive: false, verbosity: "normal", dereference: undefined, traverse: "P", preserveRoot: false };
  const read = getoptLong(args, OWNERSHIP_OPTIONS[program]);
  for (const { key, value, name } of read.options) {
    if (key === "R") options.recursive = true;
    else if (key === "v") options.verbosity = "verbose";
    else if (key === "c") options.verbosity = "changes";
    else if (key === "f") options.verbosity = "silent";
    else if (key === "dereference") options.dereference = true;
    else if (key === "h") options.dereference = false;
    else if (key === "H" || key === "L" || key === "P") options.traverse = key;
    else if (key === "preserve-root") options.preserveRoot = true;
    else if (key === "no-preserve-root") options.preserveRoot = false;
    else if (key === "reference") options.reference = value;
    else if (key === "from") options.from = value;
    else {
      io.err.push(`${program}: ${name} is not available in Kubecoach\n`);
      return 1;
    }
  }
  if (read.error) {
    io.err.push(`${read.error}\n${tryHelp(program)}`);
    return 1;
  }
  return { options, operands: read.operands };
}

function ownership(program: Program, frame: ShellFrame): Command {
  return shellCommand(frame, program, async (args, ctx, io) => {
    const parsed = parseOptions(program, args, io);
    if (typeof parsed === "number") return parsed;
    const { options, operands } = parsed;
    const usage = (text: string) => {
      io.err.push(`${program}: ${text}\nTry '${program} --help' for more information.\n`);
      return 1;
    };
    const needed = options.reference === undefined ? 2 : 1;
    if (operands.length === 0) return usage("missing operand");
    if (operands.length < needed) return usage(`missing operand after ${quote(operands[0])}`);
    // With -R, links met on the way are not followed unless -H or -L says so (chown's -P default).
    if (options.recursive && options.traverse === "P") {
      if (options.dereference === true) return usage("-R --dereference requires either -H or -L");
      options.dereference = false;
    }
    const dereference = options.dereference ?? true;
    const known = await accounts(frame);
    const names = await idNames(frame.fs);
    let change: Change;
    let files: string[];
    if (options.reference !== undefined) {
      let ref: FileOwner;
      try {
        ref = ownerIds(await frame.fs.stat(frame.fs.resolvePath(ctx.cwd, options.reference)));
      } catch {
        io.err.push(`${program}: failed to get attributes of '${options.reference}': No such file or directory\n`);
        return 1;
      }
      change = program === "chgrp" ? { gid: ref.gid, group: names.group(ref.gid) } : { uid: ref.uid, gid: ref.gid, user: names.user(ref.uid), group: names.group(ref.gid) };
      files = operands;
    } else {
      const spec = parseSpec(program, operands[0], known, io);
      if (typeof spec === "string") {
        io.err.push(`${program}: ${spec}\n`);
        return 1;
      }
      change = spec;
      files = operands.slice(1);
    }
    let from: Change | undefined;
    if (options.from !== undefined) {
      const spec = parseSpec("chown", options.from, known, io);
      if (typeof spec === "string") {
        io.err.push(`chown: ${spec}\n`);
        return 1;
      }
      from = spec;
    }
    const run: Run = { frame, io, program, options, change, from, names, dereference };
    let ok = true;
    for (const file of files) {
      const path = frame.fs.resolvePath(ctx.cwd, file);
      if (options.recursive && options.preserveRoot && path === "/") {
        io.err.push(`${program}: it is dangerous to operate recursively on '/'\n${program}: use --no-preserve-root to override this failsafe\n`);
        ok = false;
        continue;
      }
      ok = (await changeTree(run, file, path, true)) && ok;
    }
    return ok ? 0 : 1;
  });
}

interface Run {
  frame: ShellFrame;
  io: InvocationIO;
  program: Program;
  options: Options;
  change: Change;
  from?: Change;
  names: IdNames;
  dereference: boolean;
}

/** Changes one operand and, with -R, what a directory holds first (coreutils reports them in that order). */
async function changeTree(run: Run, file: string, path: string, top: boolean): Promise<boolean> {
  const { frame, io, program, options } = run;
  const quiet = options.verbosity === "silent";
  // A link given on the command line is followed under -H; below it, only -L follows links.
  const follow = run.dereference || (options.recursive && (options.traverse === "L" || (top && options.traverse === "H")));
  let st;
  try {
    st = await frame.fs.lstat(path);
    if (follow && st.isSymbolicLink) st = await frame.fs.stat(path);
  } catch {
    const denied = await frame.fs.existsForAnyone(path);
    if (!quiet) io.err.push(`${program}: cannot access '${file}': ${denied ? "Permission denied" : "No such file or directory"}\n`);
    if (options.verbosity === "verbose") io.out.push(describe(file, "failed", run.change));
    return false;
  }
  let ok = true;
  if (options.recursive && st.isDirectory) {
    let children: string[] = [];
    try {
      children = await frame.fs.readdir(path);
    } catch {
      if (!quiet) io.err.push(`${program}: cannot read directory '${file}': Permission denied\n`);
      ok = false;
    }
    for (const name of children) ok = (await changeTree(run, `${file.replace(/\/$/, "")}/${name}`, `${path === "/" ? "" : path}/${name}`, false)) && ok;
  }
  return (await changeOne(run, file, path, ownerIds(st), follow)) && ok;
}

async function changeOne(run: Run, file: string, path: string, current: FileOwner, follow: boolean): Promise<boolean> {
  const { frame, io, program, options, change, from, names } = run;
  const old = { user: names.user(current.uid), group: names.group(current.gid) };
  const report = (status: "changed" | "failed" | "retained") => {
    if (options.verbosity === "verbose" || (options.verbosity === "changes" && status === "changed")) io.out.push(describe(file, status, change, old));
  };
  // --from: only files with that owner and group are changed; the rest are left as they are.
  if (from && ((from.uid !== undefined && from.uid !== current.uid) || (from.gid !== undefined && from.gid !== current.gid))) {
    report("retained");
    return true;
  }
  const wanted: Partial<FileOwner> = {};
  if (change.uid !== undefined) wanted.uid = change.uid;
  if (change.gid !== undefined) wanted.gid = change.gid;
  try {
    await frame.fs.chown(path, wanted, follow);
  } catch (err) {
    const code = (err as { code?: string }).code;
    const reason = code === "EPERM" ? "Operation not permitted" : code === "EACCES" ? "Permission denied" : code === "ENOTSUP" ? "Operation not supported" : "No such file or directory";
    if (options.verbosity !== "silent") io.err.push(`${program}: changing ${program === "chgrp" ? "group" : "ownership"} of '${file}': ${reason}\n`);
    report("failed");
    return false;
  }
  const same = (change.uid === undefined || change.uid === current.uid) && (change.gid === undefined || change.gid === current.gid);
  report(same ? "retained" : "changed");
  return true;
}

export function ownershipCommands(frame: ShellFrame): Command[] {
  return [ownership("chown", frame), ownership("chgrp", frame)];
}
