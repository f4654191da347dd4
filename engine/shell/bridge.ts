import { bytesOutput, decodeBytesToUtf8, defineCommand, encodeUtf8ToBytes, latin1FromBytes, unsafeBytesFromLatin1, type Command, type ExecResult, type ResolvedCommandContext } from "just-bash";
import type { Environment } from "../cluster/environment";
import type { Host } from "../hosts/host";
import type { NetworkOrigin } from "../network/types";
import type { Program, ProgramContext } from "../process/types";
import type { OutputSink } from "./interpreter";
import type { ShellFs } from "./shell-fs";
import { runBundled } from "./bundled";
import { decideAutoColour } from "./commands/grep-colour";
import { writeOrder } from "./commands/grep-gnu";
import { printfWithBytes } from "./commands/escape-bytes";
import { mkdirParents } from "./commands/mkdir-parents";
import { cpPreserving } from "./commands/cp-preserve";
import { answersPerLine, runPerLine } from "./line-filters";
import { isPassThrough, stdinUse } from "./stdin-readers";
import { InputLimitError, type InputMode } from "./terminal-input";
import { HOOK_PREFIX, PIPE_VAR, STREAM_VAR } from "./transform";
import { PipeStream } from "./pipe-stream";
import { FileWriter, fileTargets, isFileVar } from "./file-output";
import { PIPE_IN_VAR, PIPE_OUT_VAR, type PipeStageSpec } from "./pipe-stages";

/**
 * Turns simulated programs (the Program contract) into just-bash commands, and decides where their
 * output goes.
 *
 * The streaming rule (README "Streaming"): just-bash hands a command's output to the next stage or
 * the terminal only when the command returns. A command whose stdout (or stderr) is the terminal —
 * the instrumentation did not mark it as piped, redirected or captured — writes straight to the
 * terminal sink instead once it is "live": from the start inside a loop body, or from the moment it
 * starts waiting (`sleep`, `kubectl get -w`, `watch`, `tail -f`). Everything else is buffered and
 * returned, so output that does not wait keeps its order with the shell's own output.
 */
export interface ShellRuntime {
  environment: Environment;
  /** The host programs run on (for a container: its node). */
  host: Host;
  fs: ShellFs;
  /** The effective Unix user (changes under `sudo`). */
  user(): string;
  /** Where terminal output of the running line goes. */
  sink: OutputSink;
  /** Aborted by Ctrl-C or a limit. */
  signal(): AbortSignal;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** A deadline beside the command's own waits (`timeout`): fires when the time they wait for passes it. */
  alarm(ms: number, signal: AbortSignal): Promise<void>;
  edit?: (request: Parameters<NonNullable<ProgramContext["edit"]>>[0] & { editor?: "vim" | "nano" }) => Promise<string | undefined>;
  terminal(): { isTTY: boolean; columns: number; rows: number };
  /** Counts terminal output against the line's limit. */
  charge(bytes: number): void;
  /** A command starts: CPU limit and fairness (see LineContext.tick). */
  tick(): Promise<void>;
  /** The network origin for programs in this shell (a pod for `kubectl exec`). */
  origin?: NetworkOrigin;
  /** Gives the terminal to a session after the current line (ProgramContext.foreground). */
  foreground?: ProgramContext["foreground"];
  /** Notes buffered terminal output in the order it was written (see OutputOrder). */
  order?: OutputOrder;
  /** What is typed at the terminal for a command reading it ("" at once when nobody can type). */
  readTerminal?: (mode: InputMode, signal: AbortSignal, onChunk?: (chunk: string) => void) => Promise<string>;
}

/**
 * just-bash returns a piece's stdout and stderr as two strings, which loses the order in which a
 * program wrote them (kubectl's `Warning:` line before `configured`, etcdctl's log lines before
 * `Snapshot saved at`). Commands note each chunk they buffer for the terminal here; when the notes
 * add up to exactly what just-bash returned, the interpreter replays them in their order.
 */
export interface OrderedChunk {
  stream: "stdout" | "stderr";
  text: string;
  /** Written straight to the terminal after all (the command went live): not in the piece's result. */
  dropped?: boolean;
}

export class OutputOrder {
  private chunks: OrderedChunk[] = [];
  private bytes = 0;

  note(stream: "stdout" | "stderr", text: string): OrderedChunk | undefined {
    // Beyond this, replaying in order is not worth the memory: the plain two-stream order is used.
    if (this.bytes > ORDER_LIMIT_BYTES) return undefined;
    const last = this.chunks[this.chunks.length - 1];
    this.bytes += text.length;
    if (last && last.stream === stream && !last.dropped) {
      last.text += text;
      return last;
    }
    const chunk: OrderedChunk = { stream, text };
    this.chunks.push(chunk);
    return chunk;
  }

  /** The piece's output in write order when the notes account for all of it; else stdout, then stderr. */
  take(stdout: string, stderr: string): [string, "stdout" | "stderr"][] {
    const chunks = this.chunks.filter((c) => !c.dropped);
    const overflow = this.bytes > ORDER_LIMIT_BYTES;
    this.chunks = [];
    this.bytes = 0;
    const plain: [string, "stdout" | "stderr"][] = [];
    if (stdout) plain.push([stdout, "stdout"]);
    if (stderr) plain.push([stderr, "stderr"]);
    if (overflow || !stdout || !stderr) return plain;
    const joined = (stream: string) => chunks.filter((c) => c.stream === stream).map((c) => c.text).join("");
    if (joined("stdout") !== stdout || joined("stderr") !== stderr) return plain;
    return chunks.map((c) => [c.text, c.stream]);
  }
}

const ORDER_LIMIT_BYTES = 1024 * 1024;

/**
 * Output of one command invocation: buffered, or written straight through once live. Output
 * redirected to a file (`file`, see file-output.ts) is appended to it whenever the event loop turns
 * while the command runs, and at once when it starts to sleep.
 */
export class OutputChannel {
  private buffer = "";
  private direct: boolean;
  private noted: OrderedChunk[] = [];
  private flushing?: NodeJS.Immediate;

  constructor(
    private readonly toTerminal: boolean,
    live: boolean,
    private readonly write: (data: string) => void,
    private readonly charge: (bytes: number) => void,
    private readonly order?: { stream: "stdout" | "stderr"; notes: OutputOrder },
    private readonly file?: FileWriter,
  ) {
    this.direct = toTerminal && live;
  }

  push(text: string): void {
    this.append(this.binary && /[^\x00-\x7f]/.test(text) ? latin1FromBytes(encodeUtf8ToBytes(text)) : text);
  }

  private append(chunk: string): void {
    if (!chunk) return;
    this.charge(chunk.length);
    if (this.direct) {
      this.write(chunk);
      return;
    }
    this.buffer += chunk;
    if (this.file) this.flushing ??= setImmediate(() => this.flushToFile());
    else if (this.toTerminal && this.order) {
      const noted = this.order.notes.note(this.order.stream, chunk);
      if (noted && this.noted[this.noted.length - 1] !== noted) this.noted.push(noted);
    }
  }

  /** The command is about to wait: what it printed so far must be seen now. */
  goLive(): void {
    if (this.file) this.flushToFile();
    if (!this.toTerminal || this.direct) return;
    this.direct = true;
    if (this.buffer) this.write(this.buffer);
    this.buffer = "";
    for (const chunk of this.noted) chunk.dropped = true;
    this.noted = [];
  }

  take(): string {
    const out = this.buffer;
    this.buffer = "";
    return out;
  }

  /** What the command returns for its redirection once it ended (see FileWriter.settle). */
  async settle(): Promise<string> {
    if (!this.file) return this.take();
    if (this.flushing) clearImmediate(this.flushing);
    this.flushing = undefined;
    return this.file.settle(this.take());
  }

  private flushToFile(): void {
    if (this.flushing) clearImmediate(this.flushing);
    this.flushing = undefined;
    this.file?.write(this.take());
  }

  /**
   * Raw bytes (a DER key, random bytes). From the first of them on, the buffer holds bytes, one
   * character each, and text written after them is added as its UTF-8 bytes, so the whole output
   * reaches a pipe or file as written.
   */
  pushBytes(bytes: Uint8Array): void {
    if (!this.binary) {
      this.binary = true;
      this.buffer = latin1FromBytes(encodeUtf8ToBytes(this.buffer));
      this.file?.toBinary((text) => latin1FromBytes(encodeUtf8ToBytes(text)));
    }
    this.append(Buffer.from(bytes).toString("latin1"));
  }

  /** Whether pushBytes was used: the buffer then holds bytes, not text. */
  binary = false;
}

export interface StreamPosition {
  stdoutToTerminal: boolean;
  stderrToTerminal: boolean;
  live: boolean;
  /** stdin is the terminal (not piped, redirected or a background job's). */
  stdinFromTerminal: boolean;
  /** stderr goes where stdout goes (`2>&1`, `&>`, `|&`): one stream keeps the order of the writes. */
  merged: boolean;
  /** stdout feeds the stages of a streamed pipeline (PIPE_VAR, pipe-stream.ts). */
  pipe: boolean;
  /** Inside a loop that is a stage of a streamed pipeline: "the terminal" is the next stage (PIPE_OUT_VAR). */
  pipeOut: boolean;
  /** The command's own redirections name files its output streams into (file-output.ts). */
  files: boolean;
}

export function streamPosition(ctx: Pick<ResolvedCommandContext, "env">): StreamPosition {
  const letters = ctx.env.get(STREAM_VAR) ?? "";
  const merge = Math.max(letters.lastIndexOf("M"), letters.lastIndexOf("m"));
  return { stdoutToTerminal: !letters.includes("O"), stderrToTerminal: !letters.includes("E"), live: letters.includes("L"), stdinFromTerminal: !letters.includes("I"), merged: merge >= 0 && letters[merge] === "M", pipe: letters.includes("P"), pipeOut: letters.includes("S"), files: letters.includes("W") };
}

const SHELL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Where the commands of a loop that is a streamed pipeline's stage write (see PIPE_OUT_VAR). */
export interface PipeOut {
  write(data: string): void;
  /** Lets what was written through before a command waits (as the producer's own sleep does). */
  drain(): Promise<void>;
}

const PIPE_OUTS = new Map<string, PipeOut>();
let nextPipeOut = 1;

export function openPipeOut(out: PipeOut): { id: string; close(): void } {
  const id = String(nextPipeOut++);
  PIPE_OUTS.set(id, out);
  return { id, close: () => PIPE_OUTS.delete(id) };
}

/**
 * Before a read waits for typed input: what loops feeding pipes wrote so far goes through first
 * (`while read l; do echo "$l"; done | grep x` answers each line before the next is typed).
 */
export async function drainPipeOuts(): Promise<void> {
  for (const out of [...PIPE_OUTS.values()]) await out.drain();
}

/** The PipeOut a command writes its "terminal" output to, when it runs inside such a loop. */
function pipeOutOf(ctx: Pick<ResolvedCommandContext, "env">, pos: StreamPosition): PipeOut | undefined {
  if (!pos.pipeOut || !pos.stdoutToTerminal) return undefined;
  return PIPE_OUTS.get(ctx.env.get(PIPE_OUT_VAR) ?? "");
}

/** Variables the shell uses internally; never shown to programs. */
export function programEnv(ctx: Pick<ResolvedCommandContext, "exportedEnv">): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(ctx.exportedEnv ?? {})) if (k !== STREAM_VAR && k !== PIPE_VAR && k !== PIPE_IN_VAR && k !== PIPE_OUT_VAR && !isFileVar(k)) env[k] = v;
  return env;
}

export interface InvocationIO {
  position: StreamPosition;
  out: OutputChannel;
  err: OutputChannel;
  signal: AbortSignal;
  /** Waits on the session's clock until `ms` have passed, the line is interrupted, or `until` aborts. */
  sleep(ms: number, until?: AbortSignal): Promise<void>;
  /** The stages stdout streams into (a streamed pipeline's producer). */
  pipe?: PipeStream;
  /** A streamed pipeline's output where it is not the terminal (captured, redirected). */
  captured?: { stdout: string; stderr: string };
}

export function invocationIO(rt: ShellRuntime, ctx: ResolvedCommandContext): InvocationIO {
  const pos = streamPosition(ctx);
  if (pos.pipe) {
    const piped = pipeIO(rt, ctx, pos);
    if (piped) return piped;
  }
  const notes = rt.order;
  let signal = ctx.signal ?? rt.signal();
  const files = pos.files ? fileTargets(ctx.env, ctx.cwd, rt.fs) : {};
  let failed: AbortController | undefined;
  const writer = (target: typeof files.out) => {
    if (!target) return undefined;
    if (!failed) {
      failed = new AbortController();
      signal = AbortSignal.any([signal, failed.signal]);
    }
    const stop = failed;
    // A file that cannot take more output stops the command, as SIGXFSZ or EPIPE would.
    return new FileWriter(rt.fs, target, (message) => {
      rt.sink(message, "stderr");
      stop.abort();
    });
  };
  const piped = pipeOutOf(ctx, pos);
  // Inside a loop feeding a pipe, stdout goes to the next stage at once (the stage charges what it shows).
  const out = piped
    ? new OutputChannel(true, true, (d) => piped.write(d), () => undefined)
    : new OutputChannel(pos.stdoutToTerminal, pos.live, (d) => rt.sink(d, "stdout"), (n) => rt.charge(n), notes && { stream: "stdout", notes }, writer(files.out));
  // Merged streams share one channel, so stderr lands among stdout where it was written.
  const err = pos.merged ? out : new OutputChannel(pos.stderrToTerminal, pos.live, (d) => rt.sink(d, "stderr"), (n) => rt.charge(n), notes && { stream: "stderr", notes }, writer(files.err));
  return {
    position: pos,
    out,
    err,
    signal,
    sleep: async (ms: number, until?: AbortSignal) => {
      out.goLive();
      err.goLive();
      await piped?.drain();
      await rt.sleep(ms, until ? AbortSignal.any([signal, until]) : signal);
    },
  };
}

/** Output fed to the stages of a streamed pipeline instead of a buffer. */
class PipeChannel extends OutputChannel {
  constructor(private readonly stream: PipeStream) {
    super(false, false, () => undefined, () => undefined);
  }

  override push(text: string): void {
    this.stream.write(text);
  }

  override pushBytes(bytes: Uint8Array): void {
    this.stream.write(Buffer.from(bytes).toString("latin1"));
  }

  override goLive(): void {}

  override take(): string {
    return "";
  }
}

/**
 * The producer of a streamed pipeline: stdout feeds the stages after it (pipe-stream.ts), and the
 * producer also stops when a stage it writes to has ended (SIGPIPE). Its STREAM_VAR letters are
 * the pipeline's own position, `P`, then the producer's (transform.ts): the last stage writes where
 * the pipeline's output goes — straight to the terminal, or, when the pipeline is captured or
 * redirected (`$(…)`, a function's `> file`), into what the producer returns.
 */
function pipeIO(rt: ShellRuntime, ctx: ResolvedCommandContext, pos: StreamPosition): InvocationIO | undefined {
  let specs: PipeStageSpec[];
  try {
    specs = JSON.parse(ctx.env.get(PIPE_VAR) ?? "") as PipeStageSpec[];
  } catch {
    return undefined;
  }
  if (!Array.isArray(specs) || specs.length === 0) return undefined;
  const letters = ctx.env.get(STREAM_VAR) ?? "";
  const outer = letters.slice(0, letters.lastIndexOf("P")).replace(/[LP]/g, "");
  const outerPos = streamPosition({ env: new Map([[STREAM_VAR, outer]]) });
  // The pipeline itself runs in a loop that feeds another pipeline: its output goes there.
  const outerOut = pipeOutOf(ctx, outerPos);
  const broken = new AbortController();
  const lineSignal = ctx.signal ?? rt.signal();
  const signal = AbortSignal.any([lineSignal, broken.signal]);
  // What the stages write where the pipeline's output is not the terminal.
  const captured = { stdout: "", stderr: "" };
  const stream = new PipeStream(
    specs,
    {
      run: async (text, stdin, last, lines, feed, stop) => {
        const stopped = { stdout: "", stderr: "", exitCode: 130 };
        if (lineSignal.aborted) return stopped;
        const pipe = lines ? rt.fs.openPipe(lines) : undefined;
        const fed = feed ? openPipeOut(feed) : undefined;
        try {
          const env: Record<string, string> = { [STREAM_VAR]: fed ? `${outer.replace(/[OS]/g, "")}ILS` : `${outer}${last ? "IL" : "OIL"}`, [PIPE_VAR]: "" };
          if (pipe) env[PIPE_IN_VAR] = pipe.id;
          if (fed) env[PIPE_OUT_VAR] = fed.id;
          else if (outerOut) env[PIPE_OUT_VAR] = ctx.env.get(PIPE_OUT_VAR)!;
          // A loop stage sees the shell's variables where it runs (a `for` variable, a function's locals).
          if (lines) for (const [name, value] of ctx.env) if (!(name in env) && SHELL_NAME.test(name) && !name.startsWith("__KC_") && !name.endsWith("OPTS")) env[name] = value;
          const result = await ctx.exec!(text, { cwd: ctx.cwd, stdin, signal: stop ? AbortSignal.any([lineSignal, stop]) : lineSignal, env });
          // Ctrl-C during the stage: just-bash's own "execution aborted" is not bash's to print.
          return lineSignal.aborted ? stopped : result;
        } catch (err) {
          if (lineSignal.aborted) return stopped;
          throw err;
        } finally {
          pipe?.close();
          fed?.close();
        }
      },
      show: (data, stream) => {
        if (stream === "stdout" && outerOut) {
          outerOut.write(data);
          return;
        }
        rt.charge(data.length);
        if (stream === "stdout" ? outerPos.stdoutToTerminal : outerPos.stderrToTerminal) rt.sink(data, stream);
        else if (outerPos.merged || stream === "stdout") captured.stdout += data;
        else captured.stderr += data;
      },
      later: (flush) => setImmediate(flush),
    },
    () => broken.abort(),
  );
  const out = new PipeChannel(stream);
  const err = pos.merged ? out : new OutputChannel(pos.stderrToTerminal, true, (d) => rt.sink(d, "stderr"), (n) => rt.charge(n));
  return {
    position: pos,
    out,
    err,
    signal,
    pipe: stream,
    captured,
    sleep: async (ms: number, until?: AbortSignal) => {
      await stream.drain();
      await rt.sleep(ms, until ? AbortSignal.any([signal, until]) : signal);
    },
  };
}

/**
 * Ends a streamed pipeline once its producer returned `exitCode`: the result the pipeline gives
 * just-bash (its status, PIPESTATUS for every command). Ctrl-C stops every stage (status 130).
 */
export async function finishPipe(rt: ShellRuntime, ctx: ResolvedCommandContext, io: InvocationIO, exitCode: number): Promise<ExecResult> {
  const stream = io.pipe!;
  const captured = io.captured ?? { stdout: "", stderr: "" };
  if ((ctx.signal ?? rt.signal()).aborted) {
    // The stages still running must end before the command's context is revoked.
    await stream.stop();
    return { stdout: captured.stdout, stderr: io.err.take() + captured.stderr, exitCode: 130 };
  }
  const pipefail = (ctx.env.get("SHELLOPTS") ?? "").split(":").includes("pipefail");
  const { statuses, exitCode: status } = await stream.finish(exitCode, pipefail);
  return { stdout: captured.stdout, stderr: io.err.take() + captured.stderr, exitCode: status, internalPipeStatusOverride: statuses } as ExecResult;
}

/**
 * A loop that is the first command of a streamed pipeline (transform.ts loopProducer): it runs its
 * text in a nested shell, as bash runs a pipeline's first command in a subshell, with the shell's
 * variables where it stands; what its commands write goes down the stages as they write it
 * (PipeOut, letter `S`), and when a stage after it has ended the loop stops at its next write
 * (SIGPIPE, 141).
 */
export function pipeLoopCommand(rt: ShellRuntime): Command {
  return defineCommand(`${HOOK_PREFIX}pipe_loop`, async (args, ctx) => {
    const io = invocationIO(rt, ctx);
    const stream = io.pipe;
    if (!stream) return { stdout: "", stderr: "kubecoach: a streamed loop ran without its pipeline\n", exitCode: 1 };
    await stream.open();
    const letters = ctx.env.get(STREAM_VAR) ?? "";
    const outer = letters.slice(0, letters.lastIndexOf("P")).replace(/[OLPS]/g, "");
    const fed = openPipeOut({ write: (d) => io.out.push(d), drain: () => stream.drain() });
    let exitCode: number;
    try {
      const env: Record<string, string> = { [STREAM_VAR]: `${outer}LS`, [PIPE_OUT_VAR]: fed.id, [PIPE_VAR]: "" };
      for (const [name, value] of ctx.env) if (!(name in env) && SHELL_NAME.test(name) && !name.startsWith("__KC_") && !name.endsWith("OPTS")) env[name] = value;
      const result = await ctx.exec!(args[0] ?? "", { cwd: ctx.cwd, stdin: decodeBytesToUtf8(ctx.stdin), signal: io.signal, env });
      if (result.stdout) io.out.push(result.stdout);
      const stderr = io.signal.aborted ? result.stderr.replace(/^(?:bash: )?execution aborted\n?/m, "") : result.stderr;
      if (stderr) io.err.push(stderr);
      exitCode = result.exitCode;
    } finally {
      fed.close();
    }
    return finishPipe(rt, ctx, io, exitCode);
  });
}

/** Commands whose output goes through invocationIO, so a streamed pipeline may start with them. */
export const PIPE_AWARE = new WeakSet<Command>();

/** A Program as a just-bash command. `extra` lets shell-level programs see more than the contract. */
export function programCommand<T extends object = object>(name: string, program: (ctx: ProgramContext & T) => Promise<number>, rt: ShellRuntime, extra?: (ctx: ResolvedCommandContext, io: InvocationIO) => T): Command {
  const command = defineCommand(name, async (args, ctx) => {
    await rt.tick();
    const io = invocationIO(rt, ctx);
    const typed = await typedStdin(rt, ctx, name, args, io, io.position);
    if (typed?.interrupted) return { stdout: "", stderr: "", exitCode: 130 };
    await io.pipe?.open();
    const resume = rt.fs.suspendSource();
    let exitCode: number;
    try {
      const pctx: ProgramContext = {
        args,
        name,
        stdin: typed ? typed.text : decodeBytesToUtf8(ctx.stdin),
        env: programEnv(ctx),
        cwd: ctx.cwd,
        host: rt.host,
        user: rt.user(),
        environment: rt.environment,
        stdout: (chunk) => io.out.push(chunk),
        stdoutBytes: (chunk) => io.out.pushBytes(chunk),
        stdinBytes: () => Buffer.from(latin1FromBytes(ctx.stdin), "latin1"),
        stderr: (chunk) => io.err.push(chunk),
        signal: io.signal,
        // A program piped into another one does not see a terminal (colours, pagers, `watch`).
        terminal: { ...rt.terminal(), isTTY: rt.terminal().isTTY && io.position.stdoutToTerminal && !io.position.pipeOut },
        ...(rt.edit ? { edit: rt.edit } : {}),
        sleep: io.sleep,
        fs: rt.fs,
        ...(rt.origin ? { origin: rt.origin } : {}),
        // Only a program whose stdin and stdout are the terminal can hand it to a shell (`echo ls | chroot /host` cannot).
        ...(rt.foreground && io.position.stdinFromTerminal && io.position.stdoutToTerminal && !io.position.pipeOut ? { foreground: rt.foreground } : {}),
        ...(!typed && io.position.stdinFromTerminal ? typedReader(rt, ctx, io) : {}),
      };
      exitCode = await program({ ...pctx, ...(extra ? extra(ctx, io) : ({} as T)) } as ProgramContext & T);
    } catch (err) {
      io.err.push(`${name}: ${err instanceof Error ? err.message : String(err)}\n`);
      exitCode = 1;
    } finally {
      resume();
    }
    if (io.pipe) return finishPipe(rt, ctx, io, exitCode);
    if (io.out.binary) {
      // just-bash 3.4.2 fails a redirection ("invalid stdout accounting") when a command's stdout is
      // bytes and it also wrote redirected stderr: it re-counts stdout as UTF-8 text. The case that
      // matters is `openssl rsa -pubin -outform der 2>/dev/null | openssl dgst` (kubeadm's CA hash),
      // so redirected stderr of binary output is dropped rather than failing the line.
      const stderr = await io.err.settle();
      return { ...bytesOutput(unsafeBytesFromLatin1(await io.out.settle())), stderr: io.position.stderrToTerminal ? stderr : "", exitCode };
    }
    return { stdout: await io.out.settle(), stderr: await io.err.settle(), exitCode };
  });
  PIPE_AWARE.add(command);
  return command;
}

export function programCommands(programs: Iterable<[string, Program]>, rt: ShellRuntime): Command[] {
  return [...programs].map(([name, program]) => programCommand(name, program, rt));
}

/**
 * Wraps a just-bash command so that it streams like a program inside loops (`for f in *; do cat $f;
 * done` prints file by file) and so that its reads are never mistaken for a `source` read.
 */
const GREP_NAMES = new Set(["grep", "egrep", "fgrep"]);

export function wrapBundled(name: string, rt: ShellRuntime): Command {
  const greps = GREP_NAMES.has(name);
  return defineCommand(name, async (given, ctx) => {
    await rt.tick();
    // Read once: every lookup of the command's environment goes through just-bash's context membrane.
    const pos = streamPosition(ctx);
    // grep --color=auto colours when its stdout is the terminal (as jq's default colour does).
    const args = greps ? decideAutoColour(given, pos.stdoutToTerminal && !pos.pipeOut && rt.terminal().isTTY) : given;
    const perLine = await typedPerLine(rt, ctx, name, args, pos);
    if (perLine) return perLine;
    const typed = await typedStdin(rt, ctx, name, args, undefined, pos);
    const resume = rt.fs.suspendSource();
    try {
      let result = typed ? await withTypedStdin(name, args, ctx, typed) : ((name === "printf" ? await printfWithBytes(args, ctx) : name === "mkdir" ? await mkdirParents(rt.fs, ctx.cwd, args) : name === "cp" ? await cpPreserving(rt.fs, ctx.cwd, args, (line) => runBundled(name, line, ctx)) : undefined) ?? (await runBundled(name, args, ctx)));
      // grep's messages among its lines (a directory, a binary file), where both streams go to one place.
      const ordered = greps ? writeOrder(result) : undefined;
      if (ordered && pos.merged) result = { ...result, stdout: ordered.map(([text]) => text).join(""), stderr: "" };
      if (result.stderr.includes(": No such file or directory")) result.stderr = await permissionErrors(rt, ctx.cwd, result.stderr, name);
      if (result.stderr.includes(": EACCES: ") || result.stderr.includes(": EPERM: ")) result.stderr = errnoTexts(result.stderr);
      if (!pos.live) {
        if (ordered && pos.stdoutToTerminal && pos.stderrToTerminal) for (const [text, stream] of ordered) rt.order?.note(stream, text);
        else {
          if (pos.stdoutToTerminal && result.stdout) rt.order?.note("stdout", result.stdout);
          if (pos.stderrToTerminal && result.stderr) rt.order?.note("stderr", result.stderr);
        }
        return result;
      }
      const out = { ...result };
      const piped = pipeOutOf(ctx, pos);
      if (piped && result.stdout) {
        piped.write(result.stdout);
        out.stdout = "";
      } else if (pos.stdoutToTerminal && result.stdout) {
        rt.charge(result.stdout.length);
        rt.sink(result.stdout, "stdout");
        out.stdout = "";
      }
      if (pos.stderrToTerminal && result.stderr) {
        rt.charge(result.stderr.length);
        rt.sink(result.stderr, "stderr");
        out.stderr = "";
      }
      return out;
    } finally {
      resume();
    }
  });
}

export interface TypedStdin {
  text: string;
  /** Already shown as it was typed (a pass-through `cat`/`tee` writing to the terminal). */
  echoed: boolean;
  /** Ctrl-C while reading: `text` is what was typed before it. */
  interrupted: boolean;
}

/**
 * When a command reads stdin and its stdin is the terminal, the typed input: each line as Enter
 * delivers it, until Ctrl-D (or the one line `read` takes). just-bash hands a command all its stdin
 * up front, so the input is gathered before the command runs; `cat` and `tee`, whose output is
 * their input, show each line as it arrives, as they would. Waiting for input is a wait: what the
 * command printed so far is shown first (see OutputChannel.goLive).
 */
export async function typedStdin(rt: ShellRuntime, ctx: ResolvedCommandContext, name: string, args: string[], io?: InvocationIO, pos: StreamPosition = streamPosition(ctx)): Promise<TypedStdin | undefined> {
  if (!rt.readTerminal) return undefined;
  if (!pos.stdinFromTerminal) return undefined;
  const mode = stdinUse(name, args);
  if (!mode || decodeBytesToUtf8(ctx.stdin) !== "") return undefined;
  io?.out.goLive();
  io?.err.goLive();
  const echo = pos.stdoutToTerminal && !pos.pipeOut && !pos.merged && isPassThrough(name, args);
  const onChunk = echo
    ? (chunk: string) => {
        rt.charge(chunk.length);
        rt.sink(chunk, "stdout");
      }
    : undefined;
  const signal = ctx.signal ?? rt.signal();
  try {
    return { text: await rt.readTerminal(mode, signal, onChunk), echoed: echo, interrupted: false };
  } catch (err) {
    if (err instanceof InputLimitError) {
      rt.sink(`\nkubecoach: command stopped (${err.message})\n`, "stderr");
      return { text: "", echoed: echo, interrupted: true };
    }
    const partial = (err as { partial?: unknown }).partial;
    if (typeof partial !== "string") throw err;
    return { text: partial, echoed: echo, interrupted: true };
  }
}

/** ProgramContext.readTerminal for a program whose stdin is the terminal and was not gathered for it. */
function typedReader(rt: ShellRuntime, ctx: ResolvedCommandContext, io: InvocationIO): Pick<ProgramContext, "readTerminal"> {
  const readTerminal = rt.readTerminal;
  if (!readTerminal || decodeBytesToUtf8(ctx.stdin) !== "") return {};
  return {
    readTerminal: (signal) => {
      // Waiting for input is a wait: what the program printed so far is seen first, and from now on as it comes.
      io.out.goLive();
      io.err.goLive();
      return readTerminal("line", signal ? AbortSignal.any([io.signal, signal]) : io.signal);
    },
  };
}

/**
 * A filter reading the terminal and writing to it that answers line by line (`grep PAT`, `sed
 * s/a/b/`, see line-filters.ts): each typed line's output is shown before the next is typed.
 */
async function typedPerLine(rt: ShellRuntime, ctx: ResolvedCommandContext, name: string, args: string[], pos: StreamPosition): Promise<ExecResult | undefined> {
  const readTerminal = rt.readTerminal;
  if (!readTerminal) return undefined;
  if (!pos.stdinFromTerminal || !pos.stdoutToTerminal || pos.pipeOut || pos.merged || !stdinUse(name, args) || !answersPerLine(name, args)) return undefined;
  if (decodeBytesToUtf8(ctx.stdin) !== "") return undefined;
  const signal = ctx.signal ?? rt.signal();
  let heldStderr = "";
  const resume = rt.fs.suspendSource();
  try {
    const result = await runPerLine(name, args, ctx, {
      readLine: () => readTerminal("line", signal),
      show: (data, stream) => {
        if (stream === "stderr" && !pos.stderrToTerminal) {
          heldStderr += data;
          return;
        }
        rt.charge(data.length);
        rt.sink(data, stream);
      },
    });
    return { ...result, stderr: heldStderr + result.stderr };
  } finally {
    resume();
  }
}

/** Runs a bundled command on typed input (its own stdin came from the terminal). */
async function withTypedStdin(name: string, args: string[], ctx: ResolvedCommandContext, typed: TypedStdin): Promise<ExecResult> {
  const exitCode = typed.interrupted ? 130 : 0;
  // cat's output is its input: nothing to run. On Ctrl-C the lines typed so far are kept, as cat
  // had already written them.
  if (name === "cat") return { stdout: typed.echoed ? "" : typed.text, stderr: "", exitCode };
  if (typed.interrupted && name !== "tee") return { stdout: "", stderr: "", exitCode };
  const letters = `${ctx.env.get(STREAM_VAR) ?? ""}I`;
  const result = await ctx.exec!(`/usr/bin/${name}`, { cwd: ctx.cwd, stdin: typed.text, env: { [STREAM_VAR]: letters }, args });
  return { stdout: typed.echoed ? "" : result.stdout, stderr: result.stderr, exitCode: typed.interrupted ? 130 : result.exitCode };
}

/**
 * just-bash's file commands print a refused change with the filesystem's error code ("EACCES:
 * permission denied, open '<path>'"); coreutils prints strerror's text.
 */
function errnoTexts(stderr: string): string {
  return stderr
    .replace(/: EACCES: [^,\n]*, \w+ '[^'\n]*'$/gm, ": Permission denied")
    .replace(/: EPERM: [^,\n]*, \w+ '[^'\n]*'$/gm, ": Operation not permitted");
}

/**
 * just-bash's file commands report every failed open as "No such file or directory"; an
 * unprivileged user reading root's files must see "Permission denied", and reading a directory
 * (`cat /etc/kubernetes/manifests`) "Is a directory", as with coreutils.
 */
async function permissionErrors(rt: ShellRuntime, cwd: string, stderr: string, name: string): Promise<string> {
  const lines = stderr.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^:]+): (.+): No such file or directory$/.exec(lines[i]);
    if (!m) continue;
    const target = m[2].replace(/^cannot (open|access|stat) '(.*)'( for reading)?$/, "$2").replace(/^'(.*)'$|^‘(.*)’$/, "$1$2");
    const path = rt.fs.resolvePath(cwd, target);
    const reachable = await rt.fs.reachable(path);
    // Behind a directory the user may not search, even a missing file is "Permission denied".
    if (!reachable) {
      lines[i] = lines[i].replace("No such file or directory", "Permission denied");
      continue;
    }
    if (!(await rt.fs.existsForAnyone(path))) continue;
    // chmod on a file the user can reach but does not own (just-bash's chmod says "cannot access").
    lines[i] = name === "chmod"
      ? `chmod: changing permissions of '${target}': Operation not permitted`
      : lines[i].replace("No such file or directory", (await rt.fs.isDirectoryForAnyone(path)) ? "Is a directory" : "Permission denied");
  }
  return lines.join("\n");
}
