import { deepEqual } from "../../util/json";
import type { FieldError } from "../errors";
import { CronParseError, parseCron } from "../kinds/cron";
import type { ResourceStrategy } from "../resource";
import { fromLabelSelector, matches } from "../selectors/labels";
import type { KubeObject } from "../types";
import { FIELD_IMMUTABLE, goLabelSelector, goStringMap, invalid, invalidGo, notSupported, Path, required } from "../validation/field";
import { validateLabelSelector, validateNonnegative } from "../validation/values";
import { validatePodTemplateSpec } from "../validation/workloads";
import { defaultPodTemplate } from "./defaults/pod-spec";
import { child, defaultTemplateMetadata, isObject, setDefaultPtr, spec, type Json } from "./util";
import { templateWarnings } from "./warnings";

/**
 * Jobs and CronJobs (pkg/apis/batch/v1/defaults.go, pkg/registry/batch/{job,cronjob}/strategy.go,
 * pkg/apis/batch/validation, v1.33): defaults, the generated selector and labels, validation.
 */

const CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
const JOB_NAME = "batch.kubernetes.io/job-name";
const LEGACY_CONTROLLER_UID = "controller-uid";
const LEGACY_JOB_NAME = "job-name";

function defaultJobSpec(owner: KubeObject, s: Json): void {
  if ((s.completions === undefined || s.completions === null) && (s.parallelism === undefined || s.parallelism === null)) {
    s.completions = 1;
    s.parallelism = 1;
  }
  setDefaultPtr(s, "parallelism", 1);
  if (s.backoffLimit === undefined || s.backoffLimit === null) s.backoffLimit = s.backoffLimitPerIndex !== undefined && s.backoffLimitPerIndex !== null ? 2147483647 : 6;
  setDefaultPtr(s, "completionMode", "NonIndexed");
  setDefaultPtr(s, "suspend", false);
  if (isObject(s.podFailurePolicy)) {
    for (const rule of (s.podFailurePolicy.rules as Json[] | undefined) ?? []) {
      for (const c of (rule.onPodConditions as Json[] | undefined) ?? []) setDefaultPtr(c, "status", "True");
    }
  }
  setDefaultPtr(s, "podReplacementPolicy", isObject(s.podFailurePolicy) ? "Failed" : "TerminatingOrFailed");
  defaultPodTemplate(owner, child(s, "template"));
}

/** generateSelector: the job's uid and name as template labels, the uid as the selector. */
function generateSelector(job: KubeObject): void {
  const s = spec(job);
  const template = child(s, "template");
  const meta = child(template, "metadata");
  const labels = (isObject(meta.labels) ? meta.labels : {}) as Record<string, string>;
  for (const key of [LEGACY_JOB_NAME, JOB_NAME]) if (!(key in labels)) labels[key] = job.metadata.name ?? "";
  for (const key of [LEGACY_CONTROLLER_UID, CONTROLLER_UID]) if (!(key in labels)) labels[key] = job.metadata.uid ?? "";
  meta.labels = Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const selector = child(s, "selector");
  const matchLabels = (isObject(selector.matchLabels) ? selector.matchLabels : {}) as Record<string, string>;
  if (!(CONTROLLER_UID in matchLabels)) matchLabels[CONTROLLER_UID] = job.metadata.uid ?? "";
  selector.matchLabels = matchLabels;
}

function hasLabel(meta: Json, key: string, expected: string, path: Path): FieldError[] {
  const labels = (meta.labels ?? {}) as Record<string, string>;
  if (!(key in labels)) return [required(path.child("labels").key(key), `must be '${expected}'`)];
  if (labels[key] !== expected) return [invalidGo(path.child("labels").key(key), goStringMap(labels), `must be '${expected}'`)];
  return [];
}

function validateGeneratedSelector(job: KubeObject): FieldError[] {
  const s = spec(job);
  if (s.manualSelector === true) return [];
  const template = (s.template ?? {}) as Json;
  const meta = (template.metadata ?? {}) as Json;
  const metaPath = Path.root("spec", "template", "metadata");
  if (!isObject(meta.labels)) return [required(metaPath.child("labels"))];
  if (!isObject(s.selector)) return [];
  const uid = job.metadata.uid ?? "";
  const name = job.metadata.name ?? "";
  const errs: FieldError[] = [];
  if (!uid) errs.push(required(Path.root("metadata", "uid")));
  errs.push(...hasLabel(meta, LEGACY_CONTROLLER_UID, uid, metaPath));
  errs.push(...hasLabel(meta, LEGACY_JOB_NAME, name, metaPath));
  errs.push(...hasLabel(meta, CONTROLLER_UID, uid, metaPath));
  errs.push(...hasLabel(meta, JOB_NAME, name, metaPath));
  const expected = JSON.stringify({ matchLabels: { [CONTROLLER_UID]: uid } });
  if (JSON.stringify({ matchLabels: s.selector.matchLabels, ...(s.selector.matchExpressions ? { matchExpressions: s.selector.matchExpressions } : {}) }) !== expected) {
    errs.push(invalidGo(Path.root("spec", "selector"), goLabelSelector(s.selector as never), "`selector` not auto-generated"));
  }
  return errs;
}

function validateJobSpecOnly(s: Json, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of ["parallelism", "completions", "activeDeadlineSeconds", "backoffLimit", "ttlSecondsAfterFinished"]) errs.push(...validateNonnegative(s[k], path.child(k)));
  if (s.completionMode !== undefined && s.completionMode !== null) {
    if (s.completionMode !== "NonIndexed" && s.completionMode !== "Indexed") errs.push(notSupported(path.child("completionMode"), s.completionMode, ["NonIndexed", "Indexed"]));
    if (s.completionMode === "Indexed" && (s.completions === undefined || s.completions === null)) errs.push(required(path.child("completions"), "when completion mode is Indexed"));
  }
  if (s.podReplacementPolicy !== undefined && s.podReplacementPolicy !== null && !["TerminatingOrFailed", "Failed"].includes(String(s.podReplacementPolicy))) {
    errs.push(notSupported(path.child("podReplacementPolicy"), s.podReplacementPolicy, ["Failed", "TerminatingOrFailed"]));
  }
  const template = (s.template ?? {}) as Json;
  errs.push(...validatePodTemplateSpec(template, path.child("template")));
  const policy = (template.spec as Json | undefined)?.restartPolicy;
  if (policy === "Always" || !policy) errs.push(required(path.child("template", "spec", "restartPolicy"), 'valid values: "OnFailure", "Never"'));
  else if (policy !== "OnFailure" && policy !== "Never") errs.push(notSupported(path.child("template", "spec", "restartPolicy"), policy, ["OnFailure", "Never"]));
  return errs;
}

function validateJobSpec(s: Json, path: Path): FieldError[] {
  const errs = validateJobSpecOnly(s, path);
  const selector = isObject(s.selector) ? s.selector : undefined;
  if (!selector) errs.push(required(path.child("selector")));
  else {
    errs.push(...validateLabelSelector(selector as never, path.child("selector")));
    const sel = fromLabelSelector(selector as never);
    if (sel.length === 0) errs.push(required(path.child("selector")));
    const labels = ((s.template as Json | undefined)?.metadata as Json | undefined)?.labels as Record<string, string> | undefined;
    if (!matches(sel, labels ?? {})) errs.push(invalidGo(path.child("template", "metadata", "labels"), goStringMap(labels), "`selector` does not match template `labels`"));
  }
  return errs;
}

/** A pod template printed for "field is immutable" errors: the internal type's name and its JSON. */
function goTemplate(template: unknown): string {
  return `core.PodTemplateSpec${JSON.stringify(template ?? {})}`;
}

export const jobStrategy: ResourceStrategy = {
  warnings: templateWarnings(["spec", "template"], true),
  defaults(obj) {
    const s = spec(obj);
    defaultJobSpec(obj, s);
    // SetDefaults_Job copies the template's labels onto the Job when it has none of its own.
    const labels = ((s.template as Json).metadata as Json).labels;
    if (isObject(labels) && (!obj.metadata.labels || Object.keys(obj.metadata.labels).length === 0)) obj.metadata.labels = { ...(labels as Record<string, string>) };
  },
  prepareForCreate(obj) {
    obj.metadata.generation = 1;
    obj.status = {};
    if (spec(obj).manualSelector !== true) generateSelector(obj);
  },
  validate: (obj) => [...validateGeneratedSelector(obj), ...validateJobSpec(spec(obj), Path.root("spec"))],
  validateUpdate(obj, old) {
    const s = spec(obj);
    const prev = (old.spec ?? {}) as Json;
    const path = Path.root("spec");
    const errs = validateJobSpec(s, path);
    if (!deepEqual(s.completions, prev.completions) && !(s.completionMode === "Indexed" && s.completions === s.parallelism)) {
      errs.push(invalid(path.child("completions"), s.completions ?? null, FIELD_IMMUTABLE));
    }
    if (!deepEqual(s.selector, prev.selector)) errs.push(invalidGo(path.child("selector"), goLabelSelector(s.selector as never), FIELD_IMMUTABLE));
    const suspendedNeverStarted = prev.suspend === true && !(old.status as Json | undefined)?.startTime;
    if (!suspendedNeverStarted && !deepEqual(s.template, prev.template)) errs.push(invalidGo(path.child("template"), goTemplate(s.template), FIELD_IMMUTABLE));
    for (const k of ["completionMode", "podFailurePolicy", "backoffLimitPerIndex", "managedBy", "successPolicy"]) {
      if (!deepEqual(s[k], prev[k])) errs.push(invalid(path.child(k), s[k] ?? null, FIELD_IMMUTABLE));
    }
    return errs;
  },
};

export const cronJobStrategy: ResourceStrategy = {
  warnings: templateWarnings(["spec", "jobTemplate", "spec", "template"], true),
  defaults(obj) {
    const s = spec(obj);
    if (!s.concurrencyPolicy) s.concurrencyPolicy = "Allow";
    setDefaultPtr(s, "suspend", false);
    setDefaultPtr(s, "successfulJobsHistoryLimit", 3);
    setDefaultPtr(s, "failedJobsHistoryLimit", 1);
    const jobTemplate = child(s, "jobTemplate");
    defaultTemplateMetadata(jobTemplate);
    defaultPodTemplate(obj, child(child(jobTemplate, "spec"), "template"));
  },
  prepareForCreate(obj) {
    obj.metadata.generation = 1;
    obj.status = {};
  },
  validate: (obj) => validateCronJob(obj),
  validateUpdate: (obj) => validateCronJob(obj, true),
};

function validateCronJob(obj: KubeObject, update = false): FieldError[] {
  const errs: FieldError[] = [];
  const name = obj.metadata.name ?? "";
  if (!update && name.length > 52) errs.push(invalid(Path.root("metadata", "name"), name, "must be no more than 52 characters"));
  const s = spec(obj);
  const path = Path.root("spec");
  const schedule = typeof s.schedule === "string" ? s.schedule : "";
  if (!schedule) errs.push(required(path.child("schedule")));
  else {
    try {
      parseCron(schedule);
    } catch (e) {
      if (!(e instanceof CronParseError)) throw e;
      errs.push(invalid(path.child("schedule"), schedule, e.message));
    }
    if (schedule.includes("TZ")) errs.push(invalid(path.child("schedule"), schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
  }
  if (typeof s.timeZone === "string" && !/^(UTC|Etc\/UTC|Local|[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+)$/.test(s.timeZone)) {
    errs.push(invalid(path.child("timeZone"), s.timeZone, `unknown time zone ${s.timeZone}`));
  }
  errs.push(...validateNonnegative(s.startingDeadlineSeconds, path.child("startingDeadlineSeconds")));
  if (!["Allow", "Forbid", "Replace"].includes(String(s.concurrencyPolicy))) {
    errs.push(s.concurrencyPolicy ? notSupported(path.child("concurrencyPolicy"), s.concurrencyPolicy, ["Allow", "Forbid", "Replace"]) : required(path.child("concurrencyPolicy")));
  }
  const jobTemplate = (s.jobTemplate ?? {}) as Json;
  const jobSpec = (jobTemplate.spec ?? {}) as Json;
  const jp = path.child("jobTemplate", "spec");
  if (isObject(jobSpec.selector)) errs.push(invalidGo(jp.child("selector"), goLabelSelector(jobSpec.selector as never), "`selector` will be auto-generated"));
  if (jobSpec.manualSelector === true) errs.push(notSupported(jp.child("manualSelector"), true, ["nil", "false"]));
  errs.push(...validateJobSpecOnly(jobSpec, jp));
  errs.push(...validateNonnegative(s.successfulJobsHistoryLimit, path.child("successfulJobsHistoryLimit")));
  errs.push(...validateNonnegative(s.failedJobsHistoryLimit, path.child("failedJobsHistoryLimit")));
  return errs;
}
