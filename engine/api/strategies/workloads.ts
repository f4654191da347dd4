import type { ResourceStrategy } from "../resource";
import type { KubeObject } from "../types";
import { Path } from "../validation/field";
import {
  selectorImmutable,
  statefulSetUpdateErrors,
  validateDaemonSetSpec,
  validateDeploymentSpec,
  validateReplicaSetSpec,
  validateReplicationControllerSpec,
  validateStatefulSetSpec,
} from "../validation/workloads";
import { defaultPodTemplate } from "./defaults/pod-spec";
import { defaultPersistentVolumeClaimTemplate } from "./storage";
import { child, isObject, list, setDefaultPtr, spec, type Json } from "./util";
import { templateWarnings } from "./warnings";

/**
 * Deployments, ReplicaSets, ReplicationControllers, DaemonSets and StatefulSets: apps/v1 and core/v1
 * scheme defaults, the registry strategies' PrepareForCreate (generation 1, empty status) and
 * validation (pkg/apis/apps/v1/defaults.go, pkg/registry/apps/*, pkg/apis/apps/validation, v1.33).
 */

const SPEC = Path.root("spec");

function prepareWorkload(status: Json) {
  return (obj: KubeObject) => {
    obj.metadata.generation = 1;
    obj.status = { ...status };
  };
}

export const deploymentStrategy: ResourceStrategy = {
  warnings: templateWarnings(["spec", "template"], true),
  defaults(obj) {
    const s = spec(obj);
    setDefaultPtr(s, "replicas", 1);
    const strategy = child(s, "strategy");
    if (!strategy.type) strategy.type = "RollingUpdate";
    if (strategy.type === "RollingUpdate") {
      const rolling = child(strategy, "rollingUpdate");
      setDefaultPtr(rolling, "maxUnavailable", "25%");
      setDefaultPtr(rolling, "maxSurge", "25%");
    }
    setDefaultPtr(s, "revisionHistoryLimit", 10);
    setDefaultPtr(s, "progressDeadlineSeconds", 600);
    defaultPodTemplate(obj, child(s, "template"));
  },
  prepareForCreate: prepareWorkload({}),
  validate: (obj) => validateDeploymentSpec(spec(obj), SPEC),
  validateUpdate: (obj, old) => [...validateDeploymentSpec(spec(obj), SPEC), ...selectorImmutable(spec(obj).selector, (old.spec as Json | undefined)?.selector, SPEC.child("selector"))],
};

export const replicaSetStrategy: ResourceStrategy = {
  // Only the name advice: the ReplicaSet strategy does not warn about its template.
  warnings: (rs, old) => (old ? [] : templateWarnings(["spec", "template"], true)(rs, undefined).filter((w) => w.startsWith("metadata.name: "))),
  defaults(obj) {
    const s = spec(obj);
    setDefaultPtr(s, "replicas", 1);
    defaultPodTemplate(obj, child(s, "template"));
  },
  prepareForCreate: prepareWorkload({ replicas: 0 }),
  validate: (obj) => validateReplicaSetSpec(spec(obj), SPEC),
  validateUpdate: (obj, old) => [...validateReplicaSetSpec(spec(obj), SPEC), ...selectorImmutable(spec(obj).selector, (old.spec as Json | undefined)?.selector, SPEC.child("selector"))],
};

export const replicationControllerStrategy: ResourceStrategy = {
  warnings: templateWarnings(["spec", "template"], true),
  defaults(obj) {
    const s = spec(obj);
    const template = isObject(s.template) ? s.template : undefined;
    const labels = isObject(template?.metadata) ? (template!.metadata as Json).labels : undefined;
    // SetDefaults_ReplicationController: selector and object labels come from the template's labels.
    if (isObject(labels)) {
      if (!isObject(s.selector) || Object.keys(s.selector).length === 0) s.selector = { ...labels };
      if (!obj.metadata.labels || Object.keys(obj.metadata.labels).length === 0) obj.metadata.labels = { ...(labels as Record<string, string>) };
    }
    setDefaultPtr(s, "replicas", 1);
    if (template) defaultPodTemplate(obj, template);
  },
  prepareForCreate: prepareWorkload({ replicas: 0 }),
  validate: (obj) => validateReplicationControllerSpec(spec(obj), SPEC),
};

export const daemonSetStrategy: ResourceStrategy = {
  warnings: templateWarnings(["spec", "template"], false),
  defaults(obj) {
    const s = spec(obj);
    const strategy = child(s, "updateStrategy");
    if (!strategy.type) strategy.type = "RollingUpdate";
    if (strategy.type === "RollingUpdate") {
      const rolling = child(strategy, "rollingUpdate");
      setDefaultPtr(rolling, "maxUnavailable", 1);
      setDefaultPtr(rolling, "maxSurge", 0);
    }
    setDefaultPtr(s, "revisionHistoryLimit", 10);
    defaultPodTemplate(obj, child(s, "template"));
  },
  prepareForCreate: prepareWorkload({ currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 }),
  validate: (obj) => validateDaemonSetSpec(spec(obj), SPEC),
  validateUpdate: (obj, old) => [...validateDaemonSetSpec(spec(obj), SPEC), ...selectorImmutable(spec(obj).selector, (old.spec as Json | undefined)?.selector, SPEC.child("selector"))],
};

export const statefulSetStrategy: ResourceStrategy = {
  warnings: templateWarnings(["spec", "template"], false),
  defaults(obj) {
    const s = spec(obj);
    if (!s.podManagementPolicy) s.podManagementPolicy = "OrderedReady";
    const strategy = child(s, "updateStrategy");
    if (!strategy.type) {
      strategy.type = "RollingUpdate";
      if (!isObject(strategy.rollingUpdate)) strategy.rollingUpdate = {};
    }
    if (strategy.type === "RollingUpdate" && isObject(strategy.rollingUpdate)) setDefaultPtr(strategy.rollingUpdate, "partition", 0);
    const retention = child(s, "persistentVolumeClaimRetentionPolicy");
    if (!retention.whenDeleted) retention.whenDeleted = "Retain";
    if (!retention.whenScaled) retention.whenScaled = "Retain";
    setDefaultPtr(s, "replicas", 1);
    setDefaultPtr(s, "revisionHistoryLimit", 10);
    defaultPodTemplate(obj, child(s, "template"));
    for (const claim of list(s.volumeClaimTemplates)) defaultPersistentVolumeClaimTemplate(obj, claim);
  },
  prepareForCreate: prepareWorkload({ replicas: 0, availableReplicas: 0 }),
  validate: (obj) => validateStatefulSetSpec(spec(obj), SPEC),
  validateUpdate: (obj, old) => [...validateStatefulSetSpec(spec(obj), SPEC), ...statefulSetUpdateErrors(spec(obj), (old.spec ?? {}) as Json)],
};
