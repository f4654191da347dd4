import type { Container, ContainerStatus, Pod } from "kubernetes-types/core/v1";
import { column, NAME_COLUMN, type TablePrinter } from "../table";
import { AGE_COLUMN, creationAge, docColumn, since } from "./format";

/**
 * `kubectl get pods`: printPod of kubernetes/pkg/printers/internalversion/printers.go (v1.33) —
 * STATUS from phase, reason, init containers (sidecars count towards READY), then containers from
 * last to first; RESTARTS with the time of the latest restart; Terminating/Unknown while deleting.
 */
export const podPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
    column("Status", "string", "The aggregate status of the containers in this pod."),
    column("Restarts", "string", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
    AGE_COLUMN,
    docColumn("IP", "string", "pod.podIP", { priority: 1 }),
    docColumn("Node", "string", "pod.nodeName", { priority: 1 }),
    docColumn("Nominated Node", "string", "pod.nominatedNodeName", { priority: 1 }),
    docColumn("Readiness Gates", "string", "pod.readinessGates", { priority: 1 }),
  ],
  rows: (obj, ctx) => [podRow(obj as unknown as Pod, ctx.now)],
};

const isSidecar = (c: Container | undefined) => c?.restartPolicy === "Always";

function later(current: number, finishedAt: string | undefined): number {
  if (!finishedAt) return current;
  const t = Date.parse(finishedAt);
  return t > current ? t : current;
}

export function podRow(pod: Pod, now: number): unknown[] {
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  let restarts = 0;
  let sidecarRestarts = 0;
  let totalContainers = spec.containers?.length ?? 0;
  let readyContainers = 0;
  let lastRestart = 0;
  let lastSidecarRestart = 0;

  const phase = status.phase ?? "";
  let reason = status.reason ? status.reason : phase;
  for (const condition of status.conditions ?? []) {
    if (condition.type === "PodScheduled" && condition.reason === "SchedulingGated") reason = "SchedulingGated";
  }

  const initContainers = new Map<string, Container>();
  for (const c of spec.initContainers ?? []) {
    initContainers.set(c.name, c);
    if (isSidecar(c)) totalContainers++;
  }

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const container = initStatuses[i];
    restarts += container.restartCount ?? 0;
    lastRestart = later(lastRestart, container.lastState?.terminated?.finishedAt);
    const sidecar = isSidecar(initContainers.get(container.name));
    if (sidecar) {
      sidecarRestarts += container.restartCount ?? 0;
      lastSidecarRestart = later(lastSidecarRestart, container.lastState?.terminated?.finishedAt);
    }
    const terminated = container.state?.terminated;
    const waiting = container.state?.waiting;
    if (terminated && terminated.exitCode === 0) continue;
    if (sidecar && container.started) {
      if (container.ready) readyContainers++;
      continue;
    }
    if (terminated) {
      if (!terminated.reason) {
        reason = terminated.signal ? `Init:Signal:${terminated.signal}` : `Init:ExitCode:${terminated.exitCode}`;
      } else {
        reason = `Init:${terminated.reason}`;
      }
    } else if (waiting && waiting.reason && waiting.reason !== "PodInitializing") {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${spec.initContainers?.length ?? 0}`;
    }
    initializing = true;
    break;
  }

  const initializedTrue = (status.conditions ?? []).some((c) => c.type === "Initialized" && c.status === "True");
  if (!initializing || initializedTrue) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses: ContainerStatus[] = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i];
      restarts += container.restartCount ?? 0;
      lastRestart = later(lastRestart, container.lastState?.terminated?.finishedAt);
      const waiting = container.state?.waiting;
      const terminated = container.state?.terminated;
      if (waiting && waiting.reason) {
        reason = waiting.reason;
      } else if (terminated && terminated.reason) {
        reason = terminated.reason;
      } else if (terminated) {
        reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`;
      } else if (container.ready && container.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === "Completed" && hasRunning) {
      const ready = (status.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
      reason = ready ? "Running" : "NotReady";
    }
  }

  if (pod.metadata?.deletionTimestamp && status.reason === "NodeLost") {
    reason = "Unknown";
  } else if (pod.metadata?.deletionTimestamp && phase !== "Succeeded" && phase !== "Failed") {
    reason = "Terminating";
  }

  let restartsCell = String(restarts);
  if (restarts !== 0 && lastRestart !== 0) restartsCell = `${restarts} (${since(new Date(lastRestart).toISOString(), now)} ago)`;

  const podIP = status.podIPs?.[0]?.ip || "<none>";
  const nodeName = spec.nodeName || "<none>";
  const nominated = status.nominatedNodeName || "<none>";
  let readinessGates = "<none>";
  const gates = spec.readinessGates ?? [];
  if (gates.length > 0) {
    let trueConditions = 0;
    for (const gate of gates) {
      const condition = (status.conditions ?? []).find((c) => c.type === gate.conditionType);
      if (condition?.status === "True") trueConditions++;
    }
    readinessGates = `${trueConditions}/${gates.length}`;
  }
  return [
    pod.metadata?.name,
    `${readyContainers}/${totalContainers}`,
    reason,
    restartsCell,
    creationAge(pod as never, now),
    podIP,
    nodeName,
    nominated,
    readinessGates,
  ];
}
