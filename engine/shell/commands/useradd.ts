import type { Command } from "just-bash";
import type { ShellFrame } from "../frame";
import { parsePasswd } from "../users";
import { getoptLong, type GetoptTable } from "./getopt-long";
import { shellCommand } from "./index";

/**
 * useradd (shadow-utils 4.8, Ubuntu 22.04) over the host's /etc/passwd, /etc/group and /etc/shadow,
 * which is where `id`, `su`, `ssh USER@host` and `ls -l` learn about accounts. Options: -m/-M, -d,
 * -s, -u, -g, -G, -N, -c, -r; its messages and exit statuses for an existing user or group, a
 * missing group, a bad name and a caller who is not root. Defaults as Ubuntu's: shell /bin/sh, no
 * home directory without -m, a group of the user's name.
 */

const USAGE = "Usage: useradd [options] LOGIN\n       useradd -D\n       useradd -D [options]\n\n(useradd's option list is not shown in Kubecoach yet)\n";

interface Entry {
  fields: string[];
}

function table(text: string): Entry[] {
  return text
    .split("\n")
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => ({ fields: l.split(":") }));
}

/** The first free id from `from` (1000 for users, 100 for system accounts), above those in use. */
function nextId(used: number[], from: number, to: number): number {
  const taken = used.filter((n) => n >= from && n <= to);
  return taken.length ? Math.max(...taken) + 1 : from;
}

/** shadow's getopt table for useradd, in its order (`useradd --=x` lists it). */
export const USERADD_OPTIONS: GetoptTable = {
  program: "useradd",
  options: [
    { long: "base-dir", short: "b", argument: "required" }, { long: "btrfs-subvolume-home" }, { long: "badname" },
    { long: "comment", short: "c", argument: "required" }, { long: "home-dir", short: "d", argument: "required" }, { long: "defaults", short: "D" },
    { long: "expiredate", short: "e", argument: "required" }, { long: "inactive", short: "f", argument: "required" },
    { long: "add-subids-for-system", short: "F" }, { long: "gid", short: "g", argument: "required" },
    { long: "groups", short: "G", argument: "required" }, { long: "help", short: "h" }, { long: "skel", short: "k", argument: "required" },
    { long: "key", short: "K", argument: "required" }, { long: "no-log-init", short: "l" }, { long: "create-home", short: "m" },
    { long: "no-create-home", short: "M" }, { long: "no-user-group", short: "N" }, { long: "non-unique", short: "o" },
    { long: "password", short: "p", argument: "required" }, { long: "system", short: "r" }, { long: "root", short: "R", argument: "required" },
    { long: "prefix", short: "P", argument: "required" }, { long: "shell", short: "s", argument: "required" },
    { long: "uid", short: "u", argument: "required" }, { long: "user-group", short: "U" }, { long: "selinux-user", short: "Z", argument: "required" },
  ],
};

export function useraddCommand(frame: ShellFrame): Command {
  return shellCommand(frame, "useradd", async (args, _ctx, io) => {
    const o: { home?: string; shell?: string; uid?: number; group?: string; groups: string[]; comment: string; create: boolean; userGroup: boolean; system: boolean } = { groups: [], comment: "", create: false, userGroup: true, system: false };
    const read = getoptLong(args, USERADD_OPTIONS);
    for (const { key, value, name } of read.options) {
      if (key === "m") o.create = true;
      else if (key === "M") o.create = false;
      else if (key === "N") o.userGroup = false;
      else if (key === "U") o.userGroup = true;
      else if (key === "r") o.system = true;
      // No lastlog or faillog here for -l to leave alone.
      else if (key === "l") continue;
      else if (key === "d") o.home = value;
      else if (key === "s") o.shell = value;
      else if (key === "u") o.uid = Number(value);
      else if (key === "g") o.group = value;
      else if (key === "G") o.groups = value!.split(",").filter(Boolean);
      else if (key === "c") o.comment = value!;
      else {
        io.err.push(`useradd: ${name} is not available in Kubecoach\n`);
        return 2;
      }
    }
    if (read.error) {
      io.err.push(`${read.error}\n${USAGE}`);
      return 2;
    }
    const names = read.operands;
    if (names.length !== 1) {
      io.err.push(USAGE);
      return 2;
    }
    const [name] = names;
    if (frame.effectiveUser.uid !== 0) {
      io.err.push("useradd: Permission denied.\nuseradd: cannot lock /etc/passwd; try again later.\n");
      return 1;
    }
    if (!/^[a-z_][a-z0-9_-]*\$?$/.test(name) || name.length > 32) {
      io.err.push(`useradd: invalid user name '${name}'\n`);
      return 3;
    }
    const fs = frame.fs;
    const passwdText = await fs.readFile("/etc/passwd").catch(() => "");
    const groupText = await fs.readFile("/etc/group").catch(() => "");
    const users = parsePasswd(passwdText);
    const groups = table(groupText);
    if (users.some((u) => u.name === name)) {
      io.err.push(`useradd: user '${name}' already exists\n`);
      return 9;
    }
    if (o.uid !== undefined && (!Number.isInteger(o.uid) || o.uid < 0)) {
      io.err.push(`useradd: invalid user ID '${args[args.indexOf("-u") + 1] ?? ""}'\n`);
      return 3;
    }
    if (o.uid !== undefined && users.some((u) => u.uid === o.uid)) {
      io.err.push(`useradd: UID ${o.uid} is not unique\n`);
      return 4;
    }
    const findGroup = (g: string) => groups.find((e) => e.fields[0] === g || (/^\d+$/.test(g) && e.fields[2] === g));
    let gid: number;
    if (o.group !== undefined) {
      const found = findGroup(o.group);
      if (!found) {
        io.err.push(`useradd: group '${o.group}' does not exist\n`);
        return 6;
      }
      gid = Number(found.fields[2]);
    } else if (o.userGroup) {
      if (findGroup(name)) {
        io.err.push(`useradd: group ${name} exists - if you want to add this user to that group, use -g.\n`);
        return 9;
      }
      gid = -1;
    } else gid = 100;
    for (const g of o.groups) {
      if (!findGroup(g)) {
        io.err.push(`useradd: group '${g}' does not exist\n`);
        return 6;
      }
    }
    const [low, high] = o.system ? [100, 999] : [1000, 59999];
    const uid = o.uid ?? nextId(users.map((u) => u.uid), low, high);
    if (gid < 0) {
      const usedGids = groups.map((e) => Number(e.fields[2]));
      gid = usedGids.includes(uid) ? nextId(usedGids, low, high) : uid;
      groups.push({ fields: [name, "x", String(gid), ""] });
    }
    for (const g of o.groups) {
      const entry = findGroup(g)!;
      const members = (entry.fields[3] ?? "").split(",").filter(Boolean);
      entry.fields[3] = [...members, name].join(",");
    }
    const home = o.home ?? `/home/${name}`;
    const shell = o.shell ?? "/bin/sh";
    await fs.writeFile("/etc/passwd", `${passwdText}${passwdText && !passwdText.endsWith("\n") ? "\n" : ""}${name}:x:${uid}:${gid}:${o.comment}:${home}:${shell}\n`);
    await fs.writeFile("/etc/group", groups.map((e) => e.fields.join(":")).join("\n") + "\n");
    const shadow = await fs.readFile("/etc/shadow").catch(() => undefined);
    if (shadow !== undefined) {
      const day = Math.floor(frame.runtime.environment.clock.now() / 86_400_000);
      await fs.writeFile("/etc/shadow", `${shadow}${shadow && !shadow.endsWith("\n") ? "\n" : ""}${name}:!:${day}:0:99999:7:::\n`);
    }
    if (o.create) {
      if (await fs.exists(home)) {
        io.err.push(`useradd: warning: the home directory ${home} already exists.\nuseradd: Not copying any file from skel directory into it.\n`);
      } else {
        await fs.mkdir(home, { recursive: true });
        // Ubuntu's login.defs: HOME_MODE 0750.
        await fs.chmod(home, 0o750);
        for (const file of await fs.readdir("/etc/skel").catch(() => [] as string[])) {
          await fs.writeFile(`${home}/${file}`, await fs.readFile(`/etc/skel/${file}`));
        }
        // The home and what skel put in it belong to the new user (useradd creates them as root).
        for (const path of [home, ...(await fs.readdir(home)).map((file) => `${home}/${file}`)]) await fs.chown(path, { uid, gid });
      }
    }
    return 0;
  });
}
