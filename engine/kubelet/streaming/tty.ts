import type { Terminal } from "../../shell";

/**
 * The pseudo-terminal between `kubectl exec -it` (which sends raw keystrokes) and a shell in the
 * container, with the line editing the container's shell does itself (busybox ash and bash edit
 * lines like readline): echo, cursor keys, Home/End, Delete, Ctrl-A/E/B/F/K/U/W, history with the
 * arrow keys and Ctrl-P/N, Tab completion; Ctrl-C interrupts, Ctrl-D on an empty line is end of
 * input. Output newlines become CRLF as the tty's onlcr does.
 */
const ESC = "\x1b";
const KEYS: Record<string, string> = {
  [`${ESC}[A`]: "up",
  [`${ESC}[B`]: "down",
  [`${ESC}[C`]: "right",
  [`${ESC}[D`]: "left",
  [`${ESC}OA`]: "up",
  [`${ESC}OB`]: "down",
  [`${ESC}OC`]: "right",
  [`${ESC}OD`]: "left",
  [`${ESC}[H`]: "home",
  [`${ESC}[F`]: "end",
  [`${ESC}OH`]: "home",
  [`${ESC}OF`]: "end",
  [`${ESC}[1~`]: "home",
  [`${ESC}[4~`]: "end",
  [`${ESC}[3~`]: "delete",
};
/** Lines a container shell remembers (busybox's default history size is 255 lines). */
const HISTORY_SIZE = 255;

export class ContainerTty {
  private line: string[] = [];
  private cursor = 0;
  private escape = "";
  private running = false;
  private queue: string[] = [];
  private finished = false;
  private history: string[] = [];
  /** Position while browsing history (history.length: the line being typed). */
  private historyIndex = 0;
  private draft: string[] = [];
  private resolveDone!: (code: number) => void;
  /** Resolves with the last command's exit status when the shell exits. */
  readonly done = new Promise<number>((resolve) => (this.resolveDone = resolve));
  private lastExit = 0;
  /** The line being typed for a program reading the terminal (`cat > f`), before Enter sends it. */
  private readLine: string[] = [];
  /** The client's stdin is closed. */
  private inputEnded = false;

  constructor(
    private readonly terminal: Terminal,
    private readonly write: (data: string) => void,
    /** What the shell prints as it exits: bash says "exit", busybox and dash say nothing. */
    private readonly exitWord: string,
  ) {
    // A program in the shell reads the terminal: keys typed ahead go to it now.
    terminal.onRead = () => {
      const typed = this.queue.splice(0).join("");
      if (typed) this.input(typed);
      // The client closed its input: every later read is at end of file.
      if (this.inputEnded && this.terminal.reading) this.terminal.input("");
    };
  }

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
      if (this.running) {
        if (ch === "\x03") this.interruptRunning();
        else if (this.terminal.reading && this.queue.length === 0) this.readKey(ch);
        else this.queue.push(ch);
        continue;
      }
      if (this.escape) {
        this.escape += ch;
        const key = KEYS[this.escape];
        if (key) {
          this.escape = "";
          this.edit(key);
        } else if ((this.escape.length > 2 && /[A-Za-z~]/.test(ch)) || this.escape.length > 8) this.escape = "";
        continue;
      }
      if (ch === ESC) {
        this.escape = ch;
        continue;
      }
      this.key(ch);
    }
  }

  /**
   * A key for a program reading the terminal, as the tty's canonical mode handles it: echoed and
   * edited (Backspace, Ctrl-U) until Enter sends the line; Ctrl-D sends what is typed, or end of
   * input on an empty line.
   */
  private readKey(ch: string): void {
    switch (ch) {
      case "\r":
      case "\n": {
        this.write("\r\n");
        const line = this.readLine.join("");
        this.readLine = [];
        this.terminal.input(`${line}\n`);
        return;
      }
      case "\x7f":
      case "\b":
        if (this.readLine.length === 0) return;
        this.readLine.pop();
        this.write("\b \b");
        return;
      case "\x15":
        this.write("\b \b".repeat(this.readLine.length));
        this.readLine = [];
        return;
      case "\x04": {
        const text = this.readLine.join("");
        this.readLine = [];
        this.terminal.input(text);
        return;
      }
      default:
        if (ch < " " && ch !== "\t") return;
        this.readLine.push(ch);
        this.write(ch);
    }
  }

  /** Ctrl-C while a line runs; a reader's half-typed line is dropped, and the tty echoes ^C. */
  private interruptRunning(): void {
    if (this.terminal.reading) {
      this.readLine = [];
      this.write("^C\r\n");
    }
    this.terminal.interrupt();
  }

  private key(ch: string): void {
    switch (ch) {
      case "\r":
      case "\n": {
        this.write("\r\n");
        const line = this.line.join("");
        this.line = [];
        this.cursor = 0;
        this.submit(line);
        return;
      }
      case "\x7f":
      case "\b":
        if (this.cursor === 0) return;
        this.line.splice(this.cursor - 1, 1);
        this.cursor--;
        if (this.cursor === this.line.length) this.write("\b \b");
        else this.redraw();
        return;
      case "\x03":
        this.write("^C\r\n");
        this.line = [];
        this.cursor = 0;
        this.historyIndex = this.history.length;
        this.terminal.interrupt();
        this.write(this.terminal.prompt);
        return;
      case "\x04":
        if (this.line.length === 0) {
          this.write("\r\n");
          this.submit("exit");
        } else this.edit("delete");
        return;
      case "\x01":
        return this.edit("home");
      case "\x05":
        return this.edit("end");
      case "\x02":
        return this.edit("left");
      case "\x06":
        return this.edit("right");
      case "\x10":
        return this.edit("up");
      case "\x0e":
        return this.edit("down");
      case "\x0b":
        this.line.splice(this.cursor);
        return this.redraw();
      case "\x15":
        this.line.splice(0, this.cursor);
        this.cursor = 0;
        return this.redraw();
      case "\x17": {
        const before = this.line.slice(0, this.cursor).join("");
        const kept = [...before.replace(/\S+\s*$/, "")];
        this.line.splice(kept.length, this.cursor - kept.length);
        this.cursor = kept.length;
        return this.redraw();
      }
      case "\x0c":
        this.write("\x1b[H\x1b[2J");
        return this.redraw();
      case "\t":
        return this.completeLine();
      default:
        if (ch < " ") return;
        this.line.splice(this.cursor, 0, ch);
        this.cursor++;
        if (this.cursor === this.line.length) this.write(ch);
        else this.redraw();
    }
  }

  private edit(key: string): void {
    switch (key) {
      case "left":
        if (this.cursor > 0) {
          this.cursor--;
          this.write("\b");
        }
        return;
      case "right":
        if (this.cursor < this.line.length) {
          this.write(this.line[this.cursor]);
          this.cursor++;
        }
        return;
      case "home":
        this.cursor = 0;
        return this.redraw();
      case "end":
        this.cursor = this.line.length;
        return this.redraw();
      case "delete":
        if (this.cursor < this.line.length) {
          this.line.splice(this.cursor, 1);
          this.redraw();
        }
        return;
      case "up":
      case "down": {
        const next = this.historyIndex + (key === "up" ? -1 : 1);
        if (next < 0 || next > this.history.length) return;
        if (this.historyIndex === this.history.length) this.draft = this.line;
        this.historyIndex = next;
        this.line = next === this.history.length ? this.draft : [...this.history[next]];
        this.cursor = this.line.length;
        return this.redraw();
      }
    }
  }

  /** Draws the prompt and the line again and puts the cursor back where it is. */
  private redraw(): void {
    const back = this.line.length - this.cursor;
    this.write(`\r${this.terminal.prompt}${this.line.join("")}\x1b[K${back > 0 ? `\x1b[${back}D` : ""}`);
  }

  /** Tab: one candidate completes the word; several are listed under the line, as readline does. */
  private completeLine(): void {
    const text = this.line.join("");
    const cursorText = this.line.slice(0, this.cursor).join("");
    this.running = true;
    void this.terminal
      .complete(text, cursorText.length)
      .then(
        ({ items, start, end }) => {
          if (items.length === 1) {
            const word = items[0];
            const replaced = [...text.slice(0, start), ...word, ...(word.endsWith("/") ? [] : [" "])];
            this.line = [...replaced, ...text.slice(end)];
            this.cursor = replaced.length;
            this.redraw();
          } else if (items.length > 1) {
            this.write(`\r\n${items.join("  ")}\r\n`);
            this.redraw();
          }
        },
        () => undefined,
      )
      .finally(() => this.resume());
  }

  private remember(line: string): void {
    if (line.trim() && this.history[this.history.length - 1] !== line) this.history.push(line);
    if (this.history.length > HISTORY_SIZE) this.history.splice(0, this.history.length - HISTORY_SIZE);
    this.historyIndex = this.history.length;
    this.draft = [];
  }

  private submit(line: string): void {
    this.remember(line);
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
      .finally(() => this.resume());
  }

  /** A line or a completion finished: keys typed meanwhile are handled now. */
  private resume(): void {
    this.running = false;
    this.readLine = [];
    const typed = this.queue.splice(0).join("");
    if (typed && !this.finished) this.input(typed);
    // A reader took the end of input: the shell then reads it too, and exits.
    else if (!typed && this.inputEnded && !this.finished) this.submit("exit");
  }

  /** The client's input ended (stdin closed): the shell reads end of file and exits. */
  endOfInput(): void {
    if (this.finished) return;
    this.inputEnded = true;
    if (this.running) {
      if (this.terminal.reading && this.queue.length === 0) {
        this.readKey("\x04");
        if (this.terminal.reading) this.terminal.input("");
        return;
      }
      this.queue.push("\x04");
      return;
    }
    this.line = [];
    this.cursor = 0;
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
