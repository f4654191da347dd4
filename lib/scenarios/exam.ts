import { createHash } from "node:crypto";
import type { CheckSpec } from "../../engine/grading/schema";
import { KUBERNETES_GIT_VERSION } from "../../engine/version";
import { contextName, toEnvironmentSpec } from "./environment";
import type { ValidationIssue, YamlSource } from "./issues";
import type { Scenario } from "./load";
import type { EnvironmentDecl, ExamMeta } from "./schema";

/** One task of a mock exam: a catalogue scenario moved onto one of the exam's clusters. */
export interface ExamTask {
  number: number;
  weight: number;
  /** The scenario with its node and cluster names replaced by the exam's. */
  scenario: Scenario;
  cluster: string;
  context: string;
  /** The task cluster's control plane: where its setup and reference solution run. */
  homeHost: string;
  nodes: string[];
}

export interface Exam {
  meta: ExamMeta;
  file: string;
  version: string;
  environment: EnvironmentDecl;
  tasks: ExamTask[];
}

type ClusterDecl = EnvironmentDecl["clusters"][number];

/** A name as a whole word, where dashes and dots separate words (`kube-apiserver-controlplane`). */
function wordPattern(name: string): RegExp {
  return new RegExp(`(?<![A-Za-z0-9])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![A-Za-z0-9])`, "g");
}

/**
 * Rewrites every mention of the scenario's node names (in texts, scripts and checks) to the exam's,
 * and its cluster names where they name a cluster (check targets, kubeconfig contexts). Mirror pods
 * follow along (`etcd-controlplane` becomes `etcd-c1-controlplane`), as they would on real nodes.
 */
export function renameHosts(text: string, nodes: Map<string, string>, clusters: Map<string, string>, ips: Map<string, string> = new Map()): string {
  let out = text;
  // Two passes through placeholders so that a map like a→b, b→c does not chain.
  const placeholders: [string, string][] = [];
  for (const [from, to] of nodes) {
    const token = `\u0000${placeholders.length}\u0000`;
    placeholders.push([token, to]);
    out = out.replace(wordPattern(from), token);
  }
  for (const [from, to] of clusters) {
    const token = `\u0000${placeholders.length}\u0000`;
    placeholders.push([token, contextName(to)]);
    out = out.replaceAll(contextName(from), token);
  }
  for (const [from, to] of ips) {
    const token = `\u0000${placeholders.length}\u0000`;
    placeholders.push([token, to]);
    out = out.replace(new RegExp(`(?<![0-9.])${from.replace(/\./g, "\\.")}(?![0-9])`, "g"), token);
  }
  for (const [token, to] of placeholders) out = out.replaceAll(token, to);
  return out;
}

/** Node name → address, as the environment will assign them. */
function addresses(decl: EnvironmentDecl): Map<string, string> {
  return new Map(toEnvironmentSpec(decl).clusters.flatMap((c) => c.nodes.map((n) => [n.name, n.ip] as [string, string])));
}

/** Namespaces a scenario's scripts create: two tasks on one cluster must not both create one. */
export function createdNamespaces(scenario: Scenario): string[] {
  const found = new Set<string>();
  for (const m of `${scenario.setup}\n${scenario.solution}`.matchAll(/kubectl\s+create\s+(?:namespace|ns)\s+([a-z0-9][a-z0-9-]*)/g)) found.add(m[1]);
  return [...found];
}

function mapNodes(from: ClusterDecl, to: ClusterDecl): Map<string, string> | string {
  const map = new Map<string, string>();
  for (const role of ["control-plane", "worker"] as const) {
    const source = from.nodes.filter((n) => (n.role ?? "worker") === role);
    const target = to.nodes.filter((n) => (n.role ?? "worker") === role);
    if (source.length > target.length) return `needs ${source.length} ${role} node(s) but cluster "${to.name}" has ${target.length}`;
    for (const [i, n] of source.entries()) {
      if ((n.version ?? "") !== (target[i].version ?? "")) return `needs node ${n.name} at ${n.version ?? "the cluster version"} but ${target[i].name} is at ${target[i].version ?? "the cluster version"}`;
      map.set(n.name, target[i].name);
    }
  }
  return map;
}

export function composeExam(meta: ExamMeta, scenarios: Map<string, Scenario>, source: YamlSource): { exam?: Exam; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const at = (i: number, field: string, message: string) => issues.push({ file: source.file, ...source.position(["tasks", i, field]), field: `tasks[${i}].${field}`, message });
  const examClusters = new Map(meta.environment.clusters.map((c) => [c.name, c]));
  const tasks: ExamTask[] = [];
  meta.tasks.forEach((task, i) => {
    const scenario = scenarios.get(task.scenario);
    if (!scenario) return at(i, "scenario", `no scenario "${task.scenario}" in the catalogue`);
    const bindings = task.clusters ?? { [scenario.environment.clusters[0].name]: task.cluster! };
    if (task.cluster && scenario.environment.clusters.length > 1) return at(i, "cluster", `scenario "${task.scenario}" uses ${scenario.environment.clusters.length} clusters; map each with clusters:`);
    const nodeMap = new Map<string, string>();
    const clusterMap = new Map<string, string>();
    for (const sc of scenario.environment.clusters) {
      const target = examClusters.get(bindings[sc.name] ?? "");
      if (!target) return at(i, task.clusters ? "clusters" : "cluster", `no exam cluster for the scenario's cluster "${sc.name}" (exam clusters: ${[...examClusters.keys()].join(", ")})`);
      const wanted = sc.version ?? KUBERNETES_GIT_VERSION;
      if ((target.version ?? KUBERNETES_GIT_VERSION) !== wanted) return at(i, "cluster", `scenario "${task.scenario}" needs Kubernetes ${wanted} but cluster "${target.name}" runs ${target.version ?? KUBERNETES_GIT_VERSION}`);
      const nodes = mapNodes(sc, target);
      if (typeof nodes === "string") return at(i, "cluster", `scenario "${task.scenario}" ${nodes}`);
      for (const [a, b] of nodes) nodeMap.set(a, b);
      clusterMap.set(sc.name, target.name);
    }
    if (scenario.environment.workstation) nodeMap.set(scenario.environment.workstation, meta.environment.workstation!);
    const main = examClusters.get(clusterMap.get(scenario.environment.clusters[0].name)!)!;
    const fromIps = addresses(scenario.environment);
    const toIps = addresses(meta.environment);
    const ipMap = new Map([...nodeMap].filter(([a]) => fromIps.has(a) && toIps.has(nodeMap.get(a)!)).map(([a, b]) => [fromIps.get(a)!, toIps.get(b)!]));
    const rename = (t: string) => renameHosts(t, nodeMap, clusterMap, ipMap);
    for (const ns of createdNamespaces(scenario)) {
      const other = tasks.find((t) => t.cluster === main.name && createdNamespaces(t.scenario).includes(ns));
      if (other) return at(i, "cluster", `scenario "${task.scenario}" creates namespace "${ns}", as task ${other.number} (${other.scenario.id}) on cluster "${main.name}" does; put one of them on another cluster`);
    }
    const checks = (JSON.parse(rename(JSON.stringify(scenario.checks))) as CheckSpec[]).map((c) => ({ ...c, cluster: clusterMap.get(c.cluster ?? scenario.environment.clusters[0].name) }));
    const nodes = main.nodes.map((n) => n.name);
    const header =
      `> **Context:** run \`kubectl config use-context ${contextName(main.name)}\` before you start this task.\n` +
      `> Nodes of this cluster: ${nodes.map((n) => `\`${n}\``).join(", ")} (reach them with \`ssh <node>\`; use \`sudo -i\` for root).\n\n`;
    tasks.push({
      number: i + 1,
      weight: task.weight,
      cluster: main.name,
      context: contextName(main.name),
      homeHost: main.nodes.find((n) => n.role === "control-plane")!.name,
      nodes,
      scenario: {
        ...scenario,
        environment: meta.environment,
        task: header + rename(scenario.task),
        setup: rename(scenario.setup),
        solution: rename(scenario.solution),
        checks: checks as CheckSpec[],
        ...(scenario.explanation ? { explanation: rename(scenario.explanation) } : {}),
      },
    });
  });
  if (issues.length) return { issues };
  const hash = createHash("sha256").update(JSON.stringify(meta)).update(tasks.map((t) => t.scenario.version).join(",")).digest("hex").slice(0, 12);
  return { issues, exam: { meta, file: source.file, version: `${meta.version}+${hash}`, environment: meta.environment, tasks } };
}
