import { Bash } from "just-bash";
import { STREAM_VAR } from "./transform";
import { stdinTaken } from "./stdin-readers";
import { PIPE_IN_VAR } from "./pipe-stages";
import type { PipeReader } from "./shell-fs";

/**
 * The stdin a compound command shares with the commands inside it: `while read h; do ssh $h
 * hostname; done < hosts`, `cmd | while read l; do …; done`, `{ read first; cat; } < f`.
 *
 * just-bash keeps that input as one string (`state.groupStdin`) and hands it to every command of
 * the body that has no stdin of its own, but only its `read` and `mapfile` take from it: a `cat`,
 * `head -n1` or `ssh` in the body saw the same rest of the input on every turn, and the loop went
 * on. In bash they share one file description, so what a command reads is gone for the next one —
 * `ssh` swallows the rest of the host list and the loop runs once, the classic gotcha.
 *
 * just-bash does not let a command change that string, so its interpreter's `runCommand` (private)
 * is wrapped once per process: when a command ran on the shared input, the part it took
 * (`stdinTaken`, the real tools' rules) is dropped. A command with a stdin redirection of its own
 * (`cat < /dev/null`) no longer falls back to the shared input when its own is empty.
 *
 * Whether the shared input is a regular file (`done < file`: GNU head, sed `q` seek back to just
 * after what they used) or a pipe (`cmd | while`, here-documents in bash 5.2: what they read is
 * gone) comes from the STREAM_VAR letters `F`/`f` (transform.ts).
 */
interface GroupState {
  groupStdin?: string;
  env: Map<string, string>;
}

interface InterpreterLike {
  ctx: { state: GroupState; fs: { pipeReader?(id: string): PipeReader | undefined } };
}

type RunCommand = (this: InterpreterLike, name: string, args: string[], quoted: boolean[], stdin: string, ...rest: unknown[]) => Promise<{ exitCode: number }>;

/** runCommand's parameter that says the command has a stdin redirection of its own (just-bash 3.4). */
const OWN_STDIN_PARAM = 7;

let installed = false;

/** Wraps just-bash's interpreter once per process (see above). Throws when its shape changed. */
export function shareGroupStdin(): void {
  if (installed) return;
  const proto = interpreterPrototype() as { runCommand?: RunCommand };
  const original = proto.runCommand;
  if (typeof original !== "function" || original.length < 4) throw new Error("just-bash's interpreter has an unexpected shape: the shell cannot share a loop's stdin with its body");
  proto.runCommand = async function (this: InterpreterLike, name, args, ...rest) {
    const state = this.ctx.state;
    const shared = state.groupStdin;
    // A streamed `while read` stage (pipe-stream.ts): the loop's stdin is a live pipe, which the
    // body's commands read as its `read` does, waiting for the writer.
    if (!shared && !rest[1] && !rest[OWN_STDIN_PARAM - 2] && !LOOP_OWN_READERS.has(name)) {
      const id = state.env.get(PIPE_IN_VAR);
      const reader = id ? this.ctx.fs.pipeReader?.(id) : undefined;
      if (reader && stdinTaken(name, args, "\n", false) > 0) {
        const [quoted, , ...more] = rest as [boolean[], string, ...unknown[]];
        return original.call(this, name, args, quoted, await readPipe(reader, name, args), ...more);
      }
    }
    // The common case: no shared input, or the command's own (a pipe, a redirection with content).
    if (!shared || rest[1]) return original.call(this, name, args, ...(rest as [boolean[], string]));
    if (rest[OWN_STDIN_PARAM - 2]) {
      // Its own stdin is empty (`< /dev/null`, an empty here-string): it reads that, not the loop's.
      state.groupStdin = undefined;
      try {
        return await original.call(this, name, args, ...(rest as [boolean[], string]));
      } finally {
        if (state.groupStdin === undefined) state.groupStdin = shared;
      }
    }
    const result = await original.call(this, name, args, ...(rest as [boolean[], string]));
    // `read` and `mapfile` take their part themselves; anything else leaves the string as it was.
    if (state.groupStdin === shared) {
      const letters = state.env.get(STREAM_VAR) ?? "";
      const taken = stdinTaken(name, args, shared, letters.lastIndexOf("F") > letters.lastIndexOf("f"));
      if (taken > 0) state.groupStdin = shared.slice(taken);
    } else if (state.groupStdin === "" && (name === "mapfile" || name === "readarray")) {
      // just-bash's mapfile takes all; bash's `-n N` stops after its lines (on a pipe it reads
      // byte by byte, on a file it seeks back), so the rest is left for the next command.
      state.groupStdin = shared.slice(mapfileTaken(args, shared));
    }
    return result;
  };
  installed = true;
}

/** Commands that read the loop's stdin themselves (`read` is rewritten to read the pipe's lines). */
const LOOP_OWN_READERS = new Set(["read", "mapfile", "readarray"]);

/**
 * What `name args` reads from a live pipe: chunk by chunk, as read() returns what the writer wrote,
 * until it has what it needs (`head -n 2` its two lines, `head -c N` N bytes) or end of input
 * (`cat`, a filter: until the writer ends). A chunk read is gone, except past `head -c N`'s bytes.
 */
async function readPipe(reader: PipeReader, name: string, args: string[]): Promise<string> {
  let text = "";
  for (;;) {
    const chunk = await reader.chunk();
    if (!chunk) break;
    text += chunk;
    // It has what it needs once more input would not be taken.
    if (stdinTaken(name, args, `${text}\n`, true) <= text.length) break;
  }
  const taken = stdinTaken(name, args, text, false);
  if (taken < text.length) reader.unread(text.slice(taken));
  return text.slice(0, taken);
}

/**
 * just-bash's Interpreter class is not exported. Its constructor binds its own methods
 * (`this.executeScript.bind(this)`), synchronously inside `exec()`: `bind` is watched for that one
 * call to learn the prototype, and put back before anything else runs.
 */
function interpreterPrototype(): object {
  let found: object | undefined;
  const bind = Function.prototype.bind;
  Function.prototype.bind = function (this: (...a: unknown[]) => unknown, thisArg: unknown, ...args: unknown[]) {
    if (!found && thisArg && typeof thisArg === "object" && "ctx" in thisArg && typeof (thisArg as { runCommand?: unknown }).runCommand === "function") found = Object.getPrototypeOf(thisArg) as object;
    return bind.call(this, thisArg, ...args);
  } as typeof bind;
  let pending: Promise<unknown>;
  try {
    pending = new Bash({ defenseInDepth: false }).exec(":");
  } finally {
    Function.prototype.bind = bind;
  }
  pending.catch(() => undefined);
  if (!found) throw new Error("just-bash's interpreter could not be found: the shell cannot share a loop's stdin with its body");
  return found;
}

/** What `mapfile [-n N] [-s S] [-d D]` reads: S + N records, or everything without `-n`. */
function mapfileTaken(args: readonly string[], stdin: string): number {
  let count = 0;
  let skip = 0;
  let delimiter = "\n";
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const option = /^-([nsd])(.*)$/.exec(a);
    if (!option) continue;
    const value = option[2] || args[++i] || "";
    if (option[1] === "n") count = Number(value);
    else if (option[1] === "s") skip = Number(value);
    else delimiter = value ? value[0] : "\0";
  }
  if (!(count > 0)) return stdin.length;
  let at = 0;
  for (let n = 0; n < skip + count; n++) {
    const end = stdin.indexOf(delimiter, at);
    if (end < 0) return stdin.length;
    at = end + 1;
  }
  return at;
}
