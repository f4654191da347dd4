import type { Terminal } from "../../shell";

/**
 * The pseudo-terminal between `kubectl exec -it` (which sends raw keystrokes) and a shell in the
 * container: it echoes what is typed, edits the line (backspace, Ctrl-U, Ctrl-W), sends a finished
 * line to the shell, turns Ctrl-C into an interrupt and Ctrl-D on an empty line into end of input,
 * and translates output newlines to CRLF as the tty's onlcr does.
 */
export class ContainerTty {
  private line = "";
  private escape = "";
  private running = false;
  private queue: string[] = [];
  private finished = false;
  private resolveDone!: (code: number) => void;
  /** Resolves with the last command's exit status when the shell exits. */
  readonly done = new Promise<number>((resolve) => (this.resolveDone = resolve));
  private lastExit = 0;

  constructor(
    private readonly terminal: Terminal,
    private readonly write: (data: string) => void,
    /** What the shell prints as it exits: bash says "exit", busybox and dash say nothing. */
    private readonly exitWord: string,
  ) {}

  private out(data: string): void {
    // The terminal's shell is a login shell and says "logout"; `sh`/`bash` in a container are not.
    if (data === "logout\n") data = this.exitWord ? `${this.exitWord}\n` : "";
    this.write(data.replace(/\r?\n/g, "\r\n"));
  }

  /** Shows the first prompt. */
  begin(): void {
    this.write(this.terminal.prompt);
  }

  input(data: string): void {
    for (const ch of data) {
      if (this.finished) return;
      if (this.escape) {
        // Swallow cursor and function keys (ESC [ … final byte): line editing lives at the edge.
        this.escape += ch;
        if (this.escape.length > 1 && /[A-Za-z~]/.test(ch)) this.escape = "";
        else if (this.escape.length > 8) this.escape = "";
        continue;
      }
      if (ch === "\x1b") {
        this.escape = ch;
        continue;
      }
      if (this.running) {
        if (ch === "\x03") this.terminal.interrupt();
        else this.queue.push(ch);
        continue;
      }
      this.key(ch);
    }
  }

  private key(ch: string): void {
    switch (ch) {
      case "\r":
      case "\n":
        this.write("\r\n");
        this.submit(this.line);
        this.line = "";
        return;
      case "\x7f":
      case "\b":
        if (this.line) {
          this.line = [...this.line].slice(0, -1).join("");
          this.write("\b \b");
        }
        return;
      case "\x03":
        this.write("^C\r\n");
        this.line = "";
        this.write(this.terminal.prompt);
        return;
      case "\x04":
        if (!this.line) {
          this.write("\r\n");
          this.submit("exit");
        }
        return;
      case "\x15":
        this.write("\b \b".repeat([...this.line].length));
        this.line = "";
        return;
      case "\x17": {
        const kept = this.line.replace(/\S+\s*$/, "");
        this.write("\b \b".repeat([...this.line].length - [...kept].length));
        this.line = kept;
        return;
      }
      case "\x0c":
        this.write(`\x1b[H\x1b[2J${this.terminal.prompt}${this.line}`);
        return;
      default:
        if (ch < " " && ch !== "\t") return;
        this.line += ch;
        this.write(ch);
    }
  }

  private submit(line: string): void {
    this.running = true;
    this.terminal
      .exec(line, (data) => this.out(data))
      .then(
        (r) => {
          this.lastExit = r.exitCode;
          if (r.closed) return this.finish();
          this.write(r.prompt);
        },
        (err: unknown) => {
          this.out(`${err instanceof Error ? err.message : String(err)}\n`);
          this.write(this.terminal.prompt);
        },
      )
      .finally(() => {
        this.running = false;
        const typed = this.queue.splice(0).join("");
        if (typed && !this.finished) this.input(typed);
      });
  }

  /** The client's input ended (stdin closed): the shell reads end of file and exits. */
  endOfInput(): void {
    if (this.finished) return;
    if (this.running) {
      this.queue.push("\x04");
      return;
    }
    this.line = "";
    this.submit("exit");
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.resolveDone(this.lastExit);
  }

  /** The client went away. */
  hangUp(): void {
    if (this.running) this.terminal.interrupt();
    this.finish();
  }
}
