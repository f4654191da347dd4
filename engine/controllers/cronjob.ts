import type { CronJob } from "kubernetes-types/batch/v1";
import { CronExpressionParser } from "cron-parser";
import { ApiError } from "../api/errors";
import { CRON_DESCRIPTORS } from "../api/kinds/cron";
import type { KubeObject } from "../api/types";
import { deepEqual } from "../util/json";
import { splitKey, type ControllerFactory } from "./controller";
import { EventRecorder } from "./events";
import { controllerRef, ownerRefTo } from "./pods";

/** More missed start times than this and the controller gives up counting (and says so). */
const MAX_MISSED = 100;

/**
 * The schedule times in (after, upTo], at most `limit` of them plus whether more were cut off.
 * Schedules are read in spec.timeZone (the controller manager's zone, UTC, otherwise).
 */
export function scheduleTimes(schedule: string, timeZone: string | undefined, after: number, upTo: number, limit = MAX_MISSED + 1): number[] {
  const expression = CRON_DESCRIPTORS[schedule.trim()] ?? schedule;
  const it = CronExpressionParser.parse(expression, { currentDate: new Date(after), tz: timeZone ?? "UTC" });
  const out: number[] = [];
  for (;;) {
    const next = it.next().getTime();
    if (next > upTo || out.length >= limit) break;
    out.push(next);
  }
  return out;
}

export function nextScheduleTime(schedule: string, timeZone: string | undefined, after: number): number {
  const expression = CRON_DESCRIPTORS[schedule.trim()] ?? schedule;
  return CronExpressionParser.parse(expression, { currentDate: new Date(after), tz: timeZone ?? "UTC" }).next().getTime();
}

function finishedCondition(job: KubeObject): string | undefined {
  const conditions = (job.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
  return conditions.find((c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True")?.type;
}

const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * The CronJob controller: at each scheduled minute (in spec.timeZone) it creates `<name>-<minutes
 * since epoch>` from the job template, honouring suspend, startingDeadlineSeconds and
 * concurrencyPolicy (Allow, Forbid, Replace), tracks active jobs and last schedule/success times,
 * and prunes finished jobs beyond the history limits.
 */
export const cronJobController: ControllerFactory = ({ client, clock, random, requeueAfter }) => {
  const recorder = new EventRecorder(client, clock, random, { component: "cronjob-controller" });
  return {
    name: "cronjob-controller",
    watches: ["batch/cronjobs", "batch/jobs"],
    keysFor(event) {
      if (event.typeKey === "batch/cronjobs") return [`${event.object.metadata.namespace}/${event.object.metadata.name}`];
      const ref = controllerRef(event.object);
      return ref?.kind === "CronJob" ? [`${event.object.metadata.namespace}/${ref.name}`] : [];
    },
    resync: () => client.server.store.list("batch/cronjobs").map((c) => `${c.metadata.namespace}/${c.metadata.name}`),
    reconcile(key) {
      const { namespace, name } = splitKey(key);
      const obj = client.get("batch", "cronjobs", namespace, name);
      if (!obj || obj.metadata.deletionTimestamp) return;
      const cj = obj as unknown as CronJob;
      const spec = cj.spec!;
      const now = clock.now();
      const jobs = client.server.store.list("batch/jobs", namespace).filter((j) => controllerRef(j)?.uid === obj.metadata.uid);
      const status = JSON.parse(JSON.stringify(obj.status ?? {})) as NonNullable<CronJob["status"]>;
      const old = JSON.parse(JSON.stringify(status));

      // Active list: jobs still running; finished ones are reported once and dropped.
      const active = new Map((status.active ?? []).map((r) => [r.uid!, r]));
      for (const job of jobs) {
        const done = finishedCondition(job);
        if (!done) {
          active.set(job.metadata.uid!, ref(job));
          continue;
        }
        if (active.has(job.metadata.uid!)) {
          active.delete(job.metadata.uid!);
          recorder.normal(obj, "SawCompletedJob", `Saw completed job: ${job.metadata.name}, condition: ${done}`);
          if (done === "Complete") {
            const completion = (job.status as { completionTime?: string }).completionTime;
            if (completion && (!status.lastSuccessfulTime || Date.parse(completion) > Date.parse(status.lastSuccessfulTime))) status.lastSuccessfulTime = completion;
          }
        }
      }
      for (const uid of [...active.keys()]) if (!jobs.some((j) => j.metadata.uid === uid)) active.delete(uid);

      let schedule: number[] = [];
      let invalid = false;
      try {
        const since = Date.parse(status.lastScheduleTime ?? obj.metadata.creationTimestamp ?? "") || now;
        const earliest = spec.startingDeadlineSeconds !== undefined ? Math.max(since, now - spec.startingDeadlineSeconds * 1000) : since;
        schedule = scheduleTimes(spec.schedule, spec.timeZone ?? undefined, earliest, now);
      } catch {
        invalid = true;
        recorder.warning(obj, "UnparseableSchedule", `unparseable schedule: "${spec.schedule}"`);
      }
      if (!invalid && !spec.suspend && schedule.length > 0) {
        if (schedule.length > MAX_MISSED) {
          recorder.warning(obj, "TooManyMissedTimes", "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew");
        }
        const scheduled = schedule[schedule.length - 1];
        const jobName = `${name}-${Math.floor(scheduled / 60_000)}`;
        const alreadyRan = jobs.some((j) => j.metadata.name === jobName);
        const policy = spec.concurrencyPolicy ?? "Allow";
        if (!alreadyRan) {
          if (policy === "Forbid" && active.size > 0) {
            recorder.normal(obj, "JobAlreadyActive", "Not starting job because prior execution is running and concurrency policy is Forbid");
          } else {
            if (policy === "Replace") {
              for (const r of active.values()) {
                client.delete("batch", "jobs", namespace, r.name!, { propagationPolicy: "Background" });
                recorder.normal(obj, "SuccessfulDelete", `Deleted job ${r.name}`);
                active.delete(r.uid!);
              }
            }
            const created = createJob(obj, jobName, scheduled, spec.timeZone ?? undefined);
            if (created) {
              active.set(created.metadata.uid!, ref(created));
              status.lastScheduleTime = rfc3339(scheduled);
            }
          }
        }
      }
      if (active.size > 0) status.active = [...active.values()];
      else delete status.active;
      if (!deepEqual(status, old)) {
        try {
          client.update({ ...obj, status: status as Record<string, unknown> }, "status");
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
        }
      }
      pruneHistory(obj, spec);
      if (!invalid) {
        try {
          const next = nextScheduleTime(spec.schedule, spec.timeZone ?? undefined, now);
          requeueAfter(key, next - now + 100);
        } catch {
          // unparseable: reported above
        }
      }
    },
  };

  function ref(job: KubeObject) {
    return { apiVersion: "batch/v1", kind: "Job", name: job.metadata.name, namespace: job.metadata.namespace, resourceVersion: job.metadata.resourceVersion, uid: job.metadata.uid };
  }

  function createJob(cj: KubeObject, name: string, scheduled: number, timeZone: string | undefined): KubeObject | undefined {
    const template = JSON.parse(JSON.stringify((cj.spec as CronJob["spec"])!.jobTemplate ?? {}));
    const stamp = timeZone ? zonedRfc3339(scheduled, timeZone) : rfc3339(scheduled);
    try {
      const job = client.create({
        apiVersion: "batch/v1",
        kind: "Job",
        metadata: {
          name,
          namespace: cj.metadata.namespace,
          ...(template.metadata?.labels ? { labels: template.metadata.labels } : {}),
          annotations: { ...(template.metadata?.annotations ?? {}), "batch.kubernetes.io/cronjob-scheduled-timestamp": stamp },
          ownerReferences: [ownerRefTo(cj)],
        },
        spec: template.spec ?? {},
      });
      recorder.normal(cj, "SuccessfulCreate", `Created job ${name}`);
      return job;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      recorder.warning(cj, "FailedCreate", `Error creating job: ${e.message}`);
      return undefined;
    }
  }

  function pruneHistory(cj: KubeObject, spec: NonNullable<CronJob["spec"]>): void {
    const jobs = client.server.store.list("batch/jobs", cj.metadata.namespace).filter((j) => controllerRef(j)?.uid === cj.metadata.uid && !j.metadata.deletionTimestamp);
    const start = (j: KubeObject) => Date.parse((j.status as { startTime?: string } | undefined)?.startTime ?? j.metadata.creationTimestamp ?? "") || 0;
    for (const [kind, limit] of [
      ["Complete", spec.successfulJobsHistoryLimit ?? 3],
      ["Failed", spec.failedJobsHistoryLimit ?? 1],
    ] as const) {
      const finished = jobs.filter((j) => finishedCondition(j) === kind).sort((a, b) => start(a) - start(b));
      for (const job of finished.slice(0, Math.max(0, finished.length - limit))) {
        client.delete("batch", "jobs", job.metadata.namespace, job.metadata.name!, { propagationPolicy: "Background" });
        recorder.normal(cj, "SuccessfulDelete", `Deleted job ${job.metadata.name}`);
      }
    }
  }
};

/** RFC 3339 with the zone's offset, as Go formats a time.Time in a location. */
function zonedRfc3339(ms: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  const offset = Math.round((local - ms) / 60_000);
  const sign = offset >= 0 ? "+" : "-";
  const abs = Math.abs(offset);
  const zone = offset === 0 ? "Z" : `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${zone}`;
}
