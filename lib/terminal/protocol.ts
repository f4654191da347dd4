// The terminal WebSocket's messages (DESIGN.md §4), shared by the browser and the gateway.
// One JSON object per WebSocket text frame, with a `type`. Nothing here may import server code:
// the terminal component bundles this file.
//
// Beyond §4 the gateway sends `ready` (once per connection: what to draw and the prompt, so a
// reconnect resumes the same screen), `saved` (the attempt's state reached the database),
// `closed` (why the server ends the connection, shown to the learner before it closes) and
// `reading` (a running program reads the terminal: `cat > file`, `read NAME`); the browser then
// edits a line for it and sends `input` (Ctrl-D on an empty line: `input` with "", end of input).
// The browser also sends `suspend` (Ctrl-Z while a command runs: it stops and becomes a job).

export type ClientMessage =
  | { type: "exec"; line: string }
  | { type: "complete"; line: string; cursor: number }
  | { type: "interrupt" }
  /** Ctrl-Z while a command runs: it stops and becomes a job. */
  | { type: "suspend" }
  /** Typed input for a program reading the terminal (after `reading`): a line with "\n", "" = Ctrl-D. */
  | { type: "input"; data: string }
  | { type: "resize"; cols: number; rows: number }
  | { type: "edit-result"; content?: string; cancelled?: boolean };

export type EditMessage = { type: "edit"; path: string; content: string; language: string; vimrc?: string; editor?: "vim" | "nano" };

export type ServerMessage =
  | {
      type: "ready";
      tab: number;
      /** What the terminal showed before (replayed on reconnect), then the prompt to draw. */
      scrollback: string;
      prompt: string;
      /** Lines typed so far, oldest first: the arrow keys and Ctrl-R search them. */
      history: string[];
      /** A command is still running (its output continues). */
      running: boolean;
    }
  | { type: "output"; data: string }
  /**
   * The command ended. `output`: its last output, sent in the same frame (a session on a worker
   * thread joins them, one frame instead of two per command): shown before the prompt.
   */
  | { type: "done"; exitCode: number; prompt: string; output?: string }
  /** The running command waits for typed input; `prompt` is the text already on the cursor's row. */
  | { type: "reading"; prompt: string }
  | { type: "completions"; items: string[]; start: number; end: number; line: string; cursor: number }
  | EditMessage
  | { type: "saved"; at: string }
  | { type: "closed"; reason: string }
  | { type: "error"; message: string };

/** The terminal output a message carries: an `output`'s data, a `done`'s last output, else "". */
export function outputOf(message: ServerMessage): string {
  if (message.type === "output") return message.data;
  if (message.type === "done") return message.output ?? "";
  return "";
}

/** Close codes the client understands: it reconnects after anything but these. */
export const CLOSE_CODES = {
  /** The same terminal tab was opened in another window. */
  takenOver: 4000,
  /** The attempt is over (submitted, time is up, or reset into a new attempt). */
  attemptClosed: 4001,
  /** The session cookie is gone or the user may not use this attempt. */
  refused: 4003,
} as const;

/** Terminal tabs an attempt may have open at once. */
export const MAX_TABS = 4;

/** Parses and checks one client frame; undefined for anything malformed. */
export function parseClientMessage(raw: string): ClientMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== "object") return undefined;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case "exec":
      return typeof m.line === "string" && m.line.length <= 64 * 1024 ? { type: "exec", line: m.line } : undefined;
    case "complete":
      return typeof m.line === "string" && m.line.length <= 4096 && Number.isInteger(m.cursor) && (m.cursor as number) >= 0 && (m.cursor as number) <= m.line.length
        ? { type: "complete", line: m.line, cursor: m.cursor as number }
        : undefined;
    case "interrupt":
      return { type: "interrupt" };
    case "suspend":
      return { type: "suspend" };
    case "input":
      return typeof m.data === "string" && m.data.length <= 64 * 1024 ? { type: "input", data: m.data } : undefined;
    case "resize":
      return Number.isInteger(m.cols) && Number.isInteger(m.rows) && (m.cols as number) > 0 && (m.rows as number) > 0 && (m.cols as number) <= 1000 && (m.rows as number) <= 500
        ? { type: "resize", cols: m.cols as number, rows: m.rows as number }
        : undefined;
    case "edit-result":
      if (m.cancelled === true) return { type: "edit-result", cancelled: true };
      return typeof m.content === "string" && m.content.length <= 4 * 1024 * 1024 ? { type: "edit-result", content: m.content } : undefined;
    default:
      return undefined;
  }
}
