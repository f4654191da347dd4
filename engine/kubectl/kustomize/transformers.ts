import { CLUSTER_SCOPED_KINDS, kindOf, KustomizeError, metadataOf, nameOf, setName, type Json, type KResource } from "./resource";

/** A field path kustomize's built-in field specs name, for the kinds it applies to (`create`: add missing maps). */
interface FieldSpec {
  kinds?: string[];
  path: string[];
  create: boolean;
}

const WORKLOADS = ["Deployment", "ReplicaSet", "DaemonSet", "StatefulSet"];

/** commonLabels: metadata, selectors and pod templates (kustomize's commonLabels field specs). */
const SELECTOR_LABEL_SPECS: FieldSpec[] = [
  { kinds: ["ReplicationController"], path: ["spec", "selector"], create: true },
  { kinds: ["ReplicationController"], path: ["spec", "template", "metadata", "labels"], create: true },
  { kinds: ["Service"], path: ["spec", "selector"], create: true },
  { kinds: WORKLOADS, path: ["spec", "selector", "matchLabels"], create: true },
  { kinds: WORKLOADS, path: ["spec", "template", "metadata", "labels"], create: true },
  { kinds: ["Job"], path: ["spec", "selector", "matchLabels"], create: false },
  { kinds: ["Job"], path: ["spec", "template", "metadata", "labels"], create: true },
  { kinds: ["CronJob"], path: ["spec", "jobTemplate", "spec", "selector", "matchLabels"], create: false },
  { kinds: ["CronJob"], path: ["spec", "jobTemplate", "metadata", "labels"], create: true },
  { kinds: ["CronJob"], path: ["spec", "jobTemplate", "spec", "template", "metadata", "labels"], create: true },
  { kinds: ["PodDisruptionBudget"], path: ["spec", "selector", "matchLabels"], create: false },
  { kinds: ["NetworkPolicy"], path: ["spec", "podSelector", "matchLabels"], create: false },
];

/** `labels` with includeTemplates: the pod templates only. */
const TEMPLATE_LABEL_SPECS: FieldSpec[] = [
  { kinds: ["ReplicationController", ...WORKLOADS, "Job"], path: ["spec", "template", "metadata", "labels"], create: true },
  { kinds: ["CronJob"], path: ["spec", "jobTemplate", "metadata", "labels"], create: true },
  { kinds: ["CronJob"], path: ["spec", "jobTemplate", "spec", "template", "metadata", "labels"], create: true },
];

const ANNOTATION_SPECS: FieldSpec[] = [
  { path: ["metadata", "annotations"], create: true },
  { kinds: ["ReplicationController", ...WORKLOADS, "Job"], path: ["spec", "template", "metadata", "annotations"], create: true },
  { kinds: ["CronJob"], path: ["spec", "jobTemplate", "metadata", "annotations"], create: true },
  { kinds: ["CronJob"], path: ["spec", "jobTemplate", "spec", "template", "metadata", "annotations"], create: true },
];

function addToMap(obj: Json, spec: FieldSpec, pairs: Record<string, string>): void {
  if (spec.kinds && !spec.kinds.includes(kindOf(obj))) return;
  let node: Json = obj;
  for (const [i, key] of spec.path.entries()) {
    const next = node[key];
    if (next === undefined || next === null) {
      if (!spec.create) return;
      node[key] = {};
    } else if (typeof next !== "object" || Array.isArray(next)) {
      if (i === spec.path.length - 1) throw new KustomizeError(`wrong node kind: expected MappingNode but got ${Array.isArray(next) ? "SequenceNode" : "ScalarNode"}: node contents:\n${String(next)}`);
      return;
    }
    node = node[key] as Json;
  }
  Object.assign(node, pairs);
}

function stringPairs(pairs: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(pairs).map(([k, v]) => [k, v === null || v === undefined ? "" : String(v)]));
}

export interface LabelEntry {
  pairs?: Record<string, unknown>;
  includeSelectors?: boolean;
  includeTemplates?: boolean;
}

/** StatefulSet volumeClaimTemplates[].metadata.labels: a list field kustomize's commonLabels also reaches. */
function addClaimTemplateLabels(obj: Json, pairs: Record<string, string>): void {
  if (kindOf(obj) !== "StatefulSet") return;
  const templates = (obj.spec as Json | undefined)?.volumeClaimTemplates;
  if (!Array.isArray(templates)) return;
  for (const t of templates) {
    if (!t || typeof t !== "object") continue;
    addToMap(t as Json, { path: ["metadata", "labels"], create: true }, pairs);
  }
}

export function applyLabels(resources: KResource[], commonLabels: Record<string, unknown> | undefined, labels: LabelEntry[] | undefined): void {
  const entries: LabelEntry[] = [...(commonLabels ? [{ pairs: commonLabels, includeSelectors: true }] : []), ...(labels ?? [])];
  for (const entry of entries) {
    const pairs = stringPairs(entry.pairs ?? {});
    if (Object.keys(pairs).length === 0) continue;
    const specs: FieldSpec[] = [{ path: ["metadata", "labels"], create: true }];
    if (entry.includeSelectors) specs.push(...SELECTOR_LABEL_SPECS);
    else if (entry.includeTemplates) specs.push(...TEMPLATE_LABEL_SPECS);
    for (const r of resources) {
      for (const spec of specs) addToMap(r.obj, spec, pairs);
      if (entry.includeSelectors) addClaimTemplateLabels(r.obj, pairs);
    }
  }
}

export function applyAnnotations(resources: KResource[], annotations: Record<string, unknown> | undefined): void {
  if (!annotations || Object.keys(annotations).length === 0) return;
  const pairs = stringPairs(annotations);
  for (const r of resources) for (const spec of ANNOTATION_SPECS) addToMap(r.obj, spec, pairs);
}

/** `namespace:` sets every namespaced object's namespace; ServiceAccount subjects named `default` follow it. */
export function applyNamespace(resources: KResource[], namespace: string | undefined): void {
  if (!namespace) return;
  for (const r of resources) {
    const kind = kindOf(r.obj);
    if (!CLUSTER_SCOPED_KINDS.has(kind)) metadataOf(r.obj).namespace = namespace;
    if (kind === "RoleBinding" || kind === "ClusterRoleBinding") {
      for (const s of (r.obj.subjects as Json[] | undefined) ?? []) {
        if (s.kind === "ServiceAccount" && s.name === "default") s.namespace = namespace;
      }
    }
  }
}

/** namePrefix/nameSuffix: every object but Namespaces, CRDs and APIServices (their names are fixed by the API). */
export function applyNameAffixes(resources: KResource[], prefix: string | undefined, suffix: string | undefined): void {
  if (!prefix && !suffix) return;
  for (const r of resources) {
    if (["Namespace", "CustomResourceDefinition", "APIService"].includes(kindOf(r.obj))) continue;
    setName(r, `${prefix ?? ""}${nameOf(r.obj)}${suffix ?? ""}`);
  }
}

export interface ImageEntry {
  name?: string;
  newName?: string;
  newTag?: string | number;
  digest?: string;
}

/** kustomize's image.Split: name, tag (without `:`) and digest (without `@`). */
export function splitImage(image: string): { name: string; tag: string; digest: string } {
  let rest = image;
  let digest = "";
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) return { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { name: rest, tag: "", digest };
}

function updateImage(container: Json, entry: ImageEntry): void {
  if (typeof container.image !== "string") return;
  const parts = splitImage(container.image);
  if (parts.name !== entry.name) return;
  let { name, tag, digest } = parts;
  if (entry.newName) name = entry.newName;
  const newTag = entry.newTag === undefined || entry.newTag === null ? "" : String(entry.newTag);
  if (newTag && entry.digest) {
    tag = newTag;
    digest = entry.digest;
  } else if (newTag) {
    tag = newTag;
    digest = "";
  } else if (entry.digest) {
    tag = "";
    digest = entry.digest;
  }
  container.image = `${name}${tag ? `:${tag}` : ""}${digest ? `@${digest}` : ""}`;
}

function walkContainers(node: unknown, visit: (c: Json) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walkContainers(item, visit);
    return;
  }
  if (!node || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node as Json)) {
    if ((key === "containers" || key === "initContainers") && Array.isArray(value)) {
      for (const c of value) if (c && typeof c === "object") visit(c as Json);
    } else walkContainers(value, visit);
  }
}

export function applyImages(resources: KResource[], images: ImageEntry[] | undefined): void {
  for (const entry of images ?? []) {
    for (const r of resources) walkContainers(r.obj, (c) => updateImage(c, entry));
  }
}

const REPLICATED = ["Deployment", "ReplicaSet", "StatefulSet", "ReplicationController"];

export function applyReplicas(resources: KResource[], replicas: { name?: string; count?: number }[] | undefined): void {
  for (const entry of replicas ?? []) {
    for (const r of resources) {
      if (!REPLICATED.includes(kindOf(r.obj)) || !r.names.includes(String(entry.name))) continue;
      if (!r.obj.spec || typeof r.obj.spec !== "object") r.obj.spec = {};
      (r.obj.spec as Json).replicas = Number(entry.count ?? 0);
    }
  }
}
