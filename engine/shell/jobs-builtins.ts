import type { Command } from "just-bash";
import type { InvocationIO } from "./bridge";
import { shellCommand } from "./commands";
import type { ShellFrame } from "./frame";
import { signalHostPid } from "../tools/proc/signals";
import type { Job, JobTable } from "./jobs";
import { WAIT_COMMAND } from "./jobs-command";
import { parseSignal, signalName, signalTable, SIGTERM } from "./jobs-signals";

/**
 * bash's job-control builtins: jobs, kill, wait, fg, bg, disown, suspend, with bash's messages and exit
 * statuses. `table()` is the terminal's job table for its shells, undefined in a job's own shell
 * (a subshell has no jobs of its own to wait for).
 */
export function jobBuiltins(frame: ShellFrame, table: () => JobTable | undefined): Command[] {
  return [
    shellCommand(frame, "jobs", async (args, _ctx, io) => jobsBuiltin(args, table(), io)),
    shellCommand(frame, "kill", async (args, _ctx, io) => killBuiltin(args, table(), io, (pid, signal) => frame.shell.signalSelf(pid, signal) ? "delivered" : signalHostPid(frame.runtime.environment, frame.host, frame.effectiveUser.name, pid, signal))),
    shellCommand(frame, WAIT_COMMAND, async (args, _ctx, io) => waitBuiltin(args, table(), io)),
    shellCommand(frame, "fg", async (args, _ctx, io) => fgBuiltin(args, table(), io)),
    shellCommand(frame, "bg", async (args, _ctx, io) => bgBuiltin(args, table(), io)),
    shellCommand(frame, "disown", async (args, _ctx, io) => disownBuiltin(args, table(), io)),
    shellCommand(frame, "suspend", async (args, _ctx, io) => suspendBuiltin(args, frame.spec.login, io)),
  ];
}

type Found = { job: Job } | { error: string };

/** A job spec as the builtin `name` resolves it, with bash's error text when it names no job. */
function resolve(name: string, spec: string, table: JobTable | undefined): Found {
  const found = table?.find(spec);
  if (found === "ambiguous") return { error: `bash: ${name}: ${spec.replace(/^%\??/, "")}: ambiguous job spec\nbash: ${name}: ${spec}: no such job\n` };
  if (!found) return { error: `bash: ${name}: ${spec}: no such job\n` };
  return { job: found };
}

/** The job `fg`/`bg`/`disown` act on without an argument: the current one. */
function currentJob(name: string, table: JobTable | undefined): Found {
  const job = table?.current();
  return job ? { job } : { error: `bash: ${name}: current: no such job\n` };
}

/** Splits leading `-abc` option letters off; an unknown one is bash's "invalid option". */
function options(name: string, args: string[], allowed: string, usage: string, io: InvocationIO): { letters: Set<string>; rest: string[] } | undefined {
  const letters = new Set<string>();
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      i++;
      break;
    }
    if (!/^-./.test(arg)) break;
    for (const letter of arg.slice(1)) {
      if (!allowed.includes(letter)) {
        io.err.push(`bash: ${name}: -${letter}: invalid option\n${name}: usage: ${usage}\n`);
        return undefined;
      }
      letters.add(letter);
    }
  }
  return { letters, rest: args.slice(i) };
}

function jobsBuiltin(args: string[], table: JobTable | undefined, io: InvocationIO): number {
  const parsed = options("jobs", args, "lnprsx", "jobs [-lnprs] [jobspec ...] or jobs -x command [args]", io);
  if (!parsed) return 2;
  const { letters, rest } = parsed;
  if (letters.has("x")) {
    io.err.push("kubecoach: jobs -x is not available in Kubecoach yet\n");
    return 1;
  }
  let jobs: Job[] = [...(table?.list() ?? [])];
  let status = 0;
  if (rest.length) {
    jobs = [];
    for (const spec of rest) {
      const found = resolve("jobs", spec, table);
      if ("error" in found) {
        io.err.push(found.error);
        status = 1;
      } else jobs.push(found.job);
    }
  }
  if (letters.has("s")) jobs = jobs.filter((j) => j.state === "stopped");
  if (letters.has("r")) jobs = jobs.filter((j) => j.state === "running");
  // -n: only jobs whose status changed since last reported (an end, a stop, a SIGCONT); a running
  // job was reported when it started.
  if (letters.has("n")) jobs = jobs.filter((j) => (j.state === "done" && !j.notified) || (j.state === "stopped" && !j.stopReported) || (j.state === "running" && j.continueUnreported));
  let out = "";
  for (const job of jobs) {
    out += letters.has("p") ? `${job.pid}\n` : table!.describe(job, letters.has("l"));
    if (job.state === "done") job.notified = true;
    if (job.state === "stopped") job.stopReported = true;
    job.continueUnreported = false;
  }
  io.out.push(out);
  return status;
}

const KILL_USAGE = "kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n";

/** Signals a host process (a PID from ps or pgrep) that is not one of the shell's jobs. */
type HostKill = (pid: number, signal: number) => "delivered" | "not-permitted" | "no-such-process";

async function killBuiltin(args: string[], table: JobTable | undefined, io: InvocationIO, hostKill?: HostKill): Promise<number> {
  let signal = SIGTERM;
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      i++;
      break;
    }
    if (arg === "-l" || arg === "-L") return listSignals(args.slice(i + 1), io);
    if (arg === "-s" || arg === "-n") {
      const spec = args[i + 1];
      if (spec === undefined) {
        io.err.push(`bash: kill: ${arg}: option requires an argument\n`);
        return 1;
      }
      const n = parseSignal(spec);
      if (n === undefined) {
        io.err.push(`bash: kill: ${spec}: invalid signal specification\n`);
        return 1;
      }
      signal = n;
      i++;
      continue;
    }
    // -9, -KILL, -SIGKILL; a negative number that is no signal is a process group (-PID).
    if (/^-./.test(arg)) {
      const n = parseSignal(arg.slice(1));
      if (n !== undefined) {
        signal = n;
        continue;
      }
      if (/^-\d+$/.test(arg)) break;
      io.err.push(`bash: kill: ${arg.slice(1)}: invalid signal specification\n`);
      return 1;
    }
    break;
  }
  const targets = args.slice(i);
  if (targets.length === 0) {
    io.err.push(KILL_USAGE);
    return 2;
  }
  let succeeded = false;
  for (const target of targets) {
    let job: Job | undefined;
    if (target.startsWith("%")) {
      const found = resolve("kill", target, table);
      if ("error" in found) {
        io.err.push(found.error);
        continue;
      }
      job = found.job;
    } else if (/^-?\d+$/.test(target)) {
      const pid = Math.abs(Number(target));
      job = table?.byPid(pid);
      if (!job) {
        const outcome = hostKill?.(pid, signal) ?? "no-such-process";
        if (outcome === "delivered") succeeded = true;
        else io.err.push(outcome === "not-permitted" ? `bash: kill: (${pid}) - Operation not permitted\n` : `bash: kill: (${pid}) - No such process\n`);
        continue;
      }
    } else {
      io.err.push(`bash: kill: ${target}: arguments must be process or job IDs\n`);
      continue;
    }
    if (job.state === "done") {
      io.err.push(`bash: kill: (${job.pid}) - No such process\n`);
      continue;
    }
    await table!.signal(job, signal);
    succeeded = true;
  }
  return succeeded ? 0 : 1;
}

/** `kill -l`: the table, or names for numbers (an exit status 128+N names N) and numbers for names. */
function listSignals(specs: string[], io: InvocationIO): number {
  if (specs.length === 0) {
    io.out.push(signalTable());
    return 0;
  }
  let status = 0;
  for (const spec of specs) {
    if (/^\d+$/.test(spec)) {
      const n = Number(spec);
      const name = signalName(n > 128 ? n - 128 : n);
      if (name) io.out.push(`${name}\n`);
      else {
        io.err.push(`bash: kill: ${spec}: invalid signal specification\n`);
        status = 1;
      }
      continue;
    }
    const n = parseSignal(spec);
    if (n === undefined || n === 0) {
      io.err.push(`bash: kill: ${spec}: invalid signal specification\n`);
      status = 1;
    } else io.out.push(`${n}\n`);
  }
  return status;
}

async function waitBuiltin(args: string[], table: JobTable | undefined, io: InvocationIO): Promise<number> {
  const parsed = options("wait", args, "fn", "wait [-fn] [-p var] [id ...]", io);
  if (!parsed) return 2;
  const { letters, rest } = parsed;
  const sleep = (ms: number) => io.sleep(ms);
  if (!table) return letters.has("n") ? 127 : 0;
  if (letters.has("n")) {
    const running = table.list().filter((j) => j.state === "running");
    const ended = table.list().find((j) => j.state === "done" && !j.notified);
    if (ended) return reported(table, ended);
    if (running.length === 0) return 127;
    const done = () => running.find((j) => j.state === "done");
    if (!(await table.waitUntil(() => !!done(), io.signal, sleep))) return 130;
    return reported(table, done()!);
  }
  if (rest.length === 0) {
    // bash does not wait for a stopped job (it would never end): it warns and goes on.
    for (const job of table.list()) if (job.state === "stopped") io.err.push(`bash: wait: warning: job ${job.number}[${job.pid}] stopped\n`);
    const running = table.list().filter((j) => j.state === "running");
    if (!(await table.waitUntil(() => running.every((j) => j.state === "done"), io.signal, sleep))) return 130;
    for (const job of running) reported(table, job);
    return 0;
  }
  let status = 127;
  for (const target of rest) {
    let job: Job | undefined;
    if (target.startsWith("%")) {
      const found = resolve("wait", target, table);
      if ("error" in found) {
        io.err.push(found.error);
        status = 127;
        continue;
      }
      job = found.job;
    } else if (/^\d+$/.test(target)) {
      job = table.byPid(Number(target));
      if (!job) {
        io.err.push(`bash: wait: pid ${target} is not a child of this shell\n`);
        status = 127;
        continue;
      }
    } else {
      io.err.push(`bash: wait: \`${target}': not a pid or valid job spec\n`);
      status = 2;
      continue;
    }
    const waited = job;
    if (waited.state === "stopped") {
      io.err.push(`bash: warning: wait_for_job: job ${waited.number} is stopped\n`);
      status = 148;
      continue;
    }
    if (!(await table.waitUntil(() => waited.state === "done", io.signal, sleep))) return 130;
    status = reported(table, waited);
  }
  return status;
}

/**
 * A job `wait` saw end: an interactive shell still prints its notice before the next prompt (as
 * bash does), a script's shell just forgets it.
 */
function reported(table: JobTable, job: Job): number {
  job.waited = true;
  if (!table.interactive) job.notified = true;
  return job.status;
}

async function fgBuiltin(args: string[], table: JobTable | undefined, io: InvocationIO): Promise<number> {
  const found = args.length ? resolve("fg", args[0], table) : currentJob("fg", table);
  if ("error" in found) {
    io.err.push(found.error);
    return 1;
  }
  const { job } = found;
  if (job.state === "done") {
    io.err.push(`bash: fg: job has terminated\n`);
    table!.remove(job);
    return 1;
  }
  table!.bringForward(job);
  io.out.push(`${job.command}\n`);
  io.out.goLive();
  // Ctrl-C and Ctrl-Z reach the job now: it is in the terminal's foreground process group.
  table!.foreground = job;
  try {
    await table!.resume(job);
    // The line starts to wait: a zero sleep is where keys replayed at waits (Terminal.onWait) come
    // in, as the wait below may block on nothing the clock brings (a job's watch).
    await io.sleep(0);
    const finished = await table!.waitUntil(() => job.state !== "running", io.signal, (ms) => io.sleep(ms));
    if (!finished) await table!.interruptForeground(job);
  } finally {
    table!.foreground = undefined;
  }
  // Ctrl-Z stopped it again: it stays in the table, reported before the next prompt.
  if (job.state === "stopped") {
    job.foreground = false;
    return 148;
  }
  table!.remove(job);
  return job.status;
}

async function bgBuiltin(args: string[], table: JobTable | undefined, io: InvocationIO): Promise<number> {
  const specs = args.length ? args : [undefined];
  let status = 0;
  for (const spec of specs) {
    const found = spec === undefined ? currentJob("bg", table) : resolve("bg", spec, table);
    if ("error" in found) {
      io.err.push(found.error);
      status = 1;
      continue;
    }
    const { job } = found;
    if (job.state !== "stopped") {
      io.err.push(job.state === "done" ? `bash: bg: job has terminated\n` : `bash: bg: job ${job.number} already in background\n`);
      continue;
    }
    await backgroundJob(job, table!, (text) => {
      io.out.push(text);
      io.out.goLive();
    });
  }
  return status;
}

/** `bg` and `%N &`: a stopped job runs on in the background; bash names it with its marker before. */
export async function backgroundJob(job: Job, table: JobTable, print: (text: string) => void): Promise<void> {
  // Said before the job's own output (what it had queued while stopped comes out as it resumes).
  print(`[${job.number}]${table.marker(job)} ${job.command} &\n`);
  await table.resume(job);
}

/**
 * `suspend`: bash refuses to stop a login shell; a shell stopping itself (`-f`, or a shell started
 * from another) would leave the terminal with no shell to type to, which Kubecoach does not model.
 */
function suspendBuiltin(args: string[], login: boolean, io: InvocationIO): number {
  const parsed = options("suspend", args, "f", "suspend [-f]", io);
  if (!parsed) return 2;
  if (login && !parsed.letters.has("f")) {
    io.err.push("bash: suspend: cannot suspend a login shell\n");
    return 1;
  }
  io.err.push("kubecoach: suspend: stopping the shell itself is not available in Kubecoach (exit leaves a shell)\n");
  return 1;
}

function disownBuiltin(args: string[], table: JobTable | undefined, io: InvocationIO): number {
  const parsed = options("disown", args, "ahr", "disown [-h] [-ar] [jobspec ... | pid ...]", io);
  if (!parsed) return 2;
  const { letters, rest } = parsed;
  let jobs: Job[];
  let status = 0;
  if (letters.has("a") || (letters.has("r") && rest.length === 0)) jobs = [...(table?.list() ?? [])];
  else if (rest.length === 0) {
    const found = currentJob("disown", table);
    if ("error" in found) {
      io.err.push(found.error);
      return 1;
    }
    jobs = [found.job];
  } else {
    jobs = [];
    for (const spec of rest) {
      const job = /^\d+$/.test(spec) ? table?.byPid(Number(spec)) : undefined;
      const found: Found = job ? { job } : resolve("disown", spec, table);
      if ("error" in found) {
        io.err.push(found.error);
        status = 1;
      } else jobs.push(found.job);
    }
  }
  if (letters.has("r")) jobs = jobs.filter((j) => j.state === "running");
  // -h keeps the job in the table; it would only be spared the SIGHUP of a closing terminal,
  // which Kubecoach cannot spare it (its processes end with the terminal).
  if (!letters.has("h")) {
    for (const job of jobs) {
      if (job.state === "stopped") io.err.push(`bash: warning: deleting stopped job ${job.number} with process group ${job.pid}\n`);
      table!.disown(job);
    }
  }
  return status;
}
