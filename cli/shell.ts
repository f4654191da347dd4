import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import * as readline from "node:readline";
import { WebSocket } from "ws";
import { Environment } from "../engine/cluster/environment";
import { TERMINAL_PATH } from "../engine/http/terminal-socket";
import { createTerminal, isComplete, type EditRequest } from "../engine/shell";
import { parseArgs, stringFlag } from "./args";
import { wallSleep } from "../engine/http/wall-sleep";

/**
 * `kubecoach shell [--scenario ID] [--connect URL] [--host H] [--user U]` (DESIGN.md §4).
 *
 * On a TTY: an interactive terminal with readline editing, history and tab completion; `vim`,
 * `nano` and `kubectl edit` open $EDITOR on a temporary copy. With stdin not a TTY it behaves like
 * `bash -s`: runs the script it reads, stdout and stderr separated, no prompt or echo, and exits
 * with the last command's status. Locally the environment's clock follows wall time on a TTY and
 * jumps (deterministic, fast) for scripts. `--connect` attaches to a running `kubecoach serve`.
 */
interface TerminalLink {
  ready(): Promise<{ prompt: string; history: string[] }>;
  exec(line: string, output: (data: string, stream: "stdout" | "stderr") => void): Promise<{ exitCode: number; prompt: string; closed: boolean }>;
  complete(line: string, cursor: number): Promise<{ items: string[]; start: number; end: number }>;
  interrupt(): void;
  /** Ctrl-C at the prompt, after interrupt(): an INT trap runs there (a local terminal only). */
  interruptAtPrompt?(output: (data: string, stream: "stdout" | "stderr") => void): Promise<{ exitCode: number; prompt: string; closed: boolean }>;
  /** Ctrl-Z while a command runs: ^Z is echoed (here, or by the server) and the command stops. */
  suspend(): void;
  resize(columns: number, rows: number): void;
  onEdit(handler: (request: EditRequest) => Promise<string | undefined>): void;
  /** A running command waits for typed input; `input` answers (a line with "\n", "" = Ctrl-D). */
  onRead(handler: () => void): void;
  /** Output of background jobs while no command runs (the terminal sits at its prompt). */
  onBackgroundOutput(handler: (data: string, stream: "stdout" | "stderr") => void): void;
  /** The script ended: a container shell still holding the terminal exits (see Terminal.endOfInput). */
  endOfInput(output: (data: string, stream: "stdout" | "stderr") => void): Promise<number | undefined>;
  input(data: string): void;
  close(): void;
}

const USAGE = "usage: kubecoach shell [--scenario ID] [--connect URL] [--host HOST] [--user USER]\n";

export async function shellCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.flags.help || args.flags.h) {
    process.stdout.write(USAGE);
    return 0;
  }
  const interactive = Boolean(process.stdin.isTTY);
  const connect = stringFlag(args, "connect");
  const host = stringFlag(args, "host");
  const user = stringFlag(args, "user");
  const link = connect ? await remoteLink(connect, { host, user, interactive }) : await localLink(stringFlag(args, "scenario"), { host, user, interactive });
  try {
    return interactive ? await interactiveLoop(link) : await scriptMode(link);
  } finally {
    link.close();
  }
}

// ---------- local and remote terminals ----------

async function localLink(scenario: string | undefined, o: { host?: string; user?: string; interactive: boolean }): Promise<TerminalLink> {
  // A person at the prompt lives in wall time; a script gets the deterministic, fast virtual clock.
  const wall = o.interactive;
  const options = wall ? { startTime: Date.now(), seed: Date.now() % 2 ** 31 } : {};
  const env = scenario ? await import("../lib/scenarios").then((m) => m.createScenarioEnvironment(scenario, options)) : Environment.create(undefined, options);
  const ticker = wall ? setInterval(() => env.advanceTo(Math.max(env.clock.now(), Date.now())), 250) : undefined;
  const terminal = createTerminal(env, {
    ...(o.host ? { host: o.host } : {}),
    ...(o.user ? { user: o.user } : {}),
    interactive: o.interactive,
    columns: process.stdout.columns ?? 80,
    rows: process.stdout.rows ?? 24,
    ...(wall ? { sleep: wallSleep } : {}),
  });
  return {
    ready: async () => {
      await terminal.ready;
      return { prompt: terminal.prompt, history: [...terminal.history] };
    },
    exec: (line, output) => terminal.exec(line, output),
    complete: (line, cursor) => terminal.complete(line, cursor),
    interrupt: () => terminal.interrupt(),
    interruptAtPrompt: (output) => terminal.interruptAtPrompt(output),
    suspend: () => {
      process.stdout.write("^Z");
      terminal.suspend();
    },
    resize: (c, r) => terminal.resize(c, r),
    onEdit: (handler) => {
      terminal.onEdit = handler;
    },
    onRead: (handler) => {
      terminal.onRead = handler;
    },
    onBackgroundOutput: (handler) => {
      terminal.onBackgroundOutput = handler;
    },
    input: (data) => terminal.input(data),
    endOfInput: (output) => terminal.endOfInput(output),
    close: () => {
      if (ticker) clearInterval(ticker);
    },
  };
}

async function remoteLink(target: string, o: { host?: string; user?: string; interactive: boolean }): Promise<TerminalLink> {
  const url = new URL(target.includes("://") ? target : `https://${target}`);
  url.protocol = url.protocol === "http:" || url.protocol === "ws:" ? "ws:" : "wss:";
  if (url.pathname === "/" || url.pathname === "") url.pathname = TERMINAL_PATH;
  if (o.host) url.searchParams.set("host", o.host);
  if (o.user) url.searchParams.set("user", o.user);
  if (!o.interactive) url.searchParams.set("interactive", "0");
  url.searchParams.set("cols", String(process.stdout.columns ?? 80));
  url.searchParams.set("rows", String(process.stdout.rows ?? 24));
  // `kubecoach serve` signs its certificate with a CA of its own; it only listens on loopback.
  const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  const ws = new WebSocket(url, { rejectUnauthorized: !loopback });
  let ready: (v: { prompt: string; history: string[] }) => void;
  let failed: (e: Error) => void;
  const readyPromise = new Promise<{ prompt: string; history: string[] }>((resolve, reject) => {
    ready = resolve;
    failed = reject;
  });
  let pending: { output: (d: string, s: "stdout" | "stderr") => void; resolve: (r: { exitCode: number; prompt: string; closed: boolean }) => void; reject: (e: Error) => void } | undefined;
  let completing: ((r: { items: string[]; start: number; end: number }) => void) | undefined;
  let editHandler: ((request: EditRequest) => Promise<string | undefined>) | undefined;
  let readHandler: (() => void) | undefined;
  let backgroundHandler: ((data: string, stream: "stdout" | "stderr") => void) | undefined;
  const send = (m: object) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(m));
  ws.on("error", (e) => {
    failed(new Error(`cannot connect to ${target}: ${e.message}`));
    pending?.reject(e);
  });
  ws.on("close", (_code, reason) => {
    failed(new Error(`connection to ${target} closed${reason.length ? `: ${reason}` : ""}`));
    pending?.resolve({ exitCode: 0, prompt: "", closed: true });
  });
  ws.on("message", (raw) => {
    const m = JSON.parse(String(raw)) as Record<string, unknown>;
    switch (m.type) {
      case "ready":
        ready({ prompt: String(m.prompt ?? ""), history: (m.history as string[]) ?? [] });
        break;
      case "output":
        (pending?.output ?? backgroundHandler)?.(String(m.data), m.stream === "stderr" ? "stderr" : "stdout");
        break;
      case "done":
        pending?.resolve({ exitCode: Number(m.exitCode), prompt: String(m.prompt), closed: Boolean(m.closed) });
        pending = undefined;
        break;
      case "reading":
        readHandler?.();
        break;
      case "completions":
        completing?.({ items: m.items as string[], start: Number(m.start), end: Number(m.end) });
        completing = undefined;
        break;
      case "edit":
        void (editHandler ? editHandler(m as unknown as EditRequest) : Promise.resolve(undefined)).then((content) => send(content === undefined ? { type: "edit-result", cancelled: true } : { type: "edit-result", content }));
        break;
      case "error":
        if (pending) pending.output(`kubecoach: ${String(m.message)}\n`, "stderr");
        else failed(new Error(String(m.message)));
        break;
    }
  });
  return {
    ready: () => readyPromise,
    exec: (line, output) =>
      new Promise((resolve, reject) => {
        pending = { output, resolve, reject };
        send({ type: "exec", line });
      }),
    complete: (line, cursor) =>
      new Promise((resolve) => {
        completing = resolve;
        send({ type: "complete", line, cursor });
      }),
    interrupt: () => send({ type: "interrupt" }),
    // The server's terminal echoes ^Z into the output (and its scrollback).
    suspend: () => send({ type: "suspend" }),
    resize: (cols, rows) => send({ type: "resize", cols, rows }),
    onEdit: (handler) => {
      editHandler = handler;
    },
    onRead: (handler) => {
      readHandler = handler;
    },
    onBackgroundOutput: (handler) => {
      backgroundHandler = handler;
    },
    input: (data) => send({ type: "input", data }),
    // The served terminal has no end-of-input message: a container shell left open stays open there.
    endOfInput: async () => undefined,
    close: () => ws.close(),
  };
}

// ---------- bash -s ----------

async function scriptMode(link: TerminalLink): Promise<number> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  await link.ready();
  let status = 0;
  const write = (data: string, stream: "stdout" | "stderr") => (stream === "stdout" ? process.stdout : process.stderr).write(data);
  // As with `bash -s`, the script is the commands' stdin too: a command reading it (`cat > f`,
  // `read X`) takes the lines after it, and the shell goes on after what it took.
  const lines = Buffer.concat(chunks).toString("utf8").split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  let next = 0;
  link.onRead(() => link.input(next < lines.length ? `${lines[next++]}\n` : ""));
  link.onBackgroundOutput(write);
  while (next < lines.length) {
    let command = lines[next++];
    while (!isComplete(command) && next < lines.length) command += `\n${lines[next++]}`;
    const r = await link.exec(command, write);
    status = r.exitCode;
    if (r.closed) break;
  }
  // An EXIT trap runs at the end of the script and may change its status.
  return (await link.endOfInput(write)) ?? status;
}

// ---------- the interactive terminal ----------

/** Opens $VISUAL/$EDITOR on a temporary copy; the content comes back only if the file was saved. */
function editWithLocalEditor(rl: readline.Interface, request: EditRequest): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), "kubecoach-edit-"));
  const file = join(dir, basename(request.path) || "file");
  try {
    writeFileSync(file, request.content);
    const before = statSync(file).mtimeMs;
    const editor = process.env.VISUAL || process.env.EDITOR || "vi";
    rl.pause();
    process.stdin.setRawMode?.(false);
    const result = spawnSync(editor, [file], { stdio: "inherit", shell: /\s/.test(editor) });
    process.stdin.setRawMode?.(true);
    rl.resume();
    if (result.error) {
      process.stderr.write(`kubecoach: cannot run ${editor}: ${result.error.message}\n`);
      return undefined;
    }
    if (result.status !== 0 || statSync(file).mtimeMs === before) return undefined;
    return readFileSync(file, "utf8");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function interactiveLoop(link: TerminalLink): Promise<number> {
  const start = await link.ready();
  let exitCode = 0;
  let running = false;
  const queue: string[] = [];
  const rl = readline.createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: true,
    historySize: 1000,
    completer: (line: string, callback: (err: Error | null, result: [string[], string]) => void) => {
      link.complete(line, line.length).then(
        (r) => callback(null, [r.items, line.slice(r.start, r.end)]),
        () => callback(null, [[], line]),
      );
    },
  });
  (rl as unknown as { history: string[] }).history = [...start.history].reverse();
  link.onEdit(async (request) => editWithLocalEditor(rl, request));
  // A command reading the terminal (`cat > f`, `read X`): the lines typed go to it, and Ctrl-D
  // sends what is typed (on an empty line: end of input) instead of closing the terminal.
  let reading = false;
  let screenLine = "";
  link.onRead(() => {
    // Lines typed ahead go to whoever reads first: this command, else the shell afterwards.
    const ahead = queue.shift();
    if (ahead !== undefined) return link.input(`${ahead}\n`);
    reading = true;
    rl.setPrompt(screenLine);
    rl.prompt(true);
  });
  const sendTyped = (data: string) => {
    reading = false;
    link.input(data);
  };
  const tty = rl as unknown as { _ttyWrite(s: string, key?: { ctrl?: boolean; name?: string }): void; line: string; cursor: number };
  const ttyWrite = tty._ttyWrite.bind(rl);
  tty._ttyWrite = (s, key) => {
    if (running && key?.ctrl && key.name === "d") {
      const text = tty.line;
      tty.line = "";
      tty.cursor = 0;
      if (reading) sendTyped(text);
      return;
    }
    ttyWrite(s, key);
  };
  const show = (data: string, stream: "stdout" | "stderr") => {
    const nl = data.lastIndexOf("\n");
    screenLine = nl >= 0 ? data.slice(nl + 1) : screenLine + data;
    (stream === "stdout" ? process.stdout : process.stderr).write(data);
  };
  // A background job writing at the prompt: its output goes above the prompt and the line being
  // typed, which readline draws again below it.
  link.onBackgroundOutput((data, stream) => {
    if (running) return show(data, stream);
    readline.clearLine(process.stdout, 0);
    readline.cursorTo(process.stdout, 0);
    (stream === "stdout" ? process.stdout : process.stderr).write(data.endsWith("\n") ? data : `${data}\n`);
    rl.prompt(true);
  });
  process.stdout.on("resize", () => link.resize(process.stdout.columns, process.stdout.rows));
  rl.setPrompt(start.prompt);
  rl.prompt();
  return new Promise<number>((resolve) => {
    let finished = false;
    const finish = (code: number) => {
      finished = true;
      rl.close();
      resolve(code);
    };
    const run = async (line: string) => {
      running = true;
      screenLine = "";
      const r = await link.exec(line, show);
      running = false;
      reading = false;
      exitCode = r.exitCode;
      if (r.closed) return finish(exitCode);
      rl.setPrompt(r.prompt);
      const next = queue.shift();
      if (next !== undefined) {
        process.stdout.write(`${r.prompt}${next}\n`);
        void run(next);
      } else rl.prompt();
    };
    rl.on("line", (line) => {
      if (running && reading) {
        // A program's input is not a command: keep it out of the shell's history.
        const history = (rl as unknown as { history: string[] }).history;
        if (history[0] === line) history.shift();
        sendTyped(`${line}\n`);
      }
      else if (running) queue.push(line);
      else void run(line);
    });
    rl.on("SIGINT", () => {
      link.interrupt();
      if (!running) {
        process.stdout.write("^C\n");
        (rl as unknown as { line: string }).line = "";
        if (!link.interruptAtPrompt) return rl.prompt();
        running = true;
        void link.interruptAtPrompt(show).then((r) => {
          running = false;
          exitCode = r.exitCode;
          if (r.closed) return finish(exitCode);
          rl.setPrompt(r.prompt);
          rl.prompt();
        });
      } else process.stdout.write("^C");
    });
    // Ctrl-Z stops the running command, never this process (with a listener readline does not
    // send the CLI itself to the background); at the prompt it does nothing, as in bash.
    rl.on("SIGTSTP", () => {
      if (running) link.suspend();
    });
    rl.on("close", () => {
      // Ctrl-D on an empty line: bash leaves the shell; here it ends the whole terminal.
      if (running || finished) return;
      process.stdout.write("exit\n");
      resolve(exitCode);
    });
  });
}
