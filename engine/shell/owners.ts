import type { FsStat, IFileSystem } from "just-bash";
import type { FileOwner } from "../hosts/filesystem";

/**
 * Who owns a file, by name, as `ls -l`, `stat` and `find -user` show it: the ids the host's
 * filesystem keeps with each entry, named from the machine's /etc/passwd and /etc/group (an id
 * neither names is shown as its number, as coreutils does). A tree that keeps no owners (an
 * image layer) is root's.
 */
export interface OwnerNames extends FileOwner {
  user: string;
  group: string;
}

/** The ids on a stat result (root's where the filesystem keeps none). */
export function ownerIds(st: FsStat): FileOwner {
  const { uid = 0, gid = 0 } = st as Partial<FileOwner>;
  return { uid, gid };
}

/** Names by id from a passwd- or group-format file (name:x:id:…), parsed once per text. */
const parsed = new Map<string, Map<number, string>>();

function namesById(text: string): Map<number, string> {
  let names = parsed.get(text);
  if (!names) {
    names = new Map();
    for (const line of text.split("\n")) {
      const f = line.split(":");
      if (f.length >= 3 && f[0] && !names.has(Number(f[2]))) names.set(Number(f[2]), f[0]);
    }
    if (parsed.size > 16) parsed.clear();
    parsed.set(text, names);
  }
  return names;
}

export interface IdNames {
  user(uid: number): string;
  group(gid: number): string;
}

/** The machine's names for user and group ids (root's ids are root even without the files). */
export async function idNames(fs: IFileSystem): Promise<IdNames> {
  const read = (path: string) => fs.readFile(path).catch(() => "");
  const [users, groups] = [namesById(await read("/etc/passwd")), namesById(await read("/etc/group"))];
  return {
    user: (uid) => users.get(uid) ?? (uid === 0 ? "root" : String(uid)),
    group: (gid) => groups.get(gid) ?? (gid === 0 ? "root" : String(gid)),
  };
}

/** The owner of `path` (the link itself unless `follow`); throws as stat does when it is missing. */
export async function ownerOf(fs: IFileSystem, path: string, follow = false): Promise<OwnerNames> {
  const st = follow ? await fs.stat(path) : await fs.lstat(path);
  const { uid, gid } = ownerIds(st);
  const names = await idNames(fs);
  return { uid, gid, user: names.user(uid), group: names.group(gid) };
}
