import type { Environment } from "../../cluster/environment";
import { createTerminal, type Terminal } from "../../shell";
import { containerTarget, missingProgramError, shellJoin, shellPrompt, type ContainerTarget } from "./container-target";
import { exitCodeStatus, internalErrorStatus, successStatus, type KubeStatus, type RemoteCommandSession, type SessionStartOptions, type TerminalSize } from "./session";
import { ContainerTty } from "./tty";

/**
 * pods/exec once the connection is upgraded: the command runs in the container through the shell
 * (over the container's filesystem, with its programs, environment and network origin). Without a
 * tty, input is collected until the client closes stdin, as `sh -c CMD < input` would read it; with
 * a tty, keystrokes go through ContainerTty to an interactive shell.
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
  private size: TerminalSize = { width: 80, height: 24 };
  private abort = new AbortController();

  constructor(
    private readonly env: Environment,
    private readonly target: ContainerTarget,
    private readonly request: ExecRequest,
    /** An attach to a container whose main process is this shell. */
    kind: "exec" | "attach" = "exec",
  ) {
    this.kind = kind;
    this.streams = { stdin: request.stdin, stdout: request.stdout, stderr: request.stderr, tty: request.tty };
    this.binary = isBinary(request.argv);
    if (!request.stdin) this.stdinClosed = true;
  }

  writeStdin(data: string): void {
    if (this.stdinClosed) return;
    if (this.tty) this.tty.input(data);
    else this.input.push(data);
  }

  closeStdin(): void {
    if (this.stdinClosed) return;
    this.stdinClosed = true;
    this.tty?.endOfInput();
    this.stdinWaiter?.();
  }

  resize(size: TerminalSize): void {
    this.size = size;
    this.terminal?.resize(size.width, size.height);
  }

  cancel(): void {
    this.abort.abort();
    this.tty?.hangUp();
    this.terminal?.interrupt();
    this.stdinWaiter?.();
  }

  async start(output: (stream: "stdout" | "stderr", data: string) => void, options: SessionStartOptions = {}): Promise<KubeStatus> {
    const { argv } = this.request;
    // The container may have stopped between the upgrade and now.
    const target = containerTarget(this.target.cluster, this.target.pod, this.target.container) ?? this.target;
    const missing = missingProgramError(target, argv[0]);
    if (missing) return internalErrorStatus(missing);
    if (options.size) this.size = options.size;
    const program = basename(argv[0]);
    const interactiveShell = this.request.tty && SHELLS.has(program) && argv.length === 1;
    this.terminal = createTerminal(this.env, {
      host: target.open.nodeName,
      user: "root",
      interactive: interactiveShell,
      recordHistory: false,
      env: this.request.tty ? { ...target.env, TERM: "xterm" } : target.env,
      cwd: target.cwd,
      fs: target.fs,
      commands: target.commands,
      origin: target.origin,
      columns: this.size.width,
      rows: this.size.height,
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
    await this.terminal.ready;
    if (interactiveShell) return this.interactive(target, program, output);
    return this.command(argv, output);
  }

  private async interactive(target: ContainerTarget, program: string, output: (stream: "stdout" | "stderr", data: string) => void): Promise<KubeStatus> {
    const terminal = this.terminal!;
    await terminal.exec(`PS1='${shellPrompt(target, program)}'`);
    const tty = new ContainerTty(terminal, (data) => output("stdout", data));
    this.tty = tty;
    const typed = this.input.splice(0).join("");
    tty.begin();
    if (typed) tty.input(typed);
    if (this.stdinClosed && this.request.stdin) tty.endOfInput();
    if (this.abort.signal.aborted) tty.hangUp();
    return ttyStatus(this.request.argv, await tty.done);
  }

  private async command(argv: string[], output: (stream: "stdout" | "stderr", data: string) => void): Promise<KubeStatus> {
    const terminal = this.terminal!;
    const crlf = this.request.tty;
    const sink = (data: string, stream: "stdout" | "stderr") => {
      if (this.abort.signal.aborted) return;
      // A tty merges stderr into stdout and turns newlines into CRLF.
      if (crlf) output("stdout", data.replace(/\r?\n/g, "\r\n"));
      else if (stream === "stdout" ? this.request.stdout : this.request.stderr) output(stream, data);
    };
    const line = shellJoin(argv);
    let code: number;
    if (this.request.stdin && !this.request.tty) {
      await new Promise<void>((resolve) => {
        if (this.stdinClosed || this.abort.signal.aborted) return resolve();
        this.stdinWaiter = resolve;
      });
      if (this.abort.signal.aborted) return successStatus();
      code = (await terminal.execWithStdin(line, this.input.join(""), sink)).exitCode;
    } else {
      code = (await terminal.exec(line, sink)).exitCode;
    }
    if (this.abort.signal.aborted) return successStatus();
    return code === 0 ? successStatus() : exitCodeStatus(argv, code);
  }
}
