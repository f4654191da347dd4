/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KubeObject } from "../../api/types";

/**
 * What kubectl's objects look like after a trip through the Go types (objects read from files and
 * printed with --local or --dry-run=client): fields the structs always serialise appear with their
 * zero values (`creationTimestamp: null`, `resources: {}`, `strategy: {}`, `status: {}`), and JSON
 * keys follow the structs' field order where it is known here (TypeMeta, ObjectMeta, workload
 * specs, containers); other keys keep their order.
 */
type Any = any;

const META_ORDER = ["name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers", "managedFields"];
const CONTAINER_ORDER = ["name", "image", "command", "args", "workingDir", "ports", "envFrom", "env", "resources", "resizePolicy", "restartPolicy", "volumeMounts", "volumeDevices", "livenessProbe", "readinessProbe", "startupProbe", "lifecycle", "terminationMessagePath", "terminationMessagePolicy", "imagePullPolicy", "securityContext", "stdin", "stdinOnce", "tty"];
const POD_SPEC_ORDER = ["volumes", "initContainers", "containers", "ephemeralContainers", "restartPolicy", "terminationGracePeriodSeconds", "activeDeadlineSeconds", "dnsPolicy", "nodeSelector", "serviceAccountName", "serviceAccount", "automountServiceAccountToken", "nodeName", "hostNetwork", "hostPID", "hostIPC", "shareProcessNamespace", "securityContext", "imagePullSecrets", "hostname", "subdomain", "affinity", "schedulerName", "tolerations", "hostAliases", "priorityClassName", "priority", "dnsConfig", "readinessGates", "runtimeClassName", "enableServiceLinks", "preemptionPolicy", "overhead", "topologySpreadConstraints"];
const DEPLOYMENT_SPEC_ORDER = ["replicas", "selector", "template", "strategy", "minReadySeconds", "revisionHistoryLimit", "paused", "progressDeadlineSeconds"];

function ordered(obj: Any, order: string[]): Any {
  if (!obj || typeof obj !== "object" || Array.isArray(obj)) return obj;
  const out: Any = {};
  for (const k of order) if (k in obj) out[k] = obj[k];
  for (const k of Object.keys(obj)) if (!(k in out)) out[k] = obj[k];
  return out;
}

function typedMeta(meta: Any): Any {
  return ordered({ ...(meta ?? {}), creationTimestamp: meta?.creationTimestamp ?? null }, META_ORDER);
}

function typedContainer(c: Any): Any {
  return ordered({ ...c, resources: c.resources ?? {} }, CONTAINER_ORDER);
}

function typedPodSpec(spec: Any): Any {
  const s = { ...(spec ?? {}) };
  s.containers = (s.containers ?? null) && s.containers.map(typedContainer);
  if (s.initContainers) s.initContainers = s.initContainers.map(typedContainer);
  return ordered(s, POD_SPEC_ORDER);
}

function typedTemplate(t: Any): Any {
  return { metadata: typedMeta(t?.metadata), spec: typedPodSpec(t?.spec) };
}

function withTypeMeta(obj: Any, rest: Any): Any {
  return { kind: obj.kind, apiVersion: obj.apiVersion, metadata: typedMeta(obj.metadata), ...rest };
}

export function typedRoundTrip(input: KubeObject): KubeObject {
  const obj = JSON.parse(JSON.stringify(input)) as Any;
  const rest: Any = {};
  for (const [k, v] of Object.entries(obj)) if (!["kind", "apiVersion", "metadata"].includes(k)) rest[k] = v;
  const spec = obj.spec ?? {};
  switch (`${obj.apiVersion}/${obj.kind}`) {
    case "apps/v1/Deployment":
      return withTypeMeta(obj, { spec: ordered({ ...spec, template: typedTemplate(spec.template), strategy: spec.strategy ?? {} }, DEPLOYMENT_SPEC_ORDER), status: obj.status ?? {} });
    case "apps/v1/ReplicaSet":
      return withTypeMeta(obj, { spec: { ...spec, template: typedTemplate(spec.template) }, status: obj.status ?? { replicas: 0 } });
    case "apps/v1/DaemonSet":
      return withTypeMeta(obj, {
        spec: { ...spec, template: typedTemplate(spec.template), updateStrategy: spec.updateStrategy ?? {} },
        status: obj.status ?? { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 },
      });
    case "apps/v1/StatefulSet":
      return withTypeMeta(obj, { spec: { ...spec, template: typedTemplate(spec.template), updateStrategy: spec.updateStrategy ?? {} }, status: obj.status ?? { replicas: 0, availableReplicas: 0 } });
    case "batch/v1/Job":
      return withTypeMeta(obj, { spec: { ...spec, template: typedTemplate(spec.template) }, status: obj.status ?? {} });
    case "batch/v1/CronJob": {
      const jt = spec.jobTemplate ?? {};
      return withTypeMeta(obj, { spec: { ...spec, jobTemplate: { metadata: typedMeta(jt.metadata), spec: { ...(jt.spec ?? {}), template: typedTemplate(jt.spec?.template) } } }, status: obj.status ?? {} });
    }
    case "v1/Pod":
      return withTypeMeta(obj, { spec: typedPodSpec(spec), status: obj.status ?? {} });
    case "v1/ReplicationController":
      return withTypeMeta(obj, { spec: { ...spec, ...(spec.template ? { template: typedTemplate(spec.template) } : {}) }, status: obj.status ?? { replicas: 0 } });
    case "v1/Service":
      return withTypeMeta(obj, { spec, status: obj.status ?? { loadBalancer: {} } });
    case "v1/Namespace":
      return withTypeMeta(obj, { spec, status: obj.status ?? {} });
    default:
      return withTypeMeta(obj, rest);
  }
}
