import type { Command } from "just-bash";
import type { ShellFrame } from "../frame";
import { formatDate } from "./date";
import { runInChild, shellCommand, type ShellControl } from "./index";

/**
 * procps `watch`: runs a command through `sh -c` every interval, clearing the screen and printing
 * the "Every 2.0s: …" header, until Ctrl-C. Like the real one it needs a terminal.
 */
export function watchCommand(frame: ShellFrame, control: ShellControl): Command {
  return shellCommand(frame, "watch", async (args, ctx, io) => {
    let interval = 2;
    let title = true;
    let exitOnError = false;
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i];
      if (a === "--") {
        i++;
        break;
      }
      if (!a.startsWith("-")) break;
      if (a === "-n" || a === "--interval") interval = Number(args[++i]);
      else if (a.startsWith("-n")) interval = Number(a.slice(2));
      else if (a.startsWith("--interval=")) interval = Number(a.slice(11));
      else if (a === "-t" || a === "--no-title") title = false;
      else if (a === "-e" || a === "--errexit") exitOnError = true;
      else if (/^-[dgcxbp]+$/.test(a) || a.startsWith("--differences") || a === "--color" || a === "--precise" || a === "--beep" || a === "--exec" || a === "--chgexit") continue;
      else {
        io.err.push(`watch: invalid option -- '${a.replace(/^-+/, "")[0]}'\n${USAGE}`);
        return 1;
      }
    }
    if (!Number.isFinite(interval)) {
      io.err.push(`watch: failed to parse argument: '${args[i - 1]}'\n`);
      return 1;
    }
    interval = Math.max(0.1, interval);
    const command = args.slice(i).join(" ");
    if (!command) {
      io.err.push(USAGE);
      return 1;
    }
    const terminal = frame.runtime.terminal();
    if (!terminal.isTTY) {
      io.err.push("Error opening terminal: unknown.\n");
      return 1;
    }
    io.out.goLive();
    while (!io.signal.aborted) {
      let output = "";
      const child = control.child({ host: frame.host, user: frame.effectiveUser, kind: "child", interactive: false, login: false, cwd: ctx.cwd, replaceEnv: true, env: ctx.exportedEnv ?? {} });
      const capture = { ...io, out: { push: (d: string) => (output += d) }, err: { push: (d: string) => (output += d) } } as unknown as typeof io;
      const status = await runInChild(child, frame, capture, command);
      if (io.signal.aborted) break;
      let screen = control.clearScreen();
      if (title) {
        const left = `Every ${interval.toFixed(1)}s: ${command}`;
        const right = `${frame.host.name}: ${formatDate(new Date(control.environment.clock.now()), "%a %b %e %H:%M:%S %Y")}`;
        const gap = Math.max(1, terminal.columns - left.length - right.length);
        screen += `${left}${" ".repeat(gap)}${right}\n\n`;
      }
      const rows = output.split("\n").slice(0, Math.max(1, terminal.rows - (title ? 2 : 0)));
      io.out.push(screen + rows.map((r) => r.slice(0, terminal.columns)).join("\n"));
      if (exitOnError && status !== 0) {
        io.out.push(`\ncommand exit with a non-zero status, press a key to exit\n`);
        return 8;
      }
      await io.sleep(interval * 1000);
    }
    return 0;
  });
}

const USAGE = `
Usage:
 watch [options] command

Options:
  -b, --beep             beep if command has a non-zero exit
  -c, --color            interpret ANSI color and style sequences
  -d, --differences[=<permanent>]
                         highlight changes between updates
  -e, --errexit          exit if command has a non-zero exit
  -g, --chgexit          exit when output from command changes
  -n, --interval <secs>  seconds to wait between updates
  -p, --precise          attempt run command in precise intervals
  -t, --no-title         turn off header
  -x, --exec             pass command to exec instead of "sh -c"

 -h, --help     display this help and exit
 -v, --version  output version information and exit

For more details see watch(1).
`;
