import type { Controller, ControllerFactory } from "../../controllers/controller";
import { splitKey } from "../../controllers/controller";
import { deepEqual } from "../../util/json";
import { canonicalQuantity, Quantity } from "../quantity";
import type { KubeObject } from "../types";
import { objectUsage, quotaMatches } from "./quota-usage";

/**
 * The resource quota controller (pkg/controller/resourcequota): keeps every quota's status.hard
 * equal to spec.hard and status.used equal to what the namespace's objects use now, so quota
 * admission and `kubectl describe quota` see current numbers.
 */

type Json = Record<string, unknown>;

/** The types whose objects quotas count (compute via pods, object counts via count/…). */
export const QUOTA_TRACKED_TYPES = [
  "/pods", "/services", "/secrets", "/configmaps", "/persistentvolumeclaims", "/replicationcontrollers", "/resourcequotas",
  "apps/deployments", "apps/replicasets", "apps/statefulsets", "apps/daemonsets", "batch/jobs", "batch/cronjobs",
  "networking.k8s.io/ingresses", "networking.k8s.io/networkpolicies", "/serviceaccounts", "/endpoints", "/events",
  "autoscaling/horizontalpodautoscalers", "policy/poddisruptionbudgets", "rbac.authorization.k8s.io/roles", "rbac.authorization.k8s.io/rolebindings",
  "coordination.k8s.io/leases", "discovery.k8s.io/endpointslices",
];

/** The type a quota resource name is measured on. */
function typeOf(name: string): string | undefined {
  if (name.startsWith("count/")) {
    const rest = name.slice("count/".length);
    const dot = rest.indexOf(".");
    return dot < 0 ? `/${rest}` : `${rest.slice(dot + 1)}/${rest.slice(0, dot)}`;
  }
  if (["pods", "cpu", "memory", "ephemeral-storage"].includes(name) || /^(requests|limits)\.(cpu|memory|ephemeral-storage)$/.test(name) || name.startsWith("requests.hugepages-")) return "/pods";
  if (name === "services" || name === "services.nodeports" || name === "services.loadbalancers") return "/services";
  if (name === "persistentvolumeclaims" || name === "requests.storage" || name.includes(".storageclass.storage.k8s.io/")) return "/persistentvolumeclaims";
  if (["secrets", "configmaps", "replicationcontrollers", "resourcequotas"].includes(name)) return `/${name}`;
  return undefined;
}

/** The status a quota should have given the objects in its namespace. */
export function computeQuotaStatus(quota: KubeObject, list: (typeKey: string, namespace: string) => KubeObject[]): Json {
  const hard = Object.fromEntries(Object.entries(((quota.spec as Json | undefined)?.hard ?? {}) as Json).map(([k, v]) => [k, canonicalQuantity(v)]));
  const used: Record<string, Quantity> = {};
  const names = Object.keys(hard);
  for (const n of names) used[n] = Quantity.zero();
  const types = new Set(names.map(typeOf).filter((t): t is string => t !== undefined));
  for (const typeKey of types) {
    const [group, resource] = typeKey.split("/");
    for (const obj of list(typeKey, quota.metadata.namespace ?? "")) {
      if (obj.metadata.deletionTimestamp && typeKey === "/pods" && (obj.metadata.deletionGracePeriodSeconds ?? 0) === 0) continue;
      if (!quotaMatches(quota, group, resource, obj)) continue;
      const usage = objectUsage(group, resource, obj);
      for (const n of names) if (usage[n] && typeOf(n) === typeKey) used[n] = used[n].add(usage[n]);
    }
  }
  return { hard, used: Object.fromEntries(Object.entries(used).map(([k, q]) => [k, q.toString()])) };
}

export const resourceQuotaController: ControllerFactory = ({ client }): Controller => {
  const store = client.server.store;
  return {
    name: "resourcequota-controller",
    watches: QUOTA_TRACKED_TYPES,
    keysFor(event) {
      if (event.typeKey === "/resourcequotas") return [`${event.object.metadata.namespace}/${event.object.metadata.name}`];
      const ns = event.object.metadata.namespace;
      // Every write of every type comes here: nearly all clusters have no quota to recount.
      if (!ns || store.count("/resourcequotas") === 0) return [];
      return store.list("/resourcequotas", ns).map((q) => `${ns}/${q.metadata.name}`);
    },
    resync: () => store.list("/resourcequotas").map((q) => `${q.metadata.namespace}/${q.metadata.name}`),
    reconcile(key) {
      const { namespace, name } = splitKey(key);
      const quota = store.get("/resourcequotas", namespace, name);
      if (!quota || quota.metadata.deletionTimestamp) return;
      const status = computeQuotaStatus(quota, (typeKey, ns) => store.list(typeKey, ns));
      if (deepEqual(status, quota.status)) return;
      client.update({ ...quota, status }, "status");
    },
  };
};
