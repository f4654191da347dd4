import type { KubeObject } from "../../../api/types";
import type { CommandContext } from "../../cli/command";
import { resourcePath } from "../../client/discovery";
import { check } from "../../client/rest";
import { WaitTimeout, WAIT_STEP_MS, Interrupted } from "../../client/wait-loop";

/**
 * kubectl's AttachablePodForObjectFn and podcmd.FindOrDefaultContainerByName, shared by exec,
 * attach, port-forward and cp: a POD or TYPE/NAME argument becomes one pod (the "most active" pod
 * the object selects), and a missing -c becomes the default container with kubectl's notice.
 */
export interface PodLike extends KubeObject {
  spec: {
    nodeName?: string;
    containers: { name: string; ports?: { name?: string; containerPort: number; protocol?: string }[] }[];
    initContainers?: { name: string }[];
    ephemeralContainers?: { name: string }[];
  };
  status?: {
    phase?: string;
    conditions?: { type: string; status: string; lastTransitionTime?: string }[];
    containerStatuses?: { restartCount?: number }[];
  };
}

type Selectable = KubeObject & { spec?: { selector?: unknown } };

/** Go's %T of the object kubectl decoded: `*v1.Service`, `*v1.ConfigMap`. */
function goType(obj: KubeObject): string {
  const version = (obj.apiVersion ?? "v1").split("/").pop();
  return `*${version}.${obj.kind}`;
}

/** polymorphichelpers.SelectorsForObject: the label selector a workload or service picks its pods with. */
function selectorFor(obj: Selectable): string {
  const selector = obj.spec?.selector;
  switch (obj.kind) {
    case "ReplicationController":
      return labelsToSelector(selector as Record<string, string> | undefined);
    case "ReplicaSet":
    case "Deployment":
    case "DaemonSet":
    case "StatefulSet":
    case "Job":
      return labelSelectorString(selector as LabelSelector | undefined);
    case "Service": {
      const s = selector as Record<string, string> | undefined;
      if (!s || Object.keys(s).length === 0) throw new Error(`cannot attach to ${goType(obj)}: invalid service '${obj.metadata.name}': Service is defined without a selector`);
      return labelsToSelector(s);
    }
    default:
      throw new Error(`cannot attach to ${goType(obj)}: selector for ${goType(obj)} not implemented`);
  }
}

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

function labelsToSelector(labels: Record<string, string> | undefined): string {
  return Object.keys(labels ?? {})
    .sort()
    .map((k) => `${k}=${labels![k]}`)
    .join(",");
}

/** metav1.LabelSelectorAsSelector(...).String(): requirements sorted by key. */
function labelSelectorString(selector: LabelSelector | undefined): string {
  const parts: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(selector?.matchLabels ?? {})) parts.push({ key: k, text: `${k}=${v}` });
  for (const e of selector?.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort().join(",");
    const text = e.operator === "In" ? `${e.key} in (${values})` : e.operator === "NotIn" ? `${e.key} notin (${values})` : e.operator === "Exists" ? e.key : `!${e.key}`;
    parts.push({ key: e.key, text });
  }
  return parts
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((p) => p.text)
    .join(",");
}

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function readySince(pod: PodLike): number | undefined {
  const ready = pod.status?.conditions?.find((c) => c.type === "Ready" && c.status === "True");
  return ready?.lastTransitionTime ? Date.parse(ready.lastTransitionTime) : undefined;
}

function restarts(pod: PodLike): number {
  return Math.max(0, ...(pod.status?.containerStatuses ?? []).map((s) => s.restartCount ?? 0));
}

/**
 * podutils.ActivePods' Less (a is "less active" than b): unassigned, then pending/unknown, not
 * ready, ready for less time, more restarts, newer. kubectl sorts in reverse and takes the first.
 */
function lessActive(a: PodLike, b: PodLike): boolean {
  const assignedA = !!a.spec.nodeName;
  const assignedB = !!b.spec.nodeName;
  if (assignedA !== assignedB) return !assignedA;
  const phaseA = PHASE_RANK[a.status?.phase ?? ""] ?? 0;
  const phaseB = PHASE_RANK[b.status?.phase ?? ""] ?? 0;
  if (phaseA !== phaseB) return phaseA < phaseB;
  const readyA = readySince(a);
  const readyB = readySince(b);
  if ((readyA !== undefined) !== (readyB !== undefined)) return readyA === undefined;
  if (readyA !== undefined && readyB !== undefined && readyA !== readyB) return readyA > readyB;
  if (restarts(a) !== restarts(b)) return restarts(a) > restarts(b);
  const createdA = Date.parse(a.metadata.creationTimestamp ?? "") || 0;
  const createdB = Date.parse(b.metadata.creationTimestamp ?? "") || 0;
  return createdA > createdB;
}

/** The most active of `pods` (sort.Reverse(ActivePods) then the first). */
export function mostActive(pods: PodLike[]): PodLike {
  let best = pods[0];
  for (const p of pods.slice(1)) if (lessActive(best, p)) best = p;
  return best;
}

/**
 * The pod a POD or TYPE/NAME argument names. For a workload or service, the first pod its selector
 * finds (waiting up to `timeoutMs` for one to appear, like GetFirstPod's watch).
 */
export async function attachablePod(c: CommandContext, arg: string, timeoutMs: number, namespace?: string): Promise<PodLike> {
  const ns = namespace ?? c.factory.namespace().namespace;
  const rest = c.factory.rest();
  const discovery = c.factory.discovery();
  const podsMapping = discovery.resolve("pods");
  const slash = arg.indexOf("/");
  const mapping = slash >= 0 ? discovery.resolve(arg.slice(0, slash)) : podsMapping;
  const name = slash >= 0 ? arg.slice(slash + 1) : arg;
  const obj = check(rest.request({ method: "GET", path: resourcePath(mapping, mapping.namespaced ? ns : undefined, name) })) as Selectable;
  if (mapping.resource === "pods" && mapping.group === "") return obj as PodLike;
  const object = { ...obj, apiVersion: obj.apiVersion ?? (mapping.group ? `${mapping.group}/${mapping.version}` : mapping.version), kind: obj.kind ?? mapping.kind };
  const selector = selectorFor(object);
  let waited = 0;
  for (;;) {
    const list = check(rest.request({ method: "GET", path: resourcePath(podsMapping, obj.metadata.namespace ?? ns), query: { labelSelector: selector } })) as { items: PodLike[] };
    if (list.items.length > 0) return mostActive(list.items);
    if (c.ctx.signal.aborted) throw new Interrupted();
    if (timeoutMs > 0 && waited >= timeoutMs) throw new WaitTimeout();
    const step = timeoutMs > 0 ? Math.min(WAIT_STEP_MS, timeoutMs - waited) : WAIT_STEP_MS;
    await c.ctx.sleep(step);
    waited += step;
  }
}

/** Container names as podcmd.AllContainerNames lists them in the "Defaulted container" notice. */
function allContainerNames(pod: PodLike): string {
  return [
    ...pod.spec.containers.map((x) => x.name),
    ...(pod.spec.ephemeralContainers ?? []).map((x) => `${x.name} (ephem)`),
    ...(pod.spec.initContainers ?? []).map((x) => `${x.name} (init)`),
  ].join(", ");
}

export const DEFAULT_CONTAINER_ANNOTATION = "kubectl.kubernetes.io/default-container";

/**
 * podcmd.FindOrDefaultContainerByName with an empty name: the annotated default container when it
 * exists, else the first container, with the notice on stderr when the pod has several (unless -q).
 */
export function defaultContainer(c: CommandContext, pod: PodLike, quiet: boolean): string {
  const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (annotated) {
    const all = [...pod.spec.containers, ...(pod.spec.initContainers ?? []), ...(pod.spec.ephemeralContainers ?? [])];
    if (all.some((x) => x.name === annotated)) return annotated;
  }
  const first = pod.spec.containers[0]?.name ?? "";
  const count = pod.spec.containers.length + (pod.spec.initContainers ?? []).length + (pod.spec.ephemeralContainers ?? []).length;
  if (!quiet && count > 1) c.err(`Defaulted container "${first}" out of: ${allContainerNames(pod)}\n`);
  return first;
}
