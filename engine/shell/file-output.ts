import type { SimpleCommandNode, WordNode } from "just-bash";
import type { ShellFs } from "./shell-fs";

/**
 * Output redirected to a file, written as it is produced.
 *
 * just-bash opens (creates, truncates) a command's `> file` before the command runs but writes what
 * the command printed only when it returns, so `kubectl get pods -w > w.txt &`, `kubectl proxy >
 * proxy.log 2>&1 &` or `kubectl logs -f web >> f &` left their files empty while they ran. The
 * instrumentation (transform.ts) names the files a program's own redirections send stdout and
 * stderr to, in FILE_VARS, and adds the letter `W` to STREAM_VAR; the program's output channel
 * (bridge.ts) then appends what it buffered to the file whenever the program lets the event loop
 * turn (it waits on a watch, the clock, the network) or starts to sleep. A command that prints and
 * returns without waiting — the common `kubectl get pods > f` — writes nothing early: just-bash's
 * own redirection writes it once, as before. When the command returns, just-bash still applies the
 * redirection to what it returns, so that is the whole output for `>` (the file ends as written)
 * and only what was not written yet for `>>`.
 */
export const FILE_VARS = { out: "__KC_TO1", outAppend: "__KC_TO1A", err: "__KC_TO2", errAppend: "__KC_TO2A" } as const;
const FILE_VAR_NAMES: ReadonlySet<string> = new Set(Object.values(FILE_VARS));

export function isFileVar(name: string): boolean {
  return FILE_VAR_NAMES.has(name);
}

type Redirection = SimpleCommandNode["redirections"][number];
type Assignment = SimpleCommandNode["assignments"][number];
interface Target {
  word: WordNode;
  append: boolean;
}

/**
 * Where fds 1 and 2 of a command end up after its own redirections, in order, as assignments of
 * FILE_VARS; none when neither is a file the shell can name before the command runs. A target
 * word is used only when expanding it a second time (as an assignment) gives the same path and
 * has no side effect: text, quotes, `~` and plain `$VAR`, not globs or substitutions.
 */
export function fileTargetAssignments(redirections: Redirection[]): Assignment[] {
  let out: Target | undefined;
  let err: Target | undefined;
  // `undefined` here means "the inherited stream or something not a file".
  let outInherited = true;
  let errInherited = true;
  for (const r of redirections) {
    const dup = r.operator === ">&" && r.target.type === "Word" ? plainText(r.target) : undefined;
    const fileTarget = r.target.type === "Word" && safeWord(r.target) ? { word: r.target, append: r.operator === ">>" || r.operator === "&>>" } : undefined;
    if (r.operator === "&>" || r.operator === "&>>" || (r.operator === ">&" && r.fd === null && dup !== undefined && !/^\d+$|^-$/.test(dup))) {
      out = err = fileTarget;
      outInherited = errInherited = false;
    } else if (r.operator === ">&" || r.operator === "<&") {
      if (r.fd === 2 && dup === "1") [err, errInherited] = [out, outInherited];
      else if ((r.fd === null || r.fd === 1) && dup === "2") [out, outInherited] = [err, errInherited];
      else if (r.fd === 1 || r.fd === 2 || r.fd === null) {
        if (r.fd === 2) [err, errInherited] = [undefined, false];
        else [out, outInherited] = [undefined, false];
      }
    } else if (r.operator === ">" || r.operator === ">>" || r.operator === ">|") {
      if (r.fd === 2) [err, errInherited] = [fileTarget, false];
      else if (r.fd === null || r.fd === 1) [out, outInherited] = [fileTarget, false];
    }
  }
  const assignments: Assignment[] = [];
  if (out && !outInherited) assignments.push(assignment(out.append ? FILE_VARS.outAppend : FILE_VARS.out, out.word));
  // stderr into the same open file as stdout shares stdout's channel (letter M, bridge.ts).
  if (err && !errInherited && err !== out) assignments.push(assignment(err.append ? FILE_VARS.errAppend : FILE_VARS.err, err.word));
  return assignments;
}

function assignment(name: string, value: WordNode): Assignment {
  return { type: "Assignment", name, value: structuredClone(value), append: false, array: null };
}

function plainText(w: WordNode): string | undefined {
  let text = "";
  for (const part of w.parts) {
    if (part.type !== "Literal") return undefined;
    text += part.value;
  }
  return text;
}

function safeWord(w: WordNode): boolean {
  const text = plainText(w);
  // The virtual devices are not files a program's output accumulates in.
  if (text !== undefined && /^\/dev\//.test(text)) return false;
  return w.parts.every((part, i) => {
    if (part.type === "Literal" || part.type === "SingleQuoted") return true;
    // An assignment expands `~` only at the start of its value.
    if (part.type === "TildeExpansion") return i === 0;
    if (part.type === "ParameterExpansion") return part.operation === null;
    if (part.type === "DoubleQuoted") return part.parts.every((p) => p.type === "Literal" || (p.type === "ParameterExpansion" && p.operation === null));
    return false;
  });
}

/** The files a command's output channels stream into (undefined: none for that stream). */
export function fileTargets(env: Map<string, string>, cwd: string, fs: ShellFs): { out?: FileTarget; err?: FileTarget } {
  const target = (truncate: string, append: string): FileTarget | undefined => {
    const t = env.get(truncate);
    const a = t === undefined ? env.get(append) : undefined;
    const given = t ?? a;
    if (!given) return undefined;
    const path = fs.resolvePath(cwd, given);
    if (path.startsWith("/dev/") || path.startsWith("/proc/")) return undefined;
    return { path, append: t === undefined };
  };
  return { out: target(FILE_VARS.out, FILE_VARS.outAppend), err: target(FILE_VARS.err, FILE_VARS.errAppend) };
}

export interface FileTarget {
  path: string;
  /** `>>`: the file was not truncated; what is written early is not returned again. */
  append: boolean;
}

/**
 * Appends an output channel's text to its file, one write at a time in order. `written` keeps
 * what a `>` file received so far: the command returns it again for just-bash's own write.
 */
export class FileWriter {
  private chain: Promise<void> = Promise.resolve();
  private written = "";
  private binary = false;
  failed = false;

  constructor(
    private readonly fs: ShellFs,
    readonly target: FileTarget,
    /** The write failed (file too large, no space, a directory): says so and stops the command. */
    private readonly onFailure: (message: string) => void,
  ) {}

  write(text: string): void {
    if (this.failed || !text) return;
    const data = this.binary ? Buffer.from(text, "latin1") : text;
    this.chain = this.chain
      .then(async () => {
        if (this.failed) return;
        await this.fs.appendFile(this.target.path, data);
        if (!this.target.append) this.written += text;
      })
      .catch((err: unknown) => this.fail(err));
  }

  /** The channel's text became bytes (OutputChannel.pushBytes): so does what was written. */
  toBinary(convert: (text: string) => string): void {
    this.binary = true;
    this.written = convert(this.written);
  }

  /** Waits for the writes; what the command returns for just-bash to write once it ended. */
  async settle(unwritten: string): Promise<string> {
    await this.chain;
    if (this.failed) return this.target.append ? "" : this.written;
    return this.target.append ? unwritten : this.written + unwritten;
  }

  private fail(err: unknown): void {
    if (this.failed) return;
    this.failed = true;
    const code = (err as { code?: string }).code;
    const reason = code ? (WRITE_ERRORS[code] ?? code) : err instanceof Error ? err.message : String(err);
    this.onFailure(`kubecoach: command stopped (its output to ${this.target.path} could not be written: ${reason})\n`);
  }
}

const WRITE_ERRORS: Record<string, string> = {
  EFBIG: "File too large",
  ENOSPC: "No space left on device",
  EISDIR: "Is a directory",
  ENOENT: "No such file or directory",
  EACCES: "Permission denied",
};
