import type { ContainerSpec, PodSpec } from "./pod-types";

/**
 * Ephemeral containers (added by `kubectl debug POD` through pods/ephemeralcontainers): the pod
 * worker starts each once, after the regular containers, and never restarts it; its status lists
 * them under ephemeralContainerStatuses.
 */
export function ephemeralContainers(spec: PodSpec): ContainerSpec[] {
  return ((spec as { ephemeralContainers?: ContainerSpec[] }).ephemeralContainers ?? []).filter((c) => c && c.name);
}

/**
 * An ephemeral container's status is a container status without readiness: the prober manager
 * only tracks regular and init containers, so `ready` stays false and `started` is absent.
 */
export function ephemeralStatus(status: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...status, ready: false };
  delete out.started;
  return out;
}
