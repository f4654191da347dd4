import { latin1FromBytes, type Command, type ResolvedCommandContext } from "just-bash";
import { typedStdin, type InvocationIO } from "../bridge";
import type { ShellFrame } from "../frame";
import { shellCommand } from "./index";
import { jqOperands, type JqOperands } from "./jq-args";
import { as16, JQ16_HELP, JQ16_LIBRARY } from "./jq-compat";
import { JQ } from "./jq-runner";

/**
 * jq, run by jq's own code (jq-runner.ts) rather than just-bash's re-implementation, whose path
 * expressions were wrong: `(.a[] | select(. == "x")) = "z"` replaced the whole input, and `yq -i`
 * with such an update replaced a whole static pod manifest with one string.
 *
 * The shell hands jq its input as files: standard input becomes the file `<stdin>` (the name jq
 * prints for it in `jq: error (at <stdin>:N)`), and each file operand is copied from the shell's
 * filesystem at the path typed. `now` reads the environment's clock. jq-web builds jq 1.7.1;
 * jq-compat.ts turns the messages that changed since 1.6 (Ubuntu 22.04's, the exam's) back.
 */
export const STDIN_NAME = "<stdin>";

export function jqCommand(frame: ShellFrame): Command {
  return shellCommand(frame, "jq", async (args, ctx, io) => runJq(frame, args, ctx, io));
}

async function runJq(frame: ShellFrame, args: string[], ctx: ResolvedCommandContext, io: InvocationIO): Promise<number> {
  const operands = jqOperands(args);
  if (operands.informational) {
    // 1.6's own texts: this build's would name another version and site.
    io.out.push(operands.version ? "jq-1.6\n" : JQ16_HELP);
    return 0;
  }
  let argv = [...args];
  const files = new Map<string, Uint8Array>();
  for (const name of operands.files) {
    const path = ctx.fs.resolvePath(ctx.cwd, name);
    const bytes = await readRegularFile(ctx, path);
    // A file jq cannot open is left out: jq reports it in its own words.
    if (bytes) files.set(path, bytes);
  }
  const readsStdin = operands.inputs.length === 0 || operands.inputs.includes("-");
  if (readsStdin) {
    const typed = await typedStdin(frame.runtime, ctx, "jq", args, io, io.position);
    if (typed?.interrupted) return 130;
    const stdin = typed ? new TextEncoder().encode(typed.text) : Buffer.from(latin1FromBytes(ctx.stdin), "latin1");
    files.set(`${ctx.cwd === "/" ? "" : ctx.cwd}/${STDIN_NAME}`, stdin);
    if (operands.inputs.length > 0) {
      argv = argv.map((a, i) => (a === "-" && i > operands.programIndex ? STDIN_NAME : a));
    } else {
      argv = withStdinOperand(argv, operands, io.position.stdoutToTerminal && typed !== undefined);
      if (argv.length === 0) return usage(io);
    }
  }
  if (!operands.colourChosen && io.position.stdoutToTerminal && frame.runtime.terminal().isTTY) argv.unshift("-C");
  const seconds = frame.runtime.environment.clock.now() / 1000;
  const request = { args: argv, cwd: ctx.cwd, files: [...files].map(([path, bytes]) => ({ path, bytes })), library: `${JQ16_LIBRARY}def now: ${seconds};\n` };
  const result = await JQ.run(request, io.signal);
  if (result.kind === "stopped") {
    io.err.push(`kubecoach: command stopped (${result.reason})\n`);
    return result.reason === "interrupted" ? 130 : 5;
  }
  const adjusted = as16(result.output, result.exitCode);
  for (const part of adjusted.output) (part.stream === "stdout" ? io.out : io.err).push(part.text);
  return adjusted.exitCode;
}

/**
 * argv with the standard-input file as the first input operand, right after the program. --args and
 * --jsonargs move behind it, so that it stays an input and what followed them stays values. Empty
 * when jq 1.6 would print its usage: no program while input and output are the terminal.
 */
function withStdinOperand(args: string[], operands: JqOperands, terminalBothWays: boolean): string[] {
  const argv = [...args];
  let program = operands.programIndex;
  if (program < 0) {
    // jq 1.6 runs `.` when it has no program and its input or output is not a terminal.
    if (terminalBothWays) return [];
    argv.push(".");
    program = argv.length - 1;
  }
  // With no input operands, every operand after the program is a value: the modes can follow the
  // standard-input file without changing what they apply to.
  const isMode = (a: string) => a === "--args" || a === "--jsonargs";
  const modes = argv.filter(isMode);
  const before = argv.slice(0, program).filter((a) => !isMode(a));
  const after = argv.slice(program + 1).filter((a) => !isMode(a));
  return [...before, argv[program], STDIN_NAME, ...modes, ...after];
}

async function readRegularFile(ctx: ResolvedCommandContext, path: string): Promise<Uint8Array | undefined> {
  try {
    const stat = await ctx.fs.stat(path);
    if (!stat.isFile) return undefined;
    return await ctx.fs.readFileBuffer(path);
  } catch {
    return undefined;
  }
}

function usage(io: InvocationIO): number {
  io.err.push(JQ16_USAGE);
  return 2;
}

/** jq 1.6's short usage (no program, input and output a terminal). */
const JQ16_USAGE = `jq - commandline JSON processor [version 1.6]

Usage:\tjq [options] <jq filter> [file...]
\tjq [options] --args <jq filter> [strings...]
\tjq [options] --jsonargs <jq filter> [JSON_TEXTS...]

jq is a tool for processing JSON inputs, applying the given filter to
its JSON text inputs and producing the filter's results as JSON on
standard output.

The simplest filter is ., which copies jq's input to its output
unmodified (except for formatting, but note that IEEE754 is used
for number representation internally, with all that that implies).

For more advanced filters see the jq(1) manpage ("man jq")
and/or https://stedolan.github.io/jq

Example:

\t$ echo '{"foo": 0}' | jq .
\t{
\t\t"foo": 0
\t}

For a listing of options, use jq --help.
`;
