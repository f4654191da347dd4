import type { Controller, ControllerFactory } from "../../controllers/controller";
import type { KubeObject } from "../types";

/**
 * Objects the kube-apiserver itself keeps in a v1.33 cluster: the default ServiceCIDR and the
 * `kubernetes` Endpoints and EndpointSlice that point at the API server. (The `kubernetes` Service
 * and the system PriorityClasses are created by the kubeadm plugin.)
 */

export function defaultServiceCIDR(cidr: string): KubeObject {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "ServiceCIDR",
    metadata: { name: "kubernetes", finalizers: ["networking.k8s.io/service-cidr-finalizer"] },
    spec: { cidrs: [cidr] },
  };
}

export function serviceCIDRReadyStatus(now: string): Record<string, unknown> {
  return { conditions: [{ type: "Ready", status: "True", lastTransitionTime: now, reason: "", message: "Kubernetes Service CIDR is ready" }] };
}

export function kubernetesEndpoints(ip: string, port: number): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: { name: "kubernetes", namespace: "default", labels: { "endpointslice.kubernetes.io/skip-mirror": "true" } },
    subsets: [{ addresses: [{ ip }], ports: [{ name: "https", port, protocol: "TCP" }] }],
  };
}

export function kubernetesEndpointSlice(ip: string, port: number): KubeObject {
  return {
    apiVersion: "discovery.k8s.io/v1",
    kind: "EndpointSlice",
    metadata: { name: "kubernetes", namespace: "default", labels: { "kubernetes.io/service-name": "kubernetes" } },
    addressType: "IPv4",
    endpoints: [{ addresses: [ip], conditions: { ready: true } }],
    ports: [{ name: "https", port, protocol: "TCP" }],
  } as KubeObject;
}

/** The apiserver's endpoint reconciler: puts the `kubernetes` Endpoints and EndpointSlice back if they go. */
export function apiserverEndpointsController(address: () => { ip: string; port: number }): ControllerFactory {
  return ({ client }): Controller => ({
    name: "apiserver-endpoints",
    watches: ["/endpoints", "discovery.k8s.io/endpointslices"],
    keysFor: (event) => (event.object.metadata.namespace === "default" && event.object.metadata.name === "kubernetes" ? ["default/kubernetes"] : []),
    resync: () => ["default/kubernetes"],
    reconcile() {
      const store = client.server.store;
      if (!store.get("/namespaces", undefined, "default")) return;
      const { ip, port } = address();
      if (!store.get("/endpoints", "default", "kubernetes")) client.create(kubernetesEndpoints(ip, port));
      if (!store.get("discovery.k8s.io/endpointslices", "default", "kubernetes")) client.create(kubernetesEndpointSlice(ip, port));
    },
  });
}
