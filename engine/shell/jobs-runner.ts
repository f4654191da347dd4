import type { Command, StatementNode } from "just-bash";
import { ShellFrame, type LineContext, type ShellServices } from "./frame";
import type { InterpreterSnapshot, OutputSink } from "./interpreter";
import { backgroundJob, jobBuiltins } from "./jobs-builtins";
import { backgroundCommand, isJobSpecWord } from "./jobs-command";
import { JobTable, type Job } from "./jobs";
import { SIGKILL } from "./jobs-signals";

/**
 * Runs a terminal's background jobs: each `cmd &` gets a shell of its own — a copy of the shell
 * that started it (variables, functions, aliases, working directory), as bash forks a subshell —
 * that runs concurrently with the foreground, with no terminal to read (stdin is empty) and its
 * output going to the terminal as it is produced.
 */
export interface JobHost {
  interactive: boolean;
  /** The terminal's services; a job's shell gets them with its own sleep and no terminal input. */
  services: ShellServices;
  /** The app's wall-clock sleep; undefined on the virtual clock. */
  wallSleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  virtualClock?: { now(): number; advanceTo(t: number): void };
  nextPid(): number;
  /** The terminal's own commands for a shell of a job, whose child shells get `services`. */
  shellCommands(frame: ShellFrame, services: ShellServices): Command[];
  /** Where a job's output goes: the running line's output, or the terminal's output outside a command. */
  output: OutputSink;
  limits: { cpuMs: number; outputBytes: number; jobs: number };
  cpuClock(): number;
}

/** A busy job lets the event loop run (the foreground, other terminals) at least this often. */
const YIELD_EVERY_MS = 25;

export class TerminalJobs {
  readonly table: JobTable;
  /** Shells that belong to a job: their job builtins see no jobs (a subshell has none of its own). */
  private readonly jobFrames = new WeakSet<ShellFrame>();

  constructor(private readonly host: JobHost) {
    this.table = new JobTable({ interactive: host.interactive, limit: host.limits.jobs, monotonic: host.cpuClock, ...(host.virtualClock ? { virtualClock: host.virtualClock } : {}) });
  }

  /** jobs, kill, wait, fg, bg, disown for a shell of the terminal. */
  builtins(frame: ShellFrame): Command[] {
    return jobBuiltins(frame, () => (this.jobFrames.has(frame) ? undefined : this.table));
  }

  /** Starts `statement` (a `cmd &` typed in `frame`) as a job; `[N] PID` goes to `sink` in an interactive shell. */
  async start(frame: ShellFrame, statement: StatementNode, sink: OutputSink): Promise<{ pid: number; exitCode: number }> {
    const resumed = await this.resumeBySpec(statement, sink);
    if (resumed) return resumed;
    const { script, display } = backgroundCommand(statement);
    const state = frame.shell.snapshot();
    const job = this.table.canStart() ? this.table.start(display, this.host.nextPid(), (j) => this.run(j, frame, state, script)) : undefined;
    if (!job) {
      sink("bash: fork: retry: Resource temporarily unavailable\n", "stderr");
      sink(`kubecoach: at most ${this.host.limits.jobs} background jobs run at once in one terminal; end one first (jobs lists them, kill %N ends one)\n`, "stderr");
      return { pid: 0, exitCode: 254 };
    }
    if (this.host.interactive) sink(`[${job.number}] ${job.pid}\n`, "stderr");
    await this.table.started();
    return { pid: job.pid, exitCode: 0 };
  }

  /** `%1 &`: bash's `bg %1`, not a new job. */
  private async resumeBySpec(statement: StatementNode, sink: OutputSink): Promise<{ pid: number; exitCode: number } | undefined> {
    const command = statement.pipelines.length === 1 && statement.pipelines[0].commands.length === 1 ? statement.pipelines[0].commands[0] : undefined;
    const parts = command?.type === "SimpleCommand" && command.args.length === 0 ? command.name?.parts : undefined;
    const spec = parts?.length === 1 && parts[0].type === "Literal" ? parts[0].value : undefined;
    if (spec === undefined || !isJobSpecWord(spec)) return undefined;
    const found = this.table.find(spec);
    if (found === undefined || found === "ambiguous") {
      sink(`bash: fg: ${spec}: no such job\n`, "stderr");
      return { pid: 0, exitCode: 1 };
    }
    if (found.state === "stopped") await backgroundJob(found, this.table, (text) => sink(text, "stdout"));
    return { pid: found.pid, exitCode: 0 };
  }

  private async run(job: Job, parent: ShellFrame, state: InterpreterSnapshot, script: string): Promise<number> {
    const host = this.host;
    let resumed = host.cpuClock();
    let lastYield = resumed;
    let busy = 0;
    let bytes = 0;
    const stop = (reason: string) => {
      if (job.state === "done") return;
      host.output(`kubecoach: job ${job.number} stopped (${reason})\n`, "stderr");
      void this.table.signal(job, SIGKILL);
    };
    const services: ShellServices = {
      ...host.services,
      sleep: async (ms, signal) => {
        await this.table.sleep(job, ms, signal, host.wallSleep);
        resumed = host.cpuClock();
      },
      // A job cannot open the editor: vim in the background has no terminal.
      edit: () => undefined,
      shellCommands: (frame) => host.shellCommands(frame, services),
    };
    // No terminal: a job's reads get end of input, and it cannot take the terminal (exec -it).
    delete services.foreground;
    delete services.readTerminal;
    const spec = parent.spec;
    const child = new ShellFrame(
      {
        host: parent.host,
        user: parent.effectiveUser,
        kind: "child",
        interactive: spec.interactive,
        login: false,
        cwd: parent.shell.cwd,
        ...(spec.fs ? { fs: spec.fs } : {}),
        ...(spec.origin ? { origin: spec.origin } : {}),
        ...(spec.commands ? { commands: spec.commands } : {}),
        hostname: parent.hostname,
      },
      services,
    );
    this.jobFrames.add(child);
    const line: LineContext = {
      // A killed job writes nothing more, even what its last command still had buffered.
      sink: job.gate.hold((data, stream) => {
        if (job.state !== "done") host.output(data, stream);
      }),
      signal: job.controller.signal,
      charge: (n) => {
        bytes += n;
        if (bytes > host.limits.outputBytes) stop(`output limit: it printed more than ${host.limits.outputBytes / (1024 * 1024)} MiB`);
      },
      tick: async () => {
        // A stopped job's busy loop waits here, at its next command.
        if (job.gate.stopped) {
          await job.gate.whileStopped(job.controller.signal);
          resumed = lastYield = host.cpuClock();
        }
        const now = host.cpuClock();
        busy += now - resumed;
        resumed = now;
        if (busy > host.limits.cpuMs) stop(`CPU limit: more than ${host.limits.cpuMs / 1000} s of computing`);
        if (now - lastYield > YIELD_EVERY_MS) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          lastYield = resumed = host.cpuClock();
        }
      },
    };
    child.line = line;
    await child.shell.restore(state);
    const result = await child.run(script);
    return result.exitCode;
  }
}
