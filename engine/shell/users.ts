import type { IFileSystem } from "just-bash";

/** A Unix account as /etc/passwd describes it. */
export interface UserAccount {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

export const ROOT: UserAccount = { name: "root", uid: 0, gid: 0, home: "/root", shell: "/bin/bash" };

/** Parses /etc/passwd lines (`name:x:uid:gid:gecos:home:shell`). */
export function parsePasswd(text: string): UserAccount[] {
  const users: UserAccount[] = [];
  for (const line of text.split("\n")) {
    const f = line.split(":");
    if (f.length < 7 || line.startsWith("#")) continue;
    users.push({ name: f[0], uid: Number(f[2]), gid: Number(f[3]), home: f[5], shell: f[6] });
  }
  return users;
}

/** The account named `name` on a host, from its /etc/passwd; root always exists. */
export async function lookupUser(fs: IFileSystem, name: string): Promise<UserAccount | undefined> {
  let text = "";
  try {
    text = await fs.readFile("/etc/passwd");
  } catch {
    // A container image or a bare host without /etc/passwd still has root.
  }
  return parsePasswd(text).find((u) => u.name === name) ?? (name === "root" ? ROOT : undefined);
}

/** Group names of a user, from /etc/group (primary group first). */
export async function groupsOf(fs: IFileSystem, user: UserAccount): Promise<{ gid: number; name: string }[]> {
  let text = "";
  try {
    text = await fs.readFile("/etc/group");
  } catch {
    return [{ gid: user.gid, name: user.gid === 0 ? "root" : user.name }];
  }
  const groups = text
    .split("\n")
    .map((l) => l.split(":"))
    .filter((f) => f.length >= 4);
  const primary = groups.find((f) => Number(f[2]) === user.gid);
  const out = [{ gid: user.gid, name: primary?.[0] ?? String(user.gid) }];
  for (const f of groups) {
    if (Number(f[2]) !== user.gid && f[3].split(",").includes(user.name)) out.push({ gid: Number(f[2]), name: f[0] });
  }
  return out;
}
