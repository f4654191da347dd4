import { decodeBytesToUtf8, type Command } from "just-bash";
import { quote, type ShellFrame } from "../frame";
import { parseSignal, signalName } from "../jobs-signals";
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
      io.err.push(`${parsed.error ? `timeout: ${parsed.error}\n` : ""}Try 'timeout --help' for more information.\n`);
      return EXIT_CANCELED;
    }
    const [name] = parsed.command;
    const child = control.child({ host: frame.host, user: frame.effectiveUser, kind: "child", interactive: false, login: false, cwd: ctx.cwd, replaceEnv: true, env: ctx.exportedEnv ?? {} });
    if (!name.includes("/") && !child.hasCommand(name)) {
      io.err.push(`timeout: failed to run command ‘${name}’: No such file or directory\n`);
      return 127;
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

/** getopt with "+": options end at the duration. An empty error means usage only. */
function parseArgs(args: string[]): TimeoutArgs | { error: string } {
  let signal = { name: "TERM", number: 15 };
  let verbose = false;
  let preserveStatus = false;
  let i = 0;
  const signalOf = (text: string): typeof signal | undefined => {
    const n = parseSignal(text);
    const name = n === undefined ? undefined : signalName(n);
    return n === undefined || name === undefined ? undefined : { name, number: n };
  };
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      i++;
      break;
    }
    if (!a.startsWith("-") || a === "-") break;
    let value: string | undefined;
    let option: string;
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      option = eq < 0 ? a : a.slice(0, eq);
      if (eq >= 0) value = a.slice(eq + 1);
      const known = ["--signal", "--kill-after", "--verbose", "--foreground", "--preserve-status"].filter((o) => o.startsWith(option));
      if (known.length !== 1) return { error: known.length ? `option '${option}' is ambiguous` : `unrecognized option '${a}'` };
      option = known[0];
      if ((option === "--signal" || option === "--kill-after") && value === undefined) {
        value = args[++i];
        if (value === undefined) return { error: `option '${option}' requires an argument` };
      }
    } else {
      // Clustered short options: -v, -s SIG, -sKILL, -vk 5.
      let j = 1;
      option = "";
      for (; j < a.length; j++) {
        const c = a[j];
        if (c === "v") verbose = true;
        else if (c === "s" || c === "k") {
          option = c === "s" ? "--signal" : "--kill-after";
          value = a.slice(j + 1) || args[++i];
          if (value === undefined) return { error: `option requires an argument -- '${c}'` };
          break;
        } else return { error: `invalid option -- '${c}'` };
      }
      if (!option) continue;
    }
    if (option === "--verbose") verbose = true;
    else if (option === "--preserve-status") preserveStatus = true;
    else if (option === "--signal") {
      const s = signalOf(value!);
      if (!s) return { error: `‘${value}’: invalid signal` };
      signal = s;
    } else if (option === "--kill-after") {
      // Every simulated program ends at the first signal, so the second one is never needed.
      if (parseDuration(value!) === undefined) return { error: `invalid time interval ‘${value}’` };
    }
  }
  if (args.length - i < 2) return { error: "" };
  const seconds = parseDuration(args[i]);
  if (seconds === undefined) return { error: `invalid time interval ‘${args[i]}’` };
  return { seconds, signal, verbose, preserveStatus, command: args.slice(i + 1) };
}

function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?([smhd]?)$/i.exec(text);
  if (!m) return undefined;
  const number = Number(text.slice(0, text.length - m[2].length));
  return number * { "": 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2].toLowerCase() as "" | "s" | "m" | "h" | "d"];
}
