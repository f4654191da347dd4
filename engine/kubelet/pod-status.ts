import type { KubeObject } from "../api/types";
import type { ContainerSpec, PodSpec } from "./pod-types";
import type { ContainerRecord, PodRecord } from "./state";
import { ephemeralContainers, ephemeralStatus } from "./ephemeral";

/**
 * The PodStatus the kubelet's status manager writes: phase by the kubelet's getPhase rules,
 * the five pod conditions with their reasons, and container statuses shaped like containerd's.
 */
interface Condition {
  type: string;
  status: "True" | "False";
  lastProbeTime: null;
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

function containerStatus(spec: ContainerSpec, c: ContainerRecord | undefined, rfc: (ms: number) => string, waitingReason: string): Record<string, unknown> {
  const id = c?.id ? `containerd://${c.id}` : undefined;
  let state: Record<string, unknown>;
  if (!c || (c.state === "waiting" && !c.reason)) state = { waiting: { reason: waitingReason } };
  else if (c.state === "running") state = { running: { startedAt: rfc(c.startedAt!) } };
  else if (c.state === "terminated")
    state = {
      terminated: {
        ...(id ? { containerID: id } : {}),
        exitCode: c.exitCode ?? 0,
        finishedAt: rfc(c.finishedAt ?? 0),
        ...(c.message ? { message: c.message } : {}),
        reason: c.reason ?? "Error",
        startedAt: c.startedAt ? rfc(c.startedAt) : "1970-01-01T00:00:00Z",
      },
    };
  else state = { waiting: { ...(c.message ? { message: c.message } : {}), reason: c.reason } };
  const last = c?.last
    ? {
        terminated: {
          containerID: `containerd://${c.last.containerID}`,
          exitCode: c.last.exitCode,
          finishedAt: rfc(c.last.finishedAt),
          ...(c.last.message ? { message: c.last.message } : {}),
          reason: c.last.reason,
          startedAt: c.last.startedAt ? rfc(c.last.startedAt) : "1970-01-01T00:00:00Z",
        },
      }
    : {};
  const status: Record<string, unknown> = {
    ...(id && c?.state !== "waiting" ? { containerID: id } : c?.state === "waiting" && c.last ? {} : {}),
    image: c?.image ?? spec.image ?? "",
    imageID: c?.imageID ?? "",
    lastState: last,
    name: spec.name,
    ready: !!c?.ready && c.state === "running",
    restartCount: c?.restartCount ?? 0,
    started: c?.state === "running" ? !!c.started : false,
    state,
  };
  if (c?.id && c.state !== "waiting") status.containerID = id;
  if (c?.state === "running" || c?.state === "terminated") {
    status.user = { linux: { gid: spec.securityContext?.runAsGroup ?? 0, supplementalGroups: [spec.securityContext?.runAsGroup ?? 0], uid: spec.securityContext?.runAsUser ?? 0 } };
  }
  if (spec.volumeMounts?.length && c && c.state !== "waiting") {
    status.volumeMounts = spec.volumeMounts.map((m) => ({ mountPath: m.mountPath, name: m.name, ...(m.readOnly ? { readOnly: true, recursiveReadOnly: "Disabled" } : {}) }));
  }
  return status;
}

/** The kubelet's getPhase. */
function phaseOf(spec: PodSpec, rec: PodRecord, initDone: boolean): string {
  const policy = spec.restartPolicy ?? "Always";
  if (!initDone) {
    const failedInit = (spec.initContainers ?? []).some((i) => i.restartPolicy !== "Always" && rec.containers[i.name]?.state === "terminated" && (rec.containers[i.name]?.exitCode ?? 0) !== 0);
    return policy === "Never" && failedInit ? "Failed" : "Pending";
  }
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of spec.containers) {
    const r = rec.containers[c.name];
    if (!r) waiting++;
    else if (r.state === "running") running++;
    else if (r.state === "terminated") {
      stopped++;
      if (r.exitCode === 0) succeeded++;
    } else if (r.last) {
      stopped++;
      if (r.last.exitCode === 0 && r.reason !== "CrashLoopBackOff") succeeded++;
    } else waiting++;
  }
  if (waiting > 0) return "Pending";
  if (running > 0) return "Running";
  if (stopped > 0) {
    if (policy === "Always") return "Running";
    if (policy === "OnFailure") return stopped === succeeded ? "Succeeded" : "Running";
    return stopped === succeeded ? "Succeeded" : "Failed";
  }
  return "Pending";
}

export function buildPodStatus(
  pod: KubeObject,
  rec: PodRecord,
  ctx: { hostIP: string; now: number; rfc3339: (ms: number) => string },
  override?: { phase: string; reason: string; message: string },
): Record<string, unknown> {
  const spec = pod.spec as PodSpec;
  const current = (pod.status ?? {}) as { conditions?: Condition[]; startTime?: string; qosClass?: string; phase?: string };
  const rfc = ctx.rfc3339;
  const inits = spec.initContainers ?? [];
  const incompleteInit = inits.filter((i) => {
    const r = rec.containers[i.name];
    if (i.restartPolicy === "Always") return !r?.started;
    return !(r?.state === "terminated" && r.exitCode === 0);
  });
  const initDone = incompleteInit.length === 0;
  const phase = override?.phase ?? phaseOf(spec, rec, initDone);
  const unready = spec.containers.filter((c) => !(rec.containers[c.name]?.ready && rec.containers[c.name]?.state === "running")).map((c) => c.name);
  const unreadySidecars = inits.filter((i) => i.restartPolicy === "Always" && !(rec.containers[i.name]?.ready && rec.containers[i.name]?.state === "running")).map((i) => i.name);
  const allUnready = [...unreadySidecars, ...unready];
  const completed = phase === "Succeeded" || phase === "Failed";

  const condition = (type: string, ok: boolean, reason?: string, message?: string): Condition => {
    const status = ok ? "True" : "False";
    const old = current.conditions?.find((c) => c.type === type);
    return {
      type,
      status,
      lastProbeTime: null,
      lastTransitionTime: old && old.status === status ? old.lastTransitionTime : rfc(ctx.now),
      ...(!ok && reason ? { reason } : {}),
      ...(!ok && message ? { message } : {}),
    };
  };
  const sandboxReady = !!rec.sandboxId && !completed;
  const conditions: Condition[] = [
    condition("PodReadyToStartContainers", sandboxReady),
    condition("Initialized", initDone, "ContainersNotInitialized", `containers with incomplete status: [${incompleteInit.map((i) => i.name).join(" ")}]`),
    condition("Ready", allUnready.length === 0 && !completed, completed ? "PodCompleted" : "ContainersNotReady", completed ? undefined : `containers with unready status: [${allUnready.join(" ")}]`),
    condition("ContainersReady", allUnready.length === 0 && !completed, completed ? "PodCompleted" : "ContainersNotReady", completed ? undefined : `containers with unready status: [${allUnready.join(" ")}]`),
  ];
  const scheduled = current.conditions?.find((c) => c.type === "PodScheduled") ?? { type: "PodScheduled", status: "True" as const, lastProbeTime: null, lastTransitionTime: rfc(rec.createdAt) };
  conditions.push(scheduled as Condition);
  if (initDone && !completed && incompleteInit.length === 0) {
    // keep order stable
  }
  const appWaiting = initDone ? "ContainerCreating" : "PodInitializing";
  const ephemeral = ephemeralContainers(spec);
  const status: Record<string, unknown> = {
    conditions,
    containerStatuses: spec.containers.map((c) => containerStatus(c, rec.containers[c.name], rfc, appWaiting)),
    ...(ephemeral.length ? { ephemeralContainerStatuses: ephemeral.map((c) => ephemeralStatus(containerStatus(c, rec.containers[c.name], rfc, appWaiting))) } : {}),
    hostIP: ctx.hostIP,
    hostIPs: [{ ip: ctx.hostIP }],
    ...(inits.length ? { initContainerStatuses: inits.map((c) => containerStatus(c, rec.containers[c.name], rfc, "PodInitializing")) } : {}),
    ...(override ? { message: override.message } : {}),
    phase,
    ...(rec.ip ? { podIP: rec.ip, podIPs: [{ ip: rec.ip }] } : {}),
    ...(current.qosClass ? { qosClass: current.qosClass } : {}),
    ...(override ? { reason: override.reason } : {}),
    startTime: current.startTime ?? rfc(rec.createdAt),
  };
  return status;
}
