import type { IFileSystem } from "just-bash";
import type { Environment } from "../cluster/environment";
import type { Host } from "../hosts/host";
import type { NetworkOrigin } from "../network/types";

/**
 * The contract between the shell and every simulated program (kubectl, etcdctl, kubeadm, crictl,
 * systemctl, curl, …). The shell parses the command line, wires pipes and redirections, and calls
 * the program with this context; programs never see the interpreter, only their argv and streams.
 */
export interface ProgramContext {
  /** argv without the program name. */
  args: string[];
  /** The name it was invoked as (`kubectl`, `k`, `/usr/bin/kubectl`). */
  name: string;
  stdin: string;
  env: Record<string, string>;
  cwd: string;
  /** The host the program runs on; its filesystem is `host.fs`. */
  host: Host;
  /** Unix user running the program (`root`, `candidate`). */
  user: string;
  environment: Environment;
  /** Writes output as it is produced (long-running programs such as `kubectl get -w` stream). */
  stdout(chunk: string): void;
  /**
   * Writes raw bytes to stdout (`openssl … -outform der`, `openssl rand 32`): they reach a pipe or
   * file unchanged, where `stdout` text is written as UTF-8. Not every runtime has it.
   */
  stdoutBytes?(chunk: Uint8Array): void;
  /** stdin as the bytes that arrived (`stdin` is those bytes read as UTF-8 text). */
  stdinBytes?(): Uint8Array;
  stderr(chunk: string): void;
  /** Aborted when the learner presses Ctrl-C or the command exceeds its time budget. */
  signal: AbortSignal;
  terminal: { isTTY: boolean; columns: number; rows: number };
  /**
   * Opens the editor protocol (DESIGN.md §4): the browser overlay or the local $EDITOR edits
   * `content` and resolves with the saved text, or undefined when the learner quit without saving.
   */
  edit?(request: { path: string; content: string; language: "yaml" | "text" | "json" | "shell" }): Promise<string | undefined>;
  /**
   * Reads what is typed while the program runs, for a program that streams its input on (`kubectl
   * exec -i POD -- cat` sends each line as it is typed): the next line with its "\n", text without
   * one when Ctrl-D followed it (then input has ended), "" at end of input. Rejects on Ctrl-C or
   * when `signal` aborts. Set only when stdin is the terminal and nothing gathered it beforehand.
   */
  readTerminal?(signal?: AbortSignal): Promise<string>;
  /**
   * Lets the simulation advance while a program waits (`sleep`, `kubectl wait`, `watch`). Infinity
   * waits until the line is interrupted or `until` aborts (a stream the program follows ended).
   */
  sleep(ms: number, until?: AbortSignal): Promise<void>;
  /** Where network requests start: the pod a `kubectl exec` shell runs in; unset means `host`. */
  origin?: NetworkOrigin;
  /**
   * The filesystem as this user sees it (Unix permissions, /proc, a container's root under
   * `kubectl exec`); `host.fs` is the host's tree without permission checks.
   */
  fs?: IFileSystem;
  /**
   * Hands the terminal to a line-mode session once this program returns (`kubectl exec -it POD --
   * sh`: the lines typed next run in the container until it exits). Only when the program's stdin
   * and stdout are the terminal; in a script's terminal the session gets the script's next lines.
   */
  foreground?(session: ForegroundSession): void;
}

/** A shell somewhere else (a container) that takes the terminal's typed lines for a while. */
export interface ForegroundSession {
  /** The prompt to show while it has the terminal. */
  readonly prompt: string;
  /** Runs one typed line; `closed` once the session ended (its status is then `exitCode`). */
  exec(line: string, onOutput: (data: string, stream: "stdout" | "stderr") => void): Promise<{ exitCode: number; closed: boolean }>;
  /** Ctrl-C while a line runs. */
  interrupt(): void;
  /** Ctrl-Z while a line runs; a session without it ignores the key (its shell has no job control). */
  suspend?(): void;
  complete?(line: string, cursor: number): Promise<{ items: string[]; start: number; end: number }>;
  /**
   * Set by the terminal holding the session: a line running there waits for typed input (`cat >
   * f`, `read X`, `wc -l` inside the container), so the terminal asks its edge to let the user type.
   */
  onRead?: () => void;
  /** Typed input for that line, as Terminal.input takes it: a line with its "\n", "" for Ctrl-D on an empty line. */
  input?(data: string): void;
  /** A line running there waits for typed input now. */
  readonly reading?: boolean;
  /** Plain JSON to reopen it after a restore (engine/shell/foreground.ts); without it a snapshot drops the session. */
  snapshot?(): Promise<{ kind: string; state: unknown }>;
}

/** A simulated program: resolves with its exit status. */
export type Program = (ctx: ProgramContext) => Promise<number>;

export interface ProgramRegistry {
  register(names: string[], program: Program): void;
  get(name: string): Program | undefined;
  names(): string[];
}
