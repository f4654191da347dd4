import type { Controller, ControllerFactory } from "../../controllers/controller";
import { splitKey } from "../../controllers/controller";
import type { KubeObject } from "../types";
import { isIPv4 } from "../validation/values";

/**
 * The IPAddress objects of the MultiCIDRServiceAllocator (GA in v1.33): every allocated ClusterIP
 * is an `networking.k8s.io/v1` IPAddress named by the address, pointing at its Service, created
 * with the Service and removed with it.
 */

type Json = Record<string, unknown>;

export function ipAddressFor(ip: string, service: KubeObject): KubeObject {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "IPAddress",
    metadata: {
      name: ip,
      labels: { "ipaddress.kubernetes.io/ip-family": isIPv4(ip) ? "IPv4" : "IPv6", "ipaddress.kubernetes.io/managed-by": "ipallocator.k8s.io" },
    },
    spec: { parentRef: { group: "", resource: "services", namespace: service.metadata.namespace, name: service.metadata.name } },
  };
}

function parentKey(ip: KubeObject): string | undefined {
  const ref = (ip.spec as Json | undefined)?.parentRef as Json | undefined;
  if (!ref || ref.resource !== "services" || ref.group) return undefined;
  return `${ref.namespace}/${ref.name}`;
}

export const serviceIPAddressController: ControllerFactory = ({ client }): Controller => {
  const store = client.server.store;
  return {
    name: "service-ipaddress-allocations",
    watches: ["/services", "networking.k8s.io/ipaddresses"],
    keysFor(event) {
      if (event.typeKey === "/services") return [`${event.object.metadata.namespace}/${event.object.metadata.name}`];
      const parent = parentKey(event.object);
      return parent ? [parent] : [];
    },
    resync: () => [
      ...store.list("/services").map((s) => `${s.metadata.namespace}/${s.metadata.name}`),
      ...store.list("networking.k8s.io/ipaddresses").map(parentKey).filter((k): k is string => k !== undefined),
    ],
    reconcile(key) {
      const { namespace, name } = splitKey(key);
      const service = store.get("/services", namespace, name);
      const wanted = new Set(((service?.spec as Json | undefined)?.clusterIPs as string[] | undefined)?.filter((ip) => ip && ip !== "None") ?? []);
      const owned = store.list("networking.k8s.io/ipaddresses").filter((ip) => parentKey(ip) === key);
      for (const ip of owned) if (!wanted.has(ip.metadata.name!)) client.delete("networking.k8s.io", "ipaddresses", undefined, ip.metadata.name!);
      if (!service) return;
      for (const ip of wanted) {
        if (store.get("networking.k8s.io/ipaddresses", undefined, ip)) continue;
        client.create(ipAddressFor(ip, service));
      }
    },
  };
};
