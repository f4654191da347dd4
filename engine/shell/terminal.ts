import type { IFileSystem } from "just-bash";
import type { Environment } from "../cluster/environment";
import type { NetworkOrigin } from "../network/types";
import type { Host } from "../hosts/host";
import { PROGRAMS } from "../programs";
import "../programs-index";
import type { ForegroundSession, ProgramContext, ProgramRegistry } from "../process/types";
import { shellCommands, type ShellControl } from "./commands";
import { completeLine, type CompletionResult } from "./completion";
import "./completers";
import { ShellFrame, type FrameKind, type LineContext, type ShellServices, type Userland } from "./frame";
import { foregroundRestorer, type SavedForeground } from "./foreground";
import { TerminalJobs } from "./jobs-runner";
import type { Job } from "./jobs";
import { SIGINT, SIGKILL } from "./jobs-signals";
import { pausableSleep, StopGate } from "./jobs-stop";
import { expandHistory, isComplete, parseLine } from "./input";
import type { InterpreterSnapshot, OutputSink, RunResult } from "./interpreter";
import { expandPrompt } from "./prompt";
import { TerminalInput } from "./terminal-input";
import { lookupUser, ROOT, type UserAccount } from "./users";

/**
 * A terminal attached to an environment (DESIGN.md §1 "Terminal"): a stack of shells — the login
 * shell and whatever `ssh`, `sudo -i` or `su` opened on top — with history, a prompt, Ctrl-C, tab
 * completion and the editor protocol. The web terminal, `kubecoach shell` and scripts all drive
 * one of these. See README.md for the contract.
 */
/**
 * What the editor overlay gets: the file, its language, which editor the learner typed (`nano`
 * opens nano keys; vim, vi and `kubectl edit` open vim keys) and the user's ~/.vimrc when there is one.
 */
export type EditRequest = Parameters<NonNullable<ProgramContext["edit"]>>[0] & { vimrc?: string; editor?: "vim" | "nano" };
export type EditHandler = (request: EditRequest) => Promise<string | undefined>;

export interface TerminalLimits {
  /** Time one command line may spend computing in the shell, outside programs and waits. */
  cpuMs: number;
  /** Bytes one command line may print. */
  outputBytes: number;
  /** Simulated time one command line may sleep through (virtual clock only). */
  virtualSleepMs: number;
  /** Lines kept in history. */
  historySize: number;
  /** Nested shells (`ssh` in `ssh` in `sudo -i` …). */
  shellDepth: number;
  /** Background jobs (`cmd &`) running at once. */
  jobs: number;
}

export const DEFAULT_LIMITS: TerminalLimits = {
  cpuMs: 10_000,
  outputBytes: 8 * 1024 * 1024,
  virtualSleepMs: 24 * 3600 * 1000,
  historySize: 1000,
  shellDepth: 16,
  jobs: 32,
};

export interface TerminalOptions {
  /** Host the terminal starts on (default: the environment's home host). */
  host?: string;
  /** User it starts as (default: `candidate` on a workstation, `root` on a node). */
  user?: string;
  /** False for `bash -s`: no prompt, no startup files, no aliases, no history expansion. */
  interactive?: boolean;
  columns?: number;
  rows?: number;
  /** Exported variables added to the login shell's environment. */
  env?: Record<string, string>;
  /** The editor overlay (`vim`, `nano`, `kubectl edit`); without one, editors say so and fail. */
  onEdit?: EditHandler;
  /**
   * How `sleep` and waiting programs pass time. Default: the environment's virtual clock jumps
   * forward (scripts, tests, grading). The app passes a wall-clock sleep and drives the clock itself.
   */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  limits?: Partial<TerminalLimits>;
  programs?: ProgramRegistry;
  /** Monotonic milliseconds for the CPU limit (default: performance.now). */
  cpuClock?: () => number;
  /** Record command lines in `env.extra.terminalHistory` for grading (default: interactive). */
  recordHistory?: boolean;
  /** State from `snapshot()` to continue from instead of a fresh login. */
  restore?: TerminalSnapshot;
  /** Working directory to start in (default: the user's home). */
  cwd?: string;
  /** Another filesystem than the host's: a container's, for `kubectl exec` and container commands. */
  fs?: IFileSystem;
  /** Only these commands exist (what a container image ships). */
  commands?: ReadonlySet<string>;
  /** Where network programs start from (a pod); default: the host. */
  origin?: NetworkOrigin;
  /** The host name programs report (a container's is its pod's); default: the host's. */
  hostname?: string;
  /** Whose tools the programs are (a busybox or alpine image's are busybox's); default: GNU's. */
  userland?: Userland;
}

export interface ExecResult {
  exitCode: number;
  /** The prompt to show next ("" when not interactive; PS2 while a command is incomplete). */
  prompt: string;
  /** The last shell exited: the terminal accepts no more commands. */
  closed: boolean;
}

export interface TerminalSnapshot {
  version: 1;
  frames: { host: string; user: string; kind: FrameKind; login: boolean; state: InterpreterSnapshot }[];
  history: string[];
  commandNumber: number;
  pending: string;
  /** A session that had the terminal (a container's shell), reopened on restore. */
  foreground?: SavedForeground;
}

/** One entry of `env.extra.terminalHistory` (read by engine/grading). */
export interface TerminalHistoryEntry {
  time: string;
  host: string;
  user: string;
  line: string;
  exitCode?: number;
}

export const TERMINAL_HISTORY_KEY = "terminalHistory";
const TERMINAL_HISTORY_LIMIT = 10_000;
const CLEAR_SCREEN = "\x1b[H\x1b[2J\x1b[3J";
/** A busy line lets the event loop run (other terminals, the clock) at least this often. */
const YIELD_EVERY_MS = 25;
/** How far the virtual clock moves at a time for a program waiting with no end (ProgramContext.sleep(Infinity)). */
const UNTIL_ABORTED_STEP_MS = 10_000;

export class Terminal {
  /** Resolves when the login shell has read its startup files. */
  readonly ready: Promise<void>;
  onEdit?: EditHandler;
  /**
   * A running command waits for typed input (`cat > file`, `read NAME`): the edge lets the user
   * type and passes each line to `input()`. Without a handler such commands read nothing (stdin is
   * empty), as in scripts.
   */
  onRead?: () => void;
  /**
   * Output produced while no command line runs: a background job writing while the terminal sits
   * at its prompt. Without a handler it is shown with the next command's output.
   */
  onBackgroundOutput?: OutputSink;
  /**
   * The running line starts to wait (a sleep, `kubectl get -w`'s watch): an edge that replays
   * recorded keys (golden transcripts) presses Ctrl-Z or Ctrl-C here. The app need not set it.
   */
  onWait?: () => void;
  private readonly typed = new TerminalInput();
  private frames: ShellFrame[] = [];
  private readonly limits: TerminalLimits;
  private readonly interactive: boolean;
  private readonly programs: ProgramRegistry;
  private readonly cpuClock: () => number;
  private readonly recordHistory: boolean;
  private historyLines: string[] = [];
  private pending = "";
  private commandNumber = 1;
  private size: { columns: number; rows: number };
  private running?: RunningLine;
  /** `exit` was refused once because of stopped jobs; the next line that is `exit` again ends them. */
  private exitWarned = false;
  private pendingShell?: { host: Host; user: UserAccount; kind: FrameKind; login: boolean; cwd?: string };
  /** A session (a container's shell under `kubectl exec -it`) that takes the typed lines until it closes. */
  private foreground?: ForegroundSession;
  private pendingForeground?: ForegroundSession;
  private isClosed = false;
  private pidCounter = 1000;
  private readonly services: ShellServices;
  private readonly control: ShellControl;
  private readonly jobs: TerminalJobs;
  /** Output of the line running now (where a job's output goes meanwhile). */
  private lineOutput?: OutputSink;

  constructor(
    readonly env: Environment,
    private readonly options: TerminalOptions = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...(options.limits ?? {}) };
    this.interactive = options.interactive ?? true;
    this.programs = options.programs ?? PROGRAMS;
    this.cpuClock = options.cpuClock ?? (() => performance.now());
    this.recordHistory = options.recordHistory ?? this.interactive;
    this.size = { columns: options.columns ?? 80, rows: options.rows ?? 24 };
    this.onEdit = options.onEdit;
    this.services = {
      environment: this.env,
      programs: { register: () => undefined, get: (n) => this.programs.get(n), names: () => this.programs.names() },
      sleep: (ms, signal) => this.sleep(ms, signal),
      alarm: (ms, signal) => this.jobs.table.alarm(ms, signal, this.options.sleep),
      edit: () => (this.onEdit ? (request) => this.timedWait(() => this.onEdit!(request)) : undefined),
      terminal: () => ({ isTTY: this.interactive, ...this.size }),
      shellCommands: (frame) => [...shellCommands(frame, this.control), ...this.jobs.builtins(frame)],
      limits: { maxExecutionTimeMs: 7 * 24 * 3600 * 1000, maxOutputSize: 16 * 1024 * 1024, maxStringLength: 8 * 1024 * 1024 },
      nextPid: () => this.pidCounter++,
      readTerminal: (mode, signal, onChunk) => (this.onRead ? this.timedWait(() => this.typed.read(mode, signal, onChunk)) : Promise.resolve("")),
      // A script's terminal too: a shell a program opens (`kubectl exec -i POD -- sh`, `chroot
      // /host`) takes the script's following lines until its `exit`, as `ssh node01` does.
      foreground: (session: ForegroundSession) => {
        this.pendingForeground = session;
      },
    };
    this.control = {
      environment: this.env,
      interactive: () => this.interactive,
      current: () => this.frame,
      depth: () => this.frames.length,
      openShell: (request) => {
        this.pendingShell = request;
      },
      child: (spec) => this.newFrame(spec),
      history: () => this.historyLines,
      clearHistory: () => {
        this.historyLines = [];
      },
      deleteHistory: (index) => {
        this.historyLines.splice(index, 1);
      },
      clearScreen: () => CLEAR_SCREEN,
      findHost: (name) => this.findHost(name),
    };
    this.jobs = new TerminalJobs({
      interactive: this.interactive,
      services: this.services,
      ...(options.sleep ? { wallSleep: options.sleep } : { virtualClock: { now: () => this.env.clock.now(), advanceTo: (t) => this.env.advanceTo(t) } }),
      nextPid: () => this.pidCounter++,
      output: (data, stream) => this.backgroundOutput(data, stream),
      // `ssh host CMD`, `sudo CMD`, `watch CMD` in a job run in shells with the job's services (its
      // sleep); a shell a job would open (`ssh host &`) has no terminal to take.
      shellCommands: (frame, services) => [
        ...shellCommands(frame, { ...this.control, child: (spec) => new ShellFrame(spec, services), openShell: () => undefined }),
        ...this.jobs.builtins(frame),
      ],
      limits: { cpuMs: this.limits.cpuMs, outputBytes: this.limits.outputBytes, jobs: this.limits.jobs },
      cpuClock: this.cpuClock,
    });
    this.typed.onWait = () => this.onRead?.();
    this.ready = options.restore ? this.restoreFrom(options.restore) : this.login();
  }

  /**
   * Typed input for the running command: a line with its "\n" when Enter is pressed, text without
   * one when Ctrl-D is pressed after it, "" for Ctrl-D on an empty line (end of input).
   */
  input(data: string): void {
    // While a container's shell has the terminal, what is typed is for the line running there.
    if (this.foreground?.input) this.foreground.input(data);
    else this.typed.push(data);
  }

  /** A running command is waiting for typed input (here, or in the session that has the terminal). */
  get reading(): boolean {
    return this.typed.waiting || !!this.foreground?.reading;
  }

  /** Makes `session` the one that takes the typed lines; its reads reach this terminal's edge. */
  private adoptForeground(session: ForegroundSession): void {
    // Nobody to type (a script driving the terminal): the reader gets end of input, as here.
    session.onRead = () => (this.onRead ? this.onRead() : session.input?.(""));
    this.foreground = session;
  }

  private async login(): Promise<void> {
    const host = this.options.host ? this.env.hosts.get(this.options.host) : this.env.homeHost;
    if (!host) throw new Error(`no host ${this.options.host} in this environment`);
    const userName = this.options.user ?? (host.role === "workstation" ? "candidate" : "root");
    const user = (await lookupUser(this.options.fs ?? host.fs, userName)) ?? (userName === "root" ? ROOT : undefined);
    if (!user) throw new Error(`no user ${userName} on ${host.name}`);
    const o = this.options;
    const frame = this.newFrame({
      host,
      user,
      kind: "login",
      interactive: this.interactive,
      login: this.interactive,
      env: o.env,
      ...(o.cwd ? { cwd: o.cwd } : {}),
      ...(o.fs ? { fs: o.fs } : {}),
      ...(o.commands ? { commands: o.commands } : {}),
      ...(o.origin ? { origin: o.origin } : {}),
      ...(o.hostname ? { hostname: o.hostname } : {}),
      ...(o.userland ? { userland: o.userland } : {}),
    });
    this.frames.push(frame);
    await this.withLine(() => frame.startup(), this.startupSink(), false);
  }

  /** Startup output (errors in ~/.bashrc) is shown with the first command's output. */
  private startupOutput: [string, "stdout" | "stderr"][] = [];
  private startupSink(): OutputSink {
    return (data, stream) => this.startupOutput.push([data, stream]);
  }

  newFrame(spec: ConstructorParameters<typeof ShellFrame>[0]): ShellFrame {
    const frame = new ShellFrame(spec, this.services);
    // Only the shells of the terminal's stack run jobs; `ssh host CMD`, `sudo CMD` run theirs in place.
    frame.shell.onBackground = async (statement, sink) => (this.frames.includes(frame) ? this.jobs.start(frame, statement, sink) : undefined);
    return frame;
  }

  /** A job's output: into the running line's, else to the terminal outside a command. */
  private backgroundOutput(data: string, stream: "stdout" | "stderr"): void {
    if (this.lineOutput) this.lineOutput(data, stream);
    else if (this.onBackgroundOutput) this.onBackgroundOutput(data, stream);
    else this.startupOutput.push([data, stream]);
  }

  /** Background jobs still running, stopped ones not counted (the app keeps the cluster clock moving for them). */
  get runningJobs(): number {
    return this.jobs.table.active;
  }

  /**
   * Ends every background job, as the hang-up of a closing terminal does. Scripts call it when
   * they end (see runScript).
   */
  stopJobs(): Promise<void> {
    return this.jobs.table.hangUp();
  }

  /**
   * A script's input ended: a shell holding the terminal (`kubectl run -i --rm … -- sh`, `kubectl
   * exec -i … -- sh` given the script's lines) reads end of input and exits with its last status,
   * as `exit` does, so kubectl finishes (run --rm deletes its pod).
   */
  async endOfInput(onOutput: OutputSink = () => undefined): Promise<number | undefined> {
    if (this.foreground && !this.running) await this.exec("exit", onOutput);
    else if (this.pending && !this.interactive) {
      // A script that ends inside a command (an open quote, `if` without `fi`): bash says what it
      // was looking for and exits with status 2.
      const text = this.pending;
      this.pending = "";
      onOutput(`bash: ${unexpectedEndMessage(text)}\n`, "stderr");
      return this.scriptEnds(2, onOutput);
    } else if (!this.interactive) return this.scriptEnds(undefined, onOutput);
    return undefined;
  }

  /** The end of a script is its shell's end: the EXIT trap runs, and may change the status. */
  private async scriptEnds(exitCode: number | undefined, onOutput: OutputSink): Promise<number | undefined> {
    if (this.isClosed || !this.frame.shell.hasExitTrap()) return exitCode;
    const frame = this.frame;
    return this.withLine(() => frame.runExitTrap(exitCode ?? frame.shell.lastExitCode), onOutput, false);
  }


  // ---------- running command lines ----------

  /**
   * Runs one line typed at the prompt (or one line of a script). Output is passed to `onOutput`
   * as it is produced; the promise resolves when the command finishes, with the next prompt.
   */
  async exec(line: string, onOutput: OutputSink = () => undefined): Promise<ExecResult> {
    await this.ready;
    for (const [data, stream] of this.startupOutput.splice(0)) onOutput(data, stream);
    if (this.isClosed) {
      onOutput("kubecoach: this terminal's shell has exited\n", "stderr");
      return { exitCode: 1, prompt: "", closed: true };
    }
    if (this.running) throw new Error("a command is already running in this terminal");
    if (this.foreground) return this.execForeground(this.foreground, line, onOutput);
    const text = this.pending ? `${this.pending}\n${line}` : line;
    if (!isComplete(text)) {
      this.pending = text;
      return { exitCode: this.frame.shell.lastExitCode, prompt: this.interactive ? (this.frame.shell.variable("PS2") ?? "> ") : "", closed: false };
    }
    this.pending = "";
    let command = text;
    if (this.interactive) {
      const expansion = expandHistory(command, this.historyLines);
      if ("error" in expansion) {
        onOutput(`${expansion.error}\n`, "stderr");
        return { exitCode: 1, prompt: this.prompt, closed: false };
      }
      if (expansion.expanded) {
        command = expansion.line;
        onOutput(`${command}\n`, "stdout");
      }
      this.remember(command);
    }
    const frame = this.frame;
    const entry = this.record(command, frame);
    const outcome = await this.withLine(() => frame.run(command), onOutput, true);
    const result = "stopped" in outcome ? await this.stopped(outcome.stopped, frame, command, onOutput) : outcome;
    if (entry) entry.exitCode = result.exitCode;
    this.commandNumber++;
    const warned = this.exitWarned;
    // bash lets `exit` end stopped jobs right after a refused `exit` or after `jobs` (the learner saw them).
    this.exitWarned = /^\s*jobs(?:\s|$)/.test(command);
    if (result.exited && this.interactive && !warned && this.jobs.table.list().some((j) => j.state === "stopped")) {
      // bash refuses once (`exit` still prints "exit"); a second `exit` in a row ends the stopped jobs.
      onOutput(`${frame.spec.login ? "logout" : "exit"}\nThere are stopped jobs.\n`, "stderr");
      this.exitWarned = true;
      result.exited = false;
      result.exitCode = 1;
      frame.shell.setLastExitCode(1);
    }
    result.exitCode = await this.afterLine(result.exited, result.exitCode, onOutput, "signalled" in result && !!result.signalled);
    await this.afterJobs(onOutput);
    if (this.pendingForeground && !this.isClosed) this.adoptForeground(this.pendingForeground);
    this.pendingForeground = undefined;
    return { exitCode: result.exitCode, prompt: this.prompt, closed: this.isClosed };
  }

  /** Before the next prompt: bash reports the jobs that ended; a closed terminal's jobs get SIGHUP. */
  private async afterJobs(onOutput: OutputSink): Promise<void> {
    if (this.isClosed) {
      await this.jobs.table.hangUp();
      return;
    }
    const notices = this.jobs.table.notices();
    if (notices) onOutput(notices, "stderr");
  }

  /** A line typed while a foreground session has the terminal: it runs there; Ctrl-C goes there. */
  private async execForeground(session: ForegroundSession, line: string, onOutput: OutputSink): Promise<ExecResult> {
    const controller = new AbortController();
    controller.signal.addEventListener("abort", () => session.interrupt(), { once: true });
    this.running = { controller, gate: new StopGate(), session };
    try {
      const result = await session.exec(line, onOutput);
      if (result.closed) {
        this.foreground = undefined;
        this.frame.shell.setLastExitCode(result.exitCode);
      }
      return { exitCode: result.exitCode, prompt: this.prompt, closed: false };
    } finally {
      this.running = undefined;
    }
  }

  /** Runs a whole script whose commands read `stdin` (the container form: `sh -c SCRIPT < input`). */
  async execWithStdin(script: string, stdin: string, onOutput: OutputSink = () => undefined): Promise<ExecResult> {
    await this.ready;
    for (const [data, stream] of this.startupOutput.splice(0)) onOutput(data, stream);
    const frame = this.frame;
    const result = await this.withLine(() => frame.run(script, { stdin }), onOutput, false);
    const exitCode = await this.afterLine(result.exited, result.exitCode, onOutput);
    return { exitCode, prompt: this.prompt, closed: this.isClosed };
  }

  /**
   * Runs a script whose commands read `stdin` as a subshell of the current shell (`( SCRIPT ) <
   * input`): it leaves the shell as it found it — its `cd`, variables, functions and options are
   * gone, its `exit` ends only the script, a shell it opens (`ssh node01`) closes with it, and its
   * background jobs end with it. Many scripts can so run in one terminal, each as if in a fresh one.
   */
  async execIsolated(script: string, stdin: string, onOutput: OutputSink = () => undefined): Promise<{ exitCode: number }> {
    await this.ready;
    for (const [data, stream] of this.startupOutput.splice(0)) onOutput(data, stream);
    const frame = this.frame;
    try {
      return { exitCode: await this.withLine(() => frame.runIsolated(script, stdin), onOutput, false) };
    } finally {
      this.pendingShell = undefined;
      await this.stopJobs();
    }
  }

  /**
   * Runs `fn` with a fresh line context: output sink, Ctrl-C, output and CPU limits. With
   * `stoppable`, Ctrl-Z (suspend()) stops the line and this resolves at once with `{ stopped }`:
   * the line, held by its StopGate, becomes a job (see stopped()).
   */
  private withLine<T>(fn: () => Promise<T>, onOutput: OutputSink, stoppable: true): Promise<T | { stopped: StoppedLine<T> }>;
  private withLine<T>(fn: () => Promise<T>, onOutput: OutputSink, stoppable: false): Promise<T>;
  private async withLine<T>(fn: () => Promise<T>, onOutput: OutputSink, stoppable: boolean): Promise<T | { stopped: StoppedLine<T> }> {
    const controller = new AbortController();
    const gate = new StopGate();
    const running: RunningLine = { controller, gate };
    this.running = running;
    let bytes = 0;
    const abort = (reason: string) => {
      if (controller.signal.aborted) return;
      running.reason = reason;
      controller.abort();
    };
    const started = this.cpuClock();
    let lastYield = started;
    this.waited = 0;
    const foregroundClock = { sleep: (ms: number, signal: AbortSignal) => this.sleep(ms, signal), now: this.options.sleep ? () => performance.now() : () => this.env.clock.now() };
    const line: LineContext = {
      // Once stopped (Ctrl-Z), what the line writes is a job's: it goes where jobs' output goes.
      sink: gate.hold((data, stream) => (running.job ? this.backgroundOutput(data, stream) : onOutput(data, stream))),
      signal: controller.signal,
      afterPiece: () => {
        if (running.stopAfterPiece) controller.abort();
      },
      charge: (n) => {
        bytes += n;
        if (bytes > this.limits.outputBytes) abort(`output limit: the command printed more than ${formatBytes(this.limits.outputBytes)}`);
      },
      tick: async () => {
        await gate.whileStopped(controller.signal);
        if (running.job) return running.jobTick!();
        const now = this.cpuClock();
        if (now - started - this.waited > this.limits.cpuMs) abort(`CPU limit: more than ${this.limits.cpuMs / 1000} s of computing`);
        if (now - lastYield > YIELD_EVERY_MS) {
          const before = this.cpuClock();
          await new Promise<void>((resolve) => setImmediate(resolve));
          lastYield = this.cpuClock();
          this.waited += lastYield - before;
        }
      },
      sleep: (ms, signal) => {
        if (!running.job) this.onWait?.();
        return pausableSleep(ms, signal, gate, () => running.jobClock ?? foregroundClock);
      },
    };
    const frames = [...this.frames];
    for (const f of frames) f.line = line;
    this.lineOutput = onOutput;
    this.virtualSlept = 0;
    let stop!: () => void;
    const stopped = new Promise<"stopped">((resolve) => (stop = () => resolve("stopped")));
    if (stoppable) running.stop = stop;
    const work = fn();
    const release = () => {
      if (this.running !== running) return;
      this.running = undefined;
      this.lineOutput = undefined;
      // Lines typed for a command that is over do not wait for the next one.
      this.typed.clear();
    };
    const finished = work.finally(() => {
      for (const f of frames) if (f.line === line) f.line = { ...line, sink: () => undefined };
      release();
      if (running.reason) line.sink(`\nkubecoach: command stopped (${running.reason})\n`, "stderr");
    });
    const first = await Promise.race([finished, stopped]);
    if (first !== "stopped") return first;
    release();
    return { stopped: { work, running } };
  }

  /**
   * Ctrl-Z stopped the line `command` running in `frame`: it becomes a stopped job (bash's `[1]+
   * Stopped` line), and the shell goes on in a copy of `frame` taken as the line stopped, while the
   * stopped line keeps `frame` (a forked bash child keeps the shell's state the same way). `$?` is 148.
   */
  private async stopped(line: StoppedLine<RunResult>, frame: ShellFrame, command: string, onOutput: OutputSink): Promise<RunResult> {
    const { running, work } = line;
    const table = this.jobs.table;
    // bash stops the pipeline running, not the line: the job is that piece, and the line goes on
    // with the pieces after it at once (`sleep 100; echo after` prints after), `$?` 148.
    const piece = frame.shell.detachRunningPiece();
    const job = table.adopt(piece?.display ?? command.trim(), this.pidCounter++, running.controller, running.gate, work.then((r) => r.exitCode));
    running.job = job;
    running.jobClock = { sleep: (ms, signal) => table.sleepUnpaused(job, ms, signal, this.options.sleep), now: this.options.sleep ? () => performance.now() : () => this.env.clock.now() };
    let busy = 0;
    let resumed = this.cpuClock();
    running.jobTick = async () => {
      const now = this.cpuClock();
      busy += now - resumed;
      if (busy > this.limits.cpuMs && job.state !== "done") {
        this.backgroundOutput(`kubecoach: job ${job.number} stopped (CPU limit: more than ${this.limits.cpuMs / 1000} s of computing)\n`, "stderr");
        void table.signal(job, SIGKILL);
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
      resumed = this.cpuClock();
    };
    const copy = this.newFrame(frame.spec);
    await copy.shell.restore(frame.shell.snapshot());
    const index = this.frames.indexOf(frame);
    if (index >= 0) this.frames[index] = copy;
    copy.shell.setLastExitCode(148);
    onOutput(table.stopNotice(job), "stderr");
    if (!piece) return { exitCode: 148, exited: false };
    const rest = await this.withLine(() => copy.run(command, { resume: piece.resume }), onOutput, true);
    return "stopped" in rest ? this.stopped(rest.stopped, copy, command, onOutput) : rest;
  }

  /** Time of the running line spent waiting (sleeps, editors, yields): it does not count as CPU. */
  private waited = 0;

  /** Runs a wait (an open editor) that must not count against the CPU limit. */
  private async timedWait<T>(fn: () => Promise<T>): Promise<T> {
    const before = this.cpuClock();
    try {
      return await fn();
    } finally {
      this.waited += this.cpuClock() - before;
    }
  }

  private virtualSlept = 0;
  private async sleep(ms: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    const before = this.cpuClock();
    try {
      if (this.options.sleep) {
        await this.options.sleep(ms, signal);
        return;
      }
      // A program that waits with no end (`kubectl get -w`) lets time pass as a blocked process
      // would: in steps, so that a deadline (`timeout`), a closed pipe or Ctrl-C ends it between them.
      const step = Number.isFinite(ms) ? ms : UNTIL_ABORTED_STEP_MS;
      do {
        this.virtualSlept += step;
        if (this.virtualSlept > this.limits.virtualSleepMs) {
          this.running?.controller.abort();
          if (this.running) this.running.reason = `time limit: the command waited more than ${this.limits.virtualSleepMs / 3_600_000} h of simulated time`;
          return;
        }
        // Background jobs due on the way wake at their times (see jobs.ts).
        await this.jobs.table.advanceClock(step, signal);
        await new Promise<void>((resolve) => setImmediate(resolve));
      } while (!Number.isFinite(ms) && !signal.aborted);
    } finally {
      this.waited += this.cpuClock() - before;
    }
  }

  /** Ctrl-C: stops the running command, or discards a half-typed multi-line command. */
  interrupt(): void {
    if (this.running) {
      const controller = this.running.controller;
      // `trap '' INT`: the shell and what it runs inherit the ignored signal; Ctrl-C reaches nothing.
      if (!this.running.session && this.frame.shell.ignoresSignal(SIGINT)) return;
      if (this.typed.waiting) {
        // The reader ends first, so `cat > file` keeps the lines typed before ^C (cat had written
        // them); the rest of the line is abandoned once this piece is done, as bash does when its
        // child dies of SIGINT.
        this.typed.interrupt();
        this.running.stopAfterPiece = true;
        return;
      }
      controller.abort();
      return;
    }
    // At a container shell's prompt, Ctrl-C drops what it holds (a half-typed `for …; do`).
    if (this.foreground) this.foreground.interrupt();
    this.pending = "";
  }

  /**
   * Ctrl-C at the prompt, after interrupt(): bash's `$?` is 130, and an INT trap runs there (`trap
   * 'echo caught' INT`), its output after the ^C line. Resolves with the next prompt.
   */
  async interruptAtPrompt(onOutput: OutputSink = () => undefined): Promise<ExecResult> {
    await this.ready;
    if (this.running) throw new Error("a command is running in this terminal");
    const frame = this.frame;
    if (this.foreground || this.isClosed) return { exitCode: 130, prompt: this.prompt, closed: this.isClosed };
    const result = await this.withLine(() => frame.runSignalTrap(SIGINT), onOutput, false);
    const exitCode = await this.afterLine(result.exited, result.exitCode, onOutput);
    await this.afterJobs(onOutput);
    return { exitCode, prompt: this.prompt, closed: this.isClosed };
  }

  /**
   * Ctrl-Z: SIGTSTP to the foreground. The running line stops and becomes a job (exec() resolves
   * with 148 and the next prompt), or the job `fg` brought forward stops again. At an idle prompt it
   * does nothing, as in bash; a session holding the terminal (a container's shell) gets it if it
   * takes it (ForegroundSession.suspend), else it is dropped as kubectl exec's own terminal would.
   */
  suspend(): void {
    const running = this.running;
    if (!running) return;
    if (running.session) {
      running.session.suspend?.();
      return;
    }
    const brought = this.jobs.table.foreground;
    if (brought) {
      this.jobs.table.stop(brought);
      return;
    }
    if (!running.stop || running.gate.stopped) return;
    running.gate.stop();
    // A command reading the terminal (`cat > f`) stops too; once it continues it reads end of input.
    const reader = this.typed.detachReader();
    if (reader) void running.gate.whileStopped().then(() => reader(""));
    running.stop();
  }

  resize(columns: number, rows: number): void {
    this.size = { columns: Math.max(1, Math.floor(columns)), rows: Math.max(1, Math.floor(rows)) };
  }

  /** After a line: a shell it ended closes (its EXIT trap may change the status it returns), one it opened starts. */
  private async afterLine(exited: boolean, exitCode: number, onOutput: OutputSink, signalled = false): Promise<number> {
    if (exited) {
      const frame = this.frame;
      // A shell a signal killed (`kill -HUP $$`) says nothing as it goes.
      if (this.interactive && !signalled) onOutput(frame.spec.login ? "logout\n" : "exit\n", "stderr");
      // The shell's EXIT trap runs after that line, as bash's does (a script's ran as it exited).
      if (frame.spec.interactive && frame.shell.hasExitTrap()) exitCode = await this.withLine(() => frame.runExitTrap(exitCode), onOutput, false);
      this.frames.pop();
      // ssh says it only when it had a pty: at a terminal, not when a script's lines feed it.
      if (frame.spec.kind === "ssh" && this.interactive) onOutput(`Connection to ${frame.host.name} closed.\n`, "stderr");
      if (this.frames.length === 0) {
        this.isClosed = true;
        return exitCode;
      }
      this.frame.shell.setLastExitCode(exitCode);
      return exitCode;
    }
    const next = this.pendingShell;
    this.pendingShell = undefined;
    if (!next) return exitCode;
    if (this.frames.length >= this.limits.shellDepth) {
      onOutput(`kubecoach: too many nested shells (${this.limits.shellDepth}); type exit to leave one\n`, "stderr");
      return exitCode;
    }
    const frame = this.newFrame({ host: next.host, user: next.user, kind: next.kind, interactive: this.interactive, login: next.login, ...(next.cwd ? { cwd: next.cwd } : {}) });
    this.frames.push(frame);
    await this.withLine(() => frame.startup(), onOutput, false);
    return exitCode;
  }

  // ---------- what the shell commands may do ----------


  private findHost(name: string): Host | undefined {
    const bare = name.replace(/\.$/, "");
    for (const host of this.env.hosts.values()) {
      if (host.name === bare || host.ip === bare || bare === `${host.name}.local`) return host;
    }
    if (bare === "localhost" || bare === "127.0.0.1") return this.frame.host;
    return undefined;
  }

  // ---------- history ----------

  private remember(line: string): void {
    const control = this.frame.shell.variable("HISTCONTROL") ?? "";
    const ignoreSpace = /ignorespace|ignoreboth/.test(control);
    const ignoreDups = /ignoredups|ignoreboth/.test(control);
    if (!line.trim()) return;
    if (ignoreSpace && /^\s/.test(line)) return;
    if (ignoreDups && this.historyLines[this.historyLines.length - 1] === line) return;
    this.historyLines.push(line);
    if (this.historyLines.length > this.limits.historySize) this.historyLines.splice(0, this.historyLines.length - this.limits.historySize);
  }

  private record(line: string, frame: ShellFrame): TerminalHistoryEntry | undefined {
    if (!this.recordHistory || !line.trim()) return undefined;
    const entry: TerminalHistoryEntry = { time: this.env.clock.nowRfc3339(), host: frame.host.name, user: frame.effectiveUser.name, line };
    const list = Array.isArray(this.env.extra[TERMINAL_HISTORY_KEY]) ? (this.env.extra[TERMINAL_HISTORY_KEY] as TerminalHistoryEntry[]) : [];
    list.push(entry);
    if (list.length > TERMINAL_HISTORY_LIMIT) list.splice(0, list.length - TERMINAL_HISTORY_LIMIT);
    this.env.extra[TERMINAL_HISTORY_KEY] = list;
    return entry;
  }

  // ---------- what callers read ----------

  private get frame(): ShellFrame {
    return this.frames[this.frames.length - 1];
  }

  get prompt(): string {
    if (!this.interactive || this.isClosed || !this.frame) return "";
    if (this.foreground) return this.foreground.prompt;
    if (this.pending) return this.frame.shell.variable("PS2") ?? "> ";
    const frame = this.frame;
    const shell = frame.shell;
    return expandPrompt(shell.variable("PS1") ?? "", {
      user: frame.user.name,
      uid: frame.user.uid,
      hostname: frame.host.name,
      cwd: shell.cwd,
      home: shell.variable("HOME") ?? frame.user.home,
      now: new Date(this.env.clock.now()),
      historyNumber: this.historyLines.length + 1,
      commandNumber: this.commandNumber,
      variable: (name) => shell.variable(name),
    });
  }

  get history(): readonly string[] {
    return this.historyLines;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** Where the terminal is now: host, user and working directory of the innermost shell. */
  get location(): { host: string; user: string; cwd: string } {
    const frame = this.frame;
    return { host: frame.host.name, user: frame.user.name, cwd: frame.shell.cwd };
  }

  async complete(line: string, cursor = line.length): Promise<CompletionResult> {
    await this.ready;
    if (this.foreground) return this.foreground.complete ? this.foreground.complete(line, cursor) : { items: [], start: cursor, end: cursor };
    return completeLine(this.frame, this.control, line, cursor);
  }

  // ---------- snapshots ----------

  async snapshot(): Promise<TerminalSnapshot> {
    await this.ready;
    const foreground = await this.foreground?.snapshot?.();
    return {
      version: 1,
      frames: this.frames.map((f) => ({ host: f.host.name, user: f.user.name, kind: f.spec.kind, login: f.spec.login, state: f.shell.snapshot() })),
      history: [...this.historyLines],
      commandNumber: this.commandNumber,
      pending: this.pending,
      ...(foreground ? { foreground } : {}),
    };
  }

  private async restoreFrom(snapshot: TerminalSnapshot): Promise<void> {
    const o = this.options;
    for (const [index, saved] of snapshot.frames.entries()) {
      const host = this.env.hosts.get(saved.host);
      if (!host) throw new Error(`cannot restore a terminal on host ${saved.host}: not in this environment`);
      // The login shell of a container's terminal lives in the container (its files, programs, network).
      const inside = index === 0 ? { ...(o.fs ? { fs: o.fs } : {}), ...(o.commands ? { commands: o.commands } : {}), ...(o.origin ? { origin: o.origin } : {}), ...(o.hostname ? { hostname: o.hostname } : {}), ...(o.userland ? { userland: o.userland } : {}) } : {};
      const user = (await lookupUser((index === 0 ? o.fs : undefined) ?? host.fs, saved.user)) ?? ROOT;
      const frame = this.newFrame({ host, user, kind: saved.kind, interactive: this.interactive, login: saved.login, ...inside });
      await frame.shell.restore(saved.state);
      this.frames.push(frame);
    }
    this.historyLines = [...snapshot.history];
    this.commandNumber = snapshot.commandNumber;
    this.pending = snapshot.pending;
    if (snapshot.foreground) await this.restoreForeground(snapshot.foreground);
  }

  /** Reopens the session that had the terminal; when it cannot come back, the learner is told why. */
  private async restoreForeground(saved: SavedForeground): Promise<void> {
    const restorer = foregroundRestorer(saved.kind);
    const reopened = restorer
      ? await restorer(saved.state, { environment: this.env, sleep: (ms, signal) => this.sleep(ms, signal), columns: this.size.columns, rows: this.size.rows }).catch((e: unknown) => ({ gone: e instanceof Error ? e.message : String(e) }))
      : { gone: `sessions of kind ${saved.kind} cannot be restored` };
    if ("gone" in reopened) this.startupOutput.push([`kubecoach: the session this terminal was in ended while it was saved (${reopened.gone}); back at the shell it was started from\n`, "stderr"]);
    else this.adoptForeground(reopened);
  }
}

/** The line running in the terminal: what Ctrl-C, Ctrl-Z and the limits act on. */
interface RunningLine {
  controller: AbortController;
  gate: StopGate;
  reason?: string;
  stopAfterPiece?: boolean;
  /** A line of the session that holds the terminal: Ctrl-Z is the session's. */
  session?: ForegroundSession;
  /** Stops the line (Ctrl-Z); only for a line typed at the shell's prompt. */
  stop?: () => void;
  /** Set once the stopped line became a job: its output, clock and CPU budget are a job's. */
  job?: Job;
  jobClock?: { sleep: (ms: number, signal: AbortSignal) => Promise<void>; now: () => number };
  jobTick?: () => Promise<void>;
}

interface StoppedLine<T> {
  work: Promise<T>;
  running: RunningLine;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${n / (1024 * 1024)} MiB` : `${n} bytes`;
}

/** Opens a terminal on `env` (see TerminalOptions); await `terminal.ready` or just call `exec`. */
export function createTerminal(env: Environment, options: TerminalOptions = {}): Terminal {
  return new Terminal(env, options);
}

/** What bash says of a script that ends in the middle of `text`. */
function unexpectedEndMessage(text: string): string {
  try {
    parseLine(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const what = message.replace(/^(Parse error at \d+:\d+: |line \d+: )/, "");
    if (/unexpected EOF|unexpected end of file/.test(what)) return what;
  }
  return "syntax error: unexpected end of file";
}
