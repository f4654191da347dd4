import { decodeBytesToUtf8, type Command } from "just-bash";
import { typedStdin } from "../bridge";
import { quote, type ShellFrame } from "../frame";
import { shellExecFailure } from "./exec-failure";
import { shellCommand } from "./index";
import { parseXargsOptions, readXargsInput, xargsCommandLines } from "./xargs-input";

/**
 * GNU xargs. just-bash's own differs where learners notice: it refuses attached values (`-n1`,
 * `-I{}`), has no -L, splits -I input at blanks, ignores quotes, runs nothing for empty input and
 * keeps a failing command's status where GNU says 123. Commands run one after another, each with
 * empty stdin, by name (not through aliases or functions, which xargs cannot see).
 */
export function xargsCommand(frame: ShellFrame): Command {
  return shellCommand(frame, "xargs", async (args, ctx, io) => {
    const o = parseXargsOptions(args);
    if ("error" in o) {
      io.err.push(o.error);
      return o.status;
    }
    if (o.help) {
      io.out.push(HELP);
      return 0;
    }
    if (o.version) {
      io.out.push("xargs (GNU findutils) 4.9.0\n");
      return 0;
    }
    for (const w of o.warnings) io.err.push(w);
    let text: string;
    if (o.argFile !== undefined) {
      try {
        text = await frame.fs.readFile(frame.fs.resolvePath(ctx.cwd, o.argFile));
      } catch {
        io.err.push(`xargs: ${o.argFile}: No such file or directory\n`);
        return 1;
      }
    } else {
      const typed = await typedStdin(frame.runtime, ctx, "xargs", args, io);
      text = typed ? typed.text : decodeBytesToUtf8(ctx.stdin);
    }
    const input = readXargsInput(text, o);
    const lines = xargsCommandLines(input, o);
    const limit = ctx.limits?.maxLoopIterations ?? 10_000;
    if (lines.length > limit) {
      io.err.push(`xargs: more than ${limit} command lines: stopped (Kubecoach's limit per command)\n`);
      return 1;
    }
    // The commands' output streams as they run, with -t's traces in between, as from GNU xargs.
    io.out.goLive();
    io.err.goLive();
    let status = 0;
    for (const [name, ...rest] of lines) {
      if (io.signal.aborted) return 130;
      if (o.verbose) io.err.push(`${[name, ...rest].map(quote).join(" ")}\n`);
      const result = await ctx.exec!(`command ${quote(name)}`, { cwd: ctx.cwd, signal: io.signal, stdin: "", args: rest });
      const failure = shellExecFailure(result, name);
      if (failure) {
        io.err.push(`xargs: ${name}: ${failure.reason}\n`);
        return failure.status;
      }
      io.out.push(result.stdout);
      io.err.push(result.stderr);
      if (result.exitCode === 255) {
        io.err.push(`xargs: ${name}: exited with status 255; aborting\n`);
        return 124;
      }
      if (result.exitCode > 128 && io.signal.aborted) return result.exitCode;
      if (result.exitCode === 126 || result.exitCode === 127) return result.exitCode;
      if (result.exitCode !== 0) status = 123;
    }
    if (input.error) {
      io.err.push(input.error);
      return 1;
    }
    return status;
  });
}

const HELP = `Usage: xargs [OPTION]... COMMAND [INITIAL-ARGS]...
Run COMMAND with arguments INITIAL-ARGS and more arguments read from input.

Mandatory and optional arguments to long options are also
mandatory or optional for the corresponding short option.
  -0, --null                   items are separated by a null, not whitespace;
                                 disables quote and backslash processing and
                                 logical EOF processing
  -a, --arg-file=FILE          read arguments from FILE, not standard input
  -d, --delimiter=CHARACTER    items in input stream are separated by CHARACTER,
                                 not by whitespace; disables quote and backslash
                                 processing and logical EOF processing
  -E END                       set logical EOF string; if END occurs as a line
                                 of input, the rest of the input is ignored
                                 (ignored if -0 or -d was specified)
  -e, --eof[=END]              equivalent to -E END if END is specified;
                                 otherwise, there is no end-of-file string
  -I R                         same as --replace=R
  -i, --replace[=R]            replace R in INITIAL-ARGS with names read
                                 from standard input, split at newlines;
                                 if R is unspecified, assume {}
  -L, --max-lines=MAX-LINES    use at most MAX-LINES non-blank input lines per
                                 command line
  -l[MAX-LINES]                similar to -L but defaults to at most one non-
                                 blank input line if MAX-LINES is not specified
  -n, --max-args=MAX-ARGS      use at most MAX-ARGS arguments per command line
  -o, --open-tty               Reopen stdin as /dev/tty in the child process
                                 before executing the command; useful to run an
                                 interactive application.
  -P, --max-procs=MAX-PROCS    run at most MAX-PROCS processes at a time
  -p, --interactive            prompt before running commands
      --process-slot-var=VAR   set environment variable VAR in child processes
  -r, --no-run-if-empty        if there are no arguments, then do not run COMMAND;
                                 if this option is not given, COMMAND will be
                                 run at least once
  -s, --max-chars=MAX-CHARS    limit length of command line to MAX-CHARS
      --show-limits            show limits on command-line length
  -t, --verbose                print commands before executing them
  -x, --exit                   exit if the size (see -s) is exceeded
      --help                   display this help and exit
      --version                output version information and exit
`;
