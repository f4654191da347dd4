/**
 * The network model's questions, asked by curl, wget, nc, nslookup, dig, ping and host wherever they
 * run (workstation, node, or inside a pod via `kubectl exec`). The engine's network model answers
 * them from cluster state: endpoints, ports, NetworkPolicies, DNS, NodePorts, Ingress.
 */
export type NetworkOrigin =
  | { type: "host"; host: string }
  | { type: "pod"; cluster: string; namespace: string; pod: string; container?: string };

export type ResolveResult =
  | { ok: true; name: string; addresses: string[]; canonical?: string; server: string }
  | { ok: false; error: "NXDOMAIN" | "SERVFAIL" | "timeout"; server: string };

export type ConnectResult =
  | { ok: true; remote: string }
  | { ok: false; error: "refused" | "timeout" | "unreachable" | "resolve"; detail?: string };

export interface HttpResult {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
}

export type HttpOutcome = { ok: true; response: HttpResult; remote: string } | (ConnectResult & { ok: false });

/** An HTTP request as a program listening on a host receives it (`kubectl proxy`). */
export interface ServedRequest {
  method: string;
  /** Path and query, as on the request line. */
  target: string;
  headers: Record<string, string>;
  body?: string;
}

/** A program serving HTTP on a host's port: it answers each request synchronously. */
export interface HostHttpServer {
  /** The program as `ss -p` names it. */
  program: string;
  handle(request: ServedRequest): HttpResult;
}

export interface NetworkModel {
  resolve(from: NetworkOrigin, name: string, type?: "A" | "AAAA" | "SRV" | "PTR" | "CNAME"): ResolveResult;
  connect(from: NetworkOrigin, address: string, port: number, protocol?: "TCP" | "UDP"): ConnectResult;
  http(from: NetworkOrigin, url: string, request: { method: string; headers: Record<string, string>; body?: string }): HttpOutcome;
  /** `ttl` is the reply's as ping prints it: 64 less one for each router on the way back. */
  ping(from: NetworkOrigin, address: string): { ok: boolean; rttMs?: number; error?: string; ttl?: number };
  /**
   * `kubectl port-forward` running on `host`: connections to its loopback `localPort` reach `port`
   * inside the pod until the returned function is called (the command ended). Live only, not snapshotted.
   */
  /** `onConnection` runs for each connection made through the forward (kubectl prints "Handling connection for PORT"). */
  forwardPort?(host: string, localPort: number, to: { cluster: string; namespace: string; pod: string; port: number; onConnection?: () => void }): (() => void) | { error: string };
  /**
   * A program on `host` listening on `address:port` (`127.0.0.1`, a host address, or `0.0.0.0` for
   * all): connections to it reach `server` until the returned function is called. Live only, not
   * snapshotted. The error is Go's `net.Listen` text (`listen tcp 127.0.0.1:8001: bind: address already in use`).
   */
  listenHttp?(host: string, address: string, port: number, server: HostHttpServer): (() => void) | { error: string };
}
