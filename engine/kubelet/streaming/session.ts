/**
 * The streaming subresources (pods/exec, pods/attach, pods/portforward) as sessions both the
 * emulated kubectl (in process) and the HTTP adapter (WebSocket for the real kubectl) drive. The
 * API server answers such a request with status 101 and an `upgrade` carrying one of these; the
 * session does nothing until its client starts it.
 *
 * Data is text as the shell sees it: UTF-8 text, or bytes as Latin-1 characters when `binary` is
 * set (tar streams for `kubectl cp`).
 */
export interface KubeStatus {
  apiVersion?: string;
  kind?: string;
  metadata: Record<string, never>;
  status: "Success" | "Failure";
  message?: string;
  reason?: string;
  details?: { causes?: { reason?: string; message?: string }[] };
  code?: number;
}

export interface TerminalSize {
  width: number;
  height: number;
}

export interface SessionStartOptions {
  /** How sleeps inside the command pass: the emulated kubectl passes its `ctx.sleep`; `kubecoach serve` waits on the wall clock. Default: the virtual clock jumps. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Initial terminal size (tty sessions). */
  size?: TerminalSize;
  /**
   * The client shows what is typed itself and sends whole lines (the Kubecoach terminal's line
   * editor), so a tty in front of a command does not echo them again. The real kubectl sends raw keys.
   */
  clientEchoes?: boolean;
}

/** exec and attach: one command (or the container's main process) with stdin, stdout, stderr and a tty. */
export interface RemoteCommandSession {
  readonly kind: "exec" | "attach";
  /** The streams the client asked for (query stdin/stdout/stderr/tty). */
  readonly streams: { stdin: boolean; stdout: boolean; stderr: boolean; tty: boolean };
  /** Output is Latin-1 bytes (tar) rather than text. */
  readonly binary: boolean;
  /** False when nothing behind the session reads stdin (an attach to a process that never does): input is dropped. */
  readonly readsInput?: boolean;
  /** Runs the command; output arrives through `output`; resolves with the error channel's Status. */
  start(output: (stream: "stdout" | "stderr", data: string) => void, options?: SessionStartOptions): Promise<KubeStatus>;
  /** Client → container: keystrokes (tty) or input bytes. */
  writeStdin(data: string): void;
  /** The client's stdin reached its end (v5 close channel, or the in-process caller's input ran out). */
  closeStdin(): void;
  resize(size: TerminalSize): void;
  /** The client went away: stop the command. */
  cancel(): void;
  /**
   * For a client that edits lines itself (the Kubecoach terminal under `kubectl exec -it POD --
   * sh`): starts the interactive shell and hands it over line by line instead of keystroke by
   * keystroke. Undefined when the session is not an interactive shell on a tty (use `start`).
   */
  startLines?(options?: SessionStartOptions): Promise<LineShell | undefined>;
}

/** What reopens a LineShell after a snapshot (engine/kubelet/streaming/restore-shell.ts). */
export interface SavedLineShell {
  cluster: string;
  namespace: string;
  pod: string;
  container: string;
  /** The container the shell ran in: a restarted container is another process. */
  containerId: string;
  argv: string[];
  kind: "exec" | "attach";
  /** The shell's state (cwd, variables, history) as TerminalSnapshot. */
  terminal: unknown;
}

/** An interactive shell driven line by line (its prompt, one line at a time, Ctrl-C, completion). */
export interface LineShell {
  readonly prompt: string;
  exec(line: string, onOutput: (data: string, stream: "stdout" | "stderr") => void): Promise<{ exitCode: number; closed: boolean }>;
  interrupt(): void;
  complete(line: string, cursor: number): Promise<{ items: string[]; start: number; end: number }>;
  snapshot?(): Promise<SavedLineShell>;
  /** Set by whoever holds the shell: a line running in it waits for typed input (`cat > f`, `read X`). */
  onRead?: () => void;
  /** Typed input for that line: a line with its "\n", text without one for Ctrl-D after it, "" for end of input. */
  input(data: string): void;
  /** A line running in it waits for typed input now. */
  readonly reading: boolean;
}

/** One forwarded TCP connection: bytes the client sends, bytes the pod answers. */
export interface ForwardedConnection {
  write(data: Uint8Array): void;
  /** The client closed its side. */
  end(): void;
  onData(listener: (data: Uint8Array) => void): void;
  /** The pod closed the connection (after an error, `error` says why). */
  onClose(listener: (error?: string) => void): void;
}

/** pods/portforward: the pod's network namespace, where the client opens connections to ports. */
export interface PortForwardSession {
  readonly kind: "portforward";
  /** Ports the client asked for in the query (`ports=8080`), if any. */
  readonly ports: number[];
  connect(port: number): ForwardedConnection;
}

export type StreamUpgrade = RemoteCommandSession | PortForwardSession;

export function successStatus(): KubeStatus {
  return { metadata: {}, status: "Success" };
}

/** The error channel's answer for a command that exited non-zero (kubectl turns it into its exit code). */
export function exitCodeStatus(argv: string[], code: number): KubeStatus {
  return {
    metadata: {},
    status: "Failure",
    message: `command terminated with non-zero exit code: error executing command [${argv.join(" ")}], exit code ${code}`,
    reason: "NonZeroExitCode",
    details: { causes: [{ reason: "ExitCode", message: String(code) }] },
  };
}

/** A failure inside the runtime after the stream was opened, as apierrors.NewInternalError words it (kubectl prints `error: <message>`). */
export function internalErrorStatus(error: string): KubeStatus {
  return { metadata: {}, status: "Failure", message: `Internal error occurred: ${error}`, reason: "InternalError", details: { causes: [{ message: error }] }, code: 500 };
}

/** The exit code kubectl ends with for a final Status. */
export function exitCodeOf(status: KubeStatus): number {
  if (status.status === "Success") return 0;
  const cause = status.details?.causes?.find((c) => c.reason === "ExitCode");
  return cause?.message && /^\d+$/.test(cause.message) ? Number(cause.message) : 1;
}
