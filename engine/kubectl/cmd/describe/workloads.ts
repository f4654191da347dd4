/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KubeObject } from "../../../api/types";
import { humanDuration } from "../../../api/table";
import { formatLabelSelector, formatSelector, fromLabelSelector } from "../../../api/selectors/labels";
import { formatLabels } from "../../printers/table";
import { controllerOf, describePodTemplate } from "./describers";
import { describeEvents, DescribeWriter, printAnnotations, printLabels, rfc1123z, type EventLike } from "./writer";

/**
 * kubectl describe for the workload controllers (ReplicaSet, DaemonSet, StatefulSet, Job, CronJob)
 * and the HorizontalPodAutoscaler, following k8s.io/kubectl/pkg/describe v1.33.
 */
type Any = any;

export interface WorkloadRelated {
  now: number;
  events?: EventLike[];
  /** Pods matching the controller's selector (the describer keeps those it controls). */
  pods?: KubeObject[];
}

/** labels.Selector.String() of a LabelSelector: empty for none. */
function selectorText(sel: Any): string {
  return sel ? formatSelector(fromLabelSelector(sel)) : "";
}

/** getPodStatusForController: phases of the pods whose controller is this object. */
function podsStatus(owner: KubeObject, pods: KubeObject[] | undefined): string {
  const counts = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 };
  for (const pod of pods ?? []) {
    const ref = pod.metadata.ownerReferences?.find((o) => o.controller);
    if (!ref || ref.uid !== owner.metadata.uid) continue;
    const phase = (pod as Any).status?.phase as keyof typeof counts;
    if (phase in counts) counts[phase]++;
  }
  return `${counts.Running} Running / ${counts.Pending} Waiting / ${counts.Succeeded} Succeeded / ${counts.Failed} Failed`;
}

function conditionsTable(w: DescribeWriter, conditions: Any[] | undefined): void {
  if (!conditions?.length) return;
  w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
  w.write(1, "----\t------\t------\n");
  for (const c of conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ""}\n`);
}

export function describeReplicaSet(rs: KubeObject, r: WorkloadRelated): string {
  const x = rs as Any;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${rs.metadata.name}\n`);
  w.write(0, `Namespace:\t${rs.metadata.namespace}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(x.spec?.selector)}\n`);
  printLabels(w, "Labels", rs.metadata.labels);
  printAnnotations(w, "Annotations", rs.metadata.annotations);
  const controlledBy = controllerOf(rs);
  if (controlledBy) w.write(0, `Controlled By:\t${controlledBy}\n`);
  w.write(0, `Replicas:\t${x.status?.replicas ?? 0} current / ${x.spec?.replicas ?? 0} desired\n`);
  w.write(0, `Pods Status:\t${podsStatus(rs, r.pods)}\n`);
  describePodTemplate(w, x.spec?.template);
  conditionsTable(w, x.status?.conditions);
  describeEvents(w, r.events, r.now);
  return w.toString();
}

export function describeDaemonSet(ds: KubeObject, r: WorkloadRelated): string {
  const x = ds as Any;
  const status = x.status ?? {};
  const w = new DescribeWriter();
  w.write(0, `Name:\t${ds.metadata.name}\n`);
  w.write(0, `Namespace:\t${ds.metadata.namespace}\n`);
  w.write(0, `Selector:\t${selectorText(x.spec?.selector)}\n`);
  w.write(0, `Node-Selector:\t${formatLabels(x.spec?.template?.spec?.nodeSelector)}\n`);
  printLabels(w, "Labels", ds.metadata.labels);
  printAnnotations(w, "Annotations", ds.metadata.annotations);
  w.write(0, `Desired Number of Nodes Scheduled: ${status.desiredNumberScheduled ?? 0}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${status.currentNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${status.updatedNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${status.numberAvailable ?? 0}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${status.numberMisscheduled ?? 0}\n`);
  w.write(0, `Pods Status:\t${podsStatus(ds, r.pods)}\n`);
  describePodTemplate(w, x.spec?.template);
  describeEvents(w, r.events, r.now);
  return w.toString();
}

function describeVolumeClaimTemplates(w: DescribeWriter, templates: Any[] | undefined): void {
  if (!templates?.length) {
    w.write(0, "Volume Claims:\t<none>\n");
    return;
  }
  w.write(0, "Volume Claims:\n");
  for (const pvc of templates) {
    w.write(1, `Name:\t${pvc.metadata?.name ?? ""}\n`);
    w.write(1, `StorageClass:\t${pvc.spec?.storageClassName ?? pvc.metadata?.annotations?.["volume.beta.kubernetes.io/storage-class"] ?? ""}\n`);
    printLabels(w, "Labels", pvc.metadata?.labels, "  ");
    printLabels(w, "Annotations", pvc.metadata?.annotations, "  ");
    const capacity = pvc.spec?.resources?.requests?.storage;
    w.write(1, `Capacity:\t${capacity ?? "<default>"}\n`);
    w.write(1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(" ")}]\n`);
  }
}

export function describeStatefulSet(sts: KubeObject, r: WorkloadRelated): string {
  const x = sts as Any;
  const spec = x.spec ?? {};
  const w = new DescribeWriter();
  w.write(0, `Name:\t${sts.metadata.name}\n`);
  w.write(0, `Namespace:\t${sts.metadata.namespace}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(sts.metadata.creationTimestamp)}\n`);
  w.write(0, `Selector:\t${selectorText(spec.selector)}\n`);
  printLabels(w, "Labels", sts.metadata.labels);
  printAnnotations(w, "Annotations", sts.metadata.annotations);
  w.write(0, `Replicas:\t${spec.replicas ?? 0} desired | ${x.status?.replicas ?? 0} total\n`);
  w.write(0, `Update Strategy:\t${spec.updateStrategy?.type ?? ""}\n`);
  const ru = spec.updateStrategy?.rollingUpdate;
  if (ru && ru.partition !== undefined && ru.partition !== null) {
    w.write(1, `Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null) w.write(1, `MaxUnavailable:\t${ru.maxUnavailable}\n`);
  }
  w.write(0, `Pods Status:\t${podsStatus(sts, r.pods)}\n`);
  describePodTemplate(w, spec.template);
  describeVolumeClaimTemplates(w, spec.volumeClaimTemplates);
  describeEvents(w, r.events, r.now);
  return w.toString();
}

const isSet = (v: unknown) => v !== undefined && v !== null;

export function describeJob(job: KubeObject, r: WorkloadRelated): string {
  const x = job as Any;
  const spec = x.spec ?? {};
  const status = x.status ?? {};
  const w = new DescribeWriter();
  w.write(0, `Name:\t${job.metadata.name}\n`);
  w.write(0, `Namespace:\t${job.metadata.namespace}\n`);
  w.write(0, `Selector:\t${selectorText(spec.selector)}\n`);
  printLabels(w, "Labels", job.metadata.labels);
  printAnnotations(w, "Annotations", job.metadata.annotations);
  const controlledBy = controllerOf(job);
  if (controlledBy) w.write(0, `Controlled By:\t${controlledBy}\n`);
  if (isSet(spec.parallelism)) w.write(0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(0, `Completions:\t${isSet(spec.completions) ? spec.completions : "<unset>"}\n`);
  if (spec.completionMode) w.write(0, `Completion Mode:\t${spec.completionMode}\n`);
  if (isSet(spec.suspend)) w.write(0, `Suspend:\t${spec.suspend}\n`);
  if (isSet(spec.backoffLimit)) w.write(0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (isSet(spec.ttlSecondsAfterFinished)) w.write(0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  if (status.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  if (status.completionTime) w.write(0, `Completed At:\t${rfc1123z(status.completionTime)}\n`);
  if (status.startTime && status.completionTime) w.write(0, `Duration:\t${humanDuration(Date.parse(status.completionTime) - Date.parse(status.startTime))}\n`);
  if (isSet(spec.activeDeadlineSeconds)) w.write(0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  const counts = `${status.active ?? 0} Active${isSet(status.ready) ? ` (${status.ready} Ready)` : ""} / ${status.succeeded ?? 0} Succeeded / ${status.failed ?? 0} Failed`;
  w.write(0, `Pods Statuses:\t${counts}\n`);
  if (spec.completionMode === "Indexed") w.write(0, `Completed Indexes:\t${capIndexes(status.completedIndexes ?? "", 50)}\n`);
  describePodTemplate(w, spec.template);
  describeEvents(w, r.events, r.now);
  return w.toString();
}

/** capIndexesListOrNone: the list up to the first comma after softLimit characters. */
function capIndexes(indexes: string, softLimit: number): string {
  if (indexes.length === 0) return "<none>";
  const comma = indexes.indexOf(",", softLimit);
  return comma === -1 ? indexes : indexes.slice(0, comma + 1) + "...";
}

export function describeCronJob(cj: KubeObject, r: WorkloadRelated): string {
  const x = cj as Any;
  const spec = x.spec ?? {};
  const w = new DescribeWriter();
  const orUnset = (v: unknown, suffix = "") => (isSet(v) ? `${v}${suffix}` : "<unset>");
  w.write(0, `Name:\t${cj.metadata.name}\n`);
  w.write(0, `Namespace:\t${cj.metadata.namespace}\n`);
  printLabels(w, "Labels", cj.metadata.labels);
  printAnnotations(w, "Annotations", cj.metadata.annotations);
  w.write(0, `Schedule:\t${spec.schedule ?? ""}\n`);
  w.write(0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ""}\n`);
  w.write(0, `Suspend:\t${isSet(spec.suspend) ? (spec.suspend ? "True" : "False") : "<unset>"}\n`);
  if (isSet(spec.timeZone)) w.write(0, `Time Zone:\t${spec.timeZone}\n`);
  w.write(0, `Successful Job History Limit:\t${orUnset(spec.successfulJobsHistoryLimit)}\n`);
  w.write(0, `Failed Job History Limit:\t${orUnset(spec.failedJobsHistoryLimit)}\n`);
  w.write(0, `Starting Deadline Seconds:\t${orUnset(spec.startingDeadlineSeconds, "s")}\n`);
  const jobSpec = spec.jobTemplate?.spec ?? {};
  w.write(0, `Selector:\t${jobSpec.selector ? selectorText(jobSpec.selector) : "<unset>"}\n`);
  w.write(0, `Parallelism:\t${orUnset(jobSpec.parallelism)}\n`);
  w.write(0, `Completions:\t${orUnset(jobSpec.completions)}\n`);
  if (isSet(jobSpec.activeDeadlineSeconds)) w.write(0, `Active Deadline Seconds:\t${jobSpec.activeDeadlineSeconds}s\n`);
  describePodTemplate(w, jobSpec.template);
  w.write(0, `Last Schedule Time:\t${x.status?.lastScheduleTime ? rfc1123z(x.status.lastScheduleTime) : "<unset>"}\n`);
  const active: Any[] = x.status?.active ?? [];
  w.write(0, `Active Jobs:\t${active.length ? active.map((j) => j.name).join(", ") : "<none>"}\n`);
  describeEvents(w, r.events, r.now);
  return w.toString();
}

function metricLines(w: DescribeWriter, hpa: Any): void {
  const current: Any[] = hpa.status?.currentMetrics ?? [];
  (hpa.spec?.metrics ?? []).forEach((m: Any, i: number) => {
    const cur = current[i];
    switch (m.type) {
      case "External": {
        const t = m.external?.target ?? {};
        if (isSet(t.averageValue)) w.write(1, `"${m.external.metric.name}" (target average value):\t${cur?.external?.current?.averageValue ?? "<unknown>"} / ${t.averageValue}\n`);
        else w.write(1, `"${m.external.metric.name}" (target value):\t${cur?.external ? (cur.external.current?.value ?? "0") : "<unknown>"} / ${t.value ?? "0"}\n`);
        break;
      }
      case "Pods":
        w.write(1, `"${m.pods.metric.name}" on pods:\t${cur?.pods ? (cur.pods.current?.averageValue ?? "0") : "<unknown>"} / ${m.pods.target?.averageValue ?? "0"}\n`);
        break;
      case "Object": {
        const o = m.object;
        w.write(1, `"${o.metric.name}" on ${o.describedObject.kind}/${o.describedObject.name} `);
        if (o.target?.type === "AverageValue") w.write(0, `(target average value):\t${cur?.object ? (cur.object.current?.averageValue ?? "0") : "<unknown>"} / ${o.target.averageValue ?? "0"}\n`);
        else w.write(0, `(target value):\t${cur?.object ? (cur.object.current?.value ?? "0") : "<unknown>"} / ${o.target?.value ?? "0"}\n`);
        break;
      }
      case "Resource":
      case "ContainerResource": {
        const res = m.type === "Resource" ? m.resource : m.containerResource;
        const got = m.type === "Resource" ? cur?.resource : cur?.containerResource;
        w.write(1, m.type === "Resource" ? `resource ${res.name} on pods` : `resource ${res.name} of container "${res.container}" on pods`);
        if (isSet(res.target?.averageValue)) {
          w.write(0, `:\t${got ? (got.current?.averageValue ?? "0") : "<unknown>"} / ${res.target.averageValue}\n`);
        } else {
          const now = got && isSet(got.current?.averageUtilization) ? `${got.current.averageUtilization}% (${got.current.averageValue ?? "0"})` : "<unknown>";
          const target = isSet(res.target?.averageUtilization) ? `${res.target.averageUtilization}%` : "<auto>";
          w.write(1, `(as a percentage of request):\t${now} / ${target}\n`);
        }
        break;
      }
      default:
        w.write(1, `<unknown metric type "${m.type}">\n`);
    }
  });
}

function directionBehavior(w: DescribeWriter, title: string, rules: Any): void {
  if (!rules) return;
  w.write(1, `${title}:\n`);
  if (isSet(rules.stabilizationWindowSeconds)) w.write(2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  if (rules.policies?.length) {
    w.write(2, `Select Policy: ${rules.selectPolicy ?? "Max"}\n`);
    w.write(2, "Policies:\n");
    for (const p of rules.policies) w.write(3, `- Type: ${p.type}\tValue: ${p.value}\tPeriod: ${p.periodSeconds} seconds\n`);
  }
}

/** The autoscaling/v2 layout (kubectl reads HPAs at v2). */
export function describeHorizontalPodAutoscaler(hpa: KubeObject, r: WorkloadRelated): string {
  const x = hpa as Any;
  const spec = x.spec ?? {};
  const w = new DescribeWriter();
  w.write(0, `Name:\t${hpa.metadata.name}\n`);
  w.write(0, `Namespace:\t${hpa.metadata.namespace}\n`);
  printLabels(w, "Labels", hpa.metadata.labels);
  printAnnotations(w, "Annotations", hpa.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(hpa.metadata.creationTimestamp)}\n`);
  w.write(0, `Reference:\t${spec.scaleTargetRef?.kind}/${spec.scaleTargetRef?.name}\n`);
  w.write(0, "Metrics:\t( current / target )\n");
  metricLines(w, x);
  w.write(0, `Min replicas:\t${isSet(spec.minReplicas) ? spec.minReplicas : "<unset>"}\n`);
  w.write(0, `Max replicas:\t${spec.maxReplicas ?? 0}\n`);
  if (spec.behavior) {
    w.write(0, "Behavior:\n");
    directionBehavior(w, "Scale Up", spec.behavior.scaleUp);
    directionBehavior(w, "Scale Down", spec.behavior.scaleDown);
  }
  w.write(0, `${spec.scaleTargetRef?.kind} pods:\t`);
  w.write(0, `${x.status?.currentReplicas ?? 0} current / ${x.status?.desiredReplicas ?? 0} desired\n`);
  if (x.status?.conditions?.length) {
    w.write(0, "Conditions:\n");
    w.write(1, "Type\tStatus\tReason\tMessage\n");
    w.write(1, "----\t------\t------\t-------\n");
    for (const c of x.status.conditions) w.write(1, `${c.type}\t${c.status}\t${c.reason ?? ""}\t${c.message ?? ""}\n`);
  }
  describeEvents(w, r.events, r.now);
  return w.toString();
}
