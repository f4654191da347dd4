import type { Terminal } from "../../shell";

/**
 * The stdin of a command run by pods/exec (or of an attached main process), fed to the programs in
 * the container as they read it: the container's terminal asks (`onRead`) when a program waits for
 * input, and gets the next line the client sent, end of input once the client closed its stdin, or
 * nothing yet (the program waits, as one blocked in read(2) does). So `cat` writes each line as it
 * arrives and `read X` takes one line, instead of the whole input being gathered first.
 */
export class StdinFeed {
  /** Lines (each with its "\n") or final text the programs have not read yet. */
  private queue: string[] = [];
  /** Bytes after the last newline, held until the line is complete (a pipe delivers them as they come, but the shell's readers take lines). */
  private partial = "";
  private ended = false;
  /** Ctrl-C came before the command read anything (it had not started yet): its first read is interrupted. */
  private interruptPending = false;

  constructor(private readonly terminal: Terminal) {
    terminal.onRead = () => {
      if (this.interruptPending) {
        this.interruptPending = false;
        terminal.interrupt();
        return;
      }
      this.deliver();
    };
  }

  /** SIGINT for the command: it stops what it waits for (a read, a sleep) and ends with 130. */
  interrupt(): void {
    if (!this.terminal.reading) this.interruptPending = true;
    this.terminal.interrupt();
  }

  /** Bytes from the client (a pipe): complete lines go to the next read. */
  write(data: string): void {
    if (this.ended || !data) return;
    const parts = (this.partial + data).split("\n");
    this.partial = parts.pop()!;
    for (const line of parts) this.queue.push(`${line}\n`);
    this.deliver();
  }

  /** A chunk as a tty's canonical mode hands it over: a line with its "\n", or text Ctrl-D sent without one. */
  chunk(text: string): void {
    if (this.ended || !text) return;
    this.queue.push(text);
    this.deliver();
  }

  /** The client's stdin is closed (or Ctrl-D on an empty line): later reads get end of file. */
  end(): void {
    if (this.ended) return;
    if (this.partial) this.queue.push(this.partial);
    this.partial = "";
    this.ended = true;
    this.deliver();
  }

  get closed(): boolean {
    return this.ended;
  }

  private deliver(): void {
    if (!this.terminal.reading) return;
    const next = this.queue.shift();
    if (next !== undefined) this.terminal.input(next);
    else if (this.ended) this.terminal.input("");
  }
}

/**
 * A tty in canonical mode in front of a command that is not a shell (`kubectl exec -it POD --
 * cat`): keys are echoed (unless the client shows what it types itself) and edited until Enter
 * sends the line; Ctrl-D sends what is typed, or end of input on an empty line; Ctrl-C is SIGINT
 * for the command (it ends with 130). Output newlines become CRLF (onlcr) where the session writes.
 */
export class CanonicalTty {
  private line: string[] = [];

  constructor(
    private readonly feed: StdinFeed,
    private readonly echo: ((data: string) => void) | undefined,
    private readonly interrupt: () => void,
  ) {}

  input(data: string): void {
    for (const ch of data) this.key(ch);
  }

  private key(ch: string): void {
    switch (ch) {
      case "\r":
      case "\n": {
        this.echo?.("\r\n");
        const text = this.line.join("");
        this.line = [];
        this.feed.chunk(`${text}\n`);
        return;
      }
      case "\x7f":
      case "\b":
        if (this.line.length === 0) return;
        this.line.pop();
        this.echo?.("\b \b");
        return;
      case "\x15":
        this.echo?.("\b \b".repeat(this.line.length));
        this.line = [];
        return;
      case "\x04": {
        const text = this.line.join("");
        this.line = [];
        if (text) this.feed.chunk(text);
        else this.feed.end();
        return;
      }
      case "\x03":
        this.line = [];
        this.echo?.("^C\r\n");
        this.interrupt();
        return;
      default:
        if (ch < " " && ch !== "\t") return;
        this.line.push(ch);
        this.echo?.(ch);
    }
  }
}
