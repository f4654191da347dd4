import type { Environment } from "../../cluster/environment";
import { createTerminal, type Terminal, type TerminalSnapshot } from "../../shell";
import { nestedShell } from "../../shell/nested-shell";
import { containerTarget, missingProgramError, shellJoin, shellPrompt, type ContainerTarget } from "./container-target";
import { exitCodeStatus, internalErrorStatus, successStatus, type KubeStatus, type LineShell, type RemoteCommandSession, type SessionStartOptions, type TerminalSize } from "./session";
import type { MainProcessHooks } from "./main-process";
import { ContainerTty } from "./tty";
import { CanonicalTty, StdinFeed } from "./stdin-feed";

/**
 * pods/exec once the connection is upgraded: the command runs in the container through the shell
 * (over the container's filesystem, with its programs, environment and network origin). Its input
 * reaches the programs that read it as it comes (StdinFeed): line by line from a pipe, through a
 * canonical-mode tty (CanonicalTty) with -t. A shell reading its script from stdin gets the whole
 * input once the client closes it, as `sh < input` would run it; with a tty, an interactive shell
 * gets the keystrokes through ContainerTty.
 */
const SHELLS = new Set(["sh", "bash", "ash", "dash"]);
const basename = (p: string) => p.replace(/^.*\//, "");

export interface ExecRequest {
  argv: string[];
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

/** `tar cf - …` writes an archive, `tar xf -` reads one: those streams are bytes, not text. */
function isBinary(argv: string[]): boolean {
  return basename(argv[0] ?? "") === "tar";
}

/** `sh` with no script operand and no -c reads its commands from stdin. */
function readsScript(argv: string[]): boolean {
  return SHELLS.has(basename(argv[0] ?? "")) && !argv.includes("-c") && argv.slice(1).every((a) => a.startsWith("-"));
}

function ttyStatus(argv: string[], code: number): KubeStatus {
  return code === 0 ? successStatus() : exitCodeStatus(argv, code);
}

export class ExecSession implements RemoteCommandSession {
  readonly kind: "exec" | "attach";
  readonly streams: { stdin: boolean; stdout: boolean; stderr: boolean; tty: boolean };
  readonly binary: boolean;
  private input: string[] = [];
  private stdinClosed = false;
  private stdinWaiter?: () => void;
  private terminal?: Terminal;
  private tty?: ContainerTty;
  /** A command's stdin as its programs read it, and the tty in front of it with -t. */
  private feed?: StdinFeed;
  private canonical?: CanonicalTty;
  /** The client left while the command read its stdin. */
  private hungUp = false;
  private size: TerminalSize = { width: 80, height: 24 };
  private abort = new AbortController();

  constructor(
    private readonly env: Environment,
    private readonly target: ContainerTarget,
    private readonly request: ExecRequest,
    /** An attach to a container whose main process is this shell. */
    kind: "exec" | "attach" = "exec",
    /** For an attach: the main process's log and exit (what the shell does is what the container does). */
    private readonly main?: MainProcessHooks,
  ) {
    this.kind = kind;
    this.streams = { stdin: request.stdin, stdout: request.stdout, stderr: request.stderr, tty: request.tty };
    this.binary = isBinary(request.argv);
    if (!request.stdin) this.stdinClosed = true;
  }

  writeStdin(data: string): void {
    if (this.stdinClosed) return;
    if (this.tty) this.tty.input(data);
    else if (this.canonical) this.canonical.input(data);
    else if (this.feed) this.feed.write(data);
    else this.input.push(data);
  }

  closeStdin(): void {
    if (this.stdinClosed) return;
    this.stdinClosed = true;
    this.tty?.endOfInput();
    // An attached client's stdin ending closes the container's only when the pod says so (stdinOnce).
    if (!this.main || this.main.stdinOnce) this.feed?.end();
    this.stdinWaiter?.();
  }

  resize(size: TerminalSize): void {
    this.size = size;
    this.terminal?.resize(size.width, size.height);
  }

  cancel(): void {
    this.abort.abort();
    this.tty?.hangUp();
    if (this.request.stdin && !this.request.tty && !readsScript(this.request.argv)) {
      // A client leaving closes the command's stdin (the runtime's pipe): a reader takes end of
      // file and finishes (`cat > f` keeps what it got); whatever still runs after that is stopped.
      // A command busy with something else than reading gets the hang-up as a signal instead.
      this.hungUp = true;
      const busy = this.feed && !this.terminal?.reading;
      this.closeStdin();
      this.feed?.end();
      if (busy) this.terminal?.interrupt();
    } else this.terminal?.interrupt();
    this.stdinWaiter?.();
  }

  async start(output: (stream: "stdout" | "stderr", data: string) => void, options: SessionStartOptions = {}): Promise<KubeStatus> {
    const { argv } = this.request;
    // The container may have stopped between the upgrade and now.
    const target = containerTarget(this.target.cluster, this.target.pod, this.target.container) ?? this.target;
    const missing = missingProgramError(target, argv[0]);
    if (missing) return internalErrorStatus(missing);
    const program = basename(argv[0]);
    const interactiveShell = this.request.tty && SHELLS.has(program) && argv.length === 1;
    await this.openTerminal(target, interactiveShell, options);
    if (interactiveShell) return this.interactive(target, program, output);
    return this.command(argv, output, options);
  }

  /** `restore`: the terminal state of a shell saved by `snapshot()` (a session reopened after a restore). */
  async startLines(options: SessionStartOptions = {}, restore?: TerminalSnapshot): Promise<LineShell | undefined> {
    const { argv } = this.request;
    const target = containerTarget(this.target.cluster, this.target.pod, this.target.container) ?? this.target;
    const program = basename(argv[0] ?? "");
    // Without a tty (a script's lines as its stdin) the shell shows no prompt and says nothing on exit.
    const tty = this.request.tty;
    if (missingProgramError(target, argv[0]) || !(tty || this.request.stdin) || !SHELLS.has(program) || argv.length !== 1) return undefined;
    const terminal = await this.openTerminal(target, tty, options, restore);
    if (!restore && tty) await terminal.exec(`PS1='${shellPrompt(target, program)}'`);
    // The terminal's shell is a login shell and says "logout"; bash in a container says "exit", sh nothing.
    const exitWord = program === "bash" && tty ? "exit\n" : "";
    return nestedShell(terminal, {
      shown: (data) => (data === "logout\n" ? exitWord : data),
      observe: (data, stream) => this.main?.output(stream, data),
      closed: (exitCode) => this.main?.exited(exitCode),
      snapshot: async () => ({
        cluster: target.cluster.name,
        namespace: target.pod.metadata.namespace!,
        pod: target.pod.metadata.name!,
        container: target.container,
        containerId: target.open.container.id ?? "",
        argv,
        kind: this.kind,
        terminal: await terminal.snapshot(),
      }),
    });
  }

  private async openTerminal(target: ContainerTarget, interactiveShell: boolean, options: SessionStartOptions, restore?: TerminalSnapshot): Promise<Terminal> {
    if (options.size) this.size = options.size;
    this.terminal = createTerminal(this.env, {
      ...(restore ? { restore } : {}),
      host: target.open.nodeName,
      user: "root",
      interactive: interactiveShell,
      recordHistory: false,
      env: this.request.tty ? { ...target.env, TERM: "xterm" } : target.env,
      cwd: target.cwd,
      fs: target.fs,
      commands: target.commands,
      origin: target.origin,
      hostname: target.hostname,
      userland: target.image.os === "busybox" || target.image.os === "alpine" ? "busybox" : "gnu",
      columns: this.size.width,
      rows: this.size.height,
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
    await this.terminal.ready;
    return this.terminal;
  }

  private async interactive(target: ContainerTarget, program: string, output: (stream: "stdout" | "stderr", data: string) => void): Promise<KubeStatus> {
    const terminal = this.terminal!;
    await terminal.exec(`PS1='${shellPrompt(target, program)}'`);
    const tty = new ContainerTty(
      terminal,
      (data) => {
        this.main?.output("stdout", data);
        output("stdout", data);
      },
      program === "bash" ? "exit" : "",
    );
    this.tty = tty;
    const typed = this.input.splice(0).join("");
    tty.begin();
    if (typed) tty.input(typed);
    if (this.stdinClosed && this.request.stdin) tty.endOfInput();
    if (this.abort.signal.aborted) tty.hangUp();
    const code = await tty.done;
    if (!this.abort.signal.aborted) this.main?.exited(code);
    return this.statusOf(code);
  }

  private async command(argv: string[], output: (stream: "stdout" | "stderr", data: string) => void, options: SessionStartOptions): Promise<KubeStatus> {
    const terminal = this.terminal!;
    const crlf = this.request.tty;
    const sink = (data: string, stream: "stdout" | "stderr") => {
      this.main?.output(stream, data);
      if (this.abort.signal.aborted) return;
      // A tty merges stderr into stdout and turns newlines into CRLF.
      if (crlf) output("stdout", data.replace(/\r?\n/g, "\r\n"));
      else if (stream === "stdout" ? this.request.stdout : this.request.stderr) output(stream, data);
    };
    const archive = this.binary ? tarArchiveArg(argv) : undefined;
    if (archive) return this.tarThroughFile(argv, archive, output);
    const line = shellJoin(argv);
    let code: number;
    if (this.request.stdin && !readsScript(argv)) {
      this.openFeed(terminal, output, options);
      code = (await terminal.exec(line, sink)).exitCode;
      // An attached main process (a filter) ends with its input; a client that merely left a stdin
      // the pod keeps open (no stdinOnce) does not end it.
      if (this.main && (!this.hungUp || this.main.stdinOnce)) this.main.exited(code);
    } else if (this.request.stdin && !this.request.tty) {
      await new Promise<void>((resolve) => {
        if (this.stdinClosed || this.abort.signal.aborted) return resolve();
        this.stdinWaiter = resolve;
      });
      if (this.abort.signal.aborted) return successStatus();
      code = (await terminal.execWithStdin(line, this.input.join(""), sink)).exitCode;
      // The shell read to the end of its input: it exits once that input is closed for good.
      if (this.main?.stdinOnce) this.main.exited(code);
    } else {
      code = (await terminal.exec(line, sink)).exitCode;
    }
    if (this.abort.signal.aborted) return successStatus();
    return this.statusOf(code);
  }

  /** Input from now on reaches the command's readers as they read; what came before start() goes first. */
  private openFeed(terminal: Terminal, output: (stream: "stdout" | "stderr", data: string) => void, options: SessionStartOptions): void {
    const feed = new StdinFeed(terminal);
    this.feed = feed;
    if (this.request.tty) {
      // The tty echoes what is typed, unless the client already shows it (the Kubecoach terminal's line editor).
      const echo = options.clientEchoes ? undefined : (data: string) => output("stdout", data);
      this.canonical = new CanonicalTty(feed, echo, () => feed.interrupt());
    }
    const typed = this.input.splice(0).join("");
    if (typed) {
      if (this.canonical) this.canonical.input(typed);
      else feed.write(typed);
    }
    if (this.stdinClosed && (!this.main || this.main.stdinOnce)) feed.end();
    if (this.hungUp) feed.end();
  }

  /** An exec reports its command's exit code; an attach does not (the container's status tells it). */
  private statusOf(code: number): KubeStatus {
    return this.kind === "attach" ? successStatus() : ttyStatus(this.request.argv, code);
  }

  /**
   * `tar cf -` / `tar xf -` (kubectl cp): the archive goes through a file in the container, so its
   * bytes reach tar and the client exactly (the shell's pipes hand text over as decoded UTF-8).
   */
  private async tarThroughFile(argv: string[], index: number, output: (stream: "stdout" | "stderr", data: string) => void): Promise<KubeStatus> {
    const fs = this.target.open.fs;
    const file = `/.kubecoach-tar-${this.target.open.container.id?.slice(0, 12) ?? "stream"}`;
    let rewritten = argv.map((a, i) => (i === index ? file : a));
    const modes = argv.slice(1, index).filter((a, i) => i === 0 || a.startsWith("-")).join("");
    const extract = modes.includes("x");
    const members = rewritten.slice(index + 1);
    if (!extract && !members.includes("-C") && members.some((m) => m.startsWith("/"))) {
      // tar stores member names relative to / and says so (kubectl cp expects `tmp/f`, not `/tmp/f`).
      rewritten = [...rewritten.slice(0, index + 1), "-C", "/", ...members.map((m) => (m.startsWith("/") ? m.replace(/^\/+/, "") || "." : m))];
      if (this.request.stderr) output("stderr", this.target.image.os === "busybox" || this.target.image.os === "alpine" ? "tar: removing leading '/' from member names\n" : "tar: Removing leading `/' from member names\n");
    }
    if (extract) {
      await new Promise<void>((resolve) => {
        if (this.stdinClosed || this.abort.signal.aborted) return resolve();
        this.stdinWaiter = resolve;
      });
      if (this.abort.signal.aborted) return successStatus();
      fs.write(file, new Uint8Array(Buffer.from(this.input.join(""), "latin1")), false);
    }
    const sink = (data: string, stream: "stdout" | "stderr") => {
      if (!this.abort.signal.aborted && (stream === "stdout" ? this.request.stdout : this.request.stderr)) output(stream, data);
    };
    const code = (await this.terminal!.exec(shellJoin(rewritten), sink)).exitCode;
    if (!extract && code === 0) {
      const bytes = fs.readBytes(file);
      if (bytes && this.request.stdout) output("stdout", Buffer.from(bytes).toString("latin1"));
    }
    fs.remove(file, false);
    return code === 0 ? successStatus() : exitCodeStatus(argv, code);
  }
}

/** The position of the `-` that names the archive (`tar cf - dir`, `tar -xmf - -C dir`, `tar -x -f -`). */
function tarArchiveArg(argv: string[]): number | undefined {
  for (let i = 2; i < argv.length; i++) {
    const flags = argv[i - 1];
    if (argv[i] === "-" && /^-?[a-zA-Z]*f$/.test(flags) && /[cx]/.test(argv.slice(1, i).join(" "))) return i;
  }
  return undefined;
}
