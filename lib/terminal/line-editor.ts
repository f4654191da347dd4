// Line editing at the edge (DESIGN.md §4): the browser edits the command line itself, the way
// readline does in bash, so typing never waits on the network. The server only sees whole lines.
// Emacs keys as bash has them: cursor keys, Home/End, Ctrl-A/E/B/F, Alt-B/F, Ctrl-U/K/W/Y,
// Alt-D, Ctrl-L, history with Up/Down and Ctrl-P/N, reverse search with Ctrl-R, Tab completion.
// No DOM here: a Screen receives what to draw (ANSI), so the logic is tested without a browser.

export interface Screen {
  write(data: string): void;
  /** Terminal width in columns. */
  columns(): number;
}

export interface LineEditorActions {
  submit(line: string): void;
  complete(line: string, cursor: number): void;
  /** Ctrl-C at the prompt: drop the line (and a half-typed multi-line command on the server). */
  interrupt(): void;
  /** Ctrl-Z while a command runs (or reads the terminal): stop it. At the prompt the key does nothing, as in bash. */
  suspend?(): void;
  /** Ctrl-D on an empty line at the shell's prompt. */
  endOfInput(): void;
  /**
   * Typed input for a program reading the terminal (after startInput): a line with its "\n" on
   * Enter, the text so far on Ctrl-D, "" on Ctrl-D on an empty line (end of input).
   */
  input(data: string): void;
  /** Ctrl-L: clear the screen (the editor redraws the prompt and the line afterwards). */
  clearScreen(): void;
}

const ESC = "\x1b";
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\x1b[()][A-Za-z0-9]/g;

/** Columns a prompt takes on screen (escape sequences take none). */
export function visibleWidth(text: string): number {
  return text.replace(ANSI, "").length;
}

type Search = { query: string; index: number; failed: boolean; original: string };

/** Keys as xterm reports them (onData), mapped to editing commands. */
const KEYS: Record<string, string> = {
  "\r": "accept",
  "\x7f": "backspace",
  "\b": "backspace",
  "\t": "complete",
  "\x01": "home",
  "\x05": "end",
  "\x02": "left",
  "\x06": "right",
  "\x03": "interrupt",
  "\x1a": "suspend",
  "\x04": "eof-or-delete",
  "\x0b": "kill-to-end",
  "\x15": "kill-to-start",
  "\x17": "kill-word-back",
  "\x19": "yank",
  "\x0c": "clear",
  "\x10": "history-prev",
  "\x0e": "history-next",
  "\x12": "search",
  "\x07": "abort",
  "\x14": "transpose",
  [`${ESC}[A`]: "history-prev",
  [`${ESC}[B`]: "history-next",
  [`${ESC}[C`]: "right",
  [`${ESC}[D`]: "left",
  [`${ESC}OA`]: "history-prev",
  [`${ESC}OB`]: "history-next",
  [`${ESC}OC`]: "right",
  [`${ESC}OD`]: "left",
  [`${ESC}[H`]: "home",
  [`${ESC}[F`]: "end",
  [`${ESC}OH`]: "home",
  [`${ESC}OF`]: "end",
  [`${ESC}[1~`]: "home",
  [`${ESC}[4~`]: "end",
  [`${ESC}[3~`]: "delete",
  [`${ESC}[1;5C`]: "word-right",
  [`${ESC}[1;5D`]: "word-left",
  [`${ESC}b`]: "word-left",
  [`${ESC}f`]: "word-right",
  [`${ESC}d`]: "kill-word-forward",
  [`${ESC}\x7f`]: "kill-word-back",
};

/** While a program reads the terminal, these keys send input or do nothing (no history, no completion). */
const INPUT_MODE_KEYS: Record<string, "send-line" | "send-eof" | "ignore"> = {
  accept: "send-line",
  "eof-or-delete": "send-eof",
  complete: "ignore",
  "history-prev": "ignore",
  "history-next": "ignore",
  search: "ignore",
  clear: "ignore",
};

const PASTE_START = `${ESC}[200~`;
const PASTE_END = `${ESC}[201~`;

export class LineEditor {
  private buffer = "";
  private cursor = 0;
  private prompt = "";
  private active = false;
  private history: string[] = [];
  /** Position while browsing history (history.length = the line being typed). */
  private historyIndex = 0;
  private draft = "";
  private killed = "";
  private search?: Search;
  /** Rows between the first row of the prompt and the cursor, as last drawn. */
  private cursorRow = 0;
  private lastTabLine?: string;
  /** Lines that arrived (pasted, typed ahead) while the editor was not accepting input. */
  private queued = "";
  /**
   * "input" while a running program reads the terminal: lines go to it, not to the shell, with a
   * terminal's own line editing (no history, completion or search), as in canonical mode.
   */
  private mode: "command" | "input" = "command";

  constructor(
    private readonly screen: Screen,
    private readonly actions: LineEditorActions,
  ) {}

  get line(): string {
    return this.buffer;
  }

  get position(): number {
    return this.cursor;
  }

  get accepting(): boolean {
    return this.active;
  }

  setHistory(lines: readonly string[]): void {
    this.history = [...lines];
    this.historyIndex = this.history.length;
  }

  /** Shows `prompt` and starts editing a new line; input queued meanwhile is replayed. */
  start(prompt: string): void {
    this.mode = "command";
    this.begin(prompt);
    this.screen.write(prompt);
    this.replayQueued();
  }

  /**
   * A running program reads the terminal: edit a line for it. `shown` is the text already on the
   * cursor's row (a `read -p` prompt, or nothing): it is redrawn with the line, not written again.
   */
  startInput(shown: string): void {
    this.mode = "input";
    this.begin(shown);
    this.replayQueued();
  }

  private begin(prompt: string): void {
    this.prompt = prompt;
    this.buffer = "";
    this.cursor = 0;
    this.historyIndex = this.history.length;
    this.draft = "";
    this.search = undefined;
    this.active = true;
    this.cursorRow = 0;
  }

  private replayQueued(): void {
    const queued = this.queued;
    this.queued = "";
    if (queued) this.input(queued);
  }

  /** Stops editing (a command runs); typed input is kept for the next prompt. */
  stop(): void {
    this.active = false;
  }

  /** Redraws prompt and line after something else wrote to the screen (completion list, Ctrl-L). */
  redraw(): void {
    if (!this.active) return;
    this.cursorRow = 0;
    this.render(true);
  }

  /**
   * Output that arrives while a line is being edited (a background job writing at the prompt): it
   * goes above the prompt, which is drawn again below it with the line and cursor as they were.
   * bash just prints over its prompt; keeping the line whole is kinder and loses nothing.
   */
  printAbove(data: string): void {
    if (!this.active) {
      this.screen.write(data);
      return;
    }
    const up = this.cursorRow > 0 ? `${ESC}[${this.cursorRow}A` : "";
    this.screen.write(`${up}\r${ESC}[J${data}${data.endsWith("\n") ? "" : "\r\n"}`);
    this.cursorRow = 0;
    this.render(true);
  }

  /** Data from the terminal: keys, escape sequences, or pasted text. */
  input(data: string): void {
    // Pasted text: every line ending runs the line so far, as in a real terminal; the lines after
    // it wait for the next prompt (a here-document pasted whole is typed line by line).
    const text = data.replaceAll(PASTE_START, "").replaceAll(PASTE_END, "").replace(/\r\n?|\n/g, "\r");
    if (!this.active) {
      // Ctrl-C and Ctrl-Z are for the running command; everything else waits for the next prompt.
      if (text === "\x03") this.actions.interrupt();
      else if (text === "\x1a") this.actions.suspend?.();
      else this.queued += text;
      return;
    }
    let rest = text;
    while (rest.length > 0 && this.active) {
      const key = this.nextKey(rest);
      rest = rest.slice(key.length);
      this.key(key);
    }
    if (rest) this.queued += rest;
  }

  /** Splits off the next key: an escape sequence, a control character or a run of text. */
  private nextKey(data: string): string {
    if (data[0] === ESC) {
      const seq = /^\x1b(\[[0-9;]*[~A-Za-z]|O[A-Za-z]|.)?/.exec(data);
      return seq ? seq[0] : ESC;
    }
    if (data.charCodeAt(0) < 32 || data[0] === "\x7f") return data[0]!;
    const text = /^[^\x00-\x1f\x7f\x1b]+/.exec(data);
    return text ? text[0] : data[0]!;
  }

  private key(key: string): void {
    const command = KEYS[key];
    if (this.mode === "input" && command && INPUT_MODE_KEYS[command]) return this.inputKey(INPUT_MODE_KEYS[command]);
    if (this.search) return this.searchKey(key, command);
    if (command !== "complete") this.lastTabLine = undefined;
    if (!command) {
      if (key.startsWith(ESC) || key.charCodeAt(0) < 32) return; // an unbound key
      return this.insert(key);
    }
    switch (command) {
      case "accept":
        return this.accept();
      case "backspace":
        if (this.cursor === 0) return;
        this.buffer = this.buffer.slice(0, this.cursor - 1) + this.buffer.slice(this.cursor);
        this.cursor--;
        return this.render();
      case "delete":
        if (this.cursor >= this.buffer.length) return;
        this.buffer = this.buffer.slice(0, this.cursor) + this.buffer.slice(this.cursor + 1);
        return this.render();
      case "eof-or-delete":
        if (this.buffer === "") {
          this.screen.write("exit\r\n");
          this.active = false;
          return this.actions.endOfInput();
        }
        return this.key(`${ESC}[3~`);
      case "home":
        return this.moveTo(0);
      case "end":
        return this.moveTo(this.buffer.length);
      case "left":
        return this.moveTo(Math.max(0, this.cursor - 1));
      case "right":
        return this.moveTo(Math.min(this.buffer.length, this.cursor + 1));
      case "word-left":
        return this.moveTo(wordStartBefore(this.buffer, this.cursor));
      case "word-right":
        return this.moveTo(wordEndAfter(this.buffer, this.cursor));
      case "kill-to-end":
        this.killed = this.buffer.slice(this.cursor);
        this.buffer = this.buffer.slice(0, this.cursor);
        return this.render();
      case "kill-to-start":
        this.killed = this.buffer.slice(0, this.cursor);
        this.buffer = this.buffer.slice(this.cursor);
        this.cursor = 0;
        return this.render();
      case "kill-word-back": {
        // Ctrl-W cuts back to whitespace, as bash's unix-word-rubout does.
        let start = this.cursor;
        while (start > 0 && this.buffer[start - 1] === " ") start--;
        while (start > 0 && this.buffer[start - 1] !== " ") start--;
        this.killed = this.buffer.slice(start, this.cursor);
        this.buffer = this.buffer.slice(0, start) + this.buffer.slice(this.cursor);
        this.cursor = start;
        return this.render();
      }
      case "kill-word-forward": {
        const end = wordEndAfter(this.buffer, this.cursor);
        this.killed = this.buffer.slice(this.cursor, end);
        this.buffer = this.buffer.slice(0, this.cursor) + this.buffer.slice(end);
        return this.render();
      }
      case "yank":
        return this.insert(this.killed);
      case "transpose": {
        if (this.cursor === 0 || this.buffer.length < 2) return;
        const at = this.cursor === this.buffer.length ? this.cursor - 1 : this.cursor;
        this.buffer = this.buffer.slice(0, at - 1) + this.buffer[at] + this.buffer[at - 1] + this.buffer.slice(at + 1);
        this.cursor = Math.min(this.buffer.length, at + 1);
        return this.render();
      }
      case "clear":
        this.actions.clearScreen();
        return this.redraw();
      case "history-prev":
        return this.browse(-1);
      case "history-next":
        return this.browse(1);
      case "search":
        this.search = { query: "", index: this.history.length, failed: false, original: this.buffer };
        return this.render();
      case "interrupt":
        this.screen.write(`${this.tailMoves()}^C\r\n`);
        this.buffer = "";
        this.cursor = 0;
        this.active = false;
        return this.actions.interrupt();
      case "complete":
        return this.actions.complete(this.buffer, this.cursor);
      case "suspend":
        // At the shell's prompt bash ignores it; a program reading the terminal is stopped (the
        // server echoes ^Z, as the tty would, so that a reconnect shows it too).
        if (this.mode !== "input") return;
        this.buffer = "";
        this.cursor = 0;
        this.active = false;
        return this.actions.suspend?.();
      case "abort":
        return;
    }
  }

  /** Keys that act differently while a program reads the terminal. */
  private inputKey(action: "send-line" | "send-eof" | "ignore"): void {
    if (action === "ignore") return;
    const line = this.buffer;
    this.active = false;
    if (action === "send-line") {
      this.moveTo(line.length);
      this.screen.write("\r\n");
      return this.actions.input(`${line}\n`);
    }
    // Ctrl-D hands over what is typed so far; on an empty line that is end of input.
    this.actions.input(line);
  }

  private insert(text: string): void {
    this.buffer = this.buffer.slice(0, this.cursor) + text + this.buffer.slice(this.cursor);
    this.cursor += text.length;
    this.render();
  }

  private accept(): void {
    const line = this.buffer;
    this.moveTo(this.buffer.length);
    this.screen.write("\r\n");
    this.active = false;
    if (line.trim() && this.history[this.history.length - 1] !== line) this.history.push(line);
    this.historyIndex = this.history.length;
    this.actions.submit(line);
  }

  private browse(step: number): void {
    const next = this.historyIndex + step;
    if (next < 0 || next > this.history.length) return;
    if (this.historyIndex === this.history.length) this.draft = this.buffer;
    this.historyIndex = next;
    this.buffer = next === this.history.length ? this.draft : this.history[next]!;
    this.cursor = this.buffer.length;
    this.render();
  }

  // ---------- reverse search (Ctrl-R) ----------

  private searchKey(key: string, command: string | undefined): void {
    const search = this.search!;
    if (command === "search") return this.findMatch(search.index - 1);
    if (command === "backspace") {
      search.query = search.query.slice(0, -1);
      return this.findMatch(this.history.length);
    }
    if (command === "abort" || command === "interrupt") {
      // Ctrl-G gives the line back as it was before the search.
      this.buffer = search.original;
      this.cursor = this.buffer.length;
      this.historyIndex = this.history.length;
      this.search = undefined;
      return this.render();
    }
    if (!command && !key.startsWith(ESC) && key.charCodeAt(0) >= 32) {
      search.query += key;
      return this.findMatch(search.index);
    }
    // Any other key ends the search, keeping the match, and then acts as usual.
    this.search = undefined;
    this.render();
    if (command === "accept") return this.accept();
    if (command) this.key(key);
  }

  private findMatch(from: number): void {
    const search = this.search!;
    for (let i = Math.min(from, this.history.length - 1); i >= 0; i--) {
      const at = this.history[i]!.lastIndexOf(search.query);
      if (search.query && at >= 0) {
        search.index = i;
        search.failed = false;
        this.buffer = this.history[i]!;
        this.cursor = at;
        this.historyIndex = i;
        return this.render();
      }
    }
    search.failed = search.query !== "";
    this.render();
  }

  // ---------- drawing ----------

  private moveTo(position: number): void {
    this.cursor = position;
    this.render();
  }

  /** Cursor moves from the current cursor to the end of the drawn text (before writing below it). */
  private tailMoves(): string {
    const width = this.screen.columns();
    const endRow = Math.floor(this.displayLength() / width);
    const down = endRow - this.cursorRow;
    return down > 0 ? `${ESC}[${down}B\r` : "";
  }

  private displayPrefix(): string {
    if (!this.search) return this.prompt;
    return `(${this.search.failed ? "failed " : ""}reverse-i-search)\`${this.search.query}': `;
  }

  private displayLength(): number {
    return visibleWidth(this.displayPrefix()) + this.buffer.length;
  }

  /**
   * Redraws prompt and line from the prompt's first row: wrapped lines are handled by counting
   * rows from the terminal width, as readline does.
   */
  private render(fromScratch = false): void {
    const width = Math.max(1, this.screen.columns());
    const prefix = this.displayPrefix();
    let out = "";
    if (!fromScratch && this.cursorRow > 0) out += `${ESC}[${this.cursorRow}A`;
    out += `\r${ESC}[J${prefix}${this.buffer}`;
    const total = visibleWidth(prefix) + this.buffer.length;
    // At an exact multiple of the width the terminal waits to wrap; make it wrap now.
    if (total > 0 && total % width === 0) out += "\r\n";
    const endRow = Math.floor(total / width);
    const cursorAt = visibleWidth(prefix) + this.cursor;
    const row = Math.floor(cursorAt / width);
    const col = cursorAt % width;
    if (endRow > row) out += `${ESC}[${endRow - row}A`;
    out += `\r${col > 0 ? `${ESC}[${col}C` : ""}`;
    this.cursorRow = row;
    this.screen.write(out);
  }

  // ---------- completion results ----------

  /**
   * Applies completion candidates for the line they were asked for: one is inserted (with a
   * space after a whole word), several extend to their common prefix, and a second Tab lists them.
   */
  completions(result: { items: string[]; start: number; end: number; line: string; cursor: number }): void {
    if (!this.active || result.line !== this.buffer || result.cursor !== this.cursor) return;
    const { items, start, end } = result;
    if (items.length === 0) return;
    const typed = this.buffer.slice(start, end);
    if (items.length === 1) {
      const item = items[0]!;
      const suffix = item.endsWith("/") || item.endsWith("=") ? "" : " ";
      this.replace(start, end, item + suffix);
      this.lastTabLine = undefined;
      return;
    }
    const common = commonPrefix(items);
    if (common.length > typed.length) {
      this.replace(start, end, common);
      this.lastTabLine = this.buffer;
      return;
    }
    if (this.lastTabLine === this.buffer) {
      this.screen.write(`${this.tailMoves()}\r\n${formatColumns(items, this.screen.columns())}`);
      this.redraw();
    }
    this.lastTabLine = this.buffer;
  }

  private replace(start: number, end: number, text: string): void {
    this.buffer = this.buffer.slice(0, start) + text + this.buffer.slice(end);
    this.cursor = start + text.length;
    this.render();
  }
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9]/.test(c);
}

function wordStartBefore(text: string, from: number): number {
  let i = from;
  while (i > 0 && !isWordChar(text[i - 1])) i--;
  while (i > 0 && isWordChar(text[i - 1])) i--;
  return i;
}

function wordEndAfter(text: string, from: number): number {
  let i = from;
  while (i < text.length && !isWordChar(text[i])) i++;
  while (i < text.length && isWordChar(text[i])) i++;
  return i;
}

export function commonPrefix(items: string[]): string {
  let prefix = items[0] ?? "";
  for (const item of items) while (!item.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/** Candidates in columns, as bash lists them on a second Tab. */
export function formatColumns(items: string[], width: number): string {
  const col = Math.max(...items.map((i) => i.length)) + 2;
  const perRow = Math.max(1, Math.floor(width / col));
  const rows = Math.ceil(items.length / perRow);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = "";
    for (let c = 0; c < perRow; c++) {
      const item = items[c * rows + r];
      if (item !== undefined) line += item.padEnd(col);
    }
    lines.push(line.trimEnd());
  }
  return lines.join("\r\n") + "\r\n";
}
