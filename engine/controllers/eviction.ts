import type { PodDisruptionBudget } from "kubernetes-types/policy/v1";
import { ApiError, badRequest, methodNotAllowed, notFound, successStatus } from "../api/errors";
import type { ServerContext, SubresourceHandler } from "../api/server/context";
import type { KubeObject } from "../api/types";
import { clone } from "../util/freeze";
import { pdbPods } from "./disruption";
import { asPod, isReady } from "./pods";

const VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget.";

function failure(code: number, reason: string, message: string, details?: Record<string, unknown>): ApiError {
  return new ApiError({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, ...(details ? { details } : {}), code });
}

/** Pods that may go without asking a budget: finished, not started, or already going (canIgnorePDB). */
function canIgnoreBudget(pod: KubeObject): boolean {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  return phase === "Succeeded" || phase === "Failed" || phase === "Pending" || phase === undefined || !!pod.metadata.deletionTimestamp;
}

/**
 * POST pods/{name}/eviction (policy/v1 Eviction), as kubectl drain sends: honours the pod's
 * PodDisruptionBudget (429 "Cannot evict pod as it would violate the pod's disruption budget."),
 * records the disruption in the budget's status, marks the pod DisruptionTarget and deletes it
 * gracefully with the eviction's delete options.
 */
export const evictionSubresource: SubresourceHandler = {
  handle(request, server) {
    if (request.method !== "POST") throw methodNotAllowed();
    const body = (request.body ?? {}) as { metadata?: { name?: string }; deleteOptions?: Record<string, unknown> };
    if (body.metadata?.name && body.metadata.name !== request.name) throw badRequest(`name in URL does not match name in Eviction object`);
    const namespace = request.namespace!;
    const pod = server.store.get("/pods", namespace, request.name);
    if (!pod) throw notFound({ group: "", resource: "pods" }, request.name);
    if (!canIgnoreBudget(pod)) checkBudget(server, pod);
    if (!pod.metadata.deletionTimestamp) markDisruptionTarget(server, pod);
    const response = server.handle({
      method: "DELETE",
      path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(request.name)}`,
      headers: { "content-type": "application/json" },
      body: { kind: "DeleteOptions", apiVersion: "v1", ...(body.deleteOptions ?? {}) },
      user: request.user,
    });
    if (response.status >= 400) throw new ApiError(response.body as ApiError["status"]);
    return { status: 201, body: { ...successStatus(), code: 201 } };
  },
};

function checkBudget(server: ServerContext, pod: KubeObject): void {
  const namespace = pod.metadata.namespace;
  const budgets = server.store
    .list("policy/poddisruptionbudgets", namespace)
    .filter((b) => pdbPods(server.store, b as unknown as PodDisruptionBudget).some((p) => p.metadata?.uid === pod.metadata.uid));
  if (budgets.length === 0) return;
  if (budgets.length > 1) throw failure(500, "InternalError", "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
  const stored = budgets[0];
  const pdb = stored as unknown as PodDisruptionBudget;
  const status: NonNullable<PodDisruptionBudget["status"]> = pdb.status ?? { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 };
  // An unready pod may go when the budget is already met, or always with AlwaysAllow.
  if (!isReady(asPod(pod))) {
    if (pdb.spec?.unhealthyPodEvictionPolicy === "AlwaysAllow") return;
    if ((status.currentHealthy ?? 0) >= (status.desiredHealthy ?? 0) && (status.desiredHealthy ?? 0) > 0) return;
  }
  const observedCurrent = (status.observedGeneration ?? 0) >= (stored.metadata.generation ?? 0);
  if (!observedCurrent || (status.disruptionsAllowed ?? 0) <= 0) {
    throw failure(429, "TooManyRequests", VIOLATION, {
      causes: [
        {
          reason: "DisruptionBudget",
          message: `The disruption budget ${stored.metadata.name} needs ${status.desiredHealthy ?? 0} healthy pods and has ${status.currentHealthy ?? 0} currently`,
        },
      ],
    });
  }
  const updated = clone(stored) as KubeObject & { status: Record<string, unknown> };
  updated.status.disruptionsAllowed = (status.disruptionsAllowed ?? 0) - 1;
  updated.status.disruptedPods = { ...(status.disruptedPods ?? {}), [pod.metadata.name!]: server.clock.nowRfc3339() };
  server.store.update("policy/poddisruptionbudgets", updated);
}

function markDisruptionTarget(server: ServerContext, pod: KubeObject): void {
  const updated = clone(pod) as KubeObject & { status?: { conditions?: Record<string, unknown>[] } };
  const status = (updated.status ??= {});
  status.conditions = [
    ...(status.conditions ?? []).filter((c) => c.type !== "DisruptionTarget"),
    { type: "DisruptionTarget", status: "True", lastProbeTime: null, lastTransitionTime: server.clock.nowRfc3339(), reason: "EvictionByEvictionAPI", message: "Eviction API: evicting" },
  ];
  server.store.update("/pods", updated);
}
