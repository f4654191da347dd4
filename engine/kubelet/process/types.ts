import type { HttpBehaviour } from "../images";

/**
 * A container's main process as the simulation runs it: data only (so it snapshots), advanced by
 * `stepProcess` whenever the kubelet looks at the container. Servers listen on ports and log at
 * start; scripts are interpreted a step at a time, sleeping on the cluster clock.
 */
export interface OutputLine {
  at: number;
  stream: "stdout" | "stderr";
  text: string;
}

export interface Listener {
  port: number;
  protocol: "TCP" | "UDP";
  /** How an HTTP client is answered on this port, if it speaks HTTP. */
  http?: HttpBehaviour;
}

export interface ScriptState {
  /** The shell script (or a one-line command rendered as one). */
  source: string;
  /** Name of the shell for its error messages: "sh" (busybox/dash) or "bash". */
  shell: string;
  pc: number;
  vars: Record<string, string>;
  status: number;
  forStack: { var: string; items: string[]; index: number }[];
  /** Blocked in a `sleep` until this time. */
  sleepUntil?: number;
  /** Blocked forever (tail -f, a server in the foreground, `sleep infinity`). */
  blocked?: boolean;
  /** Lines emitted per run are bounded; beyond this the script is throttled. */
  steps: number;
  /** Until when the script counts as spinning on a CPU (it hit the step budget without sleeping). */
  busyUntil?: number;
}

export interface ProcessState {
  kind: "server" | "script";
  argv: string[];
  startedAt: number;
  /** Full image reference, for looking its behaviour up again. */
  image: string;
  listens: Listener[];
  /** When the listeners accept connections. */
  listeningAt: number;
  memoryMiB: number;
  cpuMillis: number;
  /** CPU the process burns on purpose (stress --cpu N), in millicores. */
  cpuLoadMillis?: number;
  /** Exits promptly on SIGTERM; otherwise it runs until SIGKILL at the end of the grace period. */
  gracefulStop: boolean;
  /** Startup output not yet written (emitted as the clock passes each line's time). */
  pending: OutputLine[];
  script?: ScriptState;
  /** A decided exit (component validation failed, OOM, …). */
  exitAt?: number;
  exitCode?: number;
  exitReason?: string;
  hostname: string;
}

export interface StepResult {
  output: OutputLine[];
  exit?: { at: number; code: number; reason?: string };
  /** When the process next needs the kubelet's attention. */
  wakeAt?: number;
}
