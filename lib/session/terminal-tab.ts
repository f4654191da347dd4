// One terminal tab of a live session: the engine's Terminal, what its screen showed (replayed
// when the browser reconnects), the browser connection that drives it, and the editor overlay
// round trip. A tab outlives its connections; the session decides when it is saved.
import type { EditRequest, Terminal } from "../../engine/shell";
import type { EditMessage, ServerMessage } from "../terminal/protocol";

/** The browser end of a tab, as the gateway hands it over. */
export interface TabClient {
  send(message: ServerMessage): void;
  /** Ends the connection (the client shows `reason`). */
  close(code: number, reason: string): void;
}

/** What the tab reports to its session after each command. */
export interface TabEvents {
  /** Brings the cluster up to date before the command runs. */
  beforeCommand(): void | Promise<void>;
  commandDone(entry: { line: string; exitCode: number; location: string }): void;
  runningChanged(): void;
  /** A new login shell for this tab, after its last shell exited. */
  relogin(): Terminal;
}

/** Screen history kept per tab: enough to redraw a terminal, small enough to save often. */
export const SCROLLBACK_LIMIT = 64 * 1024;

export class TerminalTab {
  private client?: TabClient;
  private scrollbackText: string;
  // Output not yet joined to scrollbackText: commands stream many small chunks, and cutting the
  // 64 KB screen history after each one copied all of it every time.
  private unjoined: string[] = [];
  private unjoinedChars = 0;
  private busy = false;
  private pendingEdit?: { message: EditMessage; resolve: (content: string | undefined) => void };
  private lastLine = "";

  constructor(
    readonly number: number,
    private term: Terminal,
    private readonly events: TabEvents,
    scrollback = "",
  ) {
    this.scrollbackText = scrollback;
    term.onEdit = (request) => this.edit(request);
    term.onRead = () => this.reading();
    term.onBackgroundOutput = (data) => this.write(data);
  }

  get terminal(): Terminal {
    return this.term;
  }

  /** After the last shell exited (`exit` at the login shell): a fresh login, as a new exam terminal would. */
  private async replaceTerminal(next: Terminal, banner: string): Promise<void> {
    this.term = next;
    next.onEdit = (request) => this.edit(request);
    next.onRead = () => this.reading();
    next.onBackgroundOutput = (data) => this.write(data);
    await next.ready;
    this.write(banner);
  }

  get running(): boolean {
    return this.busy;
  }

  get connected(): boolean {
    return this.client !== undefined;
  }

  get scrollback(): string {
    this.joinScrollback();
    return this.scrollbackText;
  }

  /** Connects a browser; an older connection to the same tab is told and closed. */
  attach(client: TabClient, takeOverCode: number): void {
    if (this.client && this.client !== client) this.client.close(takeOverCode, "This terminal was opened in another window.");
    this.client = client;
    client.send({
      type: "ready",
      tab: this.number,
      scrollback: this.scrollback,
      prompt: this.busy ? "" : this.terminal.prompt,
      history: [...this.terminal.history],
      running: this.busy,
    });
    // An editor opened before a reconnect is still waiting for its answer.
    if (this.pendingEdit) client.send(this.pendingEdit.message);
    if (this.busy && this.term.reading) this.reading();
  }

  detach(client: TabClient): void {
    if (this.client === client) this.client = undefined;
  }

  /** Closes the browser connection, if any (the attempt ended, the server stops). */
  disconnect(code: number, reason: string): void {
    const client = this.client;
    this.client = undefined;
    client?.send({ type: "closed", reason });
    client?.close(code, reason);
  }

  send(message: ServerMessage): void {
    this.client?.send(message);
  }

  private write(data: string): void {
    this.append(data);
    this.client?.send({ type: "output", data });
  }

  private append(data: string): void {
    this.unjoined.push(data);
    this.unjoinedChars += data.length;
    if (this.scrollbackText.length + this.unjoinedChars > 2 * SCROLLBACK_LIMIT) this.joinScrollback();
  }

  private joinScrollback(): void {
    if (this.unjoined.length === 0) return;
    this.scrollbackText += this.unjoined.join("");
    this.unjoined = [];
    this.unjoinedChars = 0;
    if (this.scrollbackText.length > SCROLLBACK_LIMIT) {
      // Cut at a line start so the replay does not begin in the middle of an escape sequence.
      const cut = this.scrollbackText.indexOf("\n", this.scrollbackText.length - SCROLLBACK_LIMIT);
      this.scrollbackText = this.scrollbackText.slice(cut >= 0 ? cut + 1 : this.scrollbackText.length - SCROLLBACK_LIMIT);
    }
  }

  /** Runs one line; output streams to the browser, `done` carries the next prompt. */
  async exec(line: string): Promise<void> {
    if (this.busy) {
      this.client?.send({ type: "error", message: "A command is still running in this terminal; press Ctrl-C to stop it." });
      return;
    }
    this.busy = true;
    this.events.runningChanged();
    this.lastLine = line;
    // The browser echoed the line itself; the scrollback needs it for a redraw.
    this.append(`${this.terminal.prompt}${line}\n`);
    // Where the line runs (the prompt's user@host), for the attempt's command history.
    const location = `${this.term.location.user}@${this.term.location.host}`;
    let exitCode = 1;
    try {
      await this.events.beforeCommand();
      const result = await this.terminal.exec(line, (data) => this.write(data));
      exitCode = result.exitCode;
    } catch (e) {
      this.write(`kubecoach: ${e instanceof Error ? e.message : String(e)}\n`);
    }
    if (this.term.closed) await this.replaceTerminal(this.events.relogin(), "\n[The shell exited; Kubecoach opened a new login shell.]\n");
    this.busy = false;
    const prompt = this.term.prompt;
    this.client?.send({ type: "done", exitCode, prompt });
    this.events.commandDone({ line, exitCode, location });
    this.events.runningChanged();
  }

  async complete(line: string, cursor: number): Promise<void> {
    const result = await this.terminal.complete(line, cursor).catch(() => ({ items: [] as string[], start: cursor, end: cursor }));
    this.client?.send({ type: "completions", items: result.items.slice(0, 500), start: result.start, end: result.end, line, cursor });
  }

  /** A program waits for typed input: the browser edits a line on the row the output left open. */
  private reading(): void {
    const screen = this.scrollback;
    this.client?.send({ type: "reading", prompt: screen.slice(screen.lastIndexOf("\n") + 1) });
  }

  /** Typed input for the program reading the terminal (the browser echoed it already). */
  input(data: string): void {
    if (!this.busy || !this.term.reading) return;
    this.append(data);
    this.term.input(data);
  }

  /**
   * Ctrl-C: closes an open editor without saving, else stops the command or drops a half-typed one.
   * At the prompt an INT trap runs (`trap 'echo caught' INT`), its output after the ^C line.
   */
  async interrupt(): Promise<void> {
    if (this.pendingEdit) {
      this.finishEdit(undefined);
      return;
    }
    const shown = this.term.prompt;
    this.terminal.interrupt();
    if (this.busy) return;
    // At the prompt bash prints ^C and a fresh prompt (PS1 again after a half-typed command).
    this.append(`${shown}^C\n`);
    this.busy = true;
    let exitCode = 130;
    try {
      exitCode = (await this.terminal.interruptAtPrompt((data) => this.write(data))).exitCode;
    } catch (e) {
      this.write(`kubecoach: ${e instanceof Error ? e.message : String(e)}\n`);
    }
    if (this.term.closed) await this.replaceTerminal(this.events.relogin(), "\n[The shell exited; Kubecoach opened a new login shell.]\n");
    this.busy = false;
    this.client?.send({ type: "done", exitCode, prompt: this.term.prompt });
  }

  /**
   * Ctrl-Z: the tty echoes ^Z and the running command stops ("[1]+  Stopped …" follows from the
   * shell). At the prompt, or with the editor open, nothing happens, as in bash.
   */
  suspend(): void {
    if (!this.busy || this.pendingEdit) return;
    this.write("^Z");
    this.terminal.suspend();
  }

  resize(cols: number, rows: number): void {
    this.terminal.resize(cols, rows);
  }

  /** The overlay's answer: the saved text, or undefined for `:q!`. */
  finishEdit(content: string | undefined): void {
    const pending = this.pendingEdit;
    if (!pending) return;
    this.pendingEdit = undefined;
    pending.resolve(content);
  }

  private edit(request: EditRequest): Promise<string | undefined> {
    return new Promise((resolve) => {
      const editor = /(^|[\s;&|])nano(\s|$)/.test(this.lastLine) ? "nano" : "vim";
      const message: EditMessage = {
        type: "edit",
        path: request.path,
        content: request.content,
        language: request.language,
        editor,
        ...(request.vimrc ? { vimrc: request.vimrc } : {}),
      };
      this.pendingEdit = { message, resolve };
      this.client?.send(message);
    });
  }
}
