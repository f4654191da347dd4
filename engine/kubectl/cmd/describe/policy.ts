/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KubeObject } from "../../../api/types";
import { Quantity, tryQuantity } from "../../../api/quantity";
import { formatLabelSelector } from "../../../api/selectors/labels";
import { formatLabels } from "../../printers/table";
import { describeEvents, DescribeWriter, type EventLike } from "./writer";

/**
 * kubectl describe for ResourceQuotas, LimitRanges, PriorityClasses and PodDisruptionBudgets
 * (k8s.io/kubectl/pkg/describe v1.33).
 */
type Any = any;

const SCOPE_HELP: Record<string, string> = {
  Terminating: "Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.",
  NotTerminating: "Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.",
  BestEffort: "Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.",
  NotBestEffort: "Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.",
};

/** Used is shown in the hard limit's format (1Gi hard, 512Mi used, not 536870912). */
function usedText(used: unknown, hard: unknown): string {
  const u = tryQuantity(used) ?? Quantity.zero();
  const h = tryQuantity(hard);
  if (h && h.format !== u.format) return Quantity.of(u.value(), 0, h.format).toString();
  return u.toString();
}

export function describeResourceQuota(quota: KubeObject): string {
  const x = quota as Any;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${quota.metadata.name}\n`);
  w.write(0, `Namespace:\t${quota.metadata.namespace}\n`);
  const scopes: string[] = [...(x.spec?.scopes ?? [])].sort();
  if (scopes.length) {
    w.write(0, `Scopes:\t${scopes.join(", ")}\n`);
    for (const s of scopes) if (SCOPE_HELP[s]) w.write(0, ` * ${SCOPE_HELP[s]}\n`);
  }
  w.write(0, "Resource\tUsed\tHard\n");
  w.write(0, "--------\t----\t----\n");
  const hard: Record<string, unknown> = x.status?.hard ?? {};
  for (const name of Object.keys(hard).sort()) w.write(0, `${name}\t${usedText(x.status?.used?.[name], hard[name])}\t${tryQuantity(hard[name])?.toString() ?? hard[name]}\n`);
  return w.toString();
}

/** One row per resource a limit item names (sorted; kubectl walks a Go map). */
export function limitRangeRows(w: DescribeWriter, spec: Any, prefix: string): void {
  for (const item of spec?.limits ?? []) {
    const fields = ["min", "max", "defaultRequest", "default", "maxLimitRequestRatio"] as const;
    const names = new Set<string>();
    for (const f of fields) for (const k of Object.keys(item[f] ?? {})) names.add(k);
    for (const k of [...names].sort()) {
      const v = (f: (typeof fields)[number]) => (item[f]?.[k] === undefined ? "-" : (tryQuantity(item[f][k])?.toString() ?? String(item[f][k])));
      w.write(0, `${prefix}${item.type}\t${k}\t${v("min")}\t${v("max")}\t${v("defaultRequest")}\t${v("default")}\t${v("maxLimitRequestRatio")}\n`);
    }
  }
}

export function describeLimitRange(lr: KubeObject): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${lr.metadata.name}\n`);
  w.write(0, `Namespace:\t${lr.metadata.namespace}\n`);
  w.write(0, "Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n");
  w.write(0, "----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n");
  limitRangeRows(w, (lr as Any).spec, "");
  return w.toString();
}

export function describePriorityClass(pc: KubeObject, r: { now: number; events?: EventLike[] }): string {
  const x = pc as Any;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${pc.metadata.name}\n`);
  w.write(0, `Value:\t${x.value ?? 0}\n`);
  w.write(0, `GlobalDefault:\t${x.globalDefault ? "true" : "false"}\n`);
  w.write(0, `PreemptionPolicy:\t${x.preemptionPolicy ?? ""}\n`);
  w.write(0, `Description:\t${x.description ?? ""}\n`);
  w.write(0, `Annotations:\t${formatLabels(pc.metadata.annotations)}\n`);
  describeEvents(w, r.events, r.now);
  return w.toString();
}

export function describePodDisruptionBudget(pdb: KubeObject, r: { now: number; events?: EventLike[] }): string {
  const x = pdb as Any;
  const spec = x.spec ?? {};
  const status = x.status ?? {};
  const w = new DescribeWriter();
  w.write(0, `Name:\t${pdb.metadata.name}\n`);
  w.write(0, `Namespace:\t${pdb.metadata.namespace}\n`);
  if (spec.minAvailable !== undefined && spec.minAvailable !== null) w.write(0, `Min available:\t${spec.minAvailable}\n`);
  else if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) w.write(0, `Max unavailable:\t${spec.maxUnavailable}\n`);
  w.write(0, `Selector:\t${spec.selector ? formatLabelSelector(spec.selector) : "<unset>"}\n`);
  w.write(0, "Status:\n");
  w.write(2, `Allowed disruptions:\t${status.disruptionsAllowed ?? 0}\n`);
  w.write(2, `Current:\t${status.currentHealthy ?? 0}\n`);
  w.write(2, `Desired:\t${status.desiredHealthy ?? 0}\n`);
  w.write(2, `Total:\t${status.expectedPods ?? 0}\n`);
  describeEvents(w, r.events, r.now);
  return w.toString();
}
