import type { Job, JobCondition, PodFailurePolicyRule } from "kubernetes-types/batch/v1";
import type { Pod } from "kubernetes-types/core/v1";
import { ApiError } from "../api/errors";
import { fromLabelSelector, matches } from "../api/selectors/labels";
import type { KubeObject } from "../api/types";
import { deepEqual } from "../util/json";
import { splitKey, type ControllerFactory } from "./controller";
import { EventRecorder } from "./events";
import { asPod, controllerRef, isReady, podFromTemplate } from "./pods";

const TRACKING_FINALIZER = "batch.kubernetes.io/job-tracking";
const INDEX_LABEL = "batch.kubernetes.io/job-completion-index";
const BACKOFF_BASE_MS = 10_000;
const BACKOFF_MAX_MS = 6 * 60_000;

/** "0-2,4": completed indexes as the Job status writes them. */
export function formatIndexes(indexes: number[]): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(",");
}

function indexOf(pod: Pod): number | undefined {
  const v = pod.metadata?.annotations?.[INDEX_LABEL] ?? pod.metadata?.labels?.[INDEX_LABEL];
  return v === undefined ? undefined : Number(v);
}

function condition(type: string, reason: string, message: string, now: string): JobCondition {
  return { type, status: "True", lastProbeTime: now, lastTransitionTime: now, reason, message };
}

/** The first podFailurePolicy rule a failed pod matches, with the text the Failed condition quotes. */
function matchFailurePolicy(job: Job, pod: Pod): { rule: PodFailurePolicyRule; index: number; message: string } | undefined {
  const rules = job.spec?.podFailurePolicy?.rules ?? [];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (rule.onExitCodes) {
      const { containerName, operator, values } = rule.onExitCodes;
      for (const cs of pod.status?.containerStatuses ?? []) {
        if (containerName && cs.name !== containerName) continue;
        const code = cs.state?.terminated?.exitCode;
        if (code === undefined || code === 0) continue;
        const hit = operator === "In" ? values.includes(code) : !values.includes(code);
        if (hit) return { rule, index: i, message: `Container ${cs.name} for pod ${pod.metadata!.namespace}/${pod.metadata!.name} failed with exit code ${code} matching ${rule.action} rule at index ${i}` };
      }
    }
    for (const pc of rule.onPodConditions ?? []) {
      if ((pod.status?.conditions ?? []).some((c) => c.type === pc.type && c.status === (pc.status ?? "True"))) {
        return { rule, index: i, message: `Pod ${pod.metadata!.namespace}/${pod.metadata!.name} has condition ${pc.type} matching ${rule.action} rule at index ${i}` };
      }
    }
  }
  return undefined;
}

/**
 * The Job controller: runs pods until `completions` succeed (NonIndexed or Indexed), at most
 * `parallelism` at once, recreating failed ones with exponential backoff until backoffLimit; honours
 * activeDeadlineSeconds, suspend and podFailurePolicy; reports SuccessCriteriaMet/Complete or
 * FailureTarget/Failed with the real reasons.
 */
export const jobController: ControllerFactory = ({ client, clock, random, requeueAfter }) => {
  const recorder = new EventRecorder(client, clock, random, { component: "job-controller" });
  return {
    name: "job-controller",
    watches: ["batch/jobs", "/pods"],
    keysFor(event) {
      if (event.typeKey === "batch/jobs") return [`${event.object.metadata.namespace}/${event.object.metadata.name}`];
      const ref = controllerRef(event.object);
      return ref?.kind === "Job" ? [`${event.object.metadata.namespace}/${ref.name}`] : [];
    },
    resync: () => client.server.store.list("batch/jobs").map((j) => `${j.metadata.namespace}/${j.metadata.name}`),
    reconcile(key) {
      const { namespace, name } = splitKey(key);
      const obj = client.get("batch", "jobs", namespace, name);
      if (!obj) {
        // Pods of a deleted job must not keep its tracking finalizer for ever.
        for (const p of client.server.store.list("/pods", namespace)) {
          const ref = controllerRef(p);
          if (ref?.kind === "Job" && ref.name === name && (p.metadata.finalizers ?? []).includes(TRACKING_FINALIZER)) removeFinalizer(asPod(p));
        }
        return;
      }
      const job = JSON.parse(JSON.stringify(obj)) as Job;
      const spec = job.spec!;
      const now = clock.now();
      const nowText = clock.nowRfc3339();
      const selector = spec.selector ? fromLabelSelector(spec.selector) : [{ key: "batch.kubernetes.io/controller-uid", operator: "=" as const, values: [obj.metadata.uid!] }];
      const pods = client.server.store
        .list("/pods", namespace)
        .filter((p) => controllerRef(p)?.uid === obj.metadata.uid && matches(selector, p.metadata.labels))
        .map(asPod);
      const status = (job.status ??= {});
      const old = JSON.parse(JSON.stringify(status));
      const finished = (status.conditions ?? []).some((c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True");
      const indexed = spec.completionMode === "Indexed";
      const completions = spec.completions ?? (spec.parallelism !== undefined && !indexed ? undefined : 1);
      const parallelism = spec.parallelism ?? 1;
      const backoffLimit = spec.backoffLimit ?? 6;

      // Count finished pods once, then let them go (the tracking finalizer).
      let succeeded = status.succeeded ?? 0;
      let failed = status.failed ?? 0;
      const completed = new Set<number>(parseIndexes(status.completedIndexes));
      let policyFailure: string | undefined;
      let lastFailureAt = 0;
      for (const pod of pods) {
        const counted = !(pod.metadata?.finalizers ?? []).includes(TRACKING_FINALIZER);
        const phase = pod.status?.phase;
        if (phase === "Failed") lastFailureAt = Math.max(lastFailureAt, Date.parse(pod.status?.containerStatuses?.[0]?.state?.terminated?.finishedAt ?? "") || now);
        if (counted) continue;
        if (phase === "Succeeded") {
          if (indexed) {
            const i = indexOf(pod);
            if (i !== undefined && !completed.has(i)) completed.add(i);
          } else succeeded++;
        } else if (phase === "Failed" || (pod.metadata?.deletionTimestamp && phase !== "Succeeded")) {
          const match = phase === "Failed" ? matchFailurePolicy(job, pod) : undefined;
          if (match?.rule.action === "FailJob") policyFailure = match.message;
          if (match?.rule.action !== "Ignore") failed++;
        } else continue;
        removeFinalizer(pod);
      }
      if (indexed) succeeded = completed.size;
      const active = pods.filter((p) => !p.metadata?.deletionTimestamp && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed");
      const terminating = pods.filter((p) => p.metadata?.deletionTimestamp && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed").length;
      if (!status.startTime && !spec.suspend) status.startTime = nowText;

      let outcome: { type: "success" } | { type: "failure"; reason: string; message: string } | undefined;
      if (!finished) {
        const doneCount = completions !== undefined ? succeeded >= completions : succeeded > 0 && active.length === 0;
        if (policyFailure) outcome = { type: "failure", reason: "PodFailurePolicy", message: policyFailure };
        else if (failed > backoffLimit) outcome = { type: "failure", reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit" };
        else if (spec.activeDeadlineSeconds !== undefined && status.startTime && now - Date.parse(status.startTime) >= spec.activeDeadlineSeconds * 1000) {
          outcome = { type: "failure", reason: "DeadlineExceeded", message: "Job was active longer than specified deadline" };
        } else if (doneCount) outcome = { type: "success" };
      }

      const conditions = status.conditions ?? [];
      const has = (type: string) => conditions.some((c) => c.type === type && c.status === "True");
      if (outcome?.type === "success" && !has("SuccessCriteriaMet")) conditions.push(condition("SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods", nowText));
      if (outcome?.type === "failure" && !has("FailureTarget")) {
        conditions.push(condition("FailureTarget", outcome.reason, outcome.message, nowText));
        recorder.warning(obj, outcome.reason, outcome.message);
      }
      const target = conditions.find((c) => (c.type === "SuccessCriteriaMet" || c.type === "FailureTarget") && c.status === "True");
      if (target && !finished) {
        for (const pod of active) deletePod(pod);
        // The final condition comes once no pod of the job is still running.
        if (active.length === 0 && terminating === 0) {
          if (target.type === "SuccessCriteriaMet") {
            conditions.push(condition("Complete", target.reason!, target.message!, nowText));
            status.completionTime = nowText;
            recorder.normal(obj, "Completed", "Job completed");
          } else {
            conditions.push(condition("Failed", target.reason!, target.message!, nowText));
          }
        }
      } else if (!finished && spec.suspend) {
        for (const pod of active) deletePod(pod);
        if (!has("Suspended")) {
          conditions.push(condition("Suspended", "JobSuspended", "Job suspended", nowText));
          recorder.normal(obj, "Suspended", "Job suspended");
        }
      } else if (!finished) {
        if (has("Suspended")) {
          const i = conditions.findIndex((c) => c.type === "Suspended");
          conditions[i] = { ...conditions[i], status: "False", reason: "JobResumed", message: "Job resumed", lastTransitionTime: nowText, lastProbeTime: nowText };
          recorder.normal(obj, "Resumed", "Job resumed");
        }
        const backoffUntil = failed > 0 && lastFailureAt ? lastFailureAt + Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (failed - 1)) : 0;
        if (backoffUntil > now) requeueAfter(key, backoffUntil - now);
        else if (indexed) {
          const running = new Set(active.map(indexOf));
          const want = [...Array(completions ?? 1).keys()].filter((i) => !completed.has(i) && !running.has(i));
          for (const i of want.slice(0, Math.max(0, parallelism - active.length))) createPod(obj, i);
        } else {
          const remaining = completions !== undefined ? completions - succeeded : succeeded > 0 ? 0 : parallelism;
          const wantActive = Math.min(parallelism, Math.max(0, remaining));
          for (let i = active.length; i < wantActive; i++) createPod(obj);
          for (const pod of active.slice(wantActive)) deletePod(pod);
        }
        if (spec.activeDeadlineSeconds !== undefined && status.startTime) requeueAfter(key, Date.parse(status.startTime) + spec.activeDeadlineSeconds * 1000 - now);
      }
      if (conditions.length > 0) status.conditions = conditions;

      const live = client.server.store
        .list("/pods", namespace)
        .filter((p) => controllerRef(p)?.uid === obj.metadata.uid)
        .map(asPod);
      const liveActive = live.filter((p) => !p.metadata?.deletionTimestamp && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed");
      if (liveActive.length > 0) status.active = liveActive.length;
      else delete status.active;
      status.ready = liveActive.filter(isReady).length;
      status.terminating = live.filter((p) => p.metadata?.deletionTimestamp && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed").length;
      if (succeeded > 0) status.succeeded = succeeded;
      if (failed > 0) status.failed = failed;
      if (indexed && completed.size > 0) status.completedIndexes = formatIndexes([...completed]);
      status.uncountedTerminatedPods = {};
      if (!deepEqual(status, old)) {
        try {
          client.update({ ...(obj as KubeObject), status: status as Record<string, unknown> }, "status");
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
        }
      }
    },
  };

  function createPod(job: KubeObject, index?: number): void {
    const spec = (job.spec as Job["spec"])!;
    const template = JSON.parse(JSON.stringify(spec.template ?? {}));
    const labels = { ...(template.metadata?.labels ?? {}), "batch.kubernetes.io/controller-uid": job.metadata.uid!, "batch.kubernetes.io/job-name": job.metadata.name!, "controller-uid": job.metadata.uid!, "job-name": job.metadata.name! };
    template.metadata = { ...(template.metadata ?? {}), labels, finalizers: [...(template.metadata?.finalizers ?? []), TRACKING_FINALIZER] };
    let generateName = `${job.metadata.name}-`;
    if (index !== undefined) {
      labels[INDEX_LABEL] = String(index);
      template.metadata.annotations = { ...(template.metadata.annotations ?? {}), [INDEX_LABEL]: String(index) };
      template.spec.hostname = `${job.metadata.name}-${index}`;
      for (const c of template.spec.containers ?? []) c.env = [...(c.env ?? []), { name: "JOB_COMPLETION_INDEX", valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${INDEX_LABEL}']` } } }];
      generateName = `${job.metadata.name}-${index}-`;
    }
    try {
      const pod = client.create(podFromTemplate(template, job, generateName));
      recorder.normal(job, "SuccessfulCreate", `Created pod: ${pod.metadata.name}`);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      recorder.warning(job, "FailedCreate", `Error creating: ${e.message}`);
    }
  }

  function deletePod(pod: Pod): void {
    try {
      client.delete("", "pods", pod.metadata!.namespace, pod.metadata!.name!);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }

  function removeFinalizer(pod: Pod): void {
    const rest = (pod.metadata?.finalizers ?? []).filter((f) => f !== TRACKING_FINALIZER);
    try {
      client.patch("", "pods", pod.metadata!.namespace, pod.metadata!.name!, { metadata: { finalizers: rest.length ? rest : null } });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }
};

function parseIndexes(text: string | undefined): number[] {
  if (!text) return [];
  return text.split(",").flatMap((part) => {
    const [a, b] = part.split("-").map(Number);
    return b === undefined ? [a] : Array.from({ length: b - a + 1 }, (_, i) => a + i);
  });
}
