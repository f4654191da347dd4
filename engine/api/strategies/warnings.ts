import type { KubeObject } from "../types";
import { toQuantity } from "../quantity";
import { nameProblems } from "../validation/names";
import { Path } from "../validation/field";
import { deepEqual } from "../../util/json";

/**
 * The warnings the real strategies return from WarningsOnCreate/WarningsOnUpdate (v1.33), which
 * kubectl prints as "Warning: …": pkg/api/pod/warnings.go for pods and pod templates, the DNS-label
 * name advice of the workload strategies, and the deprecated Ingress class annotation.
 */

type Json = Record<string, unknown>;

const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const obj = (v: unknown): Json | undefined => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : undefined);
const str = (v: unknown): string => (typeof v === "string" ? v : "");

/** pkg/api/node: deprecated node labels and what to use instead. */
const DEPRECATED_NODE_LABELS: Record<string, string> = {
  "beta.kubernetes.io/arch": 'deprecated since v1.14; use "kubernetes.io/arch" instead',
  "beta.kubernetes.io/os": 'deprecated since v1.14; use "kubernetes.io/os" instead',
  "failure-domain.beta.kubernetes.io/region": 'deprecated since v1.17; use "topology.kubernetes.io/region" instead',
  "failure-domain.beta.kubernetes.io/zone": 'deprecated since v1.17; use "topology.kubernetes.io/zone" instead',
  "beta.kubernetes.io/instance-type": 'deprecated since v1.17; use "node.kubernetes.io/instance-type" instead',
  "app.kubernetes.io/created-by": "deprecated since v1.9",
  "scheduler.alpha.kubernetes.io/preferAvoidPods": "deprecated since v1.22; use Taints and Tolerations instead",
  "node-role.kubernetes.io/master": 'use "node-role.kubernetes.io/control-plane" instead',
};

const DEPRECATED_ANNOTATIONS: Record<string, string> = {
  "scheduler.alpha.kubernetes.io/critical-pod": 'non-functional in v1.16+; use the "priorityClassName" field instead',
  "security.alpha.kubernetes.io/sysctls": 'non-functional in v1.11+; use the "sysctls" field instead',
  "security.alpha.kubernetes.io/unsafe-sysctls": 'non-functional in v1.11+; use the "sysctls" field instead',
};

const DEPRECATED_VOLUMES: [string, string][] = [
  ["photonPersistentDisk", "deprecated in v1.11, non-functional in v1.16+"],
  ["gitRepo", "deprecated in v1.11"],
  ["scaleIO", "deprecated in v1.16, non-functional in v1.22+"],
  ["flocker", "deprecated in v1.22, non-functional in v1.25+"],
  ["storageos", "deprecated in v1.22, non-functional in v1.25+"],
  ["quobyte", "deprecated in v1.22, non-functional in v1.25+"],
  ["glusterfs", "deprecated in v1.25, non-functional in v1.26+"],
  ["cephfs", "deprecated in v1.28, non-functional in v1.31+"],
  ["rbd", "deprecated in v1.28, non-functional in v1.31+"],
];

/** A path under the template (`spec.template…`), or the bare `spec…`/`metadata…` of a Pod. */
function under(prefix: Path | undefined, ...parts: string[]): Path {
  return prefix ? prefix.child(parts[0], ...parts.slice(1)) : Path.root(parts[0], ...parts.slice(1));
}

function fractionalBytes(value: unknown): boolean {
  try {
    return toQuantity(value).milliValue() % 1000 !== 0;
  } catch {
    return false;
  }
}

function nodeSelectorTermWarnings(term: Json, path: Path): string[] {
  return arr(term.matchExpressions).flatMap((e, i) => {
    const msg = DEPRECATED_NODE_LABELS[str(e.key)];
    return msg ? [`${path.child("matchExpressions").index(i).child("key")}: ${str(e.key)} is ${msg}`] : [];
  });
}

function containerWarnings(c: Json, path: Path): string[] {
  const warnings: string[] = [];
  const resources = obj(c.resources) ?? {};
  for (const [kind, list] of [["limits", obj(resources.limits)], ["requests", obj(resources.requests)]] as const) {
    for (const name of ["memory", "ephemeral-storage"]) {
      if (list && name in list && fractionalBytes(list[name])) {
        warnings.push(`${path.child("resources", kind).key(name)}: fractional byte value ${JSON.stringify(String(toQuantity(list[name])))} is invalid, must be an integer`);
      }
    }
  }
  // Repeated env names: apply keeps only one of them, unless the later one builds on the earlier.
  const seen = new Set<string>();
  arr(c.env).forEach((e, i) => {
    const name = str(e.name);
    if (!seen.has(name)) {
      seen.add(name);
      return;
    }
    const ref = `$(${name})`;
    const value = str(e.value);
    if (e.valueFrom || value === ref || !value.includes(ref)) warnings.push(`${path.child("env").index(i)}: hides previous definition of ${JSON.stringify(name)}, which may be dropped when using apply`);
  });
  return warnings;
}

/** The containers of a pod spec with their paths, init containers first as VisitContainersWithPath does. */
function containers(spec: Json, specPath: Path): [Json, Path][] {
  return [
    ...arr(spec.initContainers).map((c, i): [Json, Path] => [c, specPath.child("initContainers").index(i)]),
    ...arr(spec.containers).map((c, i): [Json, Path] => [c, specPath.child("containers").index(i)]),
    ...arr(spec.ephemeralContainers).map((c, i): [Json, Path] => [c, specPath.child("ephemeralContainers").index(i)]),
  ];
}

function portWarnings(spec: Json, specPath: Path): string[] {
  const warnings: string[] = [];
  const byKey = new Map<string, { path: Path; port: Json }[]>();
  for (const [c, path] of containers(spec, specPath)) {
    arr(c.ports).forEach((port, i) => {
      const here = path.child("ports").index(i);
      const hostIP = str(port.hostIP);
      const hostPort = Number(port.hostPort ?? 0);
      if (hostIP && hostPort === 0) {
        warnings.push(`${here}: hostIP set without hostPort: {Name:${str(port.name)} HostPort:${hostPort} ContainerPort:${Number(port.containerPort ?? 0)} Protocol:${str(port.protocol)} HostIP:${hostIP}}`);
      }
      const key = `${Number(port.containerPort ?? 0)}/${str(port.protocol)}`;
      const others = byKey.get(key) ?? [];
      for (const other of others) {
        const otherIP = str(other.port.hostIP);
        const otherPort = Number(other.port.hostPort ?? 0);
        if (hostIP === otherIP && hostPort === otherPort) warnings.push(`${here}: duplicate port definition with ${other.path}`);
        else if (hostPort === 0 || otherPort === 0) warnings.push(`${here}: overlapping port definition with ${other.path}`);
        else if (hostPort === otherPort && (hostIP === "") !== (otherIP === "")) warnings.push(`${here}: dangerously ambiguous port definition with ${other.path}`);
      }
      byKey.set(key, [...others, { path: here, port }]);
    });
  }
  return warnings;
}

function affinityTermWarnings(terms: unknown, path: Path, weighted: boolean): string[] {
  return arr(terms).flatMap((t, i) => {
    const term = weighted ? (obj(t.podAffinityTerm) ?? {}) : t;
    if (term.labelSelector) return [];
    const at = weighted ? path.index(i).child("podAffinityTerm", "labelSelector") : path.index(i).child("labelSelector");
    return [`${at}: a null labelSelector results in matching no pod`];
  });
}

/** warningsForPodSpecAndMeta: `prefix` is the template's path (undefined for a Pod). */
export function podSpecWarnings(spec: Json, meta: Json, prefix: Path | undefined): string[] {
  const warnings: string[] = [];
  const specPath = under(prefix, "spec");
  for (const key of Object.keys(obj(spec.nodeSelector) ?? {})) {
    const msg = DEPRECATED_NODE_LABELS[key];
    if (msg) warnings.push(`${specPath.child("nodeSelector").key(key)}: ${msg}`);
  }
  const nodeAffinity = obj(obj(spec.affinity)?.nodeAffinity);
  if (nodeAffinity) {
    const requiredTerms = obj(nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution);
    if (requiredTerms) {
      const termsPath = specPath.child("affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms");
      arr(requiredTerms.nodeSelectorTerms).forEach((t, i) => warnings.push(...nodeSelectorTermWarnings(t, termsPath.index(i))));
    }
    const preferredPath = specPath.child("affinity", "nodeAffinity", "preferredDuringSchedulingIgnoredDuringExecution");
    arr(nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => warnings.push(...nodeSelectorTermWarnings(obj(t.preference) ?? {}, preferredPath.index(i).child("preference"))));
  }
  arr(spec.topologySpreadConstraints).forEach((t, i) => {
    const p = specPath.child("topologySpreadConstraints").index(i);
    const msg = DEPRECATED_NODE_LABELS[str(t.topologyKey)];
    if (msg) warnings.push(`${p.child("topologyKey")}: ${str(t.topologyKey)} is ${msg}`);
    if (!t.labelSelector) warnings.push(`${p.child("labelSelector")}: a null labelSelector results in matching no pod`);
  });
  const annotations = obj(meta.annotations) ?? {};
  for (const [key, msg] of Object.entries(DEPRECATED_ANNOTATIONS)) {
    if (key in annotations) warnings.push(`${under(prefix, "metadata", "annotations").key(key)}: ${msg}`);
  }
  arr(spec.volumes).forEach((v, i) => {
    for (const [source, msg] of DEPRECATED_VOLUMES) if (v[source]) warnings.push(`${specPath.child("volumes").index(i).child(source)}: ${msg}`);
  });
  const hostAliasIPs = new Set<string>();
  arr(spec.hostAliases).forEach((a, i) => {
    if (hostAliasIPs.has(str(a.ip))) warnings.push(`${specPath.child("hostAliases").index(i).child("ip")}: duplicate ip ${JSON.stringify(str(a.ip))}`);
    hostAliasIPs.add(str(a.ip));
  });
  const pullSecrets = new Set<string>();
  arr(spec.imagePullSecrets).forEach((s, i) => {
    if (pullSecrets.has(str(s.name))) warnings.push(`${specPath.child("imagePullSecrets").index(i).child("name")}: duplicate name ${JSON.stringify(str(s.name))}`);
    pullSecrets.add(str(s.name));
  });
  arr(spec.imagePullSecrets).forEach((s, i) => {
    if (!str(s.name)) warnings.push(`${specPath.child("imagePullSecrets").index(i).child("name")}: invalid empty name ""`);
  });
  for (const [c, path] of containers(spec, specPath)) warnings.push(...containerWarnings(c, path));
  warnings.push(...portWarnings(spec, specPath));
  if (typeof spec.terminationGracePeriodSeconds === "number" && spec.terminationGracePeriodSeconds < 0) {
    warnings.push(`${specPath.child("terminationGracePeriodSeconds")}: must be >= 0; negative values are invalid and will be treated as 1`);
  }
  const affinity = obj(spec.affinity);
  for (const kind of ["podAffinity", "podAntiAffinity"]) {
    const a = obj(affinity?.[kind]);
    if (!a) continue;
    warnings.push(...affinityTermWarnings(a.requiredDuringSchedulingIgnoredDuringExecution, specPath.child("affinity", kind, "requiredDuringSchedulingIgnoredDuringExecution"), false));
    warnings.push(...affinityTermWarnings(a.preferredDuringSchedulingIgnoredDuringExecution, specPath.child("affinity", kind, "preferredDuringSchedulingIgnoredDuringExecution"), true));
  }
  return warnings;
}

/** %v of a []string, as the name advice prints its reasons. */
const goList = (items: string[]) => `[${items.join(" ")}]`;

/** Pod strategy WarningsOnCreate/Update. */
export function podWarnings(pod: KubeObject, old: KubeObject | undefined): string[] {
  const warnings: string[] = [];
  const problems = nameProblems(pod.metadata.name ?? "", "label");
  if (!old && problems.length > 0) {
    warnings.push(`metadata.name: this is used in the Pod's hostname, which can result in surprising behavior; a DNS label is recommended: ${goList(problems)}`);
  }
  return [...warnings, ...podSpecWarnings(obj((pod as unknown as Json).spec) ?? {}, pod.metadata as unknown as Json, undefined)];
}

/**
 * Workload strategies: the name advice on create (the name prefixes pod names and hostnames), then the
 * template's warnings; on update, only when the spec changed (generation moved).
 */
export function templateWarnings(templatePath: string[], nameAdvice: boolean) {
  return (workload: KubeObject, old: KubeObject | undefined): string[] => {
    const template = templatePath.reduce<Json | undefined>((o, k) => obj(o?.[k]), workload as unknown as Json) ?? {};
    if (old) {
      const oldTemplate = templatePath.reduce<Json | undefined>((o, k) => obj(o?.[k]), old as unknown as Json) ?? {};
      if (workload.metadata.generation === old.metadata.generation && deepEqual(template, oldTemplate)) return [];
    }
    const warnings: string[] = [];
    const problems = nameProblems(workload.metadata.name ?? "", "label");
    if (!old && nameAdvice && problems.length > 0) {
      warnings.push(`metadata.name: this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: ${goList(problems)}`);
    }
    const prefix = Path.root(templatePath[0], ...templatePath.slice(1));
    return [...warnings, ...podSpecWarnings(obj(template.spec) ?? {}, obj(template.metadata) ?? {}, prefix)];
  };
}

/** Ingress strategy: the beta class annotation still works but is deprecated. */
export function ingressWarnings(ingress: KubeObject): string[] {
  const annotations = ingress.metadata.annotations ?? {};
  return "kubernetes.io/ingress.class" in annotations ? ['annotation "kubernetes.io/ingress.class" is deprecated, please use \'spec.ingressClassName\' instead'] : [];
}
