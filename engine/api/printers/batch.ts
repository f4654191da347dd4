import type { CronJob, Job, JobCondition } from "kubernetes-types/batch/v1";
import { column, NAME_COLUMN, type TablePrinter } from "../table";
import { humanDuration } from "../table";
import { AGE_COLUMN, boolPtr, CONTAINERS_COLUMN, containerCells, creationAge, docColumn, formatSelectorCell, IMAGES_COLUMN, since } from "./format";

/** Jobs and CronJobs, as printJob / printCronJob of printers.go (v1.33). */

function hasCondition(conditions: JobCondition[] | undefined, type: string): boolean {
  const found = (conditions ?? []).find((c) => c.type === type);
  return found?.status === "True";
}

export const jobPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column("Status", "string", "Status of the job."),
    docColumn("Completions", "string", "job.succeeded"),
    column("Duration", "string", "Time required to complete the job."),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    docColumn("Selector", "string", "job.selector", { priority: 1 }),
  ],
  rows: (obj, ctx) => {
    const job = obj as unknown as Job;
    const spec = job.spec;
    const status = job.status ?? {};
    const succeeded = status.succeeded ?? 0;
    let completions: string;
    if (spec?.completions !== undefined && spec?.completions !== null) {
      completions = `${succeeded}/${spec.completions}`;
    } else {
      const parallelism = spec?.parallelism ?? 0;
      completions = parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
    }
    let duration = "";
    if (status.startTime) {
      const end = status.completionTime ? Date.parse(status.completionTime) : ctx.now;
      duration = status.completionTime ? humanDuration(end - Date.parse(status.startTime)) : since(status.startTime, ctx.now);
    }
    let state = "Running";
    if (hasCondition(status.conditions, "Complete")) state = "Complete";
    else if (hasCondition(status.conditions, "Failed")) state = "Failed";
    else if (obj.metadata.deletionTimestamp) state = "Terminating";
    else if (hasCondition(status.conditions, "Suspended")) state = "Suspended";
    else if (hasCondition(status.conditions, "FailureTarget")) state = "FailureTarget";
    const [names, images] = containerCells(spec?.template?.spec?.containers);
    return [[obj.metadata.name, state, completions, duration, creationAge(obj, ctx.now), names, images, formatSelectorCell(spec?.selector)]];
  },
};

export const cronJobPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    docColumn("Schedule", "string", "cj.schedule"),
    docColumn("Timezone", "string", "cj.timeZone"),
    docColumn("Suspend", "boolean", "cj.suspend"),
    docColumn("Active", "integer", "cj.active"),
    docColumn("Last Schedule", "string", "cj.lastScheduleTime"),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    docColumn("Selector", "string", "job.selector", { priority: 1 }),
  ],
  rows: (obj, ctx) => {
    const cj = obj as unknown as CronJob;
    const status = cj.status ?? {};
    const lastSchedule = status.lastScheduleTime ? since(status.lastScheduleTime, ctx.now) : "<none>";
    const jobSpec = cj.spec?.jobTemplate?.spec;
    const [names, images] = containerCells(jobSpec?.template?.spec?.containers);
    return [
      [
        obj.metadata.name,
        cj.spec?.schedule ?? "",
        cj.spec?.timeZone ?? "<none>",
        boolPtr(cj.spec?.suspend),
        (status.active ?? []).length,
        lastSchedule,
        creationAge(obj, ctx.now),
        names,
        images,
        formatSelectorCell(jobSpec?.selector),
      ],
    ];
  },
};
