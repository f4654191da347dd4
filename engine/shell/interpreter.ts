import { Bash, defineCommand, parse, serialize, type BashOptions, type Command, type ScriptNode, type StatementNode } from "just-bash";

type ExecutionLimits = NonNullable<BashOptions["executionLimits"]>;
import { BASH_STATE_VERSION, readState, registerTrustedCommands, type BashState, type ShellArray } from "./bash-state";
import { ERR_TRAP, EXIT_TRAP, trapBuiltin, type TrapTable } from "./traps";
import { SIGINT, SIGKILL, SIGTERM, STOP_SIGNALS, signalEnds } from "./jobs-signals";

const SIGQUIT = 3;
const SIGSTOP = 19;
import { parseDeclarations } from "./declarations";
import { PIPE_IN_VAR, PIPE_OUT_VAR } from "./pipe-stages";
import { FILE_VARS } from "./file-output";
import { COMPOUND, EPILOGUE_VARS, ERR_DUE, PIPE_VAR, SIGNALS_DUE, STREAM_VAR, epilogue, hasPipeline, instrument, isPlainPipeline, selectPiece, statementOf, type InstrumentHooks } from "./transform";
import { parseLine } from "./input";
import { functionListing } from "./function-listing";
import { backgroundCommand, mentionsJobCommands, renameWaitCommands } from "./jobs-command";
import { shareGroupStdin } from "./group-stdin";
import { cdHookCommands } from "./cd-permission";
import { testHookCommands } from "./test-builtin";
import { misplacedBuiltinHook } from "./misplaced-builtins";
import { asBashWording, optionListingHook } from "./builtin-wording";
import type { ShellFs } from "./shell-fs";
import type { OutputOrder } from "./bridge";

/**
 * One bash process: a just-bash interpreter whose state (variables, exports, aliases, functions,
 * arrays, options, working directory, completion specs) lasts from one command line to the next,
 * as in a real interactive shell.
 *
 * just-bash gives every `exec()` a copy of its state and drops it afterwards. This class runs each
 * command line (piece by piece, see `run`) through an instrumented AST (transform.ts) whose last
 * statement reports the state the line left (`__kc_state`), and puts that state back before the
 * next `exec()`. Functions are captured as the definitions run (`__kc_fn`), because just-bash can
 * list function names but not print their bodies.
 */
export type OutputSink = (data: string, stream: "stdout" | "stderr") => void;

export interface InterpreterOptions {
  fs: ShellFs;
  cwd: string;
  /** Exported variables at start-up. */
  env: Record<string, string>;
  /** Shell variables that are not exported (PS1, HISTSIZE, …). */
  variables?: Record<string, string>;
  commands: Command[];
  sleep: (ms: number) => Promise<void>;
  limits?: ExecutionLimits;
  uid?: number;
  gid?: number;
  pid?: number;
  /** Interactive shells expand aliases; `bash -s` and `bash -c` do not. */
  interactive?: boolean;
  /** Where commands note their buffered terminal output, so a piece's output keeps its write order. */
  order?: OutputOrder;
  /** Called as each piece of a line ends (a Ctrl-C that ended a terminal read stops the line here). */
  afterPiece?: () => void;
  /** Commands that stream into a pipe (see InstrumentOptions.pipeProducer). */
  pipeProducer?: (name: string, args: string[]) => boolean;
  /** Commands that write redirected output to files as they run (see InstrumentOptions.writesFiles). */
  writesFiles?: (name: string) => boolean;
}

/** Where a line goes on after the piece Ctrl-Z stopped (detachRunningPiece), with `$?` 148. */
export interface PieceResume {
  statement: number;
  pipeline?: number;
  exitCode: number;
}

/** bash's status for a job stopped by SIGTSTP (128 + 20). */
const STOPPED_STATUS = 148;

export interface RunResult {
  exitCode: number;
  /** The shell ended (`exit`, `logout`, or a failure under `set -e`, or `set -u` when not interactive). */
  exited: boolean;
  /** The rest of the line is dropped (an unbound variable under `set -u` in an interactive shell). */
  abandoned?: boolean;
  /** The shell ended because a command failed under `set -e` (not by `exit`): the ERR trap runs first. */
  errexit?: boolean;
  /** A signal sent to the shell itself ended it; its EXIT trap sees `$?` as it was before (this). */
  signalled?: { status: number };
}

export interface InterpreterSnapshot {
  version: typeof BASH_STATE_VERSION;
  cwd: string;
  previousDir: string;
  variables: Record<string, string>;
  exported: string[];
  readonly: string[];
  /** Function definitions as bash source, in definition order. */
  functions: string;
  arrays: [string, { kind: ShellArray["kind"]; elements: [string, string][] }][];
  completions: [string, unknown][];
  shopt: Record<string, boolean>;
  directoryStack: string[];
  lastExitCode: number;
  /** `trap` actions by signal number (EXIT 0, DEBUG 65, ERR 66, RETURN 67); absent in older snapshots. */
  traps?: [number, string][];
}


type FunctionDef = Extract<ScriptNode["statements"][number]["pipelines"][number]["commands"][number], { type: "FunctionDef" }>;

interface StoredFunction {
  def: FunctionDef;
  /** The definition before instrumentation, for snapshots (bash source is rebuilt from it). */
  original: FunctionDef;
}

/** Per-`exec()` bookkeeping filled in by the hook commands. */
interface PieceReport {
  /** The piece ends with the epilogue (see transform()); without one, a normal end leaves result.env. */
  epilogue: boolean;
  defined: Map<string, StoredFunction>;
  exiting: boolean;
  /** The piece runs a subshell or a substitution, where an unbound variable ends only that. */
  isolates?: boolean;
  /** A signal sent to the shell itself (`kill $$`) ended it, or abandoned the line at a prompt. */
  killedBy?: { signal: number; status: number };
}

const DEFINITION_REGISTRY_LIMIT = 5000;
/** Variables the instrumentation sets for the shell's own use: never part of the lasting state. */
const INTERNAL_VARS = [STREAM_VAR, PIPE_VAR, PIPE_IN_VAR, PIPE_OUT_VAR, ...Object.values(FILE_VARS), EPILOGUE_VARS.status, EPILOGUE_VARS.pipeStatus, EPILOGUE_VARS.functions, EPILOGUE_VARS.declarations];
const INTERNAL_VAR_SET: ReadonlySet<string> = new Set(INTERNAL_VARS);

/**
 * Instrumented text of `source`d and `eval`ed scripts, shared by every shell of the process: each
 * login shell sources the same ~/.profile, ~/.bashrc and `kubectl completion bash`, and parsing,
 * instrumenting and printing them again was most of the cost of opening a terminal. The instrumented
 * text depends only on the source text; the function definitions it names (`__kc_fn -N`) live in
 * SHARED_DEFINITIONS with negative ids, so every shell running the text finds them. Definitions are
 * not changed once made, so shells may hold the same ones.
 */
const SHARED_SOURCES = new Map<string, { out: string; ids: number[] }>();
const SHARED_DEFINITIONS = new Map<number, StoredFunction>();
const SHARED_SOURCE_LIMIT = 32;
/** Longer scripts are instrumented each time rather than kept. */
const SHARED_SOURCE_MAX_CHARS = 256 * 1024;
let nextSharedDefinition = -1;

export class ShellInterpreter {
  readonly bash: Bash;
  private readonly state: BashState;
  private functions = new Map<string, StoredFunction>();
  /**
   * The bash source snapshot() printed last, and the definitions it was printed from: a terminal
   * is snapshotted at every save, its functions (the completion script's) rarely change, and
   * printing them again was most of the cost of a save that keeps only the terminals.
   */
  private printedFunctions?: { defs: StoredFunction[]; source: string };
  private arrays = new Map<string, ShellArray>();
  private variables: Map<string, string>;
  /** The shell's traps (`trap`): kept here, outside just-bash, so they last from line to line. */
  private traps: TrapTable = new Map();
  private inErrTrap = false;
  /** Signals `kill` sent to this shell ($$) that it has not acted on yet (see signalsDue). */
  private pendingSignals: number[] = [];
  private readonly definitions = new Map<number, StoredFunction>();
  private nextDefinition = 1;
  private report?: PieceReport;
  /** Set while the top-level piece is about to be transformed; nested execs (bash -c, xargs) are not. */
  private pendingTopLevel?: { select: { statement: number; pipeline?: number }; mentionsSet: boolean; mentionsWait: boolean; mentionsTrap: boolean; isolated: boolean };
  /** Where `read -p`'s prompt goes while a piece runs. */
  private promptSink?: OutputSink;
  /**
   * Runs a top-level `cmd &` as a job (jobs-runner.ts) and says its pid and status; undefined
   * leaves the statement to just-bash, which runs it to the end in the foreground.
   */
  onBackground?: (statement: StatementNode, sink: OutputSink) => Promise<{ pid: number; exitCode: number } | undefined>;

  constructor(private readonly options: InterpreterOptions) {
    const hooks = this.hookCommands();
    shareGroupStdin();
    this.bash = new Bash({
      fs: options.fs,
      cwd: options.cwd,
      env: options.env,
      // No bundled commands of its own: the frame wraps each one and runs it directly (bundled.ts).
      commands: [],
      sleep: options.sleep,
      executionLimits: options.limits,
      processInfo: { pid: options.pid ?? 1, ppid: 1, uid: options.uid ?? 0, gid: options.gid ?? 0 },
      // Its defense-in-depth box guards against guest JavaScript (js-exec, python), which is off
      // here; it would also block the trusted simulation (kubectl, controllers) that commands run.
      defenseInDepth: false,
    });
    registerTrustedCommands(this.bash, [...options.commands, ...hooks]);
    this.state = readState(this.bash);
    this.state.shoptOptions.expand_aliases = options.interactive ?? true;
    this.state.completionSpecs ??= new Map();
    this.state.directoryStack ??= [];
    // One table for every piece: `exec 3< file` on one line, `read -u 3` on the next (just-bash copies
    // the state for each exec() but keeps this Map).
    (this.state as { fileDescriptors?: Map<number, string> }).fileDescriptors ??= new Map();
    this.state.readonlyVars ??= new Set();
    this.variables = new Map(this.state.env);
    for (const [k, v] of Object.entries(options.variables ?? {})) this.variables.set(k, v);
    this.bash.registerTransformPlugin({ name: "kubecoach-shell", transform: (ctx) => this.transform(ctx.ast) });
  }

  // ---------- running ----------

  /**
   * Runs a command line. Top-level statements, and the pipelines of an `&&`/`||` list, run as
   * separate pieces so that output reaches the terminal in order and state lasts between them
   * even when a later piece is interrupted — as bash, which runs them one after the other.
   */
  async run(line: string, sink: OutputSink, signal?: AbortSignal, stdin?: string, resume?: PieceResume): Promise<RunResult> {
    const result = await this.runLine(line, sink, signal, stdin, resume);
    // The line ended a script's shell (`exit`, `set -e`…): its EXIT trap runs now. At a prompt the
    // terminal runs it, after bash's `exit`/`logout` line (Terminal.afterLine).
    if (result.exited && this.options.interactive === false) result.exitCode = await this.runExitTrap(result.exitCode, sink, signal, result.signalled?.status);
    return result;
  }

  /**
   * The shell ends (`exit`, the end of a script): runs the EXIT trap, once, with `$?` the status
   * the shell ends with. That status stays unless the trap itself calls `exit`.
   */
  hasExitTrap(): boolean {
    return !!this.traps.get(EXIT_TRAP);
  }

  async runExitTrap(exitCode: number, sink: OutputSink, signal?: AbortSignal, trapStatus = exitCode): Promise<number> {
    const action = this.traps.get(EXIT_TRAP);
    this.traps.delete(EXIT_TRAP);
    if (!action) return exitCode;
    this.setLastExitCode(trapStatus);
    const result = await this.runLine(action, sink, signal);
    return result.exited ? result.exitCode : exitCode;
  }

  /**
   * A command line's pipeline failed: runs the ERR trap with `$?` its status, which `$?` keeps
   * afterwards. Not inside a trap's own action. Returns the result only if the trap ended the shell.
   * Only failures at the top of a line are seen: not those inside a loop, group or function body.
   */
  private async runErrTrap(exitCode: number, sink: OutputSink, signal?: AbortSignal): Promise<RunResult | undefined> {
    const action = this.traps.get(ERR_TRAP);
    if (!action || this.inErrTrap) return undefined;
    this.inErrTrap = true;
    try {
      this.setLastExitCode(exitCode);
      const result = await this.runLine(action, sink, signal);
      if (result.exited) return result;
      this.setLastExitCode(exitCode);
      return undefined;
    } finally {
      this.inErrTrap = false;
    }
  }

  // ---------- signals sent to the shell itself ----------

  /**
   * `kill -SIG PID` where PID is this shell's own (`$$`): the signal is kept until the shell acts
   * on it, as soon as kill returns (see SIGNALS_DUE in transform.ts) or, from a subshell, once the
   * piece ends. False when PID is not this shell's. Signal 0 only checks that the shell exists.
   */
  signalSelf(pid: number, signal: number): boolean {
    if (pid !== (this.options.pid ?? 1)) return false;
    if (signal !== 0) this.pendingSignals.push(signal);
    return true;
  }

  /** Whether the shell ignores `signal` (`trap '' INT`): a Ctrl-C then reaches nothing it runs either. */
  ignoresSignal(signal: number): boolean {
    return this.traps.get(signal) === "";
  }

  /** Whether a trap action is set for `signal` (`trap 'echo caught' INT`). */
  trapsSignal(signal: number): boolean {
    return !!this.traps.get(signal);
  }

  /**
   * What the shell does with `signal`, as bash 5.2: its trap's action, or nothing (ignored, or
   * ignored by default: CHLD, WINCH, URG, CONT; an interactive bash ignores TERM, QUIT and the stop
   * signals), or an interrupt (INT at a prompt: the line is abandoned), or the shell ends (128+N).
   * KILL cannot be caught; a shell stopping itself is not modelled.
   */
  private disposition(signal: number): { action: string } | "ignore" | "interrupt" | "end" | "stop" {
    if (signal === SIGKILL) return "end";
    const action = this.traps.get(signal);
    const interactive = this.options.interactive !== false;
    if (STOP_SIGNALS.has(signal) && (signal === SIGSTOP || action === undefined)) return interactive && signal !== SIGSTOP ? "ignore" : "stop";
    if (action === "") return "ignore";
    if (action !== undefined) return { action };
    if (!signalEnds(signal)) return "ignore";
    if (interactive && (signal === SIGTERM || signal === SIGQUIT)) return "ignore";
    return interactive && signal === SIGINT ? "interrupt" : "end";
  }

  /**
   * The `__kc_signals_due` hook, right after a `kill`: the text the shell runs for the signals sent
   * to it, each trap's action with `$?` kill's status (which it keeps afterwards), or `exit 128+N`
   * for a signal that ends the shell (piece() then reports how it ended).
   */
  private signalsDue(status: number): { stdout: string; stderr: string; exitCode: number } {
    const restore = `/usr/bin/__kc_status ${status}\n`;
    let stdout = restore;
    let stderr = "";
    while (this.pendingSignals.length > 0) {
      const signal = this.pendingSignals.shift()!;
      const what = this.disposition(signal);
      if (typeof what === "object") stdout += `${this.instrumentText(what.action)}\n${restore}`;
      else if (what === "stop") stderr += STOP_NOTICE;
      else if (what !== "ignore") {
        this.pendingSignals = [];
        if (this.report) this.report.killedBy = { signal, status };
        return { stdout: `${stdout}exit ${128 + signal}\n`, stderr, exitCode: 0 };
      }
    }
    return { stdout, stderr, exitCode: 0 };
  }

  /**
   * The `__kc_err_due` hook, after a command failed inside a loop, `if`, `case` or group: the ERR
   * trap's action to run there, with `$?` the failed status, which it keeps afterwards (so `set -e`
   * still ends the shell, after the trap, as bash's order is).
   */
  private errDue(status: number): string {
    const restore = `/usr/bin/__kc_status ${status}\n`;
    const action = this.traps.get(ERR_TRAP);
    if (!action || this.inErrTrap) return restore;
    // Under `set -e` the first restore must not end the shell before the action runs: as the left
    // side of `||` it gives `$?` without counting as a failure.
    return `/usr/bin/__kc_status ${status} || {\n${this.instrumentText(action)}\n}\n${restore}`;
  }

  /** Acts on signals still pending after a piece (a subshell sent them): see signalsDue. */
  private async deliverSignals(sink: OutputSink, abort?: AbortSignal): Promise<RunResult | undefined> {
    while (this.pendingSignals.length > 0) {
      const signal = this.pendingSignals.shift()!;
      const status = this.state.lastExitCode;
      const what = this.disposition(signal);
      if (typeof what === "object") {
        const result = await this.runLine(what.action, sink, abort);
        if (result.exited || result.abandoned) return result;
        this.setLastExitCode(status);
      } else if (what === "stop") sink(STOP_NOTICE, "stderr");
      else if (what !== "ignore") {
        this.pendingSignals = [];
        return this.signalStop({ signal, status }, sink);
      }
    }
    return undefined;
  }

  /** A signal ended the shell, or (INT at a prompt) abandoned the line. */
  private signalStop(killed: { signal: number; status: number }, sink: OutputSink, isolated = false): RunResult {
    const interrupted = this.disposition(killed.signal) === "interrupt";
    const exitCode = 128 + killed.signal;
    if (!isolated) this.setLastExitCode(exitCode);
    // bash starts a fresh line before its next prompt.
    if (interrupted) sink("\n", "stderr");
    return interrupted ? { exitCode, exited: false, abandoned: true } : { exitCode, exited: true, signalled: { status: killed.status } };
  }

  /**
   * Ctrl-C at an interactive prompt: bash runs the INT trap there, with `$?` 130 (the status the
   * prompt's interrupt leaves).
   */
  async runSignalTrap(signal: number, sink: OutputSink, abort?: AbortSignal): Promise<RunResult> {
    const status = 128 + signal;
    this.setLastExitCode(status);
    const action = this.traps.get(signal);
    if (!action) return { exitCode: status, exited: false };
    const result = await this.runLine(action, sink, abort);
    if (result.exited) return result;
    this.setLastExitCode(status);
    return { exitCode: status, exited: false };
  }

  /**
   * Ctrl-Z stopped the piece of a line now running (the pipeline bash stops): this shell, the
   * stopped job's, runs no piece after it; returns which piece it is and how `jobs` names it, or
   * undefined outside a line's pieces (a script fed whole). The rest of the line runs at once in the
   * shell that goes on (run with `resume`), as bash goes on with it.
   */
  detachRunningPiece(): { resume: PieceResume; display: string } | undefined {
    const running = this.runningPiece;
    if (!running) return undefined;
    this.detached = true;
    const statement = running.ast.statements[running.select.statement];
    const stopped = running.select.pipeline === undefined ? statement : { ...statement, pipelines: [statement.pipelines[running.select.pipeline]], operators: [] };
    return { resume: { ...running.select, exitCode: STOPPED_STATUS }, display: backgroundCommand(stopped).display };
  }

  /** The top-level piece running now, for Ctrl-Z (detachRunningPiece). */
  private runningPiece?: { ast: ScriptNode; select: { statement: number; pipeline?: number } };
  /** Ctrl-Z made the running piece a job: this shell ends the line with it. */
  private detached = false;

  private async runLine(line: string, sink: OutputSink, signal?: AbortSignal, stdin?: string, resume?: PieceResume): Promise<RunResult> {
    // A script fed on stdin is read once: it runs as one piece.
    if (stdin !== undefined) return this.piece(line, { statement: -1 }, sink, signal, stdin);
    let ast: ScriptNode | undefined;
    try {
      ast = parseLine(line);
    } catch (err) {
      const error = syntaxErrorReport(err, line, this.options.interactive !== false);
      if (error) {
        sink(error.message, "stderr");
        this.setLastExitCode(error.exitCode);
        // A shell reading a script stops at a syntax error; at the prompt only the line is lost.
        return { exitCode: error.exitCode, exited: error.ends && this.options.interactive === false };
      }
      ast = undefined;
    }
    if (!ast) return this.piece(line, { statement: -1 }, sink, signal);
    let last: RunResult = { exitCode: resume?.exitCode ?? this.state.lastExitCode, exited: false };
    const firstStatement = resume ? resume.statement + (resume.pipeline === undefined ? 1 : 0) : 0;
    for (let s = firstStatement; s < ast.statements.length; s++) {
      const statement = ast.statements[s];
      const job = statement.background ? await this.onBackground?.(statement, sink) : undefined;
      if (job) {
        (this.state as { lastBackgroundPid?: number }).lastBackgroundPid = job.pid;
        this.setLastExitCode(job.exitCode);
        last = { exitCode: job.exitCode, exited: false };
      } else if (statement.background || this.option("errexit")) {
        this.runningPiece = { ast, select: { statement: s } };
        last = await this.piece(line, { statement: s }, sink, signal, undefined, this.watched(selectPiece(ast, s)));
        this.runningPiece = undefined;
        this.options.afterPiece?.();
        if (last.abandoned || this.detached) return last;
        if (this.pendingSignals.length > 0 && !last.exited) last = (await this.deliverSignals(sink, signal)) ?? last;
        if (last.abandoned) return last;
        // `set -e` ends the shell for the same failures that run the ERR trap, and runs it first
        // (a compound command's body ran it already, see transform.ts ERR_DUE).
        if (last.errexit && !endsInCompound(statement)) last = (await this.runErrTrap(last.exitCode, sink, signal)) ?? last;
      } else {
        const firstPipeline = resume && s === resume.statement && resume.pipeline !== undefined ? resume.pipeline + 1 : 0;
        for (let p = firstPipeline; p < statement.pipelines.length; p++) {
          const op = p === 0 ? undefined : statement.operators[p - 1];
          if (op === "&&" && last.exitCode !== 0) continue;
          if (op === "||" && last.exitCode === 0) continue;
          this.runningPiece = { ast, select: { statement: s, pipeline: p } };
          last = await this.piece(line, { statement: s, pipeline: p }, sink, signal, undefined, this.watched(selectPiece(ast, s, p)));
          this.runningPiece = undefined;
          this.options.afterPiece?.();
          if (last.exited || last.abandoned || signal?.aborted || this.detached) return last;
          if (this.pendingSignals.length > 0) {
            const ended = await this.deliverSignals(sink, signal);
            if (ended) return ended;
          }
          // ERR follows a failed pipeline, but not one negated with `!` or before `&&`/`||`.
          if (last.exitCode !== 0 && p === statement.pipelines.length - 1 && !statement.pipelines[p].negated && !endsInCompound(statement)) {
            const ended = await this.runErrTrap(last.exitCode, sink, signal);
            if (ended) return ended;
          }
        }
      }
      if (last.exited || signal?.aborted) return last;
    }
    return last;
  }

  /**
   * Runs a script as a subshell of this shell runs it (`( SCRIPT ) < input`): it starts from this
   * shell's state, and whatever it changes there (directory, variables, functions, options, `$?`) is
   * gone when it ends; its `exit` ends only the script. Files it writes stay, as a subshell's do.
   * Command checks run this way, many in one shell, each as if in a shell of its own.
   */
  async runIsolated(script: string, sink: OutputSink, signal?: AbortSignal, stdin = ""): Promise<number> {
    // exec() copies the variables, functions, arrays and `set` options, but shares the rest of the
    // state with this shell (exports, read-only names, shopt, completions, the directory stack…)
    // and changes it in place: the script gets copies, and this shell its own back afterwards.
    const state = this.state as unknown as Record<string, unknown>;
    const own = { ...state };
    for (const [key, value] of Object.entries(own)) state[key] = shallowCopy(value);
    // A subshell starts with the traps reset, but for ignored signals, and runs its own EXIT trap.
    const traps = this.traps;
    this.traps = new Map([...traps].filter(([, action]) => action === ""));
    try {
      const exitCode = (await this.piece(script, { statement: -1 }, sink, signal, stdin, true, true)).exitCode;
      const action = this.traps.get(EXIT_TRAP);
      this.traps.delete(EXIT_TRAP);
      if (!action) return exitCode;
      // `(exit N)` gives the trap the script's status as `$?` without touching this shell's.
      const trap = await this.piece(`(exit ${exitCode})\n${action}`, { statement: -1 }, sink, signal, "", true, true);
      return trap.exited ? trap.exitCode : exitCode;
    } finally {
      this.traps = traps;
      for (const key of Object.keys(state)) if (!(key in own)) delete state[key];
      Object.assign(state, own);
    }
  }

  /** Whether just-bash must watch the line's signal itself (see isPlainPipeline). */
  private watched(piece: ScriptNode): boolean {
    return !isPlainPipeline(piece, (name) => this.isShellName(name));
  }

  /** Runs one piece of a line; `isolated`: as a subshell, keeping none of the state it leaves (see runIsolated). */
  private async piece(line: string, select: { statement: number; pipeline?: number }, sink: OutputSink, signal?: AbortSignal, stdin?: string, watched = true, isolated = false): Promise<RunResult> {
    this.prepareState();
    this.options.order?.take("", "");
    const report: PieceReport = { epilogue: false, defined: new Map(), exiting: false };
    this.report = report;
    this.promptSink = sink;
    this.pendingTopLevel = { select, mentionsSet: line.includes("set"), mentionsWait: mentionsJobCommands(line), mentionsTrap: TRAP_WORD.test(line), isolated };
    let result;
    try {
      result = await this.bash.exec(line, { rawScript: true, ...(watched ? { signal } : {}), ...(stdin !== undefined ? { stdin } : {}) });
    } catch (err) {
      // just-bash lets a failed output redirection escape exec(); bash reports it and goes on.
      sink(`${describeFailure(err)}\n`, "stderr");
      result = { stdout: "", stderr: "", exitCode: 1, env: undefined };
    } finally {
      this.pendingTopLevel = undefined;
      this.report = undefined;
      this.options.fs.disarmSource();
    }
    // Ctrl-C shows as ^C at the edge; bash itself prints nothing.
    let stderr = signal?.aborted ? result.stderr.replace(/^bash: execution aborted\n?/m, "") : result.stderr;
    if (stderr.includes("__KC_STREAM=") || stderr.includes("__kc_")) stderr = hideBookkeepingTrace(stderr);
    // Inside a loop, group or function just-bash prints a failed redirection's error as the
    // filesystem worded it (`ENOENT: no such file or directory, open '/x/f'`): bash's words instead.
    if (stderr.includes(", open '") || stderr.includes(", write '")) stderr = stderr.replace(RAW_FS_ERROR, (raw, code: string, path: string) => (ERRNO_TEXT[code] ? `bash: ${path}: ${ERRNO_TEXT[code]}` : raw));
    // just-bash's functions, loops and groups catch an unbound variable as an ordinary error: it
    // prints the bare message and the line goes on. bash names itself and, unless a subshell or a
    // substitution ran (there it ends only that), treats it as it does at the top level (below).
    const unboundInCompound = this.option("nounset") && stderr.includes(": unbound variable\n") && BARE_UNBOUND.test(stderr);
    if (unboundInCompound) stderr = stderr.replace(BARE_UNBOUND_ALL, "bash: $1: unbound variable");
    if (stderr) stderr = asBashWording(stderr);
    if (this.options.order) {
      for (const [data, stream] of this.options.order.take(result.stdout, stderr)) sink(data, stream);
    } else {
      if (result.stdout) sink(result.stdout, "stdout");
      if (stderr) sink(stderr, "stderr");
    }
    if (unboundInCompound && !report.isolates && !report.exiting && !signal?.aborted) return this.unboundStop(isolated ? undefined : result.env, report, isolated);
    if (report.killedBy && !signal?.aborted) {
      // What the piece changed before the signal stays (the same shell ran it).
      if (result.env && !isolated) this.captureState(result.env, report, 128 + report.killedBy.signal);
      return this.signalStop(report.killedBy, sink, isolated);
    }
    // The epilogue ran (the piece was not cut short by exit, set -e or Ctrl-C): it left the status.
    const done = result.env?.[EPILOGUE_VARS.status];
    // Ctrl-C: 130, even where the epilogue still ran (a plain pipeline is not stopped by just-bash itself).
    const exitCode = signal?.aborted ? 130 : done !== undefined ? Number(done) : result.exitCode;
    if (done !== undefined) {
      if (!isolated) this.captureState(result.env!, report, exitCode);
      return { exitCode, exited: false };
    }
    // No epilogue: unless the piece exits the shell or was stopped, result.env is the state it left
    // (a piece that failed part way, `set -u`, returns the state it started from).
    if (!report.epilogue && !report.exiting && !signal?.aborted && result.env) {
      if (!isolated) this.captureState(result.env, report, exitCode);
      return { exitCode, exited: false };
    }
    if (report.epilogue && !report.exiting && !signal?.aborted && this.option("nounset") && /: unbound variable\n$/.test(result.stderr)) {
      // The epilogue did not run: an unbound variable stopped the piece in the shell itself (one in a
      // substitution or subshell ends only that, and the epilogue runs). bash abandons the rest of the
      // line at its prompt, and a shell reading a script exits, both with status 1.
      return this.unboundStop(isolated ? undefined : result.env, report, isolated);
    }
    const errexit = !signal?.aborted && !report.exiting && this.option("errexit") && exitCode !== 0;
    const exited = errexit || (!signal?.aborted && report.exiting);
    if (!isolated) this.setLastExitCode(exitCode);
    return { exitCode, exited, ...(errexit ? { errexit } : {}) };
  }

  /** An unbound variable under `set -u` stopped the shell itself: see piece(). */
  private unboundStop(env: Record<string, string> | undefined, report: PieceReport, isolated = false): RunResult {
    if (env) this.captureState(env, report, 1);
    if (!isolated) {
      this.state.lastExitCode = 1;
      this.variables.set("?", "1");
    }
    return this.options.interactive === false ? { exitCode: 1, exited: true } : { exitCode: 1, exited: false, abandoned: true };
  }

  // ---------- state carried between exec() calls ----------

  /** Puts the lasting state where the next exec() copies it from. */
  private prepareState(): void {
    const s = this.state;
    // exec() copies the variables (and functions, arrays, options) before it runs anything.
    s.env = this.variables;
    s.cwd = this.variables.get("PWD") ?? s.cwd;
    s.previousDir = this.variables.get("OLDPWD") ?? s.previousDir;
    s.functions = new Map([...this.functions].map(([name, f]) => [name, f.def]));
    s.arrays = new Map([...this.arrays].map(([name, a]) => [name, { kind: a.kind, elements: new Map(a.elements) }]));
    s.associativeArrays = new Set([...this.arrays].filter(([, a]) => a.kind === "associative").map(([name]) => name));
    const shellopts = this.shellopts();
    for (const name of Object.keys(s.options)) s.options[name] = shellopts.has(name);
    s.localScopes = [];
    s.callDepth = 0;
    s.sourceDepth = 0;
  }

  private captureState(env: Record<string, string>, report: PieceReport, exitCode: number): void {
    const functionNames = env[EPILOGUE_VARS.functions];
    const declarations = env[EPILOGUE_VARS.declarations];
    if (!this.keepsVariables(env)) {
      this.variables = new Map(Object.entries(env));
      for (const name of INTERNAL_VARS) this.variables.delete(name);
    }
    this.state.lastExitCode = exitCode;
    this.variables.set("?", String(exitCode));
    if (functionNames !== undefined) {
      const next = new Map<string, StoredFunction>();
      for (const line of functionNames.split("\n")) {
        const name = line.replace(/^declare -f /, "").trim();
        if (!name) continue;
        const f = report.defined.get(name) ?? this.functions.get(name);
        if (f) next.set(name, f);
      }
      this.functions = next;
    } else {
      for (const [name, f] of report.defined) this.functions.set(name, f);
    }
    if (declarations !== undefined) this.arrays = parseDeclarations(declarations);
    this.setPipeStatus(env[EPILOGUE_VARS.pipeStatus] ?? String(exitCode));
  }

  /**
   * Whether a piece left every variable as it found it (most typed commands: `kubectl get`, `ls`),
   * `$?` aside. The Map is then kept rather than copied: a session worker runs hundreds of
   * terminals, and a fresh Map per command outlives the next scavenge (the old one is garbage only
   * in the old generation), which made scavenges longer (bench/command-allocation.bench.ts).
   */
  private keepsVariables(env: Record<string, string>): boolean {
    let count = 0;
    for (const name in env) {
      if (name === "?" || INTERNAL_VAR_SET.has(name)) continue;
      if (this.variables.get(name) !== env[name]) return false;
      count++;
    }
    return count === this.variables.size - (this.variables.has("?") ? 1 : 0);
  }

  /** bash's PIPESTATUS after a piece: each command's status in its last pipeline (one piece hands it to the next). */
  private setPipeStatus(statuses: string): void {
    this.arrays.set("PIPESTATUS", { kind: "indexed", elements: new Map(statuses.split(" ").map((status, i) => [String(i), status])) });
  }

  private option(name: string): boolean {
    return this.shellopts().has(name);
  }

  /** The `set -o` options on, from SHELLOPTS (read several times a piece, changed rarely). */
  private shellopts(): ReadonlySet<string> {
    const text = this.variables.get("SHELLOPTS") ?? "";
    if (this.optionsRead?.text !== text) this.optionsRead = { text, on: new Set(text.split(":")) };
    return this.optionsRead.on;
  }

  private optionsRead?: { text: string; on: Set<string> };

  // ---------- instrumentation ----------

  private transform(ast: ScriptNode): { ast: ScriptNode } {
    const top = this.pendingTopLevel;
    this.pendingTopLevel = undefined;
    if (!top) {
      instrument(ast);
      return { ast };
    }
    const piece = top.select.statement < 0 ? ast : selectPiece(ast, top.select.statement, top.select.pipeline);
    if (this.report && this.option("nounset")) this.report.isolates = runsIsolated(piece);
    // Before instrumenting: a streamed pipeline becomes one command that reports every status itself.
    const pipelines = hasPipeline(piece.statements);
    const { touchesState } = instrument(piece, { hooks: this, isShellName: (name) => this.isShellName(name), topLevel: true, pipeProducer: (name, args) => this.isPipeProducer(name, args), writesFiles: (name) => this.writesFiles(name), wholePiece: isOneCommand(piece) && !this.option("xtrace"), root: this.options.uid === 0, errTrap: !!this.traps.get(ERR_TRAP) || top.mentionsTrap });
    if (top.mentionsWait) renameWaitCommands(piece);
    // The epilogue costs a statement (a fifth of a short line): only where result.env is not enough,
    // for functions and arrays (just-bash returns scalars only), for `set -e` (an ended shell and a
    // failed last command look alike) and for whole scripts.
    // Under `set -u` the epilogue tells an unbound variable that stopped the piece (it does not run)
    // from one that only ended a substitution (see piece()).
    // A pipeline's PIPESTATUS is more than $?: the epilogue reports it too.
    if (touchesState || pipelines || top.select.statement < 0 || this.option("errexit") || this.option("nounset")) {
      // xtrace is on, or the piece may turn it on (`set -x`, or a function, `source` or `eval` doing it).
      const traced = touchesState || this.option("xtrace") || top.mentionsSet;
      // An isolated piece keeps nothing it leaves: the epilogue only reports its status.
      piece.statements.push(epilogue(touchesState && !top.isolated, traced));
      if (this.report) this.report.epilogue = true;
    }
    return { ast: piece };
  }

  /** A command (or an alias for one, `k` for kubectl) whose output streams into a pipe. */
  private isPipeProducer(name: string, args: string[]): boolean {
    const producer = this.options.pipeProducer;
    const command = producer && this.commandOf(name);
    return command ? producer(command.name, [...command.words, ...args]) : false;
  }

  /** A command (or an alias for one) whose redirected output reaches its files as it runs. */
  private writesFiles(name: string): boolean {
    const writes = this.options.writesFiles;
    const command = writes && this.commandOf(name);
    return command ? writes(command.name) : false;
  }

  /** The command a name runs, through one alias; undefined for a function or an alias of one. */
  private commandOf(name: string): { name: string; words: string[] } | undefined {
    const alias = this.variables.get(`BASH_ALIAS_${name}`);
    const words = alias === undefined ? [name] : alias.trim().split(/\s+/);
    const command = words[0];
    if (!command || command.includes("=") || this.functions.has(command)) return undefined;
    if (alias !== undefined && command !== name && this.variables.has(`BASH_ALIAS_${command}`)) return undefined;
    return { name: command.startsWith("/") ? command.slice(command.lastIndexOf("/") + 1) : command, words: words.slice(1) };
  }

  /** The functions defined now: the lasting ones and those the running piece defined. */
  private knownFunctions(): Map<string, StoredFunction> {
    const known = new Map(this.functions);
    for (const [name, f] of this.report?.defined ?? []) known.set(name, f);
    return known;
  }

  private isShellName(name: string): boolean {
    if (this.functions.has(name)) return true;
    const alias = this.variables.get(`BASH_ALIAS_${name}`);
    return alias !== undefined && !addsOptionsOnly(name, alias);
  }

  registerFunction(def: FunctionDef): number {
    const id = this.nextDefinition++;
    this.definitions.set(id, { def, original: structuredClone(def) });
    if (this.definitions.size > DEFINITION_REGISTRY_LIMIT) {
      const live = new Set([...this.functions.values()]);
      for (const [key, f] of this.definitions) {
        if (this.definitions.size <= DEFINITION_REGISTRY_LIMIT / 2) break;
        if (!live.has(f)) this.definitions.delete(key);
      }
    }
    return id;
  }

  /** Instruments text that `source` or `eval` is about to run, so its functions are captured too. */
  private instrumentText(text: string): string {
    const cached = SHARED_SOURCES.get(text);
    if (cached !== undefined) {
      // Most recently used last, so the oldest is dropped first.
      SHARED_SOURCES.delete(text);
      SHARED_SOURCES.set(text, cached);
      return cached.out;
    }
    // A long script is not kept: its definitions go to this shell's own registry, as any line's.
    const keep = text.length <= SHARED_SOURCE_MAX_CHARS;
    const ids: number[] = [];
    const shared: InstrumentHooks = {
      registerFunction: (def) => {
        const id = nextSharedDefinition--;
        SHARED_DEFINITIONS.set(id, { def, original: structuredClone(def) });
        ids.push(id);
        return id;
      },
    };
    const hooks = keep ? shared : this;
    let out: string;
    try {
      const body = text.startsWith("#!") ? text.slice(text.indexOf("\n") + 1) : text;
      const ast = parse(body);
      instrument(ast, { hooks });
      out = serialize(ast);
    } catch {
      for (const id of ids) SHARED_DEFINITIONS.delete(id);
      // A syntax error is reported by bash itself when it parses the original text.
      return text;
    }
    if (!keep) return out;
    SHARED_SOURCES.set(text, { out, ids });
    if (SHARED_SOURCES.size > SHARED_SOURCE_LIMIT) {
      const [oldest, entry] = SHARED_SOURCES.entries().next().value!;
      SHARED_SOURCES.delete(oldest);
      // Shells that ran it hold the definitions themselves; no text names these ids any more.
      for (const id of entry.ids) SHARED_DEFINITIONS.delete(id);
    }
    return out;
  }

  private hookCommands(): Command[] {
    const ok = { stdout: "", stderr: "", exitCode: 0 };
    return [
      ...cdHookCommands(this.options.fs),
      ...testHookCommands(this.options.fs, () => ({ uid: this.options.uid ?? 0, gid: this.options.gid ?? 0 })),
      misplacedBuiltinHook(),
      optionListingHook(),
      defineCommand("__kc_fn", async (args) => {
        const id = Number(args[0]);
        const f = id < 0 ? SHARED_DEFINITIONS.get(id) : this.definitions.get(id);
        if (f && this.report) this.report.defined.set(f.def.name, f);
        else if (f) this.functions.set(f.def.name, f);
        return ok;
      }),
      defineCommand("__kc_src_arm", async () => {
        this.options.fs.armSource({ rewrite: (_path, text) => this.instrumentText(text) });
        return ok;
      }),
      defineCommand("__kc_src_done", async (args) => {
        this.options.fs.disarmSource();
        return { ...ok, exitCode: Number(args[0] ?? 0) };
      }),
      defineCommand("__kc_eval_text", async (args) => ({ ...ok, stdout: this.instrumentText(args.join(" ")) })),
      defineCommand("__kc_prompt", async (args) => {
        // Shown now, before the read waits, like output of a command that goes live.
        this.promptSink?.(args[0] ?? "", "stderr");
        return ok;
      }),
      defineCommand("__kc_declare_f", async (args) => {
        const known = this.knownFunctions();
        const names = args.filter((a) => !a.startsWith("-"));
        let out = "";
        let exitCode = 0;
        for (const name of names.length ? names : [...known.keys()].sort()) {
          const f = known.get(name);
          if (f) out += `${functionListing(f.original)}\n`;
          else exitCode = 1;
        }
        return { stdout: out, stderr: "", exitCode };
      }),
      defineCommand("__kc_type", async (args, ctx) => {
        const known = this.knownFunctions();
        let stdout = "";
        let stderr = "";
        let exitCode = 0;
        for (const name of args) {
          const f = known.get(name);
          if (f && !this.variables.has(`BASH_ALIAS_${name}`)) {
            stdout += `${name} is a function\n${functionListing(f.original)}\n`;
            continue;
          }
          const other = await ctx.exec!(`builtin type -- ${quoteWord(name)}`, { cwd: ctx.cwd });
          stdout += other.stdout;
          stderr += other.stderr;
          if (other.exitCode !== 0) exitCode = other.exitCode;
        }
        return { stdout, stderr, exitCode };
      }),
      // `read -t N` from the terminal: 142 when it timed out (just-bash's read saw end of input).
      defineCommand("__kc_read_status", async (args) => ({ ...ok, exitCode: this.options.fs.takeTtyTimeout() ? 142 : Number(args[0] ?? 1) })),
      defineCommand("__kc_trap", async (args) => trapBuiltin(args, this.traps)),
      // Inside `( … )`, `$( … )` or a pipeline stage, bash gives the subshell traps of its own; those
      // are not modelled, so only printing works there (it shows the shell's, as bash's `trap -p` does).
      defineCommand("__kc_subshell_trap", async (args) => trapBuiltin(args, new Map(this.traps), true)),
      defineCommand(`__kc_${SIGNALS_DUE}`, async (args) => this.signalsDue(Number(args[0] ?? 0))),
      defineCommand(`__kc_${ERR_DUE}`, async (args) => ({ stdout: this.errDue(Number(args[0] ?? 1)), stderr: "", exitCode: 0 })),
      defineCommand("__kc_exiting", async () => {
        if (this.report) this.report.exiting = true;
        return ok;
      }),
    ];
  }

  // ---------- what others read ----------

  get cwd(): string {
    return this.variables.get("PWD") ?? this.state.cwd;
  }

  get lastExitCode(): number {
    return this.state.lastExitCode;
  }

  /** `$?` after something outside the interpreter ran (the shell a `ssh` opened exited). */
  setLastExitCode(code: number): void {
    this.state.lastExitCode = code;
    this.variables.set("?", String(code));
    this.setPipeStatus(String(code));
  }

  variableNames(): string[] {
    return [...this.variables.keys()];
  }

  variable(name: string): string | undefined {
    return this.variables.get(name);
  }

  setVariable(name: string, value: string, exported = false): void {
    this.variables.set(name, value);
    if (exported) this.state.exportedVars?.add(name);
  }

  /** Exported variables, as a child process would receive them. */
  exportedEnv(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const name of this.state.exportedVars ?? []) {
      const value = this.variables.get(name);
      if (value !== undefined) out[name] = value;
    }
    return out;
  }

  aliases(): Map<string, string> {
    const out = new Map<string, string>();
    for (const [k, v] of this.variables) if (k.startsWith("BASH_ALIAS_")) out.set(k.slice(11), v);
    return out;
  }

  functionNames(): string[] {
    return [...this.functions.keys()];
  }

  completionSpec(command: string): { function?: string; options?: string[]; wordlist?: string } | undefined {
    return this.state.completionSpecs?.get(command) as { function?: string; options?: string[]; wordlist?: string } | undefined;
  }

  snapshot(): InterpreterSnapshot {
    const variables: Record<string, string> = {};
    for (const [k, v] of this.variables) variables[k] = v;
    const defs = [...this.functions.values()];
    const printed = this.printedFunctions;
    const unchanged = printed !== undefined && printed.defs.length === defs.length && printed.defs.every((f, i) => f === defs[i]);
    const functions = unchanged ? printed.source : defs.length ? serialize({ type: "Script", statements: defs.map((f) => statementOf(f.original)) }) : "";
    this.printedFunctions = { defs, source: functions };
    return {
      version: BASH_STATE_VERSION,
      cwd: this.cwd,
      previousDir: this.variables.get("OLDPWD") ?? this.cwd,
      variables,
      exported: [...(this.state.exportedVars ?? [])],
      readonly: [...(this.state.readonlyVars ?? [])],
      functions,
      arrays: [...this.arrays].map(([k, a]) => [k, { kind: a.kind, elements: [...a.elements] }]),
      completions: [...(this.state.completionSpecs ?? new Map())],
      shopt: { ...this.state.shoptOptions },
      directoryStack: [...(this.state.directoryStack ?? [])],
      lastExitCode: this.state.lastExitCode,
      traps: [...this.traps],
    };
  }

  async restore(snapshot: InterpreterSnapshot): Promise<void> {
    this.variables = new Map(Object.entries(snapshot.variables));
    this.state.exportedVars = new Set(snapshot.exported);
    this.state.readonlyVars = new Set(snapshot.readonly);
    this.arrays = new Map(snapshot.arrays.map(([k, a]) => [k, { kind: a.kind, elements: new Map(a.elements) }]));
    this.state.completionSpecs = new Map(snapshot.completions as [string, never][]);
    Object.assign(this.state.shoptOptions, snapshot.shopt);
    this.state.directoryStack = [...snapshot.directoryStack];
    this.traps = new Map(snapshot.traps ?? []);
    this.state.lastExitCode = snapshot.lastExitCode;
    if (snapshot.functions) await this.run(snapshot.functions, () => undefined);
    this.state.lastExitCode = snapshot.lastExitCode;
    this.variables.set("?", String(snapshot.lastExitCode));
  }
}

/**
 * `set -x` traces the instrumentation too: the stream marks just-bash prints as assignments of their
 * own (`+ __KC_STREAM=Om`) and the hook commands (`+ /usr/bin/__kc_fn 1`, `+ __kc_src_arm`). bash
 * would show none of them, so their trace lines go (whatever PS4 put before them).
 */
const BOOKKEEPING_TRACE = /^[^\S\n]*\S*[^\S\n]?(?:__KC_STREAM=[A-Za-z]*|(?:\/usr\/bin\/)?__kc_[a-z_]+(?: [^\n]*)?)\n/gm;

/** just-bash's message for an unbound variable caught in a function, loop or group: without `bash: `. */
const BARE_UNBOUND = /^(?!bash: )([A-Za-z_][A-Za-z0-9_]*(?:\[[^\]\n]*\])?): unbound variable$/m;
const BARE_UNBOUND_ALL = new RegExp(BARE_UNBOUND.source, "gm");

function quoteWord(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A copy of a Map, Set, array or plain object one level deep; anything else as it is. */
function shallowCopy(value: unknown): unknown {
  if (value instanceof Map) return new Map(value);
  if (value instanceof Set) return new Set(value);
  if (Array.isArray(value)) return [...value];
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) return { ...value };
  return value;
}

/** A line that may set a trap (`trap`, not `bootstrap`): its loop and group bodies are checked for ERR. */
const TRAP_WORD = /\btrap\b/;

/** A statement whose last pipeline is one loop, `if`, `case` or group: a failure there ran the ERR trap inside. */
function endsInCompound(statement: StatementNode): boolean {
  const last = statement.pipelines[statement.pipelines.length - 1];
  return last.commands.length === 1 && COMPOUND.has(last.commands[0].type);
}

/** A piece that is a single simple command (`kubectl get pods -w`). */
function isOneCommand(piece: ScriptNode): boolean {
  const [statement] = piece.statements;
  return piece.statements.length === 1 && !statement.background && statement.pipelines.length === 1 && statement.pipelines[0].commands.length === 1 && statement.pipelines[0].commands[0].type === "SimpleCommand";
}

/** Whether the AST runs a subshell or a substitution anywhere (its own text, not functions it calls). */
function runsIsolated(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(runsIsolated);
  if (!node || typeof node !== "object") return false;
  const type = (node as { type?: unknown }).type;
  if (type === "Subshell" || type === "CommandSubstitution" || type === "ProcessSubstitution") return true;
  return Object.values(node).some((v) => v !== null && typeof v === "object" && runsIsolated(v));
}

const STOP_NOTICE = "kubecoach: kill: a shell stopping itself is not available in Kubecoach's shell\n";

const TRAP_HOOK_TRACE = /^([^\S\n]*\++ )\/usr\/bin\/__kc_(?:subshell_)?trap(?= |$)/gm;
const TEST_HOOK_TRACE = /^([^\S\n]*\++ )\/usr\/bin\/__kc_(bracket|test)(?= |$)/gm;
const MISPLACED_HOOK_TRACE = /^([^\S\n]*\++ )\/usr\/bin\/__kc_(?:misplaced|optlist) (\w+)/gm;

function hideBookkeepingTrace(stderr: string): string {
  // `trap`, `[` and `test` run as hooks (see transform.ts) but are the learner's own commands: traced by their names.
  return stderr
    .replace(TRAP_HOOK_TRACE, "$1trap")
    .replace(TEST_HOOK_TRACE, (_, prefix: string, hook: string) => `${prefix}${hook === "bracket" ? "'['" : "test"}`)
    .replace(MISPLACED_HOOK_TRACE, "$1$2")
    .replace(BOOKKEEPING_TRACE, "");
}

const ERRNO_TEXT: Record<string, string> = {
  EACCES: "Permission denied",
  ENOENT: "No such file or directory",
  ENOTDIR: "Not a directory",
  EISDIR: "Is a directory",
  ENOSPC: "No space left on device",
  EFBIG: "File too large",
  EROFS: "Read-only file system",
  ELOOP: "Too many levels of symbolic links",
};

const RAW_FS_ERROR = /^(E[A-Z]+): [^\n]*, (?:open|write) '([^'\n]*)'$/gm;

function describeFailure(err: unknown): string {
  const e = err as { code?: string; message?: string };
  const text = e.code ? ERRNO_TEXT[e.code] : undefined;
  const path = /'([^']*)'/.exec(e.message ?? "")?.[1];
  if (text && path) return `bash: ${path}: ${text}`;
  return `bash: ${e.message ?? String(err)}`;
}

/**
 * bash's report of a line it cannot parse, from just-bash's parse error (`Parse error at 2:26:
 * syntax error near unexpected token `fi'`): `bash: syntax error near unexpected token `fi'`, and
 * when reading a script also the line it stopped at, with status 2 (bash then ends the script). A
 * bad substitution (`${x;}`) is an expansion error in bash: status 1, and the script goes on.
 */
export function syntaxErrorReport(err: unknown, text: string, interactive: boolean): { message: string; exitCode: number; ends: boolean } | undefined {
  const m = /^Parse error at (\d+):\d+: (.*)$/s.exec(err instanceof Error ? err.message : "");
  if (!m) return undefined;
  const [, lineNumber, what] = m;
  if (what.endsWith(": bad substitution")) return { message: `bash: ${what}\n`, exitCode: 1, ends: false };
  if (!what.startsWith("syntax error")) return undefined;
  const source = text.split("\n")[Number(lineNumber) - 1];
  const echo = interactive || source === undefined ? "" : `bash: \`${source}'\n`;
  return { message: `bash: ${what}\n${echo}`, exitCode: 2, ends: true };
}

/**
 * An alias that only adds options to the command of its own name (Ubuntu's `ls --color=auto`,
 * `grep --color=auto`) runs that command: it defines nothing, and in a pipe it streams as the
 * command does.
 */
function addsOptionsOnly(name: string, alias: string): boolean {
  const words = alias.trim().split(/\s+/);
  return words[0] === name && words.slice(1).every((w) => /^-[-\w=.,:/]*$/.test(w));
}
