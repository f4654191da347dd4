import type { ApiClient } from "../api/client";
import type { KubeObject } from "../api/types";
import type { ControllerFactory } from "./controller";

interface NamespaceCondition {
  type: string;
  status: "True" | "False";
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/**
 * The conditions the namespace deleter keeps on a Terminating namespace, in its order, with the
 * reason and message each has while nothing is wrong (pkg/controller/namespace/deletion).
 */
const CONDITIONS_OK: [type: string, reason: string, message: string][] = [
  ["NamespaceDeletionDiscoveryFailure", "ResourcesDiscovered", "All resources successfully discovered"],
  ["NamespaceDeletionGroupVersionParsingFailure", "ParsedGroupVersions", "All legacy kube types successfully parsed"],
  ["NamespaceDeletionContentFailure", "ContentDeleted", "All content successfully deleted, may be waiting on finalization"],
  ["NamespaceContentRemaining", "ContentRemoved", "All content successfully removed"],
  ["NamespaceFinalizersRemaining", "ContentRemoved", "All content successfully removed"],
];

/**
 * The namespace controller: once a namespace is marked for deletion it deletes everything in it,
 * reports what is left (and the finalizers holding it) in the namespace's conditions, and when
 * nothing is left it removes the `kubernetes` finalizer so the namespace itself goes away (once
 * no other finalizer remains).
 */
export const namespaceController: ControllerFactory = ({ client, clock, requeueAfter }) => ({
  name: "namespace-controller",
  watches: ["/namespaces"],
  resync: () => client.list("", "namespaces").filter((n) => n.metadata.deletionTimestamp).map((n) => n.metadata.name!),
  reconcile(name) {
    const ns = client.get("", "namespaces", undefined, name);
    if (!ns?.metadata.deletionTimestamp) return;
    // "<resource>.<group>" → instances left after the deletes; finalizer → instances carrying it.
    const remaining = new Map<string, number>();
    const finalizers = new Map<string, number>();
    for (const def of client.server.registry.all()) {
      if (!def.namespaced || def.virtual || !def.verbs?.includes("delete")) continue;
      const key = `${def.group}/${def.resource}`;
      for (const obj of client.server.store.list(key, name)) {
        if (!obj.metadata.deletionTimestamp) {
          client.delete(def.group, def.resource, name, obj.metadata.name!, { propagationPolicy: "Background" });
        }
      }
      const left = client.server.store.list(key, name);
      if (left.length) remaining.set(`${def.resource}.${def.group}`, left.length);
      for (const obj of left) for (const f of obj.metadata.finalizers ?? []) finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
    }
    reportConditions(client, ns, remaining, finalizers, clock.nowRfc3339());
    if (remaining.size > 0) {
      // Pods terminate gracefully; look again once they have had time to go.
      requeueAfter(name, 1000);
      return;
    }
    // Only its own finalizer, "kubernetes": another one keeps the namespace Terminating until
    // whoever owns it (or a learner, through /finalize) removes it. The body is the namespace as
    // stored now (the conditions just written moved its resourceVersion).
    const current = client.get("", "namespaces", undefined, name) ?? ns;
    const spec = (current.spec ?? {}) as { finalizers?: string[] };
    const ours = spec.finalizers ?? [];
    if (ours.includes("kubernetes")) {
      client.request("PUT", client.path("", "namespaces", undefined, name, "finalize"), {
        body: { ...current, spec: { ...spec, finalizers: ours.filter((f) => f !== "kubernetes") } },
        contentType: "application/json",
      });
    }
  },
});

/** Writes the deleter's conditions when they changed (a transition time moves only with the status), as updateConditions does. */
function reportConditions(client: ApiClient, ns: KubeObject, remaining: Map<string, number>, finalizers: Map<string, number>, now: string): void {
  const listed = (counts: Map<string, number>, format: (what: string, n: number) => string) =>
    [...counts].map(([what, n]) => format(what, n)).sort().join(", ");
  const failing = new Map<string, [string, string]>();
  if (remaining.size) failing.set("NamespaceContentRemaining", ["SomeResourcesRemain", `Some resources are remaining: ${listed(remaining, (r, n) => `${r} has ${n} resource instances`)}`]);
  if (finalizers.size) {
    failing.set("NamespaceFinalizersRemaining", ["SomeFinalizersRemain", `Some content in the namespace has finalizers remaining: ${listed(finalizers, (f, n) => `${f} in ${n} resource instances`)}`]);
  }
  const old = ((ns.status as { conditions?: NamespaceCondition[] } | undefined)?.conditions ?? []).map((c) => ({ ...c }));
  let changed = false;
  for (const [type, okReason, okMessage] of CONDITIONS_OK) {
    const [reason, message] = failing.get(type) ?? [okReason, okMessage];
    const status = failing.has(type) ? "True" : "False";
    const before = old.find((c) => c.type === type);
    if (!before) {
      old.push({ type, status, lastTransitionTime: now, reason, message });
      changed = true;
    } else if (before.status !== status || before.reason !== reason || before.message !== message) {
      if (before.status !== status) before.lastTransitionTime = now;
      Object.assign(before, { status, reason, message });
      changed = true;
    }
  }
  if (changed) client.patchStatus("", "namespaces", undefined, ns.metadata.name!, { conditions: old });
}
