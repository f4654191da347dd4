import type { ResourceDefinition } from "../api/resource";
import type { KubeObject } from "../api/types";
import type { Cluster } from "../cluster/cluster";
import type { Environment } from "../cluster/environment";
import type { Host } from "../hosts/host";
import type { ScriptRunner } from "./script-runner";

/** Everything a check may look at. Reads go through the API as the cluster's admin client. */
export interface GradingContext {
  env: Environment;
  /** The cluster a check reads when it names none (the scenario's first, or the exam task's). */
  defaultCluster: string;
  /** Where command checks run when they name no host. */
  homeHost: string;
  runScript: ScriptRunner;
}

export class CheckFailure extends Error {}

export function clusterOf(ctx: GradingContext, name?: string): Cluster {
  const cluster = ctx.env.clusters.get(name ?? ctx.defaultCluster);
  if (!cluster) throw new Error(`the environment has no cluster "${name ?? ctx.defaultCluster}"`);
  if (!cluster.apiserverUp) {
    // What kubectl would say: graders see the cluster the way the learner left it.
    throw new CheckFailure(`The connection to the server ${cluster.apiserver.serverAddress} was refused - did you specify the right host or port?`);
  }
  return cluster;
}

export function hostOf(ctx: GradingContext, name: string): Host {
  const host = ctx.env.hosts.get(name);
  if (!host) throw new Error(`the environment has no host "${name}"`);
  return host;
}

/**
 * Resolves a resource the way kubectl reads its argument: plural, singular, short name or kind,
 * optionally qualified by group (`deployments.apps`, `ingress.networking.k8s.io`).
 */
export function resolveResource(cluster: Cluster, text: string): ResourceDefinition {
  const lower = text.toLowerCase();
  const dot = lower.indexOf(".");
  const name = dot < 0 ? lower : lower.slice(0, dot);
  const group = dot < 0 ? undefined : lower.slice(dot + 1);
  const candidates = cluster.registry
    .all()
    .filter((d) => group === undefined || d.group === group)
    .filter((d) => d.resource === name || d.singular === name || d.kind.toLowerCase() === name || (d.shortNames ?? []).includes(name));
  // kubectl prefers the core and built-in groups over custom ones that reuse a name.
  const chosen = candidates.find((d) => d.group === "") ?? candidates.find((d) => !d.custom) ?? candidates[0];
  if (!chosen) throw new CheckFailure(`the server doesn't have a resource type "${text}"`);
  return chosen;
}

export function describeObject(def: ResourceDefinition, name: string, namespace?: string): string {
  const kind = def.group ? `${def.resource}.${def.group}` : def.resource;
  return def.namespaced ? `${kind} "${name}" in namespace "${namespace ?? "default"}"` : `${kind} "${name}"`;
}

export function getObject(ctx: GradingContext, resource: string, name: string, namespace?: string, clusterName?: string): { def: ResourceDefinition; obj?: KubeObject } {
  const cluster = clusterOf(ctx, clusterName);
  const def = resolveResource(cluster, resource);
  const obj = cluster.admin.get(def.group, def.resource, def.namespaced ? (namespace ?? "default") : undefined, name);
  return { def, obj };
}

export function listObjects(
  ctx: GradingContext,
  resource: string,
  options: { namespace?: string; selector?: string; fieldSelector?: string; cluster?: string },
): { def: ResourceDefinition; items: KubeObject[] } {
  const cluster = clusterOf(ctx, options.cluster);
  const def = resolveResource(cluster, resource);
  const query: Record<string, string> = {};
  if (options.fieldSelector) query.fieldSelector = options.fieldSelector;
  if (options.selector) query.labelSelector = options.selector;
  const items = cluster.admin.list(def.group, def.resource, def.namespaced ? options.namespace : undefined, query);
  return { def, items };
}
