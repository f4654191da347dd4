import { getCommandNames, type Command, type IFileSystem } from "just-bash";
import type { Environment } from "../cluster/environment";
import type { Host } from "../hosts/host";
import type { NetworkOrigin } from "../network/types";
import type { ProgramContext, ProgramRegistry } from "../process/types";
import { drainPipeOuts, OutputOrder, PIPE_AWARE, pipeLoopCommand, programCommand, wrapBundled, type ShellRuntime } from "./bridge";
import { ShellInterpreter, type OutputSink, type PieceResume, type RunResult } from "./interpreter";
import { procFile, procWrite } from "./proc";
import { ShellFs } from "./shell-fs";
import { mayKeepRunning } from "./pipe-stages";
import type { UserAccount } from "./users";

/**
 * One shell process in a terminal: the login shell, or a shell opened by `ssh`, `sudo -i` or `su`
 * (a stack of these is what `exit` walks back through). It owns an interpreter over its host's
 * filesystem and the commands it can run.
 */
export type FrameKind = "login" | "ssh" | "sudo" | "su" | "child";

export interface FrameSpec {
  host: Host;
  user: UserAccount;
  kind: FrameKind;
  /** Reads startup files and expands aliases; false for `bash -s`, `ssh host CMD`, `sudo CMD`. */
  interactive: boolean;
  /** A login shell reads ~/.profile (which reads ~/.bashrc) and says "logout" on exit. */
  login: boolean;
  cwd?: string;
  /** Exported variables on top of the login defaults (sudo's SUDO_USER, a script's KUBECONFIG). */
  env?: Record<string, string>;
  /** Replace the login defaults entirely (sudo's env_reset keeps only what it sets). */
  replaceEnv?: boolean;
  /** Another filesystem than the host's (a container's, for `kubectl exec`). */
  fs?: IFileSystem;
  origin?: NetworkOrigin;
  /** Restricts the commands to these names (a container image ships only some programs). */
  commands?: ReadonlySet<string>;
  /** The host name programs report when it is not the host's own (a container's is its pod's). */
  hostname?: string;
  /** Whose tools the programs are: busybox's (busybox and alpine images) print their own formats (ls -l). */
  userland?: Userland;
  /** Its programs' stdout is not the terminal even at an interactive prompt (`ssh host CMD` without -t). */
  noTerminal?: boolean;
}

/** What the output of the line being run is tied to. */
export interface LineContext {
  sink: OutputSink;
  signal: AbortSignal;
  charge(bytes: number): void;
  /**
   * Called as each command starts: enforces the line's CPU limit and lets other terminals of the
   * server run (just-bash's interpreter loop runs on microtasks, so timers alone cannot).
   */
  tick(): Promise<void>;
  /** A piece of the line ended (see ShellInterpreter.run). */
  afterPiece?(): void;
  /** How the line's commands pass time, when not the terminal's sleep (a line Ctrl-Z can stop; see Terminal.suspend). */
  sleep?(ms: number, signal: AbortSignal): Promise<void>;
}

/** Terminal-wide services a frame uses. */
export interface ShellServices {
  environment: Environment;
  programs: ProgramRegistry;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** A deadline beside the command's own waits (`timeout`); see JobTable.alarm. Without it, a sleep. */
  alarm?(ms: number, signal: AbortSignal): Promise<void>;
  edit(): ProgramContext["edit"] | undefined;
  terminal(): { isTTY: boolean; columns: number; rows: number };
  /** Commands that need the terminal itself (ssh, sudo, history, vim, watch, …). */
  shellCommands(frame: ShellFrame): Command[];
  /** Per-exec interpreter limits. */
  limits: NonNullable<ConstructorParameters<typeof ShellInterpreter>[0]["limits"]>;
  nextPid(): number;
  /** Where a program's ProgramContext.foreground goes (a script's terminal too: the shell takes its following lines). */
  foreground?: ProgramContext["foreground"];
  /** Typed input for a command whose stdin is the terminal (see terminal-input.ts). */
  readTerminal?: NonNullable<ShellRuntime["readTerminal"]>;
}

const IDLE_LINE: LineContext = {
  sink: () => undefined,
  signal: new AbortController().signal,
  charge: () => undefined,
  tick: async () => undefined,
};

export function loginEnv(user: UserAccount, host: Host, interactive: boolean): Record<string, string> {
  const path = user.uid === 0 ? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/snap/bin" : "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/games:/usr/local/games:/snap/bin";
  return {
    HOME: user.home,
    USER: user.name,
    LOGNAME: user.name,
    SHELL: user.shell || "/bin/bash",
    PATH: path,
    LANG: "C.UTF-8",
    TERM: interactive ? "xterm-256color" : "dumb",
    MAIL: `/var/mail/${user.name}`,
    SHLVL: "1",
    HOSTNAME: host.name,
  };
}

/** GNU's coreutils (a host, debian-based images) or busybox's applets (busybox, alpine). */
export type Userland = "gnu" | "busybox";

export class ShellFrame {
  readonly fs: ShellFs;
  readonly shell: ShellInterpreter;
  readonly host: Host;
  /** What `hostname`, `uname -n` and $HOSTNAME say: the host's name, or a container's. */
  readonly hostname: string;
  readonly user: UserAccount;
  /** The user commands run as; differs from `user` while `sudo CMD` runs. */
  effectiveUser: UserAccount;
  line: LineContext = IDLE_LINE;
  /** What commands of this shell use to reach the terminal (output, signal, sleep, editor). */
  readonly runtime: ShellRuntime;
  private readonly commandNames: Set<string>;

  constructor(
    readonly spec: FrameSpec,
    private readonly services: ShellServices,
  ) {
    this.host = spec.host;
    this.hostname = spec.hostname ?? spec.host.name;
    this.user = spec.user;
    this.effectiveUser = spec.user;
    const env = services.environment;
    this.commandNames = new Set();
    this.fs = new ShellFs({
      base: spec.fs ?? spec.host.fs,
      commands: () => this.commandNames,
      proc: (path) => procFile(env, spec.host, path),
      procWrite: (path, content) => procWrite(env, spec.host, path, content),
      user: () => this.effectiveUser,
      now: () => env.clock.now(),
      // Ctrl-C while `read` waits ends the line; the read itself just sees no input.
      tty: async (mode, timeoutMs) => {
        if (!services.readTerminal) return "";
        await drainPipeOuts();
        if (timeoutMs === undefined) return services.readTerminal(mode, this.line.signal).catch(() => "");
        // `read -t`: the read gives up when the time passes on the session's clock.
        const expired = new AbortController();
        const done = new AbortController();
        const line = this.line.signal;
        const reading = services.readTerminal(mode, AbortSignal.any([line, expired.signal])).then(
          (text) => text,
          () => (line.aborted ? "" : undefined),
        );
        let settled = false;
        void reading.then(() => (settled = true));
        // A line already typed (or answered at once) costs no time: the clock moves only while it waits.
        await new Promise((resolve) => setImmediate(resolve));
        if (!settled) {
          void services
            .sleep(timeoutMs, AbortSignal.any([line, done.signal]))
            .then(() => expired.abort(), () => undefined);
        }
        const text = await reading;
        done.abort();
        return text;
      },
    });
    const order = new OutputOrder();
    const rt: ShellRuntime = {
      environment: env,
      order,
      host: spec.host,
      fs: this.fs,
      user: () => this.effectiveUser.name,
      sink: (data, stream) => this.line.sink(data, stream),
      signal: () => this.line.signal,
      sleep: (ms, signal) => (this.line.sleep ?? services.sleep)(ms, signal),
      alarm: (ms, signal) => (services.alarm ?? services.sleep)(ms, signal),
      edit: async (request) => {
        const edit = services.edit();
        if (!edit) throw new Error("no editor is attached to this terminal");
        const vimrc = await this.fs.readFile(`${this.effectiveUser.home}/.vimrc`).catch(() => undefined);
        return edit({ ...request, ...(vimrc !== undefined ? { vimrc } : {}) });
      },
      terminal: spec.noTerminal ? () => ({ ...services.terminal(), isTTY: false }) : () => services.terminal(),
      charge: (bytes) => this.line.charge(bytes),
      tick: () => this.line.tick(),
      ...(spec.origin ? { origin: spec.origin } : {}),
      ...(services.foreground ? { foreground: services.foreground } : {}),
      ...(services.readTerminal ? { readTerminal: services.readTerminal } : {}),
    };
    this.runtime = rt;
    const allowed = (name: string) => !spec.commands || spec.commands.has(name);
    const commands: Command[] = [];
    const own = services.shellCommands(this).filter((c) => allowed(c.name));
    const ownNames = new Set(own.map((c) => c.name));
    for (const name of getCommandNames()) {
      if (!allowed(name) || ownNames.has(name)) continue;
      commands.push(wrapBundled(name, rt));
      this.commandNames.add(name);
    }
    for (const name of services.programs.names()) {
      if (!allowed(name) || ownNames.has(name)) continue;
      commands.push(programCommand(name, services.programs.get(name)!, rt));
      this.commandNames.add(name);
    }
    for (const c of own) {
      commands.push(c);
      this.commandNames.add(c.name);
    }
    commands.push(pipeLoopCommand(rt));
    // Programs, and the terminal's commands that can keep running (the rest end at once: streaming
    // them would only cost the pipeline a nested run per stage).
    const pipeProducers = new Set(commands.filter((c) => PIPE_AWARE.has(c) && (!ownNames.has(c.name) || WAITING_SHELL_COMMANDS.has(c.name))).map((c) => c.name));
    const base = spec.replaceEnv ? {} : loginEnv(spec.user, spec.host, spec.interactive);
    const exported = { ...base, ...(spec.env ?? {}) };
    delete exported.HOSTNAME;
    const variables: Record<string, string> = { HOSTNAME: spec.hostname ?? spec.host.name, HISTSIZE: "1000", HISTFILESIZE: "2000" };
    if (spec.interactive) {
      variables.PS1 = "\\s-\\v\\$ ";
      variables.PS2 = "> ";
    }
    this.shell = new ShellInterpreter({
      fs: this.fs,
      cwd: spec.cwd ?? spec.user.home,
      env: exported,
      variables,
      commands,
      sleep: (ms) => (this.line.sleep ?? services.sleep)(ms, this.line.signal),
      limits: services.limits,
      uid: spec.user.uid,
      gid: spec.user.gid,
      pid: services.nextPid(),
      interactive: spec.interactive,
      order,
      afterPiece: () => this.line.afterPiece?.(),
      pipeProducer: (name, args) => pipeProducers.has(name) && mayKeepRunning(name, args),
      writesFiles: (name) => pipeProducers.has(name),
    });
  }

  /** Runs the startup files bash reads for this kind of shell. */
  async startup(): Promise<RunResult | undefined> {
    if (!this.spec.interactive) return undefined;
    const home = this.user.home;
    const candidates = this.spec.login ? [`${home}/.bash_profile`, `${home}/.bash_login`, `${home}/.profile`] : [`${home}/.bashrc`];
    for (const file of candidates) {
      if (await this.fs.exists(file)) return this.run(`source ${quote(file)}`);
    }
    return undefined;
  }

  run(text: string, options: { stdin?: string; resume?: PieceResume } = {}): Promise<RunResult> {
    return this.shell.run(text, (data, stream) => this.line.sink(data, stream), this.line.signal, options.stdin, options.resume);
  }

  /** The shell ends: its EXIT trap runs (see ShellInterpreter.runExitTrap). */
  runExitTrap(exitCode: number): Promise<number> {
    return this.shell.runExitTrap(exitCode, (data, stream) => this.line.sink(data, stream), this.line.signal);
  }

  /** A signal reached the shell at its prompt: its trap runs (see ShellInterpreter.runSignalTrap). */
  runSignalTrap(signal: number): Promise<RunResult> {
    return this.shell.runSignalTrap(signal, (data, stream) => this.line.sink(data, stream), this.line.signal);
  }

  /** Runs a script as a subshell of this shell (see ShellInterpreter.runIsolated). */
  runIsolated(script: string, stdin: string): Promise<number> {
    return this.shell.runIsolated(script, (data, stream) => this.line.sink(data, stream), this.line.signal, stdin);
  }

  hasCommand(name: string): boolean {
    return this.commandNames.has(name);
  }

  commandList(): string[] {
    return [...this.commandNames];
  }
}

/** Terminal commands that may run until stopped (`tail -f`, `watch`, `ssh node01 journalctl -f`, `yes`). */
const WAITING_SHELL_COMMANDS = new Set(["tail", "watch", "ssh", "sudo", "su", "nohup", "yes"]);

export function quote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
