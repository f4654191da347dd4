import { deepEqual } from "../../util/json";
import type { FieldError } from "../errors";
import { podQOSClass } from "../kinds/pod-qos";
import type { ResourceStrategy } from "../resource";
import type { KubeObject } from "../types";
import { forbidden, invalid, Path, required } from "../validation/field";
import { podSpecDiff } from "../validation/go-diff";
import { validatePodSpec } from "../validation/pod-spec";
import { validateQualifiedName } from "../validation/values";
import { defaultPodSpec } from "./defaults/pod-spec";
import { list, spec, type Json } from "./util";
import { podWarnings } from "./warnings";

/**
 * Pods: scheme defaults (SetDefaults_Pod/PodSpec), PrepareForCreate (generation 1, phase Pending,
 * QoS class, the SchedulingGated condition) and ValidatePodCreate/ValidatePodUpdate of
 * pkg/registry/core/pod/strategy.go and pkg/apis/core/validation (v1.33).
 */

const UPDATABLE_FIELDS = [
  "`spec.containers[*].image`",
  "`spec.initContainers[*].image`",
  "`spec.activeDeadlineSeconds`",
  "`spec.tolerations` (only additions to existing tolerations)",
  "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
];

function validatePod(obj: KubeObject): FieldError[] {
  const podSpec = spec(obj);
  const errs = validatePodSpec(podSpec, Path.root("spec"), true);
  const mirror = obj.metadata.annotations?.["kubernetes.io/config.mirror"];
  if (mirror !== undefined && !podSpec.nodeName) {
    errs.unshift(invalid(Path.root("metadata", "annotations").key("kubernetes.io/config.mirror"), mirror, "must set spec.nodeName if mirror pod annotation is set"));
  }
  const cost = obj.metadata.annotations?.["controller.kubernetes.io/pod-deletion-cost"];
  if (cost !== undefined && !/^[+-]?\d+$/.test(cost)) {
    errs.unshift(invalid(Path.root("metadata", "annotations").key("controller.kubernetes.io/pod-deletion-cost"), cost, "must be a 32bit integer"));
  }
  return errs;
}

/** ValidatePodCreate: what only a create refuses (updates reach these fields through their own paths). */
function validatePodCreate(obj: KubeObject): FieldError[] {
  const errs = validatePod(obj);
  const podSpec = spec(obj);
  // Ephemeral containers are added later through the pods/ephemeralcontainers subresource (kubectl debug).
  if (list(podSpec.ephemeralContainers).length > 0) errs.push(forbidden(Path.root("spec", "ephemeralContainers"), "cannot be set on create"));
  if (podSpec.nodeName && list(podSpec.schedulingGates).length > 0) {
    errs.push(forbidden(Path.root("spec", "nodeName"), "cannot be set until all schedulingGates have been cleared"));
  }
  return errs;
}

function sameJson(a: unknown, b: unknown): boolean {
  return deepEqual(a, b);
}

function containerUpdateErrors(next: Json[], prev: Json[], path: Path): { errors: FieldError[]; stop: boolean } {
  if (next.length !== prev.length) return { errors: [forbidden(path, "pod updates may not add or remove containers")], stop: true };
  const errors: FieldError[] = [];
  next.forEach((c, i) => {
    const image = typeof c.image === "string" ? c.image : "";
    if (!image) errors.push(required(path.index(i).child("image")));
    if (image.trim().length !== image.length) errors.push(invalid(path.index(i).child("image"), image, "must not have leading or trailing whitespace"));
  });
  return { errors, stop: false };
}

function tolerationsOnlyAdded(next: Json[], prev: Json[], path: Path): FieldError[] {
  for (const old of prev) {
    const found = next.some((t) => sameJson({ ...old, tolerationSeconds: t.tolerationSeconds }, t));
    if (!found) return [forbidden(path, "existing toleration can not be modified except its tolerationSeconds")];
  }
  return [];
}

export function validatePodUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const errs = validatePod(obj);
  const specPath = Path.root("spec");
  const next = spec(obj);
  const prev = (old.spec ?? {}) as Json;
  for (const key of ["containers", "initContainers"]) {
    const { errors, stop } = containerUpdateErrors(list(next[key]), list(prev[key]), specPath.child(key));
    errs.push(...errors);
    if (stop) return errs;
  }
  if (typeof next.activeDeadlineSeconds === "number") {
    const value = next.activeDeadlineSeconds;
    if (value < 0 || value > 2147483647) return [...errs, invalid(specPath.child("activeDeadlineSeconds"), value, "must be between 0 and 2147483647, inclusive")];
    if (typeof prev.activeDeadlineSeconds === "number" && prev.activeDeadlineSeconds < value) {
      return [...errs, invalid(specPath.child("activeDeadlineSeconds"), value, "must be less than or equal to previous value")];
    }
  } else if (typeof prev.activeDeadlineSeconds === "number") {
    errs.push(invalid(specPath.child("activeDeadlineSeconds"), null, "must not update from a positive integer to nil value"));
  }
  errs.push(...tolerationsOnlyAdded(list(next.tolerations), list(prev.tolerations), specPath.child("tolerations")));
  const oldGates = list(prev.schedulingGates);
  list(next.schedulingGates).forEach((gate, i) => {
    if (!oldGates.some((o) => o.name === gate.name)) {
      errs.push(forbidden(specPath.child("schedulingGates").index(i).child("name"), `only deletion is allowed, but found new scheduling gate '${String(gate.name)}'`));
    }
  });
  if (sameJson(next, prev)) return errs;
  // Put back the fields a pod update may change, then anything still different is forbidden.
  const munged = JSON.parse(JSON.stringify(next)) as Json;
  for (const key of ["containers", "initContainers"]) {
    list(munged[key]).forEach((c, i) => {
      c.image = list(prev[key])[i]?.image;
    });
  }
  if (prev.activeDeadlineSeconds === undefined) delete munged.activeDeadlineSeconds;
  else munged.activeDeadlineSeconds = prev.activeDeadlineSeconds;
  if (prev.schedulingGates === undefined) delete munged.schedulingGates;
  else munged.schedulingGates = prev.schedulingGates;
  if (prev.tolerations === undefined) delete munged.tolerations;
  else munged.tolerations = prev.tolerations;
  if (typeof prev.terminationGracePeriodSeconds === "number" && prev.terminationGracePeriodSeconds < 0 && munged.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = prev.terminationGracePeriodSeconds;
  }
  if (oldGates.length > 0 && !sameJson(munged.nodeSelector, prev.nodeSelector)) {
    const oldSel = (prev.nodeSelector ?? {}) as Record<string, string>;
    const newSel = (munged.nodeSelector ?? {}) as Record<string, string>;
    for (const [k, v] of Object.entries(oldSel)) {
      if (newSel[k] !== v) errs.push(invalid(specPath.child("nodeSelector"), newSel, "only additions are allowed (no mutations or deletions)"));
    }
    munged.nodeSelector = prev.nodeSelector;
    if (prev.nodeSelector === undefined) delete munged.nodeSelector;
  }
  if (!sameJson(munged, prev)) {
    errs.push(forbidden(specPath, `pod updates may not change fields other than ${UPDATABLE_FIELDS.join(",")}\n${podSpecDiff(prev, munged)}`));
  }
  return errs;
}

export const podStrategy: ResourceStrategy = {
  warnings: podWarnings,
  defaults(obj) {
    defaultPodSpec(obj, spec(obj), true);
  },
  prepareForCreate(obj) {
    obj.metadata.generation = 1;
    const status: Json = { phase: "Pending", qosClass: podQOSClass(obj as never) };
    const gated = list(spec(obj).schedulingGates).length > 0;
    if (gated) {
      status.conditions = [{ type: "PodScheduled", status: "False", reason: "SchedulingGated", message: "Scheduling is blocked due to non-empty scheduling gates", lastProbeTime: null, lastTransitionTime: null }];
    }
    obj.status = status;
  },
  validate: (obj) => validatePodCreate(obj),
  validateUpdate: (obj, old) => validatePodUpdate(obj, old),
  validateStatusUpdate(obj, old) {
    const errs: FieldError[] = [];
    const status = (obj.status ?? {}) as Json;
    const oldStatus = (old.status ?? {}) as Json;
    list(status.conditions).forEach((c, i) => {
      if (!["PodScheduled", "Ready", "Initialized", "ContainersReady", "PodReadyToStartContainers", "DisruptionTarget"].includes(String(c.type))) {
        errs.push(...validateQualifiedName(String(c.type ?? ""), Path.root("status", "conditions").index(i).child("Type")));
      }
    });
    if (oldStatus.qosClass !== undefined && status.qosClass !== oldStatus.qosClass) {
      errs.push(invalid(Path.root("status", "qosClass"), status.qosClass ?? "", "field is immutable"));
    }
    return errs;
  },
};
