import { deepEqual } from "../../util/json";
import type { FieldError } from "../errors";
import { matches, fromLabelSelector, type LabelSelectorObject } from "../selectors/labels";
import { validateAnnotations, validateLabels } from "./names";
import { FIELD_IMMUTABLE, forbidden, goLabelSelector, goStringMap, invalid, invalidGo, notSupported, Path, required } from "./field";
import { validatePodSpec } from "./pod-spec";
import { validateLabelSelector, validateNonnegative } from "./values";

/**
 * Workload validation of pkg/apis/apps/validation and the ReplicationController part of
 * pkg/apis/core/validation (v1.33): selectors, template labels, restart policy, strategies.
 */

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : undefined);

/** ValidatePodTemplateSpec: template labels/annotations (note the `template.labels` path) and the PodSpec. */
export function validatePodTemplateSpec(template: Json | undefined, path: Path): FieldError[] {
  const meta = obj(template?.metadata) ?? {};
  const errs: FieldError[] = [];
  errs.push(...validateLabels(meta.labels as Record<string, string> | undefined, path.child("labels").toString()));
  errs.push(...validateAnnotations(meta.annotations as Record<string, string> | undefined, path.child("annotations").toString()));
  errs.push(...validatePodSpec(obj(template?.spec) ?? {}, path.child("spec"), false));
  if (Array.isArray(obj(template?.spec)?.ephemeralContainers) && (obj(template?.spec)!.ephemeralContainers as unknown[]).length > 0) {
    errs.push(forbidden(path.child("spec", "ephemeralContainers"), "ephemeral containers not allowed in pod template"));
  }
  return errs;
}

function templateLabels(template: Json | undefined): Record<string, string> | undefined {
  return obj(obj(template?.metadata)?.labels) as Record<string, string> | undefined;
}

function selectorMatches(selector: LabelSelectorObject | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector) return false;
  return matches(fromLabelSelector(selector), labels ?? {});
}

function selectorEmpty(selector: LabelSelectorObject | undefined): boolean {
  return Object.keys(selector?.matchLabels ?? {}).length + (selector?.matchExpressions ?? []).length === 0;
}

const restartAlways = (template: Json | undefined, path: Path): FieldError[] => {
  const policy = obj(template?.spec)?.restartPolicy;
  return policy !== "Always" ? [notSupported(path.child("spec", "restartPolicy"), policy ?? "", ["Always"])] : [];
};

/** ValidatePodTemplateSpecForReplicaSet (Deployments and ReplicaSets). */
function validateTemplateForReplicaSet(template: Json | undefined, selector: LabelSelectorObject | undefined, path: Path, kind: string): FieldError[] {
  if (!template) return [required(path)];
  const errs: FieldError[] = [];
  if (!selectorEmpty(selector) && !selectorMatches(selector, templateLabels(template))) {
    errs.push(invalidGo(path.child("metadata", "labels"), goStringMap(templateLabels(template)), "`selector` does not match template `labels`"));
  }
  errs.push(...validatePodTemplateSpec(template, path));
  errs.push(...restartAlways(template, path));
  errs.push(...noActiveDeadline(template, path, kind));
  return errs;
}

/** Controllers keep their pods running, so a template deadline is refused (Forbidden in every workload validator). */
function noActiveDeadline(template: Json | undefined, path: Path, kind: string): FieldError[] {
  const ads = obj(template?.spec)?.activeDeadlineSeconds;
  return ads !== undefined && ads !== null ? [forbidden(path.child("spec", "activeDeadlineSeconds"), `activeDeadlineSeconds in ${kind} is not Supported`)] : [];
}

function validateSelector(selector: LabelSelectorObject | undefined, path: Path, kind: string): FieldError[] {
  if (!selector) return [required(path)];
  const errs = validateLabelSelector(selector, path);
  if (selectorEmpty(selector)) errs.push(invalidGo(path, goLabelSelector(selector), `empty selector is invalid for ${kind}`));
  return errs;
}

/** %#v of an intstr.IntOrString. */
export function goIntOrString(v: unknown): string {
  if (typeof v === "string") return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(v)}}`;
  return `intstr.IntOrString{Type:0, IntVal:${Number(v ?? 0)}, StrVal:""}`;
}

const PERCENT_MESSAGE = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

function validatePositiveIntOrPercent(v: unknown, path: Path): FieldError[] {
  if (typeof v === "string") return /^[0-9]+%$/.test(v) ? [] : [invalidGo(path, goIntOrString(v), PERCENT_MESSAGE)];
  if (typeof v === "number" && v < 0) return [invalid(path, v, "must be greater than or equal to 0")];
  return [];
}

function intOrPercentValue(v: unknown): number {
  // IntValue() of a non-percent string is strconv.Atoi's result, 0 when it is not a number.
  if (typeof v === "string") return /^[0-9]+%$/.test(v) ? Number(v.slice(0, -1)) : /^[+-]?[0-9]+$/.test(v) ? Number(v) : 0;
  return typeof v === "number" ? v : 0;
}

function notMoreThan100Percent(v: unknown, path: Path): FieldError[] {
  if (typeof v === "string" && /^[0-9]+%$/.test(v) && Number(v.slice(0, -1)) > 100) return [invalidGo(path, goIntOrString(v), "must not be greater than 100%")];
  return [];
}

function validateDeploymentStrategy(strategy: Json | undefined, path: Path): FieldError[] {
  const type = strategy?.type;
  const rolling = obj(strategy?.rollingUpdate);
  if (type === "Recreate") {
    return strategy?.rollingUpdate !== undefined && strategy?.rollingUpdate !== null ? [forbidden(path.child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'")] : [];
  }
  if (type === "RollingUpdate") {
    if (!rolling) return [required(path.child("rollingUpdate"), "this should be defaulted and never be nil")];
    const p = path.child("rollingUpdate");
    const errs = [...validatePositiveIntOrPercent(rolling.maxUnavailable, p.child("maxUnavailable")), ...validatePositiveIntOrPercent(rolling.maxSurge, p.child("maxSurge"))];
    if (intOrPercentValue(rolling.maxUnavailable) === 0 && intOrPercentValue(rolling.maxSurge) === 0) {
      errs.push(invalidGo(p.child("maxUnavailable"), goIntOrString(rolling.maxUnavailable), "may not be 0 when `maxSurge` is 0"));
    }
    errs.push(...notMoreThan100Percent(rolling.maxUnavailable, p.child("maxUnavailable")));
    return errs;
  }
  const rollingText = rolling ? "(*apps.RollingUpdateDeployment)(0xc000b2c3d0)" : "(*apps.RollingUpdateDeployment)(nil)";
  return [{ type: "FieldValueNotSupported", field: path.toString(), rendered: `apps.DeploymentStrategy{Type:${JSON.stringify(type ?? "")}, RollingUpdate:${rollingText}}`, allowed: ["Recreate", "RollingUpdate"] }];
}

export function validateDeploymentSpec(spec: Json, path: Path): FieldError[] {
  const selector = obj(spec.selector) as LabelSelectorObject | undefined;
  const errs: FieldError[] = [...validateNonnegative(spec.replicas, path.child("replicas"))];
  errs.push(...validateSelector(selector, path.child("selector"), "deployment"));
  errs.push(...validateTemplateForReplicaSet(obj(spec.template), selector, path.child("template"), "ReplicaSet"));
  errs.push(...validateDeploymentStrategy(obj(spec.strategy), path.child("strategy")));
  errs.push(...validateNonnegative(spec.minReadySeconds, path.child("minReadySeconds")));
  errs.push(...validateNonnegative(spec.revisionHistoryLimit, path.child("revisionHistoryLimit")));
  if (typeof spec.progressDeadlineSeconds === "number") {
    errs.push(...validateNonnegative(spec.progressDeadlineSeconds, path.child("progressDeadlineSeconds")));
    if (spec.progressDeadlineSeconds <= Number(spec.minReadySeconds ?? 0)) {
      errs.push(invalid(path.child("progressDeadlineSeconds"), spec.progressDeadlineSeconds, "must be greater than minReadySeconds"));
    }
  }
  return errs;
}

export function validateReplicaSetSpec(spec: Json, path: Path): FieldError[] {
  const selector = obj(spec.selector) as LabelSelectorObject | undefined;
  const errs = [...validateNonnegative(spec.replicas, path.child("replicas")), ...validateNonnegative(spec.minReadySeconds, path.child("minReadySeconds"))];
  errs.push(...validateSelector(selector, path.child("selector"), "deployment"));
  errs.push(...validateTemplateForReplicaSet(obj(spec.template), selector, path.child("template"), "ReplicaSet"));
  return errs;
}

export function validateReplicationControllerSpec(spec: Json, path: Path): FieldError[] {
  const selector = obj(spec.selector) as Record<string, string> | undefined;
  const errs = [...validateNonnegative(spec.minReadySeconds, path.child("minReadySeconds"))];
  if (!selector || Object.keys(selector).length === 0) errs.push(required(path.child("selector")));
  else errs.push(...validateLabels(selector, path.child("selector").toString()));
  errs.push(...validateNonnegative(spec.replicas, path.child("replicas")));
  const template = obj(spec.template);
  const tp = path.child("template");
  if (!template) {
    errs.push(required(tp));
    return errs;
  }
  if (selector && Object.keys(selector).length > 0 && !Object.entries(selector).every(([k, v]) => templateLabels(template)?.[k] === v)) {
    errs.push(invalidGo(tp.child("metadata", "labels"), goStringMap(templateLabels(template)), "`selector` does not match template `labels`"));
  }
  errs.push(...validatePodTemplateSpec(template, tp));
  errs.push(...restartAlways(template, tp));
  errs.push(...noActiveDeadline(template, tp, "ReplicationController"));
  return errs;
}

export function validateDaemonSetSpec(spec: Json, path: Path): FieldError[] {
  const selector = obj(spec.selector) as LabelSelectorObject | undefined;
  const template = obj(spec.template);
  const errs = validateLabelSelector(selector, path.child("selector"));
  if (!selectorMatches(selector, templateLabels(template))) {
    errs.push(invalidGo(path.child("template", "metadata", "labels"), goStringMap(templateLabels(template)), "`selector` does not match template `labels`"));
  }
  if (selector && selectorEmpty(selector)) errs.push(invalidGo(path.child("selector"), goLabelSelector(selector), "empty selector is invalid for daemonset"));
  errs.push(...validatePodTemplateSpec(template, path.child("template")));
  errs.push(...restartAlways(template, path.child("template")));
  errs.push(...noActiveDeadline(template, path.child("template"), "DaemonSet"));
  errs.push(...validateNonnegative(spec.minReadySeconds, path.child("minReadySeconds")));
  errs.push(...validateDaemonSetUpdateStrategy(obj(spec.updateStrategy), path.child("updateStrategy")));
  errs.push(...validateNonnegative(spec.revisionHistoryLimit, path.child("revisionHistoryLimit")));
  return errs;
}

/** ValidateDaemonSetUpdateStrategy: unlike Deployments, exactly one of maxSurge/maxUnavailable must be non-zero. */
function validateDaemonSetUpdateStrategy(strategy: Json | undefined, sp: Path): FieldError[] {
  const type = strategy?.type;
  if (type === "OnDelete") return [];
  if (type !== "RollingUpdate") {
    const rollingText = strategy?.rollingUpdate ? "(*apps.RollingUpdateDaemonSet)(0xc000b2c3d0)" : "(*apps.RollingUpdateDaemonSet)(nil)";
    return [{ type: "FieldValueNotSupported", field: sp.toString(), rendered: `apps.DaemonSetUpdateStrategy{Type:${JSON.stringify(type ?? "")}, RollingUpdate:${rollingText}}`, allowed: ["RollingUpdate", "OnDelete"] }];
  }
  const rolling = obj(strategy?.rollingUpdate);
  if (!rolling) return [required(sp.child("rollingUpdate"))];
  const p = sp.child("rollingUpdate");
  const errs = [...validatePositiveIntOrPercent(rolling.maxUnavailable, p.child("maxUnavailable")), ...validatePositiveIntOrPercent(rolling.maxSurge, p.child("maxSurge"))];
  errs.push(...notMoreThan100Percent(rolling.maxUnavailable, p.child("maxUnavailable")), ...notMoreThan100Percent(rolling.maxSurge, p.child("maxSurge")));
  const hasUnavailable = intOrPercentValue(rolling.maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(rolling.maxSurge) !== 0;
  if (hasUnavailable && hasSurge) errs.push(invalidGo(p.child("maxSurge"), goIntOrString(rolling.maxSurge), "may not be set when maxUnavailable is non-zero"));
  if (!hasUnavailable && !hasSurge) errs.push(required(p.child("maxUnavailable"), "cannot be 0 when maxSurge is 0"));
  return errs;
}

export function validateStatefulSetSpec(spec: Json, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const policy = spec.podManagementPolicy;
  if (!policy) errs.push(required(path.child("podManagementPolicy")));
  else if (policy !== "OrderedReady" && policy !== "Parallel") errs.push(invalid(path.child("podManagementPolicy"), policy, "must be 'OrderedReady' or 'Parallel'"));
  const strategy = obj(spec.updateStrategy);
  const type = strategy?.type;
  if (!type) errs.push(required(path.child("updateStrategy")));
  else if (type === "OnDelete") {
    const rolling = obj(strategy?.rollingUpdate);
    if (rolling) {
      // The pointer is dereferenced for the message; its own pointer field prints as an address (a fixed stand-in here).
      const maxUnavailable = rolling.maxUnavailable === undefined || rolling.maxUnavailable === null ? "(*intstr.IntOrString)(nil)" : "(*intstr.IntOrString)(0xc000b2c3f0)";
      const rendered = `apps.RollingUpdateStatefulSetStrategy{Partition:${Number(rolling.partition ?? 0)}, MaxUnavailable:${maxUnavailable}}`;
      errs.push(invalidGo(path.child("updateStrategy", "rollingUpdate"), rendered, "only allowed for updateStrategy 'RollingUpdate'"));
    }
  } else if (type === "RollingUpdate") {
    const rolling = obj(strategy?.rollingUpdate);
    if (rolling) {
      const rp = path.child("updateStrategy", "rollingUpdate");
      errs.push(...validateNonnegative(rolling.partition, rp.child("partition")));
      if (rolling.maxUnavailable !== undefined && rolling.maxUnavailable !== null) {
        errs.push(...validatePositiveIntOrPercent(rolling.maxUnavailable, rp.child("maxUnavailable")));
        if (intOrPercentValue(rolling.maxUnavailable) === 0) errs.push(invalidGo(rp.child("maxUnavailable"), goIntOrString(rolling.maxUnavailable), "cannot be 0"));
        errs.push(...notMoreThan100Percent(rolling.maxUnavailable, rp.child("maxUnavailable")));
      }
    }
  } else {
    errs.push(invalidGo(path.child("updateStrategy"), `apps.StatefulSetUpdateStrategy{Type:${JSON.stringify(type)}, RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}`, "must be 'RollingUpdate' or 'OnDelete'"));
  }
  const retention = obj(spec.persistentVolumeClaimRetentionPolicy);
  if (retention) {
    for (const k of ["whenDeleted", "whenScaled"]) {
      const v = retention[k];
      if (v !== "Retain" && v !== "Delete") errs.push(notSupported(path.child("persistentVolumeClaimRetentionPolicy", k), v ?? "", ["Retain", "Delete"]));
    }
  }
  errs.push(...validateNonnegative(spec.replicas, path.child("replicas")));
  errs.push(...validateNonnegative(spec.minReadySeconds, path.child("minReadySeconds")));
  // The real path is the single segment "ordinals.start".
  const ordinals = obj(spec.ordinals);
  if (ordinals) errs.push(...validateNonnegative(ordinals.start ?? 0, path.child("ordinals.start")));
  const selector = obj(spec.selector) as LabelSelectorObject | undefined;
  errs.push(...validateSelector(selector, path.child("selector"), "statefulset"));
  const template = obj(spec.template);
  const tp = path.child("template");
  if (!selectorEmpty(selector) && selector && !selectorMatches(selector, templateLabels(template))) {
    errs.push(invalidGo(tp.child("metadata", "labels"), goStringMap(templateLabels(template)), "`selector` does not match template `labels`"));
  }
  // ValidatePodTemplateSpecForStatefulSet checks only template metadata: the pod spec is not validated
  // (its volume mounts may name volumeClaimTemplates), so a bad container there only fails at pod creation.
  const meta = obj(template?.metadata) ?? {};
  errs.push(...validateLabels(meta.labels as Record<string, string> | undefined, tp.child("labels").toString()));
  errs.push(...validateAnnotations(meta.annotations as Record<string, string> | undefined, tp.child("annotations").toString()));
  errs.push(...restartAlways(template, tp));
  errs.push(...noActiveDeadline(template, tp, "StatefulSet"));
  return errs;
}

/** Selector immutability (the apps strategies' ValidateUpdate for apps/v1). */
export function selectorImmutable(next: unknown, prev: unknown, path: Path): FieldError[] {
  if (deepEqual(next ?? null, prev ?? null)) return [];
  return [invalidGo(path, goLabelSelector(obj(next) as never), FIELD_IMMUTABLE)];
}

const STS_MUTABLE = ["replicas", "template", "updateStrategy", "minReadySeconds", "ordinals", "persistentVolumeClaimRetentionPolicy"];

export function statefulSetUpdateErrors(next: Json, prev: Json): FieldError[] {
  const strip = (s: Json) => Object.fromEntries(Object.entries(s).filter(([k]) => !STS_MUTABLE.includes(k)).sort(([a], [b]) => a.localeCompare(b)));
  if (deepEqual(strip(next), strip(prev))) return [];
  return [
    forbidden(
      Path.root("spec"),
      "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ),
  ];
}
