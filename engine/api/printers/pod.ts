import type { Container, ContainerStatus, Pod } from "kubernetes-types/core/v1";
import { column, humanDuration, NAME_COLUMN, type TablePrinter } from "../table";
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
  rows: (obj, ctx) => podRows(obj as unknown as Pod, ctx.now),
};

const isSidecar = (c: Container | undefined) => c?.restartPolicy === "Always";

function later(current: number, finishedAt: string | undefined): number {
  if (!finishedAt) return current;
  const t = Date.parse(finishedAt);
  return t > current ? t : current;
}

const NONE: readonly never[] = [];

/** A pod's row without the clock-dependent cells (AGE, the "(5m ago)" of RESTARTS). */
interface ClockFreeRow {
  name: string | undefined;
  ready: string;
  reason: string;
  restarts: number;
  lastRestart: number;
  podIP: string;
  nodeName: string;
  nominated: string;
  readinessGates: string;
}

// Stored objects are frozen, so a stored pod's clock-free cells never change: they are computed
// once per pod version. Reading a thousand pods' fields (objects of many shapes) is what made
// `kubectl get pods` slow; the cells that follow the clock are cheap arithmetic on cached numbers.
const clockFreeRows = new WeakMap<Pod, ClockFreeRow>();
const creationTimes = new WeakMap<Pod, number>();

/** A stored pod's rows as last printed: the same again while its clock cells read the same. */
interface PrintedRows {
  now: number;
  age: string;
  restarts: string;
  rows: readonly (readonly unknown[])[];
}
const printedRows = new WeakMap<Pod, PrintedRows>();

/**
 * The pod's one row. A stored pod's row is kept (frozen) and handed out again while its AGE and
 * RESTARTS cells are unchanged (a table of 1,000 pods then makes no row arrays at all).
 */
function podRows(pod: Pod, now: number): unknown[][] {
  const frozen = Object.isFrozen(pod);
  if (!frozen) return [podRow(pod, now)];
  const printed = printedRows.get(pod);
  if (printed?.now === now) return printed.rows as unknown[][];
  const row = clockFreeRowOf(pod, true);
  const restarts = restartsCell(row, now);
  const age = podAge(pod, now, true);
  if (printed && printed.age === age && printed.restarts === restarts) {
    printed.now = now;
    return printed.rows as unknown[][];
  }
  const rows = Object.freeze([Object.freeze(cellsOf(row, restarts, age))]);
  printedRows.set(pod, { now, age, restarts, rows });
  return rows as unknown[][];
}

export function podRow(pod: Pod, now: number): unknown[] {
  const frozen = Object.isFrozen(pod);
  const row = clockFreeRowOf(pod, frozen);
  return cellsOf(row, restartsCell(row, now), podAge(pod, now, frozen));
}

function clockFreeRowOf(pod: Pod, frozen: boolean): ClockFreeRow {
  let row = frozen ? clockFreeRows.get(pod) : undefined;
  if (!row) {
    row = clockFreeRow(pod);
    if (frozen) clockFreeRows.set(pod, row);
  }
  return row;
}

function restartsCell(row: ClockFreeRow, now: number): string {
  if (row.restarts !== 0 && row.lastRestart !== 0) return `${row.restarts} (${since(new Date(row.lastRestart).toISOString(), now)} ago)`;
  return String(row.restarts);
}

function cellsOf(row: ClockFreeRow, restarts: string, age: string): unknown[] {
  return [row.name, row.ready, row.reason, restarts, age, row.podIP, row.nodeName, row.nominated, row.readinessGates];
}

function podAge(pod: Pod, now: number, frozen: boolean): string {
  const timestamp = pod.metadata?.creationTimestamp;
  if (!frozen || !timestamp) return creationAge(pod as never, now);
  let created = creationTimes.get(pod);
  if (created === undefined) {
    created = Date.parse(timestamp);
    creationTimes.set(pod, created);
  }
  return humanDuration(now - created);
}

function clockFreeRow(pod: Pod): ClockFreeRow {
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  const conditions = status.conditions ?? NONE;
  let restarts = 0;
  let sidecarRestarts = 0;
  let totalContainers = spec.containers?.length ?? 0;
  let readyContainers = 0;
  let lastRestart = 0;
  let lastSidecarRestart = 0;

  const phase = status.phase ?? "";
  let reason = status.reason ? status.reason : phase;
  let initializedTrue = false;
  let readyTrue = false;
  for (const condition of conditions) {
    if (condition.type === "PodScheduled" && condition.reason === "SchedulingGated") reason = "SchedulingGated";
    else if (condition.type === "Initialized" && condition.status === "True") initializedTrue = true;
    else if (condition.type === "Ready" && condition.status === "True") readyTrue = true;
  }

  // Most pods have no init containers: no lookup table for them (a 1,000-pod list prints fast).
  const initSpecs = spec.initContainers ?? NONE;
  const initContainers = initSpecs.length > 0 ? new Map<string, Container>() : undefined;
  for (const c of initSpecs) {
    initContainers!.set(c.name, c);
    if (isSidecar(c)) totalContainers++;
  }

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? NONE;
  for (let i = 0; i < initStatuses.length; i++) {
    const container = initStatuses[i];
    restarts += container.restartCount ?? 0;
    lastRestart = later(lastRestart, container.lastState?.terminated?.finishedAt);
    const sidecar = isSidecar(initContainers?.get(container.name));
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
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || initializedTrue) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses: readonly ContainerStatus[] = status.containerStatuses ?? NONE;
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
    if (reason === "Completed" && hasRunning) reason = readyTrue ? "Running" : "NotReady";
  }

  if (pod.metadata?.deletionTimestamp && status.reason === "NodeLost") {
    reason = "Unknown";
  } else if (pod.metadata?.deletionTimestamp && phase !== "Succeeded" && phase !== "Failed") {
    reason = "Terminating";
  }

  const podIP = status.podIPs?.[0]?.ip || "<none>";
  const nodeName = spec.nodeName || "<none>";
  const nominated = status.nominatedNodeName || "<none>";
  let readinessGates = "<none>";
  const gates = spec.readinessGates ?? NONE;
  if (gates.length > 0) {
    let trueConditions = 0;
    for (const gate of gates) {
      const condition = conditions.find((c) => c.type === gate.conditionType);
      if (condition?.status === "True") trueConditions++;
    }
    readinessGates = `${trueConditions}/${gates.length}`;
  }
  return { name: pod.metadata?.name, ready: `${readyContainers}/${totalContainers}`, reason, restarts, lastRestart, podIP, nodeName, nominated, readinessGates };
}
