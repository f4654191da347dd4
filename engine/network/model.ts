import type { KubeObject } from "../api/types";
import type { Cluster } from "../cluster/cluster";
import type { Environment } from "../cluster/environment";
import { cidrContains } from "../controlplane/layout";
import { layoutOf } from "../controlplane/plugin";
import { isKubeletRunning } from "../kubelet/kubelet";
import { openContainer, podByIp } from "../kubelet/open-container";
import { serveHttp } from "../kubelet/probes";
import type { Listener } from "../kubelet/process/types";
import { readKubeletStates, type PodRecord, type ReadonlyDeep } from "../kubelet/state";
import { externalDocument } from "./external-documents";
import { apiJsonBody } from "../http/json-response";
import { recordRequest } from "./load";
import { policyAllows, type Endpoint } from "./policy";
import type { ConnectResult, HostHttpServer, HttpOutcome, NetworkModel, NetworkOrigin, ResolveResult } from "./types";

/**
 * The cluster network as kube-proxy, CoreDNS and the CNI make it, answered from cluster state:
 * service VIPs and NodePorts forward to ready endpoints, pod IPs reach the ports their processes
 * listen on, NetworkPolicies drop what they do not allow (a timeout, as dropped packets are), and
 * names resolve through CoreDNS with the pod's search path. Wrong answers look like the real ones.
 */
const NODE_RESOLVER = "127.0.0.53";
/** Linux answers an echo request with TTL 64. */
const REPLY_TTL = 64;
/** A few public names, so `nslookup kubernetes.io` from a pod works as in a lab with internet access. */
const EXTERNAL: Record<string, string> = {
  "kubernetes.io": "15.197.167.90",
  "www.google.com": "142.250.74.68",
  "google.com": "142.250.74.78",
  "example.com": "23.192.228.80",
  "github.com": "140.82.121.4",
};

type Place =
  | { kind: "pod"; cluster: Cluster; pod: KubeObject; record: PodRecord; nodeName: string }
  | { kind: "node"; cluster: Cluster; nodeName: string; ip: string }
  | { kind: "service"; cluster: Cluster; service: KubeObject }
  | { kind: "external"; ip: string }
  | { kind: "workstation"; ip: string }
  | { kind: "served"; server: HostHttpServer }
  | { kind: "nowhere" };

type Route = { ok: true; place: Place; port: number; listener?: Listener; remote: string } | (ConnectResult & { ok: false });

const isIp = (s: string) => /^\d+\.\d+\.\d+\.\d+$/.test(s);

export class ClusterNetwork implements NetworkModel {
  private roundRobin = new Map<string, number>();
  /** Live `kubectl port-forward`s: "host:localPort" → the pod and port they reach. */
  private forwards = new Map<string, { cluster: string; namespace: string; pod: string; port: number; onConnection?: () => void }>();
  /** Live programs serving HTTP on a host (`kubectl proxy`): "host:port" → the address bound and the server. */
  private served = new Map<string, { address: string; server: HostHttpServer }>();

  constructor(private readonly env: Environment) {}

  // ---------- where things are ----------

  private originCluster(from: NetworkOrigin): Cluster | undefined {
    if (from.type === "pod") return this.env.clusters.get(from.cluster);
    const host = this.env.hosts.get(from.host);
    return host?.cluster ? this.env.clusters.get(host.cluster) : undefined;
  }

  private originEndpoint(from: NetworkOrigin): Endpoint {
    if (from.type === "pod") {
      const cluster = this.env.clusters.get(from.cluster);
      const pod = cluster?.store.get("/pods", from.namespace, from.pod);
      const ip = (pod?.status as { podIP?: string } | undefined)?.podIP ?? "0.0.0.0";
      return { ip, pod, namespace: cluster?.store.get("/namespaces", undefined, from.namespace) };
    }
    return { ip: this.env.hosts.get(from.host)?.ip ?? "0.0.0.0" };
  }

  private locate(ip: string, from: NetworkOrigin): Place {
    const own = this.originCluster(from);
    const clusters = own ? [own] : [];
    for (const host of this.env.hosts.values()) {
      if (host.ip !== ip) continue;
      if (host.cluster) return { kind: "node", cluster: this.env.clusters.get(host.cluster)!, nodeName: host.name, ip };
      return { kind: "workstation", ip };
    }
    for (const cluster of clusters) {
      const layout = layoutOf(cluster);
      if (cidrContains(layout.serviceSubnet, ip)) {
        const service = cluster.store.list("/services").find((s) => (s.spec as { clusterIP?: string }).clusterIP === ip);
        return service ? { kind: "service", cluster, service } : { kind: "nowhere" };
      }
      if (cidrContains(layout.podSubnet, ip)) {
        const found = podByIp(cluster, ip);
        return found ? { kind: "pod", cluster, ...found } : { kind: "nowhere" };
      }
    }
    if (Object.values(EXTERNAL).includes(ip)) return { kind: "external", ip };
    return { kind: "nowhere" };
  }

  private podListeners(cluster: Cluster, record: ReadonlyDeep<PodRecord>): Listener[] {
    const now = cluster.clock.now();
    const out: Listener[] = [];
    for (const c of Object.values(record.containers)) {
      const p = c.process;
      if (c.state === "running" && p && p.exitAt === undefined && p.listeningAt <= now) out.push(...p.listens);
    }
    return out;
  }

  private nodeListeners(cluster: Cluster, nodeName: string): Listener[] {
    const out: Listener[] = [{ port: 22, protocol: "TCP" }];
    const host = cluster.hosts.get(nodeName);
    if (host && isKubeletRunning(host)) out.push({ port: 10250, protocol: "TCP" });
    const state = readKubeletStates(cluster)[nodeName];
    const nodeIp = host?.ip;
    for (const record of Object.values(state?.pods ?? {})) if (record.ip === nodeIp) out.push(...this.podListeners(cluster, record));
    return out;
  }

  // ---------- DNS ----------

  resolve(from: NetworkOrigin, name: string): ResolveResult {
    const cluster = this.originCluster(from);
    if (from.type === "host" || !cluster) return this.resolveOnHost(name);
    const layout = layoutOf(cluster);
    const server = layout.dnsServiceIP;
    if (!this.dnsReachable(cluster, from)) return { ok: false, error: "timeout", server };
    const absolute = name.endsWith(".");
    const bare = name.replace(/\.$/, "");
    const candidates = absolute || bare.split(".").length > 5 ? [bare] : [`${bare}.${from.namespace}.svc.${layout.dnsDomain}`, `${bare}.svc.${layout.dnsDomain}`, `${bare}.${layout.dnsDomain}`, bare];
    for (const fqdn of candidates) {
      const found = this.lookupCluster(cluster, fqdn);
      if (found) return { ok: true, name: fqdn, addresses: found.addresses, ...(found.canonical ? { canonical: found.canonical } : {}), server };
    }
    return { ok: false, error: "NXDOMAIN", server };
  }

  private resolveOnHost(name: string): ResolveResult {
    const bare = name.replace(/\.$/, "");
    for (const host of this.env.hosts.values()) if (host.name === bare) return { ok: true, name: bare, addresses: [host.ip], server: NODE_RESOLVER };
    if (isIp(bare)) return { ok: true, name: bare, addresses: [bare], server: NODE_RESOLVER };
    if (EXTERNAL[bare]) return { ok: true, name: bare, addresses: [EXTERNAL[bare]], server: NODE_RESOLVER };
    return { ok: false, error: "NXDOMAIN", server: NODE_RESOLVER };
  }

  /** CoreDNS answers when kube-dns has a ready endpoint the pod may send UDP 53 to. */
  private dnsReachable(cluster: Cluster, from: NetworkOrigin): boolean {
    const endpoints = this.endpointAddresses(cluster, "kube-system", "kube-dns", "dns", 53, "UDP");
    if (endpoints.length === 0) return false;
    if (!this.enforcesPolicy(cluster)) return true;
    const src = this.originEndpoint(from);
    return endpoints.some((e) => {
      const dst = podByIp(cluster, e.ip);
      return dst && policyAllows(cluster.store.list("networking.k8s.io/networkpolicies"), src, this.endpointOf(cluster, dst.pod), e.port, "UDP").allowed;
    });
  }

  private lookupCluster(cluster: Cluster, fqdn: string): { addresses: string[]; canonical?: string } | undefined {
    const domain = layoutOf(cluster).dnsDomain;
    const parts = fqdn.split(".");
    if (EXTERNAL[fqdn]) return { addresses: [EXTERNAL[fqdn]] };
    const suffix = `svc.${domain}`;
    if (fqdn.endsWith(`.${suffix}`)) {
      const head = fqdn.slice(0, -suffix.length - 1).split(".");
      if (head.length === 2) {
        const [svcName, ns] = head;
        const svc = cluster.store.get("/services", ns, svcName);
        if (!svc) return undefined;
        const spec = svc.spec as { clusterIP?: string; type?: string; externalName?: string };
        if (spec.type === "ExternalName" && spec.externalName) {
          return { addresses: EXTERNAL[spec.externalName] ? [EXTERNAL[spec.externalName]] : this.lookupCluster(cluster, spec.externalName)?.addresses ?? [], canonical: spec.externalName };
        }
        if (spec.clusterIP === "None") {
          const ips = this.readyAddresses(cluster, ns, svcName).map((a) => a.ip);
          return ips.length ? { addresses: [...new Set(ips)] } : undefined;
        }
        return spec.clusterIP ? { addresses: [spec.clusterIP] } : undefined;
      }
      if (head.length === 3) {
        const [hostname, subdomain, ns] = head;
        const pod = cluster.store.list("/pods", ns).find((p) => {
          const s = p.spec as { hostname?: string; subdomain?: string };
          return s.hostname === hostname && s.subdomain === subdomain;
        });
        const ip = (pod?.status as { podIP?: string } | undefined)?.podIP;
        return ip ? { addresses: [ip] } : undefined;
      }
    }
    if (parts.length >= 4 && parts[parts.length - 3] === "pod" && fqdn.endsWith(`pod.${domain}`)) {
      const ip = parts[0].replace(/-/g, ".");
      return isIp(ip) ? { addresses: [ip] } : undefined;
    }
    return undefined;
  }

  // ---------- services ----------

  private readyAddresses(cluster: Cluster, namespace: string, name: string): { ip: string; ports: { name?: string; port: number; protocol?: string }[] }[] {
    const ep = cluster.store.get("/endpoints", namespace, name);
    const subsets = ((ep as { subsets?: { addresses?: { ip: string }[]; ports?: { name?: string; port: number; protocol?: string }[] }[] } | undefined)?.subsets ?? []);
    return subsets.flatMap((s) => (s.addresses ?? []).map((a) => ({ ip: a.ip, ports: s.ports ?? [] })));
  }

  private endpointAddresses(cluster: Cluster, namespace: string, name: string, portName: string | undefined, port: number, protocol: string): { ip: string; port: number }[] {
    const out: { ip: string; port: number }[] = [];
    for (const a of this.readyAddresses(cluster, namespace, name)) {
      const p = a.ports.find((x) => (x.protocol ?? "TCP") === protocol && (portName === undefined || (x.name ?? "") === portName)) ?? (a.ports.length === 1 ? a.ports[0] : undefined);
      if (p) out.push({ ip: a.ip, port: p.port });
    }
    void port;
    return out;
  }

  private pickEndpoint(key: string, endpoints: { ip: string; port: number }[]): { ip: string; port: number } {
    const n = this.roundRobin.get(key) ?? 0;
    this.roundRobin.set(key, n + 1);
    return endpoints[n % endpoints.length];
  }

  /** The node a ping leaves from: a pod's node (a hostNetwork pod is the node itself), or the host. */
  private originNode(from: NetworkOrigin): { node: string; inPod: boolean } {
    if (from.type === "host") return { node: from.host, inPod: false };
    const pod = this.env.clusters.get(from.cluster)?.store.get("/pods", from.namespace, from.pod);
    const spec = (pod?.spec ?? {}) as { nodeName?: string; hostNetwork?: boolean };
    return { node: spec.nodeName ?? "", inPod: !spec.hostNetwork };
  }

  /**
   * Routers an echo reply crosses on its way back, each taking one off its TTL: a node forwards
   * between its pods and the world; the CNI decides whether pods of one node talk through a bridge
   * (Flannel's cni0: no router) or through the node's routing table (Calico: one router).
   */
  private routersBack(from: NetworkOrigin, place: Place): number {
    const origin = this.originNode(from);
    switch (place.kind) {
      case "pod": {
        if (from.type === "pod" && from.namespace === place.pod.metadata.namespace && from.pod === place.pod.metadata.name) return 0;
        const sameNode = origin.node === place.nodeName;
        if (!origin.inPod) return sameNode ? 0 : 1;
        if (!sameNode) return 2;
        return layoutOf(place.cluster).cni === "flannel" ? 0 : 1;
      }
      case "node":
        // Node to pod goes through the overlay (no underlay router touches the inner packet).
        if (origin.inPod) return origin.node !== place.nodeName ? 1 : 0;
        return this.subnetRouters(origin.node, place.ip);
      case "workstation":
        return (origin.inPod ? 1 : 0) + this.subnetRouters(origin.node, place.ip);
      default:
        return 1;
    }
  }

  /** Hosts sit on /24s (engine/tools/netlab): one in another /24 is behind the gateway. */
  private subnetRouters(fromHost: string, toIp: string): number {
    const from = this.env.hosts.get(fromHost)?.ip;
    const net = (ip: string) => ip.split(".").slice(0, 3).join(".");
    return from && net(from) !== net(toIp) ? 1 : 0;
  }

  private enforcesPolicy(cluster: Cluster): boolean {
    return cluster.spec.networkPolicy !== false;
  }

  private endpointOf(cluster: Cluster, pod: KubeObject): Endpoint {
    return { ip: (pod.status as { podIP?: string }).podIP ?? "", pod, namespace: cluster.store.get("/namespaces", undefined, pod.metadata.namespace!) };
  }

  // ---------- connections ----------

  private route(from: NetworkOrigin, address: string, port: number, protocol: "TCP" | "UDP", depth = 0): Route {
    let ip = address === "localhost" ? "127.0.0.1" : address;
    if (!isIp(ip)) {
      const r = this.resolve(from, address);
      if (!r.ok) return { ok: false, error: "resolve", detail: r.error };
      ip = r.addresses[0];
    }
    if (ip.startsWith("127.")) {
      const served = from.type === "host" ? this.servedPlace(from.host, ip, port, protocol) : undefined;
      if (served) return served;
      const forward = from.type === "host" ? this.forwards.get(`${from.host}:${port}`) : undefined;
      if (forward && depth <= 2) forward.onConnection?.();
      if (forward && depth <= 2) return this.route({ type: "pod", cluster: forward.cluster, namespace: forward.namespace, pod: forward.pod }, "127.0.0.1", forward.port, protocol, depth + 1);
      const cluster = this.originCluster(from);
      if (!cluster) return { ok: false, error: "refused" };
      if (from.type === "pod") {
        const pod = cluster.store.get("/pods", from.namespace, from.pod);
        const found = pod && podByIp(cluster, (pod.status as { podIP?: string }).podIP ?? "");
        if (!found) return { ok: false, error: "refused" };
        const listener = this.podListeners(cluster, found.record).find((l) => l.port === port && l.protocol === protocol);
        return listener ? { ok: true, place: { kind: "pod", cluster, ...found }, port, listener, remote: `${ip}:${port}` } : { ok: false, error: "refused" };
      }
      const listener = this.nodeListeners(cluster, from.host).find((l) => l.port === port && l.protocol === protocol);
      return listener ? { ok: true, place: { kind: "node", cluster, nodeName: from.host, ip }, port, listener, remote: `${ip}:${port}` } : { ok: false, error: "refused" };
    }
    const place = this.locate(ip, from);
    const src = this.originEndpoint(from);
    switch (place.kind) {
      case "nowhere":
        return { ok: false, error: "timeout" };
      case "served":
        return { ok: true, place, port, remote: `${ip}:${port}` };
      case "workstation": {
        const served = this.servedPlace([...this.env.hosts.values()].find((h) => h.ip === ip)?.name ?? "", ip, port, protocol);
        if (served) return served;
        return port === 22 ? { ok: true, place, port, remote: `${ip}:${port}` } : { ok: false, error: "refused" };
      }
      case "external":
        return port === 80 || port === 443 ? { ok: true, place, port, remote: `${ip}:${port}` } : { ok: false, error: "timeout" };
      case "service": {
        if (from.type === "host" && !this.env.hosts.get(from.host)?.cluster) return { ok: false, error: "timeout" };
        const spec = place.service.spec as { ports?: { name?: string; port: number; protocol?: string }[] };
        const sp = (spec.ports ?? []).find((p) => p.port === port && (p.protocol ?? "TCP") === protocol);
        if (!sp) return { ok: false, error: "timeout" };
        return this.toEndpoints(from, place.cluster, place.service, sp, depth);
      }
      case "node": {
        const served = this.servedPlace(place.nodeName, ip, port, protocol);
        if (served) return served;
        if (port >= 30000 && port <= 32767) {
          for (const svc of place.cluster.store.list("/services")) {
            const sp = ((svc.spec as { ports?: { name?: string; port: number; nodePort?: number; protocol?: string }[] }).ports ?? []).find((p) => p.nodePort === port && (p.protocol ?? "TCP") === protocol);
            if (sp) return this.toEndpoints(from, place.cluster, svc, sp, depth);
          }
        }
        const listener = this.nodeListeners(place.cluster, place.nodeName).find((l) => l.port === port && l.protocol === protocol);
        return listener ? { ok: true, place, port, listener, remote: `${ip}:${port}` } : { ok: false, error: "refused" };
      }
      case "pod": {
        if (from.type === "host" && !this.env.hosts.get(from.host)?.cluster) return { ok: false, error: "timeout" };
        if (this.enforcesPolicy(place.cluster)) {
          const decision = policyAllows(place.cluster.store.list("networking.k8s.io/networkpolicies"), src, this.endpointOf(place.cluster, place.pod), port, protocol);
          if (!decision.allowed) return { ok: false, error: "timeout", detail: `dropped by NetworkPolicy ${decision.deniedBy}` };
        }
        const listener = this.podListeners(place.cluster, place.record).find((l) => l.port === port && l.protocol === protocol);
        return listener ? { ok: true, place, port, listener, remote: `${ip}:${port}` } : { ok: false, error: "refused" };
      }
    }
  }

  private toEndpoints(from: NetworkOrigin, cluster: Cluster, svc: KubeObject, sp: { name?: string; port: number; protocol?: string }, depth: number): Route {
    const protocol = (sp.protocol ?? "TCP") as "TCP" | "UDP";
    const endpoints = this.endpointAddresses(cluster, svc.metadata.namespace!, svc.metadata.name!, sp.name ?? "", sp.port, protocol);
    // kube-proxy rejects connections to a service without endpoints.
    if (endpoints.length === 0 || depth > 2) return { ok: false, error: "refused", detail: "no endpoints" };
    const target = this.pickEndpoint(`${svc.metadata.namespace}/${svc.metadata.name}/${sp.port}`, endpoints);
    return this.route(from, target.ip, target.port, protocol, depth + 1);
  }

  connect(from: NetworkOrigin, address: string, port: number, protocol: "TCP" | "UDP" = "TCP"): ConnectResult {
    const r = this.route(from, address, port, protocol);
    return r.ok ? { ok: true, remote: r.remote } : r;
  }

  http(from: NetworkOrigin, url: string, request: { method: string; headers: Record<string, string>; body?: string }): HttpOutcome {
    const u = new URL(url);
    const port = Number(u.port || (u.protocol === "https:" ? 443 : 80));
    const r = this.route(from, u.hostname, port, "TCP");
    if (!r.ok) return r;
    const path = `${u.pathname}${u.search}`;
    const place = r.place;
    if (place.kind === "served") return { ok: true, remote: r.remote, response: place.server.handle({ method: request.method, target: path, headers: request.headers, ...(request.body !== undefined ? { body: request.body } : {}) }) };
    const document = place.kind === "external" ? externalDocument(`${u.protocol}//${u.host}${u.pathname}`) : undefined;
    if (document !== undefined) return { ok: true, remote: r.remote, response: { status: 200, statusText: "OK", headers: { "content-type": "application/octet-stream" }, body: document } };
    if (place.kind === "external") return { ok: true, remote: r.remote, response: { status: 200, statusText: "OK", headers: { "content-type": "text/html" }, body: `<!doctype html>\n<html><head><title>${u.hostname}</title></head><body></body></html>\n` } };
    // The kube-apiserver on 6443 answers like itself (anonymous: /version, /healthz are public).
    if (place.kind === "pod" || place.kind === "node") {
      const cluster = place.cluster;
      if (port === 6443 && place.kind === "node" && cluster.apiserverUp) {
        const response = cluster.apiserver.handle({ method: "GET", path: u.pathname, query: u.searchParams, headers: request.headers, anonymous: true });
        const userAgent = Object.entries(request.headers).find(([k]) => k.toLowerCase() === "user-agent")?.[1];
        const body = typeof response.body === "string" ? response.body : apiJsonBody(response.body, { query: u.searchParams, userAgent, rawJson: response.rawJson });
        return { ok: true, remote: r.remote, response: { status: response.status, statusText: STATUS_TEXT[response.status] ?? "", headers: { "content-type": typeof response.body === "string" ? "text/plain; charset=utf-8" : "application/json" }, body } };
      }
      if (place.kind === "pod") {
        for (const c of Object.values(place.record.containers)) {
          const listener = c.process?.listens.find((l) => l.port === r.port);
          if (!listener) continue;
          const open = openContainer(cluster, place.pod, c.name);
          const served = serveHttp(listener.http, path, open?.fs, c.process!.hostname);
          if (!served) return { ok: false, error: "refused", detail: "empty reply from server" };
          recordRequest(cluster, place.pod.metadata.namespace!, place.pod.metadata.name!, cluster.clock.now());
          return { ok: true, remote: r.remote, response: { status: served.status, statusText: STATUS_TEXT[served.status] ?? "", headers: served.headers, body: served.body } };
        }
      }
    }
    return { ok: false, error: "refused", detail: "empty reply from server" };
  }

  forwardPort(host: string, localPort: number, to: { cluster: string; namespace: string; pod: string; port: number; onConnection?: () => void }): (() => void) | { error: string } {
    const key = `${host}:${localPort}`;
    if (this.forwards.has(key) || this.served.has(key) || this.nodeListenersOf(host).some((l) => l.port === localPort)) return { error: `unable to listen on port ${localPort}: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:${localPort}: bind: address already in use unable to create listener: Error listen tcp6 [::1]:${localPort}: bind: address already in use]` };
    this.forwards.set(key, to);
    return () => {
      if (this.forwards.get(key) === to) this.forwards.delete(key);
    };
  }

  listenHttp(host: string, address: string, port: number, server: HostHttpServer): (() => void) | { error: string } {
    const key = `${host}:${port}`;
    if (this.forwards.has(key) || this.served.has(key) || this.nodeListenersOf(host).some((l) => l.port === port)) return { error: `listen tcp ${address}:${port}: bind: address already in use` };
    const entry = { address, server };
    this.served.set(key, entry);
    return () => {
      if (this.served.get(key) === entry) this.served.delete(key);
    };
  }

  /** A program listening on `port` of `host` that accepts connections to `ip` (its address, or any when bound to 0.0.0.0). */
  private servedPlace(host: string, ip: string, port: number, protocol: "TCP" | "UDP"): Route | undefined {
    const entry = protocol === "TCP" ? this.served.get(`${host}:${port}`) : undefined;
    if (!entry || (entry.address !== "0.0.0.0" && entry.address !== ip)) return undefined;
    return { ok: true, place: { kind: "served", server: entry.server }, port, remote: `${ip}:${port}` };
  }

  private nodeListenersOf(host: string): Listener[] {
    const cluster = this.env.hosts.get(host)?.cluster;
    const c = cluster ? this.env.clusters.get(cluster) : undefined;
    return c ? this.nodeListeners(c, host) : [{ port: 22, protocol: "TCP" }];
  }

  ping(from: NetworkOrigin, address: string): { ok: boolean; rttMs?: number; error?: string; ttl?: number } {
    let ip = address;
    if (!isIp(address)) {
      const r = this.resolve(from, address);
      if (!r.ok) return { ok: false, error: "resolve" };
      ip = r.addresses[0];
    }
    const place = this.locate(ip, from);
    switch (place.kind) {
      case "node":
      case "workstation":
      case "external":
        return { ok: true, rttMs: place.kind === "external" ? 12.3 : 0.4, ttl: REPLY_TTL - this.routersBack(from, place) };
      case "pod": {
        if (from.type === "host" && !this.env.hosts.get(from.host)?.cluster) return { ok: false, error: "timeout" };
        if (this.enforcesPolicy(place.cluster)) {
          const decision = policyAllows(place.cluster.store.list("networking.k8s.io/networkpolicies"), this.originEndpoint(from), this.endpointOf(place.cluster, place.pod), 0, "ICMP");
          if (!decision.allowed) return { ok: false, error: "timeout" };
        }
        return { ok: true, rttMs: 0.08, ttl: REPLY_TTL - this.routersBack(from, place) };
      }
      default:
        // Service VIPs exist only as kube-proxy rules: nothing answers ICMP there.
        return { ok: false, error: "timeout" };
    }
  }
}

const STATUS_TEXT: Record<number, string> = { 200: "OK", 201: "Created", 301: "Moved Permanently", 302: "Found", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable" };
