/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KubeObject } from "../../../api/types";
import { REVISION_ANNOTATION } from "./history";

/**
 * kubectl's rollout status viewers: one line about where the rollout stands and whether it is
 * done, from the object's spec, status and generation (polymorphichelpers/rollout_status.go).
 */
export interface RolloutStatus {
  message: string;
  done: boolean;
}

type Any = any;

/** The warning a deployment's status line carries about a stuck pod (unschedulable, image pulls, crash loops). */
export type PodWarning = (deployment: KubeObject) => string | undefined;

export function deploymentStatus(d: Any, revision: number, podWarning?: PodWarning): RolloutStatus {
  const name = d.metadata.name;
  if (revision > 0) {
    const current = Number(d.metadata.annotations?.[REVISION_ANNOTATION] ?? 0);
    if (current !== revision) throw new Error(`desired revision (${revision}) is different from the running revision (${current})`);
  }
  const status = d.status ?? {};
  const warn = (msg: string): RolloutStatus => {
    const w = podWarning?.(d);
    return { message: w ? `${msg.trim()} (Warning: ${w})\n` : msg, done: false };
  };
  if ((d.metadata.generation ?? 0) <= (status.observedGeneration ?? 0)) {
    const progressing = (status.conditions ?? []).find((c: Any) => c.type === "Progressing");
    if (progressing?.reason === "ProgressDeadlineExceeded") throw new Error(`deployment "${name}" exceeded its progress deadline`);
    const replicas = d.spec?.replicas;
    const updated = status.updatedReplicas ?? 0;
    if (replicas !== undefined && updated < replicas) return warn(`Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`);
    if ((status.replicas ?? 0) > updated) return warn(`Waiting for deployment "${name}" rollout to finish: ${(status.replicas ?? 0) - updated} old replicas are pending termination...\n`);
    if ((status.availableReplicas ?? 0) < updated) return warn(`Waiting for deployment "${name}" rollout to finish: ${status.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`);
    return { message: `deployment "${name}" successfully rolled out\n`, done: true };
  }
  return warn("Waiting for deployment spec update to be observed...\n");
}

export function daemonSetStatus(ds: Any): RolloutStatus {
  if ((ds.spec?.updateStrategy?.type ?? "RollingUpdate") !== "RollingUpdate") throw new Error("rollout status is only available for RollingUpdate strategy type");
  const s = ds.status ?? {};
  const name = ds.metadata.name;
  if ((ds.metadata.generation ?? 0) <= (s.observedGeneration ?? 0)) {
    const desired = s.desiredNumberScheduled ?? 0;
    if ((s.updatedNumberScheduled ?? 0) < desired) return { message: `Waiting for daemon set "${name}" rollout to finish: ${s.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated...\n`, done: false };
    if ((s.numberAvailable ?? 0) < desired) return { message: `Waiting for daemon set "${name}" rollout to finish: ${s.numberAvailable ?? 0} of ${desired} updated pods are available...\n`, done: false };
    return { message: `daemon set "${name}" successfully rolled out\n`, done: true };
  }
  return { message: "Waiting for daemon set spec update to be observed...\n", done: false };
}

export function statefulSetStatus(sts: Any): RolloutStatus {
  const strategy = sts.spec?.updateStrategy ?? {};
  if ((strategy.type ?? "RollingUpdate") !== "RollingUpdate") throw new Error("rollout status is only available for RollingUpdate strategy type");
  const s = sts.status ?? {};
  if (!s.observedGeneration || (sts.metadata.generation ?? 0) > s.observedGeneration) return { message: "Waiting for statefulset spec update to be observed...\n", done: false };
  const replicas = sts.spec?.replicas;
  if (replicas !== undefined && (s.readyReplicas ?? 0) < replicas) return { message: `Waiting for ${replicas - (s.readyReplicas ?? 0)} pods to be ready...\n`, done: false };
  if (strategy.rollingUpdate) {
    const partition = strategy.rollingUpdate.partition;
    if (replicas !== undefined && partition !== undefined && partition !== null) {
      if ((s.updatedReplicas ?? 0) < replicas - partition) {
        return { message: `Waiting for partitioned roll out to finish: ${s.updatedReplicas ?? 0} out of ${replicas - partition} new pods have been updated...\n`, done: false };
      }
    }
    return { message: `partitioned roll out complete: ${s.updatedReplicas ?? 0} new pods have been updated...\n`, done: true };
  }
  if (s.updateRevision !== s.currentRevision) return { message: `waiting for statefulset rolling update to complete ${s.updatedReplicas ?? 0} pods at revision ${s.updateRevision}...\n`, done: false };
  return { message: `statefulset rolling update complete ${s.currentReplicas ?? 0} pods at revision ${s.currentRevision}...\n`, done: true };
}

/** The viewer for a kind, or kubectl's error for kinds without one. */
export function statusViewerFor(group: string, kind: string, podWarning?: PodWarning): (obj: KubeObject, revision: number) => RolloutStatus {
  if (group === "apps" && kind === "Deployment") return (o, r) => deploymentStatus(o, r, podWarning);
  if (group === "apps" && kind === "DaemonSet") return (o) => daemonSetStatus(o);
  if (group === "apps" && kind === "StatefulSet") return (o) => statefulSetStatus(o);
  throw new Error(`no status viewer has been implemented for ${kind}${group ? "." + group : ""}`);
}

/** appendWarning's scan of a deployment's pods for the first sign of trouble. */
export function podWarningFrom(pods: KubeObject[]): string | undefined {
  for (const pod of pods as Any[]) {
    for (const cond of pod.status?.conditions ?? []) {
      if (cond.type === "PodScheduled" && cond.status === "False" && cond.reason === "Unschedulable") return cond.message ?? "";
    }
    for (const cs of pod.status?.containerStatuses ?? []) {
      const reason = cs.state?.waiting?.reason;
      if (["ImagePullBackOff", "ErrImagePull", "CrashLoopBackOff", "CreateContainerConfigError", "CreateContainerError"].includes(reason)) return `${reason} - ${cs.state.waiting.message ?? ""}`;
    }
  }
  return undefined;
}
