import { decodeBytesToUtf8, type Command } from "just-bash";
import { programEnv } from "../bridge";
import type { ShellFrame } from "../frame";
import { quote } from "../frame";
import { groupsOf, lookupUser, type UserAccount } from "../users";
import { runInChild, shellCommand, type ShellControl } from "./index";

/**
 * ssh, sudo and su: the ways a CKA candidate moves between machines and users. With no command
 * they open a shell on top of the current one (`exit` comes back); with a command they run it in a
 * child shell and return its status, as OpenSSH, sudo 1.9 and util-linux su do.
 */
const SSH_FLAGS_WITH_VALUE = new Set(["-p", "-i", "-l", "-o", "-F", "-E", "-J", "-L", "-R", "-D", "-b", "-c", "-m", "-S", "-W", "-w", "-Q", "-O", "-e", "-I", "-B"]);
const SECURE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/snap/bin";
/** OpenSSH's notice when a shell is asked for but stdin is not a terminal (logit: ends in \r\n). */
const NO_PTY = "Pseudo-terminal will not be allocated because stdin is not a terminal.\r\n";

export function sessionCommands(frame: ShellFrame, control: ShellControl): Command[] {
  return [
    shellCommand(frame, "ssh", async (args, ctx, io) => {
      let login: string | undefined;
      let destination: string | undefined;
      // -t asks for a pty for the remote command (-tt even when stdin is not a terminal).
      let ttyRequests = 0;
      let i = 0;
      for (; i < args.length; i++) {
        const a = args[i];
        if (a === "--") {
          i++;
          break;
        }
        if (!a.startsWith("-") || a === "-") break;
        const flag = a.slice(0, 2);
        if (SSH_FLAGS_WITH_VALUE.has(flag)) {
          const value = a.length > 2 ? a.slice(2) : args[++i];
          if (value === undefined) {
            io.err.push(`option requires an argument -- ${flag.slice(1)}\n${SSH_USAGE}`);
            return 255;
          }
          if (flag === "-l") login = value;
        } else {
          ttyRequests += [...a.slice(1)].filter((c) => c === "t").length;
        }
      }
      destination = args[i++];
      if (!destination) {
        io.err.push(SSH_USAGE);
        return 255;
      }
      const command = args.slice(i);
      if (destination.includes("@")) {
        login = destination.slice(0, destination.lastIndexOf("@"));
        destination = destination.slice(destination.lastIndexOf("@") + 1);
      }
      const host = control.findHost(destination);
      if (!host) {
        io.err.push(`ssh: Could not resolve hostname ${destination}: Name or service not known\n`);
        return 255;
      }
      const userName = login ?? frame.effectiveUser.name;
      const user = await lookupUser(host.fs, userName);
      if (!user) {
        io.err.push(`${userName}@${destination}: Permission denied (publickey).\n`);
        return 255;
      }
      const stdin = decodeBytesToUtf8(ctx.stdin);
      if (command.length === 0 && !stdin) {
        // A script's lines are not a terminal: OpenSSH asks for no pty, says so, and (having no
        // pty) prints no "Connection to … closed." when the shell exits.
        if (!control.interactive()) io.err.push(NO_PTY);
        control.openShell({ host, user, kind: "ssh", login: true });
        return 0;
      }
      // Without a pty the remote command's stdout is a pipe back to ssh: `ssh node01 ls` prints one
      // name a line and `grep --color=auto` does not colour, as on a real machine.
      const pty = ttyRequests >= 2 || (ttyRequests === 1 && control.interactive());
      const child = control.child({ host, user, kind: "child", interactive: false, login: false, ...(pty ? {} : { noTerminal: true }) });
      if (command.length === 0) {
        io.err.push(NO_PTY);
        return runInChild(child, frame, io, stdin);
      }
      return runInChild(child, frame, io, command.join(" "), stdin || undefined);
    }),

    shellCommand(frame, "sudo", async (args, ctx, io) => {
      let target = "root";
      let loginShell = false;
      let shell = false;
      let preserveEnv = false;
      let list = false;
      let i = 0;
      for (; i < args.length; i++) {
        const a = args[i];
        if (a === "--") {
          i++;
          break;
        }
        if (!a.startsWith("-") || a === "-") break;
        if (a === "-u" || a === "--user") target = args[++i] ?? "";
        else if (a.startsWith("-u")) target = a.slice(2);
        else if (a.startsWith("--user=")) target = a.slice(7);
        else if (a === "-i" || a === "--login") loginShell = true;
        else if (a === "-s" || a === "--shell") shell = true;
        else if (a === "-E" || a.startsWith("--preserve-env")) preserveEnv = true;
        else if (a === "-l" || a === "--list") list = true;
        else if (a === "-h" || a === "--help") {
          io.out.push(SUDO_USAGE);
          return 0;
        } else if (a === "-V" || a === "--version") {
          io.out.push("Sudo version 1.9.9\nSudoers policy plugin version 1.9.9\nSudoers file grammar version 48\nSudoers I/O plugin version 1.9.9\nSudoers audit plugin version 1.9.9\n");
          return 0;
        } else if (/^-[nHkKSbPv]+$/.test(a)) {
          if (a.includes("k") || a.includes("K") || a.includes("v")) continue;
        } else {
          io.err.push(`sudo: invalid option -- '${a.replace(/^-+/, "")[0]}'\n${SUDO_USAGE}`);
          return 1;
        }
      }
      const me = frame.effectiveUser;
      if (!(await maySudo(frame, me))) {
        io.err.push(`${me.name} is not in the sudoers file.  This incident will be reported.\n`);
        return 1;
      }
      if (list) {
        io.out.push(`Matching Defaults entries for ${me.name} on ${frame.host.name}:\n    env_reset, mail_badpass, secure_path=${SECURE_PATH}, use_pty\n\nUser ${me.name} may run the following commands on ${frame.host.name}:\n    (ALL : ALL) NOPASSWD: ALL\n`);
        return 0;
      }
      const user = await lookupUser(frame.fs, target);
      if (!user) {
        io.err.push(`sudo: unknown user ${target}\nsudo: error initializing audit plugin sudoers_audit\n`);
        return 1;
      }
      const command = args.slice(i);
      const opensShell = command.length === 0 || ((command[0] === "bash" || command[0] === "sh" || command[0] === "/bin/bash") && command.length === 1);
      if (opensShell) {
        if (command.length === 0 && !loginShell && !shell) {
          io.err.push(SUDO_USAGE);
          return 1;
        }
        control.openShell({ host: frame.host, user, kind: "sudo", login: loginShell, ...(loginShell ? {} : { cwd: ctx.cwd }) });
        return 0;
      }
      const name = command[0];
      const child = control.child({
        host: frame.host,
        user,
        kind: "child",
        interactive: false,
        login: false,
        cwd: loginShell ? user.home : ctx.cwd,
        replaceEnv: !preserveEnv,
        env: {
          // The shell's own position marker stays with this shell (transform.ts topLevel).
          ...(preserveEnv ? programEnv(ctx) : {}),
          HOME: user.home,
          LOGNAME: user.name,
          USER: user.name,
          SHELL: user.shell,
          MAIL: `/var/mail/${user.name}`,
          PATH: SECURE_PATH,
          TERM: ctx.exportedEnv?.TERM ?? "xterm-256color",
          LANG: "C.UTF-8",
          SUDO_USER: me.name,
          SUDO_UID: String(me.uid),
          SUDO_GID: String(me.gid),
          SUDO_COMMAND: command.join(" "),
        },
      });
      if (!name.includes("/") && !child.hasCommand(name)) {
        io.err.push(`sudo: ${name}: command not found\n`);
        return 1;
      }
      const stdin = decodeBytesToUtf8(ctx.stdin);
      const script = shell || loginShell ? command.join(" ") : command.map(quote).join(" ");
      return runInChild(child, frame, io, script, stdin || undefined);
    }),

    shellCommand(frame, "su", async (args, ctx, io) => {
      let login = false;
      let command: string | undefined;
      let name = "root";
      for (let i = 0; i < args.length; i++) {
        const a = args[i];
        if (a === "-" || a === "-l" || a === "--login") login = true;
        else if (a === "-c" || a === "--command") command = args[++i];
        else if (a.startsWith("--command=")) command = a.slice(10);
        else if (a.startsWith("-")) continue;
        else name = a;
      }
      const user = await lookupUser(frame.fs, name);
      if (!user) {
        io.err.push(`su: user ${name} does not exist or the user entry does not contain all the required fields\n`);
        return 1;
      }
      if (frame.effectiveUser.uid !== 0) {
        io.err.push("Password: \nsu: Authentication failure\n");
        return 1;
      }
      if (command === undefined) {
        control.openShell({ host: frame.host, user, kind: "su", login, ...(login ? {} : { cwd: ctx.cwd }) });
        return 0;
      }
      const child = control.child({ host: frame.host, user, kind: "child", interactive: false, login: false, cwd: login ? user.home : ctx.cwd });
      return runInChild(child, frame, io, command);
    }),
  ];
}

async function maySudo(frame: ShellFrame, user: UserAccount): Promise<boolean> {
  if (user.uid === 0) return true;
  const groups = await groupsOf(frame.fs, user);
  return groups.some((g) => g.name === "sudo" || g.name === "admin" || g.name === "wheel");
}

const SSH_USAGE = `usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface]
           [-b bind_address] [-c cipher_spec] [-D [bind_address:]port]
           [-E log_file] [-e escape_char] [-F configfile] [-I pkcs11]
           [-i identity_file] [-J [user@]host[:port]] [-L address]
           [-l login_name] [-m mac_spec] [-O ctl_cmd] [-o option] [-p port]
           [-Q query_option] [-R address] [-S ctl_path] [-W host:port]
           [-w local_tun[:remote_tun]] destination [command [argument ...]]
`;

const SUDO_USAGE = `usage: sudo -h | -K | -k | -V
usage: sudo -v [-ABknS] [-g group] [-h host] [-p prompt] [-u user]
usage: sudo -l [-ABknS] [-g group] [-h host] [-p prompt] [-U user] [-u user]
            [command]
usage: sudo [-ABbEHknPS] [-r role] [-t type] [-C num] [-D directory] [-g
            group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user]
            [VAR=value] [-i|-s] [<command>]
usage: sudo -e [-ABknS] [-r role] [-t type] [-C num] [-D directory] [-g
            group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user]
            file ...
`;
