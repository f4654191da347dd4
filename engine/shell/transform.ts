import { PIPE_IN_VAR, PIPE_LINE_DEVICE, UNKNOWN_WORD, type PipeStageSpec } from "./pipe-stages";
import { fileTargetAssignments } from "./file-output";
import { CD_CHECK, STATUS, expandsWithEffects } from "./cd-permission";
import { TEST_HOOKS, needsBashTest } from "./test-builtin";
import { MISPLACED_HOOK } from "./misplaced-builtins";
import { OPTION_LISTING_HOOK, listsOptions } from "./builtin-wording";
import { parse, serialize, type CommandNode, type PipelineNode, type ScriptNode, type SimpleCommandNode, type StatementNode, type WordNode } from "just-bash";

/**
 * Rewrites a parsed command line before just-bash runs it. just-bash gives each `exec()` a fresh
 * copy of the shell state and returns output only when the script ends; an interactive terminal
 * needs state that lasts and output that streams. The rewrite adds what the interpreter cannot tell
 * a command by itself:
 *
 * - where its output goes: `__KC_STREAM` is prefixed to commands whose stdout (`O`) or stderr (`E`)
 *   is piped, redirected or captured, and to commands inside loops (`L`), so that a program knows
 *   whether it may write straight to the terminal (see README "Streaming"); `M` when its stderr
 *   goes where its stdout goes (`2>&1`, `&>`, `|&`), `m` when an inner redirection parts them again;
 *   `I` when its stdin is not the terminal (piped, redirected, a background job), so a program
 *   that reads stdin knows whether to wait for typed input; `read` with the terminal as stdin reads
 *   one typed line from TTY_LINE_DEVICE;
 * - hooks that tell the shell a function was defined (`__kc_fn`), a file is being sourced
 *   (`__kc_src_arm`/`__kc_src_done`), text is being eval'd (`__kc_eval_text`) or the shell is exiting
 *   (`__kc_exiting`), so the shell can carry functions from one command line to the next.
 */
export const STREAM_VAR = "__KC_STREAM";
/**
 * On the first command of a streamed pipeline (letter `P` in STREAM_VAR): the stages after it, as
 * JSON PipeStageSpec[] (see pipe-stream.ts). The producer's letters are the pipeline's own
 * position, `P`, then the producer's (`Om`: its stdout is the pipe), so the last stage can write
 * where the pipeline's output goes.
 */
export const PIPE_VAR = "__KC_PIPE";
/** What `read` reads when its stdin is the terminal: one typed line (shell-fs.ts). */
export const TTY_LINE_DEVICE = "/dev/.kubecoach-tty-line";

type Command = CommandNode;
type FunctionDef = Extract<CommandNode, { type: "FunctionDef" }>;
type Group = Extract<CommandNode, { type: "Group" }>;
type Redirection = SimpleCommandNode["redirections"][number];
type Assignment = SimpleCommandNode["assignments"][number];

export interface InstrumentHooks {
  /** Records a function definition; the returned id is passed to `__kc_fn` when the definition runs. */
  registerFunction(def: FunctionDef): number;
}

export interface InstrumentOptions {
  /** Function/source/eval/exit hooks are only wanted where the shell's own state is at stake. */
  hooks?: InstrumentHooks;
  /** Names that are functions or aliases now: calling one may define or remove functions. */
  isShellName?: (name: string) => boolean;
  /**
   * The AST is a line typed at the shell (not `bash -c`, `eval` or `source` text): outside function
   * bodies nothing above it can have set STREAM_VAR, so positions are written as plain words.
   * just-bash expands `${__KC_STREAM-}` slowly (~0.05 ms a command).
   */
  topLevel?: boolean;
  /**
   * Whether a command of this name streams into a pipe (its output channel feeds the stages after
   * it as it writes, see pipe-stream.ts): top-level pipelines it starts are rewritten for it.
   */
  pipeProducer?: (name: string, args: string[]) => boolean;
  /** The line's piece is one simple command: nothing else of it prints (see streamedPipeline). */
  wholePiece?: boolean;
  /** Whether a command of this name writes its redirected output to files as it runs (file-output.ts). */
  writesFiles?: (name: string) => boolean;
  /**
   * The line is root's: `cd` needs no permission check (root searches every directory), so it runs
   * unguarded, which saves the check's two extra commands on every `cd`.
   */
  root?: boolean;
  /**
   * The shell has an ERR trap (or the line may set one): a failed command inside a loop, an `if`
   * or `case` body or a `{ …; }` group, in the shell itself, runs it (see checkErr).
   */
  errTrap?: boolean;
}

export interface InstrumentResult {
  /** The command line may define, remove or call functions, or change arrays. */
  touchesState: boolean;
}

interface Context {
  /** Letters of STREAM_VAR this position adds to what the enclosing function's caller set. */
  blocked: string;
  /** Inside a subshell, pipeline stage or substitution: `exit` leaves only that. */
  subshell: boolean;
}

/** Commands that print nothing worth streaming or whose prefix assignments would change meaning. */
const UNMARKED = new Set([
  "local", "declare", "typeset", "export", "readonly", "unset", "shift", "set", "shopt", ":", "true", "false",
  "return", "break", "continue", "exit", "logout", "cd", "pushd", "popd", "alias", "unalias", "read", "mapfile",
  "readarray", "getopts", "let", "test", "[", "complete", "compopt", "hash", "umask", "ulimit", "trap", "wait",
]);
const STATE_BUILTINS = new Set(["unset", "source", ".", "eval", "declare", "typeset", "local", "read", "mapfile", "readarray", "builtin", "command"]);

/**
 * just-bash expands a word that is exactly `"${v:-x}"` (also `:+`, `:=`, without the colon) by a
 * shortcut that reads `v` as a plain `$v`, so under `set -u` an unset `v` stops the command with
 * `v: unbound variable` where bash gives the default. An empty literal inside the quotes keeps the
 * word's meaning and sends it through the general expansion, which checks nounset correctly.
 */
function avoidQuotedDefaultShortcut(w: WordNode): void {
  // (A brace expansion's items are also typed "Word", with a `word` instead of parts.)
  const quoted = w.parts?.length === 1 ? w.parts[0] : undefined;
  if (quoted?.type !== "DoubleQuoted" || quoted.parts.length !== 1) return;
  const expansion = quoted.parts[0];
  if (expansion.type !== "ParameterExpansion" || !expansion.operation) return;
  if (!["DefaultValue", "UseAlternative", "AssignDefault"].includes(expansion.operation.type)) return;
  // `"${a[@]:-x}"`, `"${@:-x}"` expand to several words: the shortcut is what handles them.
  if (/^[@*]$|\[[@*]\]$/.test(expansion.parameter)) return;
  quoted.parts.push({ type: "Literal", value: "" });
}

/** Whether a `[[ … ]]` expression matches a regular expression (`=~`) anywhere in it. */
function hasRegexMatch(node: unknown): boolean {
  if (!node || typeof node !== "object") return false;
  if ((node as { type?: string; operator?: string }).operator === "=~") return true;
  return Object.values(node).some((value) => value && typeof value === "object" && hasRegexMatch(value));
}

export function word(...parts: WordNode["parts"]): WordNode {
  return { type: "Word", parts };
}

export function literal(value: string): WordNode {
  return word({ type: "Literal", value });
}

function param(name: string): WordNode {
  return word({ type: "ParameterExpansion", parameter: name, operation: null });
}

export function simpleCommand(name: string, args: WordNode[] = []): SimpleCommandNode {
  return { type: "SimpleCommand", assignments: [], name: literal(name), args, redirections: [] };
}

/** Hook commands are called by absolute path so that a learner's PATH cannot break them. */
export const HOOK_PREFIX = "__kc_";
function hook(name: string, args: WordNode[] = []): SimpleCommandNode {
  return simpleCommand(`/usr/bin/${HOOK_PREFIX}${name}`, args);
}

export function statementOf(command: Command): StatementNode {
  const pipeline: PipelineNode = { type: "Pipeline", commands: [command], negated: false };
  return { type: "Statement", pipelines: [pipeline], operators: [], background: false };
}

/** `"$(__kc_NAME ARGS)"`: a hook's output as one word. */
function hookOutput(name: string, args: WordNode[]): WordNode {
  const text: WordNode["parts"][number] = { type: "CommandSubstitution", body: { type: "Script", statements: [statementOf(hook(name, args))] }, legacy: false };
  return word({ type: "DoubleQuoted", parts: [text] });
}

/** The hook that hands over the signals sent to the shell itself (see ShellInterpreter.signalsDue). */
export const SIGNALS_DUE = "signals_due";
/** The hook that hands over the ERR trap's action after a failed command (see ShellInterpreter.errDue). */
export const ERR_DUE = "err_due";

/** Commands with bodies of their own: a failure inside is the ERR trap's, not the command's. */
export const COMPOUND = new Set(["Group", "If", "For", "CStyleFor", "While", "Until", "Case"]);

function group(commands: Command[]): Group {
  return { type: "Group", body: commands.map(statementOf), redirections: [] };
}

/**
 * Whether root's `cd ARGS` may need the check's argument errors (cd-permission.ts): an option
 * word that is not -L/-P/-e letters, or more than one operand. A word with an expansion counts as
 * one operand (`cd $dir` keeps root's unguarded cd; a value that splits in two is not caught).
 */
function mayMisuseCd(args: WordNode[]): boolean {
  let operands = 0;
  let options = true;
  for (const arg of args) {
    const text = staticText(arg);
    if (options && text === "--") options = false;
    else if (options && text !== undefined && /^-./.test(text)) {
      if (!/^-[LPe]+$/.test(text)) return true;
    } else {
      options = false;
      operands++;
    }
  }
  return operands > 1;
}

/** `cd ARGS` with its permission check in front (cd-permission.ts); the redirections cover both. */
function guardedCd(c: SimpleCommandNode): Group {
  const redirections = c.redirections;
  c.redirections = [];
  const pipelines = [hook(CD_CHECK, structuredClone(c.args)), c, hook(STATUS, [param("?")])].map((command) => statementOf(command).pipelines[0]);
  return { type: "Group", body: [{ type: "Statement", pipelines, operators: ["&&", "||"], background: false }], redirections };
}

function literalName(cmd: SimpleCommandNode): string | undefined {
  const parts = cmd.name?.parts;
  if (!parts || parts.length !== 1) return undefined;
  const part = parts[0];
  if (part.type === "Literal" || part.type === "SingleQuoted") return part.value;
  // just-bash parses `[` (the test command) as a glob; without `*`, `?` or a closing `]` a pattern
  // matches only itself, so it names a command as plainly as a literal does.
  if (part.type === "Glob" && !/[*?\]()]/.test(part.pattern)) return part.pattern;
  return undefined;
}

/**
 * Which standard streams a command's own redirections take away from the terminal, and whether its
 * stderr ends up where its stdout goes (`2>&1`, `&>`): `M` then, `m` when its redirections part
 * them again, so a program can keep the order of its writes in one stream (see bridge.ts).
 */
function redirected(redirections: Redirection[]): string {
  let letters = "";
  // Where fds 1 and 2 point after the redirections, in order: "1"/"2" are the inherited ones.
  let out = "1";
  let err = "2";
  let touched = false;
  redirections.forEach((r, i) => {
    if (r.operator === "<" || r.operator === "<<" || r.operator === "<<-" || r.operator === "<<<" || r.operator === "<&" || r.operator === "<>") {
      // bash 5.2 feeds a here-document or here-string through a pipe; `<` and `<>` open the file.
      if (r.fd === null || r.fd === 0) letters += r.operator === "<" || r.operator === "<>" || r.operator === "<&" ? "IF" : "If";
      return;
    }
    const dup = r.operator === ">&" && r.target.type === "Word" ? wordText(r.target) : undefined;
    if (r.operator === "&>" || r.operator === "&>>" || (r.operator === ">&" && r.fd === null && dup !== undefined && !/^\d+$|^-$/.test(dup))) {
      letters += "OE";
      out = err = `file${i}`;
      touched = true;
    } else if (r.fd === 2) {
      letters += "E";
      err = dup === "1" ? out : `file${i}`;
      touched = true;
    } else if (r.fd === null || r.fd === 1) {
      letters += "O";
      out = dup === "2" ? err : `file${i}`;
      touched = true;
    }
  });
  if (touched) letters += out === err ? "M" : "m";
  return letters;
}

function wordText(w: WordNode): string | undefined {
  let text = "";
  for (const part of w.parts) {
    if (part.type !== "Literal") return undefined;
    text += part.value;
  }
  return text;
}

function add(blocked: string, letters: string): string {
  let out = blocked;
  for (const l of letters) {
    // The innermost merge decision wins: `{ cmd >f; } 2>&1` parts what the group merged; so
    // does the innermost stdin: a regular file (F) or a pipe (f), see group-stdin.ts.
    if (l === "M" || l === "m") out = out.replace(/[Mm]/g, "") + l;
    else if (l === "F" || l === "f") out = out.replace(/[Ff]/g, "") + l;
    else if (!out.includes(l)) out += l;
  }
  return out;
}

function streamAssignment(letters: string, inherits: boolean): Assignment {
  if (!inherits) return { type: "Assignment", name: STREAM_VAR, value: literal(letters), append: false, array: null };
  const inherited: WordNode["parts"][number] = {
    type: "ParameterExpansion",
    parameter: STREAM_VAR,
    operation: { type: "DefaultValue", word: literal(""), checkEmpty: false },
  };
  return { type: "Assignment", name: STREAM_VAR, value: word(inherited, { type: "Literal", value: letters }), append: false, array: null };
}

class Instrumenter {
  touchesState = false;
  /** Function bodies being instrumented: their positions add to the caller's at run time. */
  private functionDepth = 0;
  /** Loops around the command being rewritten, inside the innermost function body. */
  private loopDepth = 0;

  constructor(private readonly options: InstrumentOptions) {}

  statements(list: StatementNode[], ctx: Context): void {
    for (const s of list) this.statement(s, ctx);
  }

  statement(s: StatementNode, ctx: Context): void {
    // A background job does not read the terminal (bash would stop it with SIGTTIN).
    for (const p of s.pipelines) this.pipeline(p, s.background ? { blocked: add(ctx.blocked, "I"), subshell: true } : ctx);
  }

  pipeline(p: PipelineNode, ctx: Context): void {
    if (this.streamedPipeline(p, ctx)) return;
    const n = p.commands.length;
    for (let i = 0; i < n; i++) {
      let inner = ctx;
      if (n > 1) {
        const out = i < n - 1 ? (p.pipeStderr?.[i] ? "OEM" : "Om") : "";
        inner = { blocked: add(ctx.blocked, i > 0 ? `${out}If` : out), subshell: true };
      }
      p.commands[i] = this.command(p.commands[i], inner);
    }
  }

  /**
   * `producer | stage | …` typed at the prompt (also inside a loop, a function body, a substitution),
   * whose producer streams into pipes: only the producer runs as a command, with the stages after
   * it in PIPE_VAR, so they answer while it runs.
   */
  private streamedPipeline(p: PipelineNode, ctx: Context): boolean {
    const producer = p.commands[0];
    // Also in a streamed loop's text (loopProducer), whose positions inherit the loop's letters.
    if (!this.options.pipeProducer) return false;
    if (producer.type !== "SimpleCommand") return this.loopProducer(p, ctx);
    if (p.commands.length < 2 && !(this.options.wholePiece && ctx.blocked === "" && this.functionDepth === 0)) return false;
    const name = literalName(producer);
    if (name === undefined || redirected(producer.redirections).includes("O")) return false;
    if (!this.options.pipeProducer(name, producer.args.map((a) => staticText(a) ?? UNKNOWN_WORD))) return false;
    if (p.commands.length === 1) {
      // The piece is this one command: its output goes straight to the terminal from the start
      // (a watch waits on its stream, not on sleep, so it would never go live by itself).
      p.commands[0] = this.command(producer, { blocked: "L", subshell: false });
      return true;
    }
    const specs = this.stageSpecs(p);
    if (!specs) return false;
    const out = p.pipeStderr?.[0] ? "OEM" : "Om";
    p.commands = [producer];
    p.pipeStderr = undefined;
    // Not add(): the letters before P must stay the pipeline's own (see PIPE_VAR).
    p.commands[0] = this.command(producer, { blocked: `${ctx.blocked}P${out}`, subshell: true });
    producer.assignments.unshift({ type: "Assignment", name: PIPE_VAR, value: literal(JSON.stringify(specs)), append: false, array: null });
    return true;
  }

  /** The stages after a streamed pipeline's producer, or undefined when one cannot stream. */
  private stageSpecs(p: PipelineNode): PipeStageSpec[] | undefined {
    const specs: PipeStageSpec[] = [];
    for (let i = 1; i < p.commands.length; i++) {
      const spec = p.commands[i].type === "While" ? readerStage(p.commands[i]) : pipeStage(p.commands[i], this.options.isShellName);
      if (!spec || p.pipeStderr?.[i]) return undefined;
      specs.push(spec);
    }
    if (p.pipeStderr?.[0]) specs[0].stderrToo = true;
    return specs;
  }

  /**
   * `while …; do …; sleep 5; done | grep x` (a loop that waits, first in a pipeline): the loop runs
   * as the producer (a hook running its text, bridge.ts pipeLoopCommand) and what its commands
   * write goes down the stages as they write it, as a real pipeline's first process does.
   */
  private loopProducer(p: PipelineNode, ctx: Context): boolean {
    const loop = p.commands[0];
    if (p.commands.length < 2 || !(loop.type === "While" || loop.type === "Until" || loop.type === "For" || loop.type === "CStyleFor")) return false;
    if (!waits(loop, this.options.pipeProducer!)) return false;
    const specs = this.stageSpecs(p);
    if (!specs) return false;
    const out = p.pipeStderr?.[0] ? "OEM" : "Om";
    // Instrumented here so that pipelines inside it stream too (`for …; do kubectl logs -f … |
    // head -1; done | cat`); the nested shell instruments the text again, which only repeats marks.
    const text: ScriptNode = { type: "Script", statements: [statementOf(loop)] };
    instrument(text, { pipeProducer: this.options.pipeProducer, ...(this.options.isShellName ? { isShellName: this.options.isShellName } : {}) });
    const call = simpleCommand(`/usr/bin/${HOOK_PREFIX}pipe_loop`, [literal(serialize(text))]);
    p.commands = [this.command(call, { blocked: `${ctx.blocked}P${out}`, subshell: true })];
    p.pipeStderr = undefined;
    call.assignments.unshift({ type: "Assignment", name: PIPE_VAR, value: literal(JSON.stringify(specs)), append: false, array: null });
    return true;
  }

  /** `eval "$(__kc_HOOK $?)"`: runs what the hook prints (a trap's action) in the shell's own context. */
  private due(hookName: string, ctx: Context): SimpleCommandNode {
    const due = { ...simpleCommand("eval"), args: [hookOutput(hookName, [param("?")])] };
    // A trap's output keeps its place among the output around it (inside a loop: live).
    if (ctx.blocked) due.assignments = [streamAssignment(ctx.blocked, !this.options.topLevel || this.functionDepth > 0)];
    return due;
  }

  /**
   * A body of a loop, `if`, `case` or group: its statements, each followed where bash would run the
   * ERR trap by `|| eval "$(__kc_err_due $?)"` (on the last pipeline of an `&&`/`||` list, not a
   * negated one, not a compound command, whose own body is checked). Only in the shell itself: a
   * subshell, and a function without `set -E`, do not inherit the trap. Not in condition lists.
   */
  private body(list: StatementNode[], ctx: Context): void {
    const checked = this.options.errTrap && !ctx.subshell && this.functionDepth === 0;
    for (const s of list) {
      const last = s.pipelines[s.pipelines.length - 1];
      const check = checked && !s.background && !last.negated && !(last.commands.length === 1 && COMPOUND.has(last.commands[0].type));
      this.statement(s, ctx);
      if (!check) continue;
      const failed = statementOf(this.due(ERR_DUE, ctx)).pipelines[0];
      if (s.pipelines.length === 1) {
        s.pipelines.push(failed);
        s.operators.push("||");
      } else {
        const guarded: StatementNode = { type: "Statement", pipelines: [last, failed], operators: ["||"], background: false };
        s.pipelines[s.pipelines.length - 1] = { type: "Pipeline", commands: [{ type: "Group", body: [guarded], redirections: [] }], negated: false };
      }
    }
  }

  /** Transforms one command; may return a replacement node. */
  command(c: Command, ctx: Context): Command {
    switch (c.type) {
      case "SimpleCommand":
        return this.simple(c, ctx);
      case "FunctionDef":
        return this.functionDef(c, ctx);
      case "Group":
        this.body(c.body, { ...ctx, blocked: add(ctx.blocked, redirected(c.redirections)) });
        this.words(c.redirections, ctx);
        return c;
      case "Subshell": {
        // A subshell starts outside any loop: `(break)` in a loop only warns, as in bash.
        const loops = this.loopDepth;
        this.loopDepth = 0;
        this.statements(c.body, { blocked: add(ctx.blocked, redirected(c.redirections)), subshell: true });
        this.loopDepth = loops;
        this.words(c.redirections, ctx);
        return c;
      }
      case "If": {
        const inner = { ...ctx, blocked: add(ctx.blocked, redirected(c.redirections)) };
        for (const clause of c.clauses) {
          this.statements(clause.condition, inner);
          this.body(clause.body, inner);
        }
        if (c.elseBody) this.body(c.elseBody, inner);
        this.words(c.redirections, ctx);
        return c;
      }
      case "For":
      case "CStyleFor":
      case "While":
      case "Until": {
        const inner = { ...ctx, blocked: add(add(ctx.blocked, redirected(c.redirections)), "L") };
        if (c.type === "For") this.words(c.words ?? [], ctx);
        else if (c.type === "CStyleFor") this.words([c.init, c.condition, c.update], ctx);
        this.loopDepth++;
        try {
          if (c.type === "While" || c.type === "Until") this.statements(c.condition, inner);
          this.body(c.body, inner);
        } finally {
          this.loopDepth--;
        }
        this.words(c.redirections, ctx);
        return c;
      }
      case "Case": {
        const inner = { ...ctx, blocked: add(ctx.blocked, redirected(c.redirections)) };
        this.words([c.word], ctx);
        for (const item of c.items) {
          this.words(item.patterns, ctx);
          this.body(item.body, inner);
        }
        this.words(c.redirections, ctx);
        return c;
      }
      case "ArithmeticCommand":
        this.words([c.expression, c.redirections], ctx);
        return c;
      case "ConditionalCommand":
        // `=~` sets the array BASH_REMATCH, which only the epilogue reports.
        if (hasRegexMatch(c.expression)) this.touchesState = true;
        this.words([c.expression, c.redirections], ctx);
        return c;
      default:
        return c;
    }
  }

  private simple(c: SimpleCommandNode, ctx: Context): Command {
    this.words([c.assignments, c.name, c.args, c.redirections], ctx);
    const name = literalName(c);
    if (name === undefined && c.name) this.touchesState = true;
    if (name !== undefined && (STATE_BUILTINS.has(name) || this.options.isShellName?.(name))) this.touchesState = true;
    // `a=(…)`, and `a[i]=v` (an element: just-bash names the assignment `a[i]`).
    if (c.assignments.some((a) => a.array || a.name.includes("["))) this.touchesState = true;
    const letters = add(ctx.blocked, redirected(c.redirections));
    if (c.name && letters && !(name !== undefined && UNMARKED.has(name))) {
      const files = c.redirections.length > 0 && name !== undefined && this.options.writesFiles?.(name) ? fileTargetAssignments(c.redirections) : [];
      c.assignments.unshift(streamAssignment(files.length > 0 ? add(letters, "W") : letters, !this.options.topLevel || this.functionDepth > 0), ...files);
    }
    if (name !== undefined && TERMINAL_READERS.has(name) && !letters.includes("I") && !c.args.some((a) => wordText(a)?.startsWith("-u"))) return readFromTerminal(c, name === "read" ? TTY_LINE_DEVICE : "/dev/tty");
    const hooks = this.options.hooks;
    if (!hooks || name === undefined) return c;
    if (name === "logout") c.name = literal("exit");
    if (listsOptions(name, c.args.map(staticText))) {
      c.args.unshift(literal(name));
      c.name = literal(`/usr/bin/${HOOK_PREFIX}${OPTION_LISTING_HOOK}`);
    }
    // `break`/`continue` outside any loop (here or in the function body) and `return` outside a
    // function, in a typed line: bash's warning and status (misplaced-builtins.ts). A
    // sourced file or eval'd text may sit inside a caller's loop or function: left to just-bash.
    if (this.options.topLevel && ((this.loopDepth === 0 && (name === "break" || name === "continue")) || (this.functionDepth === 0 && name === "return"))) {
      c.args.unshift(literal(name));
      c.name = literal(`/usr/bin/${HOOK_PREFIX}${MISPLACED_HOOK}`);
    }
    // `[`/`test` with bash's syntax errors and statuses (test-builtin.ts).
    const testHook = TEST_HOOKS.get(name);
    if (testHook && needsBashTest(c.args, name === "[")) c.name = literal(`/usr/bin/${HOOK_PREFIX}${testHook}`);
    // just-bash knows `trap` by name only; the shell keeps the traps (traps.ts). A subshell's own
    // traps are not modelled: there the hook refuses to set one.
    if (name === "trap") c.name = literal(`/usr/bin/${HOOK_PREFIX}${ctx.subshell ? "subshell_trap" : "trap"}`);
    if (listsFunctions(name, c.args)) c.name = literal(`/usr/bin/${HOOK_PREFIX}${name === "type" ? "type" : "declare_f"}`);
    if ((name === "exit" || name === "logout") && !ctx.subshell) return group([hook("exiting"), c]);
    if (name === "cd" && (!this.options.root || mayMisuseCd(c.args)) && c.assignments.length === 0 && !expandsWithEffects(c.args)) return guardedCd(c);
    if (name === "source" || name === ".") {
      return group([hook("src_arm"), c, hook("src_done", [param("?")])]);
    }
    if (name === "eval" && c.args.length > 0) c.args = [hookOutput("eval_text", c.args)];
    // A signal `kill` sends to this shell (`kill -TERM $$`) is acted on as soon as kill returns, as
    // bash does: the hook prints what is due (the trap's action, or the end of the shell), which runs
    // here in the shell's own context, and then gives back kill's status. In a subshell the shell
    // acts on it once the piece ends (ShellInterpreter.deliverSignals).
    if (name === "kill" && !ctx.subshell) return group([c, this.due(SIGNALS_DUE, ctx)]);
    return c;
  }

  private functionDef(c: FunctionDef, ctx: Context): Command {
    this.touchesState = true;
    // A body runs wherever the function is called: its positions are relative to the call, whose
    // own prefix passes the caller's letters down through the environment.
    this.functionDepth++;
    // bash counts loops per function call: a `break` in a body breaks only the body's own loops.
    const loops = this.loopDepth;
    this.loopDepth = 0;
    try {
      c.body = this.command(c.body, { blocked: redirected(c.redirections), subshell: false }) as FunctionDef["body"];
    } finally {
      this.functionDepth--;
      this.loopDepth = loops;
    }
    this.words(c.redirections, ctx);
    const hooks = this.options.hooks;
    if (!hooks) return c;
    const id = hooks.registerFunction(c);
    return group([c, hook("fn", [literal(String(id))])]);
  }

  /** Finds command and process substitutions anywhere inside words and expressions. */
  private words(node: unknown, ctx: Context): void {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const item of node) this.words(item, ctx);
      return;
    }
    const n = node as { type?: string; body?: ScriptNode };
    if ((n.type === "CommandSubstitution" || n.type === "ProcessSubstitution") && n.body) {
      this.statements(n.body.statements, { blocked: add(ctx.blocked, "Om"), subshell: true });
      return;
    }
    if (n.type === "ArithCommandSubst") this.touchesState = true;
    if (n.type === "Word") avoidQuotedDefaultShortcut(node as WordNode);
    for (const value of Object.values(node)) if (value && typeof value === "object") this.words(value, ctx);
  }
}

/** A stage after a streaming producer: a plain command reading the pipe (no input redirection, substitution or function). */
function pipeStage(c: Command, isShellName?: (name: string) => boolean): PipeStageSpec | undefined {
  if (c.type !== "SimpleCommand" || !c.name) return undefined;
  const name = literalName(c);
  if (name === undefined || isShellName?.(name) || STATE_BUILTINS.has(name) || RUNS_COMMANDS.has(name) || TERMINAL_READERS.has(name)) return undefined;
  if (redirected(c.redirections).includes("I") || hasSubstitution([c.assignments, c.args, c.redirections])) return undefined;
  const args = c.args.map((a) => staticText(a) ?? UNKNOWN_WORD);
  // Runs after the first continue the same output: files opened once with > are appended to.
  const later = structuredClone(c);
  for (const r of later.redirections) {
    if (r.operator === ">" || r.operator === ">|") r.operator = ">>";
    else if (r.operator === "&>") r.operator = "&>>";
  }
  if (name.slice(name.lastIndexOf("/") + 1) === "tee" && !args.some((a) => a === "--append" || /^-[a-z]*a/.test(a))) later.args.unshift(literal("-a"));
  const text = (cmd: SimpleCommandNode) => serialize({ type: "Script", statements: [statementOf(cmd)] });
  return { first: text(c), later: text(later), name, args };
}

/**
 * `while read …; do …; done` as the last stage: the loop runs once, and its `read` takes the
 * pipe's next line from PIPE_LINE_DEVICE each turn. Its body is instrumented on its own (a stage is
 * a subshell: what it defines does not last); a `read` with other redirections or `-u`, or a
 * condition other than one `read`, is left to just-bash.
 */
function readerStage(c: Command): PipeStageSpec | undefined {
  if (c.type !== "While" || c.redirections.length > 0 || c.condition.length !== 1) return undefined;
  const condition = c.condition[0];
  if (condition.pipelines.length !== 1 || condition.background) return undefined;
  const only = condition.pipelines[0];
  const read = only.commands[0];
  if (only.commands.length !== 1 || only.negated || read.type !== "SimpleCommand" || literalName(read) !== "read" || read.redirections.length > 0) return undefined;
  if (read.args.some((a) => /^-[a-zA-Z]*u/.test(wordText(a) ?? "-u"))) return undefined;
  const typed = serialize({ type: "Script", statements: [statementOf(c)] });
  const loop = structuredClone(c);
  const device = parse(`read < "${PIPE_LINE_DEVICE}/\${${PIPE_IN_VAR}}"`).statements[0].pipelines[0].commands[0] as SimpleCommandNode;
  (loop.condition[0].pipelines[0].commands[0] as SimpleCommandNode).redirections.push(...device.redirections);
  const script: ScriptNode = { type: "Script", statements: [statementOf(loop)] };
  instrument(script);
  const text = serialize(script);
  return { first: text, later: text, name: "while", args: [], reader: true, typed };
}

/** Commands that wait (for time, a watch, typed or piped lines): a loop running one may run long. */
const WAITING = new Set(["sleep", "read", "watch", "ping"]);

/** Whether a loop runs a command that waits, so that its output must stream rather than come at its end. */
function waits(node: unknown, pipeProducer: (name: string, args: string[]) => boolean): boolean {
  if (!node || typeof node !== "object") return false;
  if (Array.isArray(node)) return node.some((n) => waits(n, pipeProducer));
  const n = node as Command;
  if (n.type === "SimpleCommand") {
    const name = literalName(n);
    if (name !== undefined && (WAITING.has(name) || pipeProducer(name, n.args.map((a) => staticText(a) ?? UNKNOWN_WORD)))) return true;
  }
  if ((n as { type?: string }).type === "FunctionDef") return false;
  return Object.values(node).some((v) => v !== null && typeof v === "object" && waits(v, pipeProducer));
}

/** A word's text when it has no expansion in it (quotes removed). */
function staticText(w: WordNode): string | undefined {
  let text = "";
  for (const part of w.parts) {
    if (part.type === "Literal" || part.type === "SingleQuoted") text += part.value;
    else if (part.type === "DoubleQuoted" && part.parts.every((q) => q.type === "Literal")) text += part.parts.map((q) => (q as { value: string }).value).join("");
    else return undefined;
  }
  return text;
}

/**
 * `declare -f [NAME…]`, `typeset -f …` and `type NAME…`: just-bash cannot print a function's body,
 * the shell can (it keeps every definition): these run as the shell's hooks.
 */
function listsFunctions(name: string, args: WordNode[]): boolean {
  const words = args.map(wordText);
  if (words.some((w) => w === undefined)) return false;
  const names = words.filter((w) => !w!.startsWith("-"));
  if (!names.every((w) => /^[^\s=$]+$/.test(w!))) return false;
  if (name === "type") return names.length > 0 && names.length === words.length;
  if (name !== "declare" && name !== "typeset") return false;
  const flags = words.filter((w) => w!.startsWith("-"));
  return flags.length > 0 && flags.every((f) => f === "-f");
}

/** Builtins that read stdin themselves: with the terminal as stdin they read what is typed. */
const TERMINAL_READERS = new Set(["read", "mapfile", "readarray"]);

/**
 * `read …` whose stdin may be the terminal: at run time, unless the caller's letters say stdin is
 * elsewhere (a function called with `< file`), it reads one typed line (`mapfile`: until Ctrl-D).
 */
function readFromTerminal(c: SimpleCommandNode, path: string): Command {
  // The hook needs the original words: the clone keeps them for `read` itself.
  const device = (parse(`case "\${${STREAM_VAR}-}" in *I*) : ;; *) : < ${path} ;; esac`).statements[0].pipelines[0].commands[0]) as Extract<Command, { type: "Case" }>;
  const [elsewhere, terminal] = device.items;
  elsewhere.body = [statementOf(c)];
  const fromTerminal = structuredClone(c);
  const timeout = path === TTY_LINE_DEVICE ? readTimeout(c.args) : undefined;
  const redirect = (terminal.body[0].pipelines[0].commands[0] as SimpleCommandNode).redirections;
  if (timeout !== undefined) redirect[0].target = literal(`${TTY_LINE_DEVICE}-t${timeout}`);
  fromTerminal.redirections.push(...redirect);
  terminal.body = [statementOf(fromTerminal)];
  // `read -t N`: the device gives end of input when the time passed; the status is then 142.
  if (timeout !== undefined) terminal.body = [{ type: "Statement", pipelines: [terminal.body[0].pipelines[0], statementOf(hook("read_status", [param("?")])).pipelines[0]], operators: ["||"], background: false }];
  // bash shows `read -p PROMPT`'s prompt only when it reads a terminal, before it waits.
  const flag = c.args.findIndex((a) => /^-[A-Za-z]*p$/.test(wordText(a) ?? ""));
  if (flag >= 0 && c.args[flag + 1]) terminal.body.unshift(statementOf(hook("prompt", [c.args[flag + 1]])));
  return device;
}

/** `read -t N`'s timeout in seconds when it is written out (`-t 5`, `-t5`, `-rt 2.5`); 0 is left to just-bash. */
function readTimeout(args: WordNode[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = wordText(args[i]);
    if (a === undefined || !/^-[a-zA-Z]+/.test(a)) continue;
    const at = a.search(/t/);
    if (at < 0 || /[dinNpu]/.test(a.slice(1, at))) continue;
    const value = at === a.length - 1 ? wordText(args[i + 1] ?? literal("")) : a.slice(at + 1);
    return value !== undefined && /^\d*\.?\d+$/.test(value) && Number(value) > 0 ? value : undefined;
  }
  return undefined;
}

/**
 * Instruments `ast` in place. Positions are relative: the outermost level is the terminal (or
 * whatever the enclosing command's STREAM_VAR says at run time).
 */
export function instrument(ast: ScriptNode, options: InstrumentOptions = {}): InstrumentResult {
  const instrumenter = new Instrumenter(options);
  instrumenter.statements(ast.statements, { blocked: "", subshell: false });
  return { touchesState: instrumenter.touchesState };
}

/** Keeps one statement (or one pipeline of it) of a parsed line: the shell runs a line piece by piece. */
export function selectPiece(ast: ScriptNode, statement: number, pipeline?: number): ScriptNode {
  const s = ast.statements[statement];
  if (pipeline === undefined) return { type: "Script", statements: [s] };
  return { type: "Script", statements: [{ ...s, pipelines: [s.pipelines[pipeline]], operators: [], background: false }] };
}

/**
 * Variables the epilogue sets: the line's exit status, and with state, `declare -F` and `declare -p`.
 * Plain assignments rather than a hook command: a command costs just-bash a context membrane, an
 * abort listener and a deadline timer, which was a fifth of the cost of a short line.
 */
export const EPILOGUE_VARS = { status: "__KC_DONE", pipeStatus: "__KC_PIPESTATUS", functions: "__KC_FUNCS", declarations: "__KC_DECLS" } as const;

/**
 * `__KC_DONE=$? __KC_PIPESTATUS="${PIPESTATUS[*]}" [__KC_FUNCS=… __KC_DECLS=…]`: appended so the shell learns the state the line left.
 * `traced`: `set -x` may be on by then; bash would trace the assignment, which the learner never typed.
 */
export function epilogue(withState: boolean, traced = false): StatementNode {
  const assign = (name: string, value: WordNode): Assignment => ({ type: "Assignment", name, value, append: false, array: null });
  // Assignments run left to right: $? is read before the substitutions change it.
  const pipeStatus = word({ type: "DoubleQuoted", parts: [{ type: "ParameterExpansion", parameter: "PIPESTATUS[*]", operation: null }] });
  const assignments = [assign(EPILOGUE_VARS.status, param("?")), assign(EPILOGUE_VARS.pipeStatus, pipeStatus)];
  if (withState) {
    const capture = (script: string): WordNode => {
      const cmd = simpleCommand("builtin", [literal("declare"), literal(script)]);
      return word({ type: "DoubleQuoted", parts: [{ type: "CommandSubstitution", body: { type: "Script", statements: [statementOf(cmd)] }, legacy: false }] });
    };
    assignments.push(assign(EPILOGUE_VARS.functions, capture("-F")), assign(EPILOGUE_VARS.declarations, capture("-p")));
  }
  // Hiding the trace costs a redirection (~10% of a short line), so only where it may be needed.
  const quiet: Redirection[] = traced ? [{ type: "Redirection", fd: 2, operator: ">", target: literal("/dev/null") }] : [];
  return statementOf({ type: "SimpleCommand", assignments, name: null, args: [], redirections: quiet });
}

/** Commands that run other command lines (a script, `-c` text, a command given as arguments). */
const RUNS_COMMANDS = new Set([
  "bash", "sh", "dash", "eval", "source", ".", "exec", "xargs", "timeout", "find", "env", "nohup", "nice", "time",
  "watch", "sudo", "su", "ssh", "command", "builtin", "wait",
]);

/**
 * A piece that is one pipeline of plain commands (literal names that are not functions, aliases or
 * commands running other command lines; no substitutions, no compound commands). Such a piece
 * cannot loop in the shell itself: Ctrl-C reaches the programs through the line's own signal, so
 * just-bash need not watch one (which costs it an AbortController, a listener and an Error per
 * command). Anything else is run with the signal.
 */
export function isPlainPipeline(ast: ScriptNode, isShellName: (name: string) => boolean): boolean {
  if (ast.statements.length !== 1) return false;
  const statement = ast.statements[0];
  if (statement.background || statement.pipelines.length !== 1) return false;
  for (const c of statement.pipelines[0].commands) {
    if (c.type !== "SimpleCommand" || !c.name) return false;
    const name = literalName(c);
    if (name === undefined || RUNS_COMMANDS.has(name) || STATE_BUILTINS.has(name) || TERMINAL_READERS.has(name) || isShellName(name)) return false;
    if (hasSubstitution([c.name, c.args, c.assignments, c.redirections])) return false;
  }
  return true;
}

/** Whether a pipeline of two commands or more runs anywhere in the piece (PIPESTATUS is then more than `$?`). */
export function hasPipeline(node: unknown): boolean {
  if (!node || typeof node !== "object") return false;
  if (Array.isArray(node)) return node.some(hasPipeline);
  const n = node as { type?: string; commands?: unknown[] };
  if (n.type === "Pipeline" && (n.commands?.length ?? 0) > 1) return true;
  if (n.type === "FunctionDef" || n.type === "CommandSubstitution" || n.type === "ProcessSubstitution") return false;
  for (const value of Object.values(node)) if (value && typeof value === "object" && hasPipeline(value)) return true;
  return false;
}

function hasSubstitution(node: unknown): boolean {
  if (!node || typeof node !== "object") return false;
  if (Array.isArray(node)) return node.some(hasSubstitution);
  const type = (node as { type?: string }).type;
  if (type === "CommandSubstitution" || type === "ProcessSubstitution" || type === "ArithCommandSubst" || type === "HereDoc") return true;
  for (const value of Object.values(node)) if (value && typeof value === "object" && hasSubstitution(value)) return true;
  return false;
}
