import { bytesOutput, defineCommand, unsafeBytesFromLatin1, type Command, type ResolvedCommandContext } from "just-bash";
import type { Environment } from "../../cluster/environment";
import type { Host } from "../../hosts/host";
import { finishPipe, invocationIO, PIPE_AWARE, type InvocationIO } from "../bridge";
import type { FrameKind, FrameSpec, ShellFrame } from "../frame";
import type { UserAccount } from "../users";
import { awkCommand } from "./awk";
import { diffCommand } from "./diff";
import { dircolorsCommand } from "./dircolors";
import { editorCommands } from "./editors";
import { fileCommands } from "./files";
import { historyCommands } from "./history";
import { identityCommands } from "./identity";
import { jqCommand } from "./jq";
import { yqCommand } from "./yq";
import { nohupCommand } from "./nohup";
import { odCommand } from "./od";
import { ownershipCommands } from "./ownership";
import { useraddCommand } from "./useradd";
import { pagerCommands } from "./pager";
import { mktempCommand } from "./mktemp";
import { realpathCommand } from "./realpath";
import { installCommand } from "./install";
import { statCommand } from "./stat";
import { sortCommand } from "./sort";
import { duCommand } from "./du";
import { scpCommand } from "./scp";
import { sessionCommands } from "./session";
import { textCommands, uniqCommand } from "./text";
import { timeoutCommand } from "./timeout";
import { yesCommand } from "./yes";
import { watchCommand } from "./watch";
import { xargsCommand } from "./xargs";

/**
 * Commands that belong to the terminal rather than to a simulated program: they open shells
 * (`ssh`, `sudo`, `su`), read the terminal's history, clear its screen, open its editor or re-run
 * command lines (`watch`). Everything else is a Program in PROGRAMS.
 */
export interface ShellControl {
  environment: Environment;
  interactive(): boolean;
  /** The innermost shell of the terminal. */
  current(): ShellFrame;
  depth(): number;
  /** Opens a shell on top of the current one once the current command line has finished. */
  openShell(request: { host: Host; user: UserAccount; kind: FrameKind; login: boolean; cwd?: string }): void;
  /** A throw-away shell for `ssh host CMD`, `sudo CMD`, `watch CMD`. */
  child(spec: FrameSpec): ShellFrame;
  history(): readonly string[];
  clearHistory(): void;
  deleteHistory(index: number): void;
  clearScreen(): string;
  findHost(nameOrIp: string): Host | undefined;
}

export type ShellCommandBody = (args: string[], ctx: ResolvedCommandContext, io: InvocationIO) => Promise<number>;

/** A terminal command with the same output rules as programs (see bridge.ts). */
export function shellCommand(frame: ShellFrame, name: string, body: ShellCommandBody): Command {
  const command = defineCommand(name, async (args, ctx) => {
    await frame.runtime.tick();
    const io = invocationIO(frame.runtime, ctx);
    await io.pipe?.open();
    const resume = frame.fs.suspendSource();
    let exitCode: number;
    try {
      exitCode = await body(args, ctx, io);
    } catch (err) {
      io.err.push(`${name}: ${err instanceof Error ? err.message : String(err)}\n`);
      exitCode = 1;
    } finally {
      resume();
    }
    if (io.pipe) return finishPipe(frame.runtime, ctx, io, exitCode);
    // Bytes written with pushBytes reach a pipe or file as they are (`echo -e '\xff'`).
    if (io.out.binary) return { ...bytesOutput(unsafeBytesFromLatin1(await io.out.settle())), stderr: await io.err.settle(), exitCode };
    return { stdout: await io.out.settle(), stderr: await io.err.settle(), exitCode };
  });
  PIPE_AWARE.add(command);
  return command;
}

/** Runs `script` in a child shell, its output going to the invoking command's channels. */
export async function runInChild(child: ShellFrame, parent: ShellFrame, io: InvocationIO, script: string, stdin?: string): Promise<number> {
  child.line = {
    sink: (data, stream) => (stream === "stdout" ? io.out.push(data) : io.err.push(data)),
    signal: io.signal,
    charge: () => undefined,
    tick: () => parent.line.tick(),
  };
  const result = await child.run(script, stdin ? { stdin } : {});
  return result.exitCode;
}

export function shellCommands(frame: ShellFrame, control: ShellControl): Command[] {
  return [
    ...identityCommands(frame, control),
    ...sessionCommands(frame, control),
    ...historyCommands(frame, control),
    ...editorCommands(frame),
    ...textCommands(frame, control),
    ...fileCommands(frame, control),
    watchCommand(frame, control),
    timeoutCommand(frame, control),
    yesCommand(frame),
    nohupCommand(frame, control),
    xargsCommand(frame),
    uniqCommand(frame),
    odCommand(frame),
    ...ownershipCommands(frame),
    useraddCommand(frame),
    diffCommand(frame),
    dircolorsCommand(frame),
    awkCommand(frame),
    realpathCommand(frame),
    installCommand(frame),
    mktempCommand(frame, control),
    statCommand(frame),
    sortCommand(frame),
    duCommand(frame),
    ...pagerCommands(frame),
    scpCommand(frame, control),
    jqCommand(frame),
    yqCommand(frame),
  ];
}
