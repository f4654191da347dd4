import { decodeBytesToUtf8, type Command } from "just-bash";
import { quote, type ShellFrame } from "../frame";
import { execFailure } from "./exec-failure";
import { getoptLong, tryHelp, type GetoptTable } from "./getopt-long";
import { runInChild, shellCommand, type ShellControl } from "./index";

/**
 * GNU coreutils nohup: runs a command that outlives the terminal. Where its stdin, stdout or stderr
 * is the terminal, it ignores the input, appends the output to `nohup.out` (in the working
 * directory, else in $HOME) and sends stderr where stdout goes, saying so on stderr as nohup does.
 * The command runs in a shell of its own with `>> nohup.out` as its redirection, so a command that
 * keeps running (`nohup kubectl port-forward … &`) writes to the file as it goes (file-output.ts).
 * Hang-ups do not reach jobs here anyway (a closing terminal ends them): that part of nohup has
 * nothing to change.
 */
/** nohup's getopt: "+" and GNU's two standard options only. */
export const NOHUP_OPTIONS: GetoptTable = { program: "nohup", stopAtOperand: true, options: [{ long: "help" }, { long: "version" }] };

export function nohupCommand(frame: ShellFrame, control: ShellControl): Command {
  return shellCommand(frame, "nohup", async (args, ctx, io) => {
    const read = getoptLong(args, NOHUP_OPTIONS);
    if (read.options.length > 0) {
      io.err.push(`nohup: ${read.options[0].name} is not available in Kubecoach yet\n`);
      return 0;
    }
    const operands = read.operands;
    if (read.error || operands.length === 0) {
      io.err.push(`${read.error ?? "nohup: missing operand"}\n${tryHelp("nohup")}`);
      return 125;
    }
    const [name] = operands;
    const child = control.child({ host: frame.host, user: frame.effectiveUser, kind: "child", interactive: false, login: false, cwd: ctx.cwd, replaceEnv: true, env: ctx.exportedEnv ?? {} });
    const failure = await execFailure(frame, ctx.cwd, name, (n) => child.hasCommand(n));
    if (failure) {
      io.err.push(`nohup: failed to run command '${name}': ${failure.reason}\n`);
      return failure.status;
    }
    const tty = frame.runtime.terminal().isTTY;
    // A job's stdin is the terminal in bash too (the shell marks it `I` only so it reads nothing).
    const stdin = decodeBytesToUtf8(ctx.stdin);
    const ignoringInput = tty && stdin === "";
    const stdoutTerminal = tty && io.position.stdoutToTerminal;
    const stderrTerminal = tty && io.position.stderrToTerminal && !io.position.merged;
    let command = operands.map(quote).join(" ");
    if (stdoutTerminal) {
      const home = ctx.env.get("HOME") ?? frame.effectiveUser.home;
      const file = (await canAppend(frame, `${ctx.cwd}/nohup.out`)) ? "nohup.out" : `${home}/nohup.out`;
      if (file !== "nohup.out" && !(await canAppend(frame, file))) {
        io.err.push(`nohup: failed to open '${file}': Permission denied\n`);
        return 127;
      }
      io.err.push(`nohup: ${ignoringInput ? "ignoring input and appending output to" : "appending output to"} '${file}'\n`);
      command += ` >> ${quote(file)}`;
    } else if (stderrTerminal) io.err.push(`nohup: ${ignoringInput ? "ignoring input and redirecting stderr to stdout" : "redirecting stderr to stdout"}\n`);
    else if (ignoringInput) io.err.push("nohup: ignoring input\n");
    if (stdoutTerminal || stderrTerminal) command += " 2>&1";
    io.out.goLive();
    io.err.goLive();
    return runInChild(child, frame, io, command, stdin || undefined);
  });
}

async function canAppend(frame: ShellFrame, path: string): Promise<boolean> {
  try {
    await frame.fs.appendFile(path, "");
    return true;
  } catch {
    return false;
  }
}
