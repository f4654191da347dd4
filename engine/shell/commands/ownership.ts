import type { Command } from "just-bash";
import type { ShellFrame } from "../frame";
import { lookupUser, parsePasswd } from "../users";
import { ownerOf } from "./files";
import { shellCommand } from "./index";

/**
 * chown and chgrp (GNU coreutils). The lab's filesystems keep no owner per file: a file belongs to
 * the user whose home holds it, else to root, and its group is that user's (`ownerOf`, which `ls
 * -l` and `stat` show). So these check what the real ones check — the spec, that the user and
 * group exist, that the files exist, that only root may give a file away — and succeed where the
 * file already has that owner and group (`sudo chown $(id -u):$(id -g) $HOME/.kube/config`, the
 * kubeadm instructions); any other change says plainly that it is not available.
 */

const quote = (s: string) => `‘${s}’`;
const UNAVAILABLE = "changing a file's owner is not available in Kubecoach yet (a file belongs to the user whose home holds it, else to root)";

interface Target {
  user?: string;
  group?: string;
}

async function groupNames(frame: ShellFrame): Promise<{ name: string; gid: number }[]> {
  const text = await frame.fs.readFile("/etc/group").catch(() => "root:x:0:\n");
  return text
    .split("\n")
    .map((l) => l.split(":"))
    .filter((f) => f.length >= 3)
    .map((f) => ({ name: f[0], gid: Number(f[2]) }));
}

/** A user name or uid as a name (a uid /etc/passwd does not know stays a number). */
async function resolveUser(frame: ShellFrame, word: string): Promise<string | undefined> {
  if (await lookupUser(frame.fs, word)) return word;
  if (!/^\d+$/.test(word)) return undefined;
  const users = parsePasswd(await frame.fs.readFile("/etc/passwd").catch(() => ""));
  return users.find((u) => u.uid === Number(word))?.name ?? (word === "0" ? "root" : word);
}

async function resolveGroup(frame: ShellFrame, word: string): Promise<string | undefined> {
  const groups = await groupNames(frame);
  if (groups.some((g) => g.name === word) || word === "root") return word;
  if (!/^\d+$/.test(word)) return undefined;
  return groups.find((g) => g.gid === Number(word))?.name ?? (word === "0" ? "root" : word);
}

function ownership(program: "chown" | "chgrp", frame: ShellFrame): Command {
  return shellCommand(frame, program, async (args, ctx, io) => {
    const fail = (text: string, usage = false) => {
      io.err.push(`${program}: ${text}\n${usage ? `Try '${program} --help' for more information.\n` : ""}`);
      return 1;
    };
    let recursive = false;
    let verbose = false;
    let quiet = false;
    const operands: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === "--") {
        operands.push(...args.slice(i + 1));
        break;
      }
      if (a.startsWith("--")) {
        if (a === "--recursive") recursive = true;
        else if (a === "--verbose" || a === "--changes") verbose ||= a === "--verbose";
        else if (a === "--silent" || a === "--quiet") quiet = true;
        else if (a === "--dereference" || a === "--no-dereference" || a === "--preserve-root" || a === "--no-preserve-root") continue;
        else if (a.startsWith("--reference") || a.startsWith("--from")) return fail(`${a.split("=")[0]} is not available in Kubecoach yet`);
        else return fail(`unrecognized option '${a}'`, true);
        continue;
      }
      if (!a.startsWith("-") || a === "-") {
        operands.push(a);
        continue;
      }
      for (const c of a.slice(1)) {
        if (c === "R") recursive = true;
        else if (c === "v") verbose = true;
        else if (c === "f") quiet = true;
        else if (!"chHLP".includes(c)) return fail(`invalid option -- '${c}'`, true);
      }
    }
    if (operands.length === 0) return fail("missing operand", true);
    if (operands.length === 1) return fail(`missing operand after ${quote(operands[0])}`, true);
    const [spec, ...files] = operands;
    const target: Target = {};
    if (program === "chgrp") {
      target.group = await resolveGroup(frame, spec);
      if (target.group === undefined) return fail(`invalid group: ${quote(spec)}`);
    } else {
      let sep = spec.indexOf(":");
      if (sep < 0 && spec.includes(".") && !(await lookupUser(frame.fs, spec))) {
        io.err.push(`chown: warning: '.' should be ':': ${quote(spec)}\n`);
        sep = spec.indexOf(".");
      }
      const userWord = sep < 0 ? spec : spec.slice(0, sep);
      const groupWord = sep < 0 ? "" : spec.slice(sep + 1);
      if (userWord) {
        target.user = await resolveUser(frame, userWord);
        if (target.user === undefined) return fail(`invalid user: ${quote(spec)}`);
        // `user:` is the user and their login group.
        if (sep >= 0 && !groupWord) target.group = target.user;
      }
      if (groupWord) {
        target.group = await resolveGroup(frame, groupWord);
        if (target.group === undefined) return fail(`invalid group: ${quote(spec)}`);
      }
    }
    const me = frame.effectiveUser.name;
    let status = 0;
    for (const file of files) {
      const path = frame.fs.resolvePath(ctx.cwd, file);
      if (!(await frame.fs.exists(path))) {
        if (!quiet) io.err.push(`${program}: cannot access '${file}': No such file or directory\n`);
        status = 1;
        continue;
      }
      const owner = ownerOf(path);
      const user = target.user ?? owner;
      const group = target.group ?? owner;
      const inside = recursive ? await homesUnder(frame, path) : [];
      const same = user === owner && group === owner && inside.every((h) => h === user && h === group);
      if (me !== "root" && !(same && owner === me)) {
        if (!quiet) io.err.push(`${program}: changing ${program === "chgrp" ? "group" : "ownership"} of '${file}': Operation not permitted\n`);
        status = 1;
        continue;
      }
      if (!same) {
        if (!quiet) io.err.push(`${program}: changing ${program === "chgrp" ? "group" : "ownership"} of '${file}': ${UNAVAILABLE}\n`);
        status = 1;
        continue;
      }
      if (verbose) io.out.push(program === "chgrp" ? `group of '${file}' retained as ${group}\n` : `ownership of '${file}' retained as ${target.group === undefined ? user : `${user}:${group}`}\n`);
    }
    return status;
  });
}

/** The users whose homes lie under `path` (what -R would reach besides the path's own owner). */
async function homesUnder(frame: ShellFrame, path: string): Promise<string[]> {
  if (path.startsWith("/home/")) return [];
  if (path !== "/" && path !== "/home") return [];
  const names = await frame.fs.readdir("/home").catch(() => [] as string[]);
  return names;
}

export function ownershipCommands(frame: ShellFrame): Command[] {
  return [ownership("chown", frame), ownership("chgrp", frame)];
}
