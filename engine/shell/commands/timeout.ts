import { decodeBytesToUtf8, type Command } from "just-bash";
import { quote, type ShellFrame } from "../frame";
import { parseSignal, signalName } from "../jobs-signals";
import { execFailure } from "./exec-failure";
import { getoptLong, tryHelp, type GetoptTable } from "./getopt-long";
import { runInChild, shellCommand, type ShellControl } from "./index";

/**
 * GNU coreutils 9.1 `timeout`: runs a command and signals it when the duration has passed on the
 * session's clock, so `timeout 5 kubectl get pods -w` shows the watch for five (simulated) seconds
 * and then returns 124, and `timeout 2 sleep 5` ends after two. The deadline is an alarm beside the
 * command's own waits (JobTable.alarm), not a wait of its own: on the virtual clock of a script it
 * fires when the command's waits reach it. just-bash's timeout counted wall time against our
 * simulated waits and held a watch's output until the end.
 */
export function timeoutCommand(frame: ShellFrame, control: ShellControl): Command {
  return shellCommand(frame, "timeout", async (args, ctx, io) => {
    const parsed = parseArgs(args);
    if ("error" in parsed) {
      io.err.push(`${parsed.error ? `${parsed.error}\n` : ""}${parsed.usage === false ? "" : tryHelp("timeout")}`);
      return EXIT_CANCELED;
    }
    const [name] = parsed.command;
    const child = control.child({ host: frame.host, user: frame.effectiveUser, kind: "child", interactive: false, login: false, cwd: ctx.cwd, replaceEnv: true, env: ctx.exportedEnv ?? {} });
    const failure = await execFailure(frame, ctx.cwd, name, (n) => child.hasCommand(n));
    if (failure) {
      io.err.push(`timeout: failed to run command ‘${name}’: ${failure.reason}\n`);
      return failure.status;
    }

    // The command's output is seen as it comes, as from any program that waits.
    io.out.goLive();
    io.err.goLive();
    const stop = new AbortController();
    const interrupt = () => stop.abort();
    io.signal.addEventListener("abort", interrupt, { once: true });
    const alarmOff = new AbortController();
    let timedOut = false;
    if (parsed.seconds > 0) {
      void frame.runtime.alarm(parsed.seconds * 1000, alarmOff.signal).then(() => {
        if (alarmOff.signal.aborted || stop.signal.aborted) return;
        timedOut = true;
        if (parsed.verbose) io.err.push(`timeout: sending signal ${parsed.signal.name} to command ‘${name}’\n`);
        stop.abort();
      });
    }
    let status: number;
    try {
      const stdin = decodeBytesToUtf8(ctx.stdin);
      status = await runInChild(child, frame, { ...io, signal: stop.signal }, parsed.command.map(quote).join(" "), stdin || undefined);
    } finally {
      alarmOff.abort();
      io.signal.removeEventListener("abort", interrupt);
    }
    if (!timedOut) return status;
    // timeout signals its whole process group, itself included when the signal is KILL.
    if (parsed.signal.number === 9) return 128 + 9;
    return parsed.preserveStatus ? 128 + parsed.signal.number : EXIT_TIMED_OUT;
  });
}

const EXIT_TIMED_OUT = 124;
const EXIT_CANCELED = 125;


interface TimeoutArgs {
  seconds: number;
  signal: { name: string; number: number };
  verbose: boolean;
  preserveStatus: boolean;
  command: string[];
}

/** timeout.c's getopt table ("+": options end at the duration), in its order. */
export const TIMEOUT_OPTIONS: GetoptTable = {
  program: "timeout",
  stopAtOperand: true,
  options: [
    { long: "kill-after", short: "k", argument: "required" }, { long: "signal", short: "s", argument: "required" },
    { long: "verbose", short: "v" }, { long: "foreground" }, { long: "preserve-status" }, { long: "help" }, { long: "version" },
  ],
};

/** The error's line (an empty one: usage only), and whether the `Try` line follows it. */
type ParseError = { error: string; usage?: false };

function parseArgs(args: string[]): TimeoutArgs | ParseError {
  let signal = { name: "TERM", number: 15 };
  let verbose = false;
  let preserveStatus = false;
  const signalOf = (text: string): typeof signal | undefined => {
    const n = parseSignal(text);
    const name = n === undefined ? undefined : signalName(n);
    return n === undefined || name === undefined ? undefined : { name, number: n };
  };
  const read = getoptLong(args, TIMEOUT_OPTIONS);
  for (const { key, value, name } of read.options) {
    if (key === "v") verbose = true;
    else if (key === "preserve-status") preserveStatus = true;
    else if (key === "foreground") continue;
    else if (key === "s") {
      const s = signalOf(value!);
      if (!s) return { error: `timeout: ‘${value}’: invalid signal` };
      signal = s;
    } else if (key === "k") {
      // Every simulated program ends at the first signal, so the second one is never needed.
      if (parseDuration(value!) === undefined) return { error: `timeout: invalid time interval ‘${value}’` };
    } else return { error: `timeout: ${name} is not available in Kubecoach`, usage: false };
  }
  if (read.error) return { error: read.error };
  const rest = read.operands;
  if (rest.length < 2) return { error: "" };
  const seconds = parseDuration(rest[0]);
  if (seconds === undefined) return { error: `timeout: invalid time interval ‘${rest[0]}’` };
  return { seconds, signal, verbose, preserveStatus, command: rest.slice(1) };
}

function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?([smhd]?)$/i.exec(text);
  if (!m) return undefined;
  const number = Number(text.slice(0, text.length - m[2].length));
  return number * { "": 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2].toLowerCase() as "" | "s" | "m" | "h" | "d"];
}
