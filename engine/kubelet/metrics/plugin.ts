import type { ResourceDefinition } from "../../api/resource";
import type { KubeObject } from "../../api/types";
import type { Cluster, ClusterPlugin } from "../../cluster/cluster";
import type { ControllerFactory } from "../../controllers/controller";
import { nodeMetricsHandler, podMetricsHandler } from "./api";
import "./metrics-server";

/**
 * The resource metrics API behind the aggregator: metrics.k8s.io is served (in discovery and on
 * its paths) only while the APIService v1beta1.metrics.k8s.io points at a Service with a ready
 * endpoint — metrics-server installed and Ready. Otherwise the group is absent, so `kubectl top`
 * says "error: Metrics API not available" and the HPA cannot read pod metrics. The APIService's
 * Available condition says why, as the kube-aggregator's availability controller does.
 */
const APISERVICE = "v1beta1.metrics.k8s.io";
const CONTROLLER = "apiservice-availability";

interface Availability {
  available: boolean;
  reason: string;
  message: string;
}

function availability(cluster: Cluster, apiService: KubeObject): Availability {
  const ref = (apiService.spec as { service?: { name?: string; namespace?: string; port?: number } } | undefined)?.service;
  if (!ref?.name) return { available: true, reason: "Local", message: "Local APIServices are always available" };
  const ns = ref.namespace ?? "default";
  const service = cluster.store.get("/services", ns, ref.name);
  if (!service) return { available: false, reason: "ServiceNotFound", message: `service/${ref.name} in "${ns}" is not present` };
  const servicePort = ((service.spec as { ports?: { name?: string; port: number }[] }).ports ?? []).find((p) => p.port === (ref.port ?? 443));
  if (!servicePort) return { available: false, reason: "ServicePortError", message: `service/${ref.name} in "${ns}" is not listening on port ${ref.port ?? 443}` };
  const endpoints = cluster.store.get("/endpoints", ns, ref.name) as { subsets?: { addresses?: unknown[]; ports?: { name?: string }[] }[] } | undefined;
  const ready = (endpoints?.subsets ?? []).some((s) => (s.addresses ?? []).length > 0 && (s.ports ?? []).some((p) => (p.name ?? "") === (servicePort.name ?? "")));
  if (!ready) return { available: false, reason: "MissingEndpoints", message: `endpoints for service/${ref.name} in "${ns}" have no addresses with port name "${servicePort.name ?? ""}"` };
  return { available: true, reason: "Passed", message: "all checks passed" };
}

function availabilityController(cluster: Cluster, definitions: ResourceDefinition[]): ControllerFactory {
  return ({ client, clock }) => {
    /** Serves the group while the APIService is available; what it found, for the status. */
    const serve = () => {
      const apiService = client.get("apiregistration.k8s.io", "apiservices", undefined, APISERVICE);
      const state = apiService ? availability(cluster, apiService) : undefined;
      const served = !!cluster.registry.get("metrics.k8s.io", "pods");
      if (state?.available && !served) for (const def of definitions) cluster.registry.register(def);
      if (!state?.available && served) for (const def of definitions) cluster.registry.unregister(def.group, def.resource);
      return { apiService, state };
    };
    return {
      name: CONTROLLER,
      watches: ["apiregistration.k8s.io/apiservices", "/services", "/endpoints"],
      keysFor: (event) => (event.typeKey === "apiregistration.k8s.io/apiservices" ? (event.object.metadata.name === APISERVICE ? ["metrics"] : []) : event.object.metadata.namespace === "kube-system" || event.typeKey === "/services" ? ["metrics"] : []),
      // Whether the group is served lives only in the registry: a restore rebuilds it here, so a copy
      // of a template at rest (which reconciles nothing) serves metrics at once.
      resync: () => {
        serve();
        return ["metrics"];
      },
      reconcile() {
        const { apiService, state } = serve();
        if (!apiService || !state) return;
        const conditions = ((apiService.status as { conditions?: { type: string; status: string; reason: string; message: string; lastTransitionTime: string }[] } | undefined)?.conditions ?? []).filter((c) => c.type === "Available");
        const current = conditions[0];
        const status = state.available ? "True" : "False";
        if (current && current.status === status && current.reason === state.reason && current.message === state.message) return;
        const condition = { type: "Available", status, lastTransitionTime: current?.status === status ? current.lastTransitionTime : clock.nowRfc3339(), reason: state.reason, message: state.message };
        client.request("PUT", client.path("apiregistration.k8s.io", "apiservices", undefined, APISERVICE, "status"), { body: { ...apiService, status: { conditions: [condition] } }, contentType: "application/json" });
      },
    };
  };
}

export const metricsPlugin: ClusterPlugin = {
  name: "metrics",
  install(cluster) {
    const definitions = ["nodes", "pods"].map((r) => cluster.registry.get("metrics.k8s.io", r)).filter((d): d is ResourceDefinition => !!d);
    // Not served until metrics-server is up (the controller registers them).
    for (const def of definitions) cluster.registry.unregister(def.group, def.resource);
    cluster.apiserver.virtualResources.set("metrics.k8s.io/nodes", nodeMetricsHandler(cluster));
    cluster.apiserver.virtualResources.set("metrics.k8s.io/pods", podMetricsHandler(cluster));
    cluster.addController(CONTROLLER, availabilityController(cluster, definitions));
  },
};
