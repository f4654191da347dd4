import type { Pod, Service, ServicePort } from "kubernetes-types/core/v1";
import { ApiError } from "../api/errors";
import type { KubeObject } from "../api/types";
import { deepEqual } from "../util/json";
import { splitKey, type ControllerFactory } from "./controller";
import { asPod, isReady, isTerminal, ownerRefTo } from "./pods";

/** A pod goes in a service's endpoints when it has an IP and is not finished or (unless publishing not-ready) going away. */
export function podServesEndpoints(pod: Pod, publishNotReady: boolean): boolean {
  if (!pod.status?.podIP || isTerminal(pod)) return false;
  if (pod.metadata?.deletionTimestamp && !publishNotReady) return false;
  return true;
}

/** The port a service port reaches on a pod: targetPort by number, or by the container port's name. */
export function resolveTargetPort(port: ServicePort, pod: Pod): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === "number") return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? "TCP") === (port.protocol ?? "TCP")) return p.containerPort;
  }
  return undefined;
}

export function servicesSelecting(store: { list(t: string, ns?: string): KubeObject[] }, namespace: string | undefined): string[] {
  return store
    .list("/services", namespace)
    .filter((s) => (s.spec as Service["spec"])?.selector && Object.keys((s.spec as Service["spec"])!.selector!).length > 0)
    .map((s) => `${s.metadata.namespace}/${s.metadata.name}`);
}

export function selectedPods(store: { list(t: string, ns?: string): KubeObject[] }, svc: Service): Pod[] {
  const selector = svc.spec?.selector ?? {};
  return store
    .list("/pods", svc.metadata!.namespace)
    .map(asPod)
    .filter((p) => Object.entries(selector).every(([k, v]) => p.metadata?.labels?.[k] === v));
}

const ipKey = (ip: string) => ip.split(".").map((o) => o.padStart(3, "0")).join(".");

interface Address {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef: { kind: "Pod"; namespace: string; name: string; uid: string };
}

/**
 * The endpoints controller: one v1 Endpoints per service with a selector, named like the service,
 * ready pods under addresses and the others under notReadyAddresses, one subset per distinct set of
 * resolved ports (named target ports can differ between pods).
 */
export const endpointsController: ControllerFactory = ({ client, clock }) => ({
  name: "endpoints-controller",
  watches: ["/services", "/pods"],
  keysFor(event) {
    if (event.typeKey === "/services") return [`${event.object.metadata.namespace}/${event.object.metadata.name}`];
    return servicesSelecting(client.server.store, event.object.metadata.namespace);
  },
  resync: () => servicesSelecting(client.server.store, undefined),
  reconcile(key) {
    const { namespace, name } = splitKey(key);
    const svc = client.get("", "services", namespace, name) as unknown as Service | undefined;
    // The Endpoints of a deleted service go with it.
    if (!svc) {
      client.delete("", "endpoints", namespace, name);
      return;
    }
    if (!svc.spec?.selector || Object.keys(svc.spec.selector).length === 0) return;
    const publish = svc.spec.publishNotReadyAddresses === true;
    const subsets = new Map<string, { ports: Record<string, unknown>[]; addresses: Address[]; notReadyAddresses: Address[] }>();
    for (const pod of selectedPods(client.server.store, svc)) {
      if (!podServesEndpoints(pod, publish)) continue;
      const ports = (svc.spec.ports ?? []).flatMap((p) => {
        const port = resolveTargetPort(p, pod);
        return port === undefined ? [] : [{ ...(p.name ? { name: p.name } : {}), port, protocol: p.protocol ?? "TCP", ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}) }];
      });
      const portsKey = JSON.stringify(ports);
      let subset = subsets.get(portsKey);
      if (!subset) subsets.set(portsKey, (subset = { ports, addresses: [], notReadyAddresses: [] }));
      const address: Address = {
        ip: pod.status!.podIP!,
        ...(pod.spec?.hostname && pod.spec.subdomain === name ? { hostname: pod.spec.hostname } : {}),
        ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
        targetRef: { kind: "Pod", namespace: namespace!, name: pod.metadata!.name!, uid: pod.metadata!.uid! },
      };
      (isReady(pod) || publish ? subset.addresses : subset.notReadyAddresses).push(address);
    }
    const byIp = (a: Address, b: Address) => ipKey(a.ip).localeCompare(ipKey(b.ip)) || a.targetRef.uid.localeCompare(b.targetRef.uid);
    const packed = [...subsets.values()]
      .filter((s) => s.addresses.length + s.notReadyAddresses.length > 0)
      .map((s) => ({
        ...(s.addresses.length ? { addresses: s.addresses.sort(byIp) } : {}),
        ...(s.notReadyAddresses.length ? { notReadyAddresses: s.notReadyAddresses.sort(byIp) } : {}),
        ports: s.ports,
      }));
    const labels = { ...(svc.metadata?.labels ?? {}), ...(svc.spec.clusterIP === "None" ? { "service.kubernetes.io/headless": "" } : {}) };
    const existing = client.get("", "endpoints", namespace, name);
    const desired: KubeObject = {
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: {
        name,
        namespace,
        ...(Object.keys(labels).length ? { labels } : {}),
        annotations: { "endpoints.kubernetes.io/last-change-trigger-time": clock.nowRfc3339() },
      },
      ...(packed.length ? { subsets: packed } : {}),
    };
    try {
      if (!existing) {
        client.create(desired);
        return;
      }
      if (deepEqual(existing.subsets ?? [], desired.subsets ?? []) && deepEqual(existing.metadata.labels ?? {}, desired.metadata.labels ?? {})) return;
      client.update({ ...desired, metadata: { ...existing.metadata, labels: desired.metadata.labels, annotations: { ...(existing.metadata.annotations ?? {}), ...desired.metadata.annotations } } });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  },
});

const MAX_ENDPOINTS_PER_SLICE = 100;
const MANAGED_BY = "endpointslice-controller.k8s.io";

/**
 * The EndpointSlice controller: slices named `<service>-<random>`, labelled with the service name and
 * the managing controller, owned by the service, with ready/serving/terminating conditions per pod.
 */
export const endpointSliceController: ControllerFactory = ({ client }) => ({
  name: "endpointslice-controller",
  watches: ["/services", "/pods"],
  keysFor(event) {
    if (event.typeKey === "/services") return [`${event.object.metadata.namespace}/${event.object.metadata.name}`];
    return servicesSelecting(client.server.store, event.object.metadata.namespace);
  },
  resync: () => servicesSelecting(client.server.store, undefined),
  reconcile(key) {
    const { namespace, name } = splitKey(key);
    const svcObj = client.get("", "services", namespace, name);
    const svc = svcObj as unknown as Service | undefined;
    if (!svc || !svc.spec?.selector || Object.keys(svc.spec.selector).length === 0) return;
    const publish = svc.spec.publishNotReadyAddresses === true;
    const groups = new Map<string, { ports: Record<string, unknown>[]; endpoints: Record<string, unknown>[] }>();
    for (const pod of selectedPods(client.server.store, svc)) {
      if (!pod.status?.podIP || isTerminal(pod)) continue;
      const ports = (svc.spec.ports ?? []).flatMap((p) => {
        const port = resolveTargetPort(p, pod);
        return port === undefined ? [] : [{ name: p.name ?? "", port, protocol: p.protocol ?? "TCP", ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}) }];
      });
      const k = JSON.stringify(ports);
      let group = groups.get(k);
      if (!group) groups.set(k, (group = { ports, endpoints: [] }));
      const terminating = !!pod.metadata?.deletionTimestamp;
      const ready = isReady(pod);
      group.endpoints.push({
        addresses: [pod.status.podIP],
        conditions: { ready: (ready && !terminating) || publish, serving: ready, terminating },
        ...(pod.spec?.hostname && pod.spec.subdomain === name ? { hostname: pod.spec.hostname } : {}),
        ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
        targetRef: { kind: "Pod", namespace, name: pod.metadata!.name!, uid: pod.metadata!.uid! },
      });
    }
    const desired: { ports: Record<string, unknown>[]; endpoints: Record<string, unknown>[] }[] = [];
    for (const g of groups.values()) {
      g.endpoints.sort((a, b) => ipKey((a.addresses as string[])[0]).localeCompare(ipKey((b.addresses as string[])[0])));
      for (let i = 0; i < g.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE) desired.push({ ports: g.ports, endpoints: g.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE) });
    }
    // A service with no endpoints still gets one empty slice (with its ports), as the real controller keeps.
    if (desired.length === 0) desired.push({ ports: (svc.spec.ports ?? []).filter((p) => typeof (p.targetPort ?? p.port) === "number").map((p) => ({ name: p.name ?? "", port: p.targetPort ?? p.port, protocol: p.protocol ?? "TCP" })), endpoints: [] });
    const labels = {
      ...(svc.metadata?.labels ?? {}),
      "endpointslice.kubernetes.io/managed-by": MANAGED_BY,
      "kubernetes.io/service-name": name,
      ...(svc.spec.clusterIP === "None" ? { "service.kubernetes.io/headless": "" } : {}),
    };
    const existing = client
      .list("discovery.k8s.io", "endpointslices", namespace, { labelSelector: `kubernetes.io/service-name=${name},endpointslice.kubernetes.io/managed-by=${MANAGED_BY}` })
      .sort((a, b) => a.metadata.name!.localeCompare(b.metadata.name!));
    try {
      desired.forEach((want, i) => {
        const body = { addressType: "IPv4", endpoints: want.endpoints.length ? want.endpoints : null, ports: want.ports.length ? want.ports : null };
        const current = existing[i];
        if (!current) {
          client.create({
            apiVersion: "discovery.k8s.io/v1",
            kind: "EndpointSlice",
            metadata: { generateName: `${name}-`, namespace, labels, ownerReferences: [ownerRefTo(svcObj!)] },
            ...body,
          });
          return;
        }
        if (deepEqual(current.endpoints ?? null, body.endpoints) && deepEqual(current.ports ?? null, body.ports) && deepEqual(current.metadata.labels, labels)) return;
        client.update({ ...current, metadata: { ...current.metadata, labels }, ...body });
      });
      for (const extra of existing.slice(desired.length)) client.delete("discovery.k8s.io", "endpointslices", namespace, extra.metadata.name!);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  },
});
