import { apiVersionOf, type ResourceDefinition } from "../resource";
import type { ResourceRegistry } from "../registry";
import { cachedAggregatedDiscovery } from "../../cluster/discovery-cache";

/** The kind and verbs discovery reports for each subresource name (from the real apiserver). */
const SUBRESOURCES: Record<string, { kind?: { group: string; version: string; kind: string }; verbs: string[] }> = {
  status: { verbs: ["get", "patch", "update"] },
  scale: { kind: { group: "autoscaling", version: "v1", kind: "Scale" }, verbs: ["get", "patch", "update"] },
  log: { verbs: ["get"] },
  exec: { kind: { group: "", version: "v1", kind: "PodExecOptions" }, verbs: ["create", "get"] },
  attach: { kind: { group: "", version: "v1", kind: "PodAttachOptions" }, verbs: ["create", "get"] },
  portforward: { kind: { group: "", version: "v1", kind: "PodPortForwardOptions" }, verbs: ["create", "get"] },
  proxy: { verbs: ["create", "delete", "get", "patch", "update"] },
  binding: { kind: { group: "", version: "v1", kind: "Binding" }, verbs: ["create"] },
  eviction: { kind: { group: "policy", version: "v1", kind: "Eviction" }, verbs: ["create"] },
  ephemeralcontainers: { verbs: ["get", "patch", "update"] },
  resize: { verbs: ["get", "patch", "update"] },
  token: { kind: { group: "authentication.k8s.io", version: "v1", kind: "TokenRequest" }, verbs: ["create"] },
  approval: { verbs: ["get", "patch", "update"] },
  finalize: { verbs: ["update"] },
};

function proxyKind(def: ResourceDefinition): string {
  return `${def.kind}ProxyOptions`;
}

function subresourceKind(def: ResourceDefinition, version: string, name: string) {
  const info = SUBRESOURCES[name];
  if (name === "proxy") return { group: "", version: "v1", kind: proxyKind(def) };
  return info?.kind ?? { group: def.group, version, kind: def.kind };
}

function versionsOf(def: ResourceDefinition): string[] {
  return [def.version, ...(def.otherVersions ?? []).map((v) => v.version)];
}

/** APIResourceList for one group/version (the non-aggregated discovery document). */
export function resourceList(registry: ResourceRegistry, group: string, version: string): unknown | undefined {
  const defs = registry.all().filter((d) => d.group === group && versionsOf(d).includes(version));
  if (defs.length === 0) return undefined;
  const resources: unknown[] = [];
  for (const def of defs) {
    resources.push({
      name: def.resource,
      singularName: def.singular,
      namespaced: def.namespaced,
      kind: def.kind,
      verbs: def.verbs,
      ...(def.shortNames ? { shortNames: def.shortNames } : {}),
      ...(def.categories ? { categories: def.categories } : {}),
    });
    for (const sub of def.subresources ?? []) {
      const kind = subresourceKind(def, version, sub);
      resources.push({
        name: `${def.resource}/${sub}`,
        singularName: "",
        namespaced: def.namespaced,
        ...(kind.group !== def.group ? { group: kind.group, version: kind.version } : {}),
        kind: kind.kind,
        verbs: SUBRESOURCES[sub]?.verbs ?? ["get"],
      });
    }
  }
  return { kind: "APIResourceList", apiVersion: "v1", groupVersion: apiVersionOf({ group, version }), resources };
}

export function apiVersions(serverAddress: string): unknown {
  return {
    kind: "APIVersions",
    versions: ["v1"],
    serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress }],
  };
}

function groupInfo(name: string, versions: string[]) {
  const gv = versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v }));
  return { name, versions: gv, preferredVersion: gv[0] };
}

export function apiGroupList(registry: ResourceRegistry): unknown {
  return {
    kind: "APIGroupList",
    apiVersion: "v1",
    groups: registry.groups().filter((g) => g.name !== "").map((g) => groupInfo(g.name, g.versions)),
  };
}

export function apiGroup(registry: ResourceRegistry, group: string): unknown | undefined {
  const found = registry.groups().find((g) => g.name === group);
  if (!found || group === "") return undefined;
  return { kind: "APIGroup", apiVersion: "v1", ...groupInfo(found.name, found.versions) };
}

export const AGGREGATED_DISCOVERY_TYPE = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

/** Whether the Accept header asks for aggregated discovery (kubectl ≥ 1.30 does). */
export function wantsAggregated(accept: string | undefined): boolean {
  return !!accept && accept.includes("as=APIGroupDiscoveryList") && accept.includes("v=v2");
}

function discoveryVersion(registry: ResourceRegistry, group: string, version: string) {
  const defs = registry.all().filter((d) => d.group === group && versionsOf(d).includes(version));
  return {
    version,
    resources: defs.map((def) => ({
      resource: def.resource,
      responseKind: { group: def.group, version, kind: def.kind },
      scope: def.namespaced ? "Namespaced" : "Cluster",
      singularResource: def.singular,
      verbs: def.verbs,
      ...(def.shortNames ? { shortNames: def.shortNames } : {}),
      ...(def.categories ? { categories: def.categories } : {}),
      ...(def.subresources
        ? {
            subresources: def.subresources.map((sub) => ({
              subresource: sub,
              responseKind: subresourceKind(def, version, sub),
              verbs: SUBRESOURCES[sub]?.verbs ?? ["get"],
            })),
          }
        : {}),
    })),
    freshness: "Current",
  };
}

/** APIGroupDiscoveryList for /api (core only) or /apis (every named group). */
export function aggregatedDiscovery(registry: ResourceRegistry, core: boolean): unknown {
  return cachedAggregatedDiscovery(registry, core, () => buildAggregatedDiscovery(registry, core));
}

function buildAggregatedDiscovery(registry: ResourceRegistry, core: boolean): unknown {
  const groups = registry.groups().filter((g) => (core ? g.name === "" : g.name !== ""));
  return {
    kind: "APIGroupDiscoveryList",
    apiVersion: "apidiscovery.k8s.io/v2",
    metadata: {},
    items: groups.map((g) => ({
      metadata: core ? { creationTimestamp: null } : { name: g.name, creationTimestamp: null },
      versions: g.versions.map((v) => discoveryVersion(registry, g.name, v)),
    })),
  };
}
