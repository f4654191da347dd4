import type { ApiClient } from "../client";
import { tryQuantity } from "../quantity";
import type { KubeObject } from "../types";
import { admissionForbidden } from "./forbidden";
import { objectUsage, quotaMatches, type Usage } from "./quota-usage";
import type { AdmissionPlugin } from "./types";

/**
 * The ResourceQuota admission plugin (plugin/pkg/admission/resourcequota, v1.33): a create is
 * refused when it would take any constrained resource of a matching quota over its hard limit,
 * or when a quota limits compute resources the pod's containers do not all specify.
 */

type Json = Record<string, unknown>;

const COMPUTE = ["cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu", "limits.memory", "ephemeral-storage", "requests.ephemeral-storage", "limits.ephemeral-storage"];

/** prettyPrint: `name=value` pairs sorted by name. */
function pretty(list: Record<string, string>): string {
  return Object.keys(list)
    .sort()
    .map((k) => `${k}=${list[k]}`)
    .join(",");
}

/** enforcePodContainerConstraints: each container must set what the quota limits. */
function missingCompute(pod: KubeObject, required: string[]): string[] {
  const missing = new Set<string>();
  const spec = (pod.spec ?? {}) as Json;
  for (const c of [...((spec.containers ?? []) as Json[]), ...((spec.initContainers ?? []) as Json[])]) {
    const r = (c.resources ?? {}) as Json;
    const usage = objectUsage("", "pods", { apiVersion: "v1", kind: "Pod", metadata: {}, spec: { containers: [{ resources: r }] } });
    for (const name of required) if (!usage[name]) missing.add(name);
  }
  return [...missing].sort();
}

/**
 * `charge` records an admitted object's usage in the quota's status at once, as the real plugin
 * does, so several creates in one controller pass cannot slip past a limit before the quota
 * controller recounts.
 */
export function resourceQuotaAdmission(charge: () => ApiClient): AdmissionPlugin {
  return {
    name: "ResourceQuota",
    validate(attrs, ctx) {
      if (attrs.operation !== "CREATE" || attrs.subresource || !attrs.object || !attrs.def.namespaced || !attrs.namespace) return;
      const quotas = ctx.list("", "resourcequotas", attrs.namespace);
      if (quotas.length === 0) return;
      const { group, resource } = attrs.def;
      const usage: Usage = objectUsage(group, resource, attrs.object);
      for (const quota of [...quotas].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))) {
        if (!quotaMatches(quota, group, resource, attrs.object)) continue;
        const status = (quota.status ?? {}) as Json;
        const hard = (status.hard ?? {}) as Record<string, unknown>;
        const used = (status.used ?? {}) as Record<string, unknown>;
        const constrained = Object.keys(hard).filter((n) => usage[n] !== undefined || (group === "" && resource === "pods" && COMPUTE.includes(n)));
        if (constrained.length === 0) continue;
        if (group === "" && resource === "pods") {
          const missing = missingCompute(attrs.object, constrained.filter((n) => COMPUTE.includes(n)));
          if (missing.length > 0) throw admissionForbidden(attrs, `failed quota: ${quota.metadata.name}: must specify ${missing.join(",")}`);
        }
        const exceeded: string[] = [];
        for (const name of constrained) {
          const request = usage[name];
          if (!request) continue;
          const limit = tryQuantity(hard[name]);
          const current = tryQuantity(used[name]);
          if (!limit) continue;
          if (!current) throw admissionForbidden(attrs, `status unknown for quota: ${quota.metadata.name}, resource: ${name}`);
          if (current.add(request).cmp(limit) > 0) exceeded.push(name);
        }
        if (exceeded.length > 0) {
          const pick = (src: Record<string, unknown>) => Object.fromEntries(exceeded.map((n) => [n, String(src[n] ?? "0")]));
          const requested = Object.fromEntries(exceeded.map((n) => [n, usage[n].toString()]));
          throw admissionForbidden(attrs, `exceeded quota: ${quota.metadata.name}, requested: ${pretty(requested)}, used: ${pretty(pick(used))}, limited: ${pretty(pick(hard))}`);
        }
        if (!attrs.dryRun) {
          const newUsed: Record<string, unknown> = { ...used };
          for (const name of constrained) {
            const current = tryQuantity(used[name]);
            if (usage[name] && current) newUsed[name] = current.add(usage[name]).toString();
          }
          charge().update({ ...quota, status: { ...status, used: newUsed } }, "status");
        }
      }
    },
  };
}
