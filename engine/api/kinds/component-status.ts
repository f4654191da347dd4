import { internalError, methodNotAllowed } from "../errors";
import type { VirtualResourceHandler } from "../server/apiserver";
import { includeObjectPolicy, toTable, wantsTable } from "../server/table-response";
import type { KubeObject } from "../types";

/**
 * ComponentStatus (deprecated, still served in v1.33): computed on every read by probing the
 * scheduler and controller-manager /healthz endpoints and etcd, as pkg/registry/core/componentstatus
 * does. Nothing is stored. A component that does not listen is reported Unhealthy with the HTTP
 * prober's error text in MESSAGE (the prober turns dial errors into failures, not errors).
 */

export type ComponentName = "scheduler" | "controller-manager" | "etcd-0";

/** The order kubectl shows; the real server probes concurrently, so its order varies between calls. */
const COMPONENTS: { name: ComponentName; port?: number }[] = [
  { name: "scheduler", port: 10259 },
  { name: "controller-manager", port: 10257 },
  { name: "etcd-0" },
];

/** Whether a component answers its health check now. */
export type ComponentHealth = (component: ComponentName) => boolean;

function componentStatus(name: ComponentName, port: number | undefined, healthy: boolean): KubeObject {
  const url = `https://127.0.0.1:${port}/healthz`;
  const condition = healthy
    ? { type: "Healthy", status: "True", message: "ok" }
    : port
      ? { type: "Healthy", status: "False", message: `Get "${url}": dial tcp 127.0.0.1:${port}: connect: connection refused` }
      : { type: "Healthy", status: "False", error: "etcd health check failed" };
  return { apiVersion: "v1", kind: "ComponentStatus", metadata: { name, creationTimestamp: null }, conditions: [condition] } as unknown as KubeObject;
}

export function componentStatusResource(health: ComponentHealth): VirtualResourceHandler {
  return (call, server) => {
    if (call.method !== "GET") throw methodNotAllowed();
    const statuses = COMPONENTS.filter((c) => !call.name || c.name === call.name).map((c) => componentStatus(c.name, c.port, health(c.name)));
    // Get answers an unknown name with a plain error, which the apiserver reports as a 500.
    if (call.name && statuses.length === 0) throw internalError(`Component not found: ${call.name}`);
    if (wantsTable(call.headers.accept)) {
      return { status: 200, body: toTable(call.def, statuses, { now: server.clock.now(), include: includeObjectPolicy(call.query) }) };
    }
    if (call.name) return { status: 200, body: statuses[0] };
    return { status: 200, body: { kind: "ComponentStatusList", apiVersion: "v1", metadata: {}, items: statuses.map(({ apiVersion: _a, kind: _k, ...rest }) => rest) } };
  };
}
