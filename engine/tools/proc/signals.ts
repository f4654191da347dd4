import type { Environment } from "../../cluster/environment";
import type { Host } from "../../hosts/host";
import { kubeletControllerName } from "../../kubelet/kubelet";
import { SIGKILL_REASON } from "../../kubelet/pod-worker";
import type { ContainerRecord } from "../../kubelet/state";
import type { HostProcess } from "./processes";

/**
 * Signals sent to a host's processes (`pkill`, `kill PID`), and what they do in the simulation:
 * a systemd service's main process dies and systemd applies Restart=; a container's process is
 * PID 1 of its PID namespace, so it ignores a signal it has no handler for (only processes that
 * stop cleanly, such as nginx, end on SIGTERM) while SIGKILL always ends it (exit 137) and the
 * kubelet restarts it by the pod's policy; a sandbox's pause process or shim takes every
 * container of the pod with it on SIGKILL. init and kernel threads ignore signals.
 */
export const SIGNALS: [number, string][] = [
  [1, "HUP"], [2, "INT"], [3, "QUIT"], [4, "ILL"], [5, "TRAP"], [6, "ABRT"], [7, "BUS"], [8, "FPE"], [9, "KILL"], [10, "USR1"],
  [11, "SEGV"], [12, "USR2"], [13, "PIPE"], [14, "ALRM"], [15, "TERM"], [16, "STKFLT"], [17, "CHLD"], [18, "CONT"], [19, "STOP"], [20, "TSTP"],
  [21, "TTIN"], [22, "TTOU"], [23, "URG"], [24, "XCPU"], [25, "XFSZ"], [26, "VTALRM"], [27, "PROF"], [28, "WINCH"], [29, "POLL"], [30, "PWR"], [31, "SYS"],
];

/** A signal given as a number, `KILL` or `SIGKILL` (any case). */
export function parseSignal(text: string): { number: number; name: string } | undefined {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    const found = SIGNALS.find(([num]) => num === n);
    return found ? { number: n, name: found[1] } : n === 0 ? { number: 0, name: "0" } : undefined;
  }
  const name = text.toUpperCase().replace(/^SIG/, "");
  const found = SIGNALS.find(([, n]) => n === name) ?? (name === "IO" ? [29, "POLL"] as [number, string] : undefined);
  return found ? { number: found[0], name: found[1] } : undefined;
}

export type SignalOutcome = "delivered" | "not-permitted";

const STOP_AND_CONTINUE = new Set([17, 18, 19, 20, 21, 22, 23, 28]);

export function signalHostProcess(env: Environment, host: Host, sender: string, process: HostProcess, signal: { number: number; name: string }): SignalOutcome {
  if (sender !== "root" && process.user !== sender) return "not-permitted";
  // Signal 0 only checks the process exists; stop/continue and ignored-by-default signals change
  // nothing the simulation shows.
  if (signal.number === 0 || STOP_AND_CONTINUE.has(signal.number)) return "delivered";
  const owner = process.owner;
  if (!owner) return "delivered";
  if (owner.kind === "unit") {
    host.services.killed(owner.unit, signal);
    return "delivered";
  }
  const cluster = host.cluster ? env.clusters.get(host.cluster) : undefined;
  if (!cluster) return "delivered";
  const kill = (c: ContainerRecord) => {
    if (c.state !== "running") return;
    c.killAt = env.clock.now();
    c.killReason = SIGKILL_REASON;
  };
  if (owner.kind === "container") {
    if (signal.number === 9) kill(owner.container);
    else if (owner.container.process?.gracefulStop && (signal.number === 15 || signal.number === 2 || signal.number === 3)) owner.container.killAt = env.clock.now();
    else return "delivered";
  } else {
    if (signal.number !== 9) return "delivered";
    for (const c of Object.values(owner.pod.containers)) kill(c);
  }
  cluster.controllers.enqueue(kubeletControllerName(host.name), `pod:${owner.pod.namespace}/${owner.pod.name}`);
  cluster.settle();
  return "delivered";
}
