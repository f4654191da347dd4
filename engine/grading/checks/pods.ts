import type { KubeObject } from "../../api/types";
import { getObject, listObjects, type GradingContext } from "../context";
import type { CheckOf } from "../schema";
import { fail, pass, type CheckOutcome } from "./outcome";

interface PodStatusView {
  phase?: string;
  conditions?: { type: string; status: string }[];
  containerStatuses?: { name: string; ready?: boolean; state?: Record<string, { reason?: string } | undefined> }[];
}

/** Running, Ready=True and not terminating: what `kubectl get pods` shows as n/n Running. */
export function isRunningAndReady(pod: KubeObject): boolean {
  const status = (pod.status ?? {}) as PodStatusView;
  return !pod.metadata.deletionTimestamp && status.phase === "Running" && (status.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
}

/** A short phrase for why a pod is not Running and Ready, close to the STATUS column. */
export function podState(pod: KubeObject): string {
  const status = (pod.status ?? {}) as PodStatusView;
  if (pod.metadata.deletionTimestamp) return "Terminating";
  for (const c of status.containerStatuses ?? []) {
    const waiting = c.state?.waiting?.reason;
    if (waiting) return waiting;
    const terminated = c.state?.terminated?.reason;
    if (terminated) return terminated;
  }
  const phase = status.phase ?? "Pending";
  return phase === "Running" ? "Running but not Ready" : phase;
}

/** `podReady`: one named pod, or the pods a selector picks, are Running and Ready. */
export function podReadyCheck(check: CheckOf<"podReady">, ctx: GradingContext): CheckOutcome {
  if (check.name) {
    const { obj } = getObject(ctx, "pods", check.name, check.namespace, check.cluster);
    if (!obj) return fail(`pod "${check.name}" in namespace "${check.namespace}" was not found`);
    return isRunningAndReady(obj) ? pass : fail(`pod "${check.name}" in namespace "${check.namespace}" is ${podState(obj)}, not Running and Ready`);
  }
  const { items } = listObjects(ctx, "pods", { namespace: check.namespace, selector: check.selector, cluster: check.cluster });
  const pods = items;
  const ready = pods.filter(isRunningAndReady);
  const wanted = check.minimum ?? Math.max(1, pods.length);
  if (ready.length >= wanted && (check.minimum !== undefined || ready.length === pods.length)) return pass;
  if (pods.length === 0) return fail(`no pods match ${check.selector} in namespace "${check.namespace}"`);
  const notReady = pods.filter((p) => !isRunningAndReady(p)).slice(0, 3).map((p) => `${p.metadata.name} is ${podState(p)}`);
  return fail(`${ready.length} of ${pods.length} pods matching ${check.selector} in namespace "${check.namespace}" are Running and Ready (need ${wanted})${notReady.length ? ": " + notReady.join(", ") : ""}`);
}
