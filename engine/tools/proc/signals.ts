import type { Environment } from "../../cluster/environment";
import type { Host } from "../../hosts/host";
import { kubeletControllerName } from "../../kubelet/kubelet";
import { SIGKILL_REASON } from "../../kubelet/pod-worker";
import { kubeletStates, type ContainerRecord } from "../../kubelet/state";
import { parseSignal as parseSignalNumber, signalEnds, signalName } from "../../shell/jobs-signals";
import { hostProcesses, type HostProcess } from "./processes";

/**
 * Signals sent to a host's processes (`pkill`, `kill PID`), and what they do in the simulation:
 * a systemd service's main process dies and systemd applies Restart=; a container's process is
 * PID 1 of its PID namespace, so it ignores a signal it has no handler for (only processes that
 * stop cleanly, such as nginx, end on SIGTERM) while SIGKILL always ends it (exit 137) and the
 * kubelet restarts it by the pod's policy; a sandbox's pause process or shim takes every
 * container of the pod with it on SIGKILL. init and kernel threads ignore signals.
 */
/** A signal given as a number, `KILL` or `SIGKILL` (any case), with bash's name for it. */
export function parseSignal(text: string): { number: number; name: string } | undefined {
  const n = parseSignalNumber(text);
  return n === undefined ? undefined : { number: n, name: signalName(n) ?? String(n) };
}

export type SignalOutcome = "delivered" | "not-permitted";

export function signalHostProcess(env: Environment, host: Host, sender: string, process: HostProcess, signal: { number: number; name: string }): SignalOutcome {
  if (sender !== "root" && process.user !== sender) return "not-permitted";
  // Signal 0 only checks the process exists; stop/continue and ignored-by-default signals change
  // nothing the simulation shows.
  if (!signalEnds(signal.number)) return "delivered";
  const owner = process.owner;
  if (!owner) return "delivered";
  if (owner.kind === "unit") {
    host.services.killed(owner.unit, signal);
    return "delivered";
  }
  const cluster = host.cluster ? env.clusters.get(host.cluster) : undefined;
  if (!cluster) return "delivered";
  // The process list only reads the kubelet's records: the ones to change are taken again to change.
  const pod = Object.values(kubeletStates(cluster)[host.name]?.pods ?? {}).find((p) => p === owner.pod);
  if (!pod) return "delivered";
  const kill = (c: ContainerRecord) => {
    if (c.state !== "running") return;
    c.killAt = env.clock.now();
    c.killReason = SIGKILL_REASON;
  };
  if (owner.kind === "container") {
    const container = Object.values(pod.containers).find((c) => c === owner.container);
    if (!container) return "delivered";
    if (signal.number === 9) {
      kill(container);
      noteDying(env, host, process);
    } else if (container.process?.gracefulStop && (signal.number === 15 || signal.number === 2 || signal.number === 3)) container.killAt = env.clock.now();
    else return "delivered";
  } else {
    if (signal.number !== 9) return "delivered";
    for (const c of Object.values(pod.containers)) kill(c);
  }
  cluster.controllers.enqueue(kubeletControllerName(host.name), `pod:${owner.pod.namespace}/${owner.pod.name}`);
  cluster.settle();
  return "delivered";
}

/**
 * The children of a container's main process (nginx's workers) die with its PID namespace, but a
 * signal sent to them in the same instant (`kill -9 $(pgrep nginx)`) still finds them: they are
 * being torn down, not gone. Remembered until the clock moves.
 */
const dying = new WeakMap<Host, { at: number; pids: Set<number> }>();

function noteDying(env: Environment, host: Host, main: HostProcess): void {
  const now = env.clock.now();
  const entry = dying.get(host)?.at === now ? dying.get(host)! : { at: now, pids: new Set<number>() };
  for (const p of hostProcesses(env, host)) if (p.ppid === main.pid) entry.pids.add(p.pid);
  dying.set(host, entry);
}

/** `kill PID` for a PID that is no job of the shell: the host's process of that PID, if any. */
export function signalHostPid(env: Environment, host: Host, sender: string, pid: number, signal: number): SignalOutcome | "no-such-process" {
  const process = hostProcesses(env, host).find((p) => p.pid === pid);
  if (!process) {
    const torn = dying.get(host);
    return torn?.at === env.clock.now() && torn.pids.has(pid) ? "delivered" : "no-such-process";
  }
  return signalHostProcess(env, host, sender, process, { number: signal, name: signalName(signal) ?? String(signal) });
}
