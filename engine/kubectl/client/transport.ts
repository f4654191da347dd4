import type { Cluster } from "../../cluster/cluster";
import { ContentCache } from "../../cluster/content-cache";
import type { ApiResponse, HttpMethod, UserInfo } from "../../api/types";
import type { ProgramContext } from "../../process/types";
import { KUBERNETES_VERSION } from "../../version";
import { ConnectionError } from "../cli/errors";
import { klogLine, statusText } from "./klog";
import type { ResolvedConfig } from "./kubeconfig";

/** The client version kubectl reports; one patch behind the simulated server, like a real lab. */
export const CLIENT_GIT_VERSION = `v${KUBERNETES_VERSION.major}.${KUBERNETES_VERSION.minor}.${KUBERNETES_VERSION.patch}`;
export const USER_AGENT = `kubectl/${CLIENT_GIT_VERSION} (linux/amd64) kubernetes/a894614`;

export const TABLE_ACCEPT = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

export interface RestRequest {
  method: HttpMethod;
  path: string;
  query?: Record<string, string | string[] | undefined>;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * The server could not be reached: refused when the host exists but nothing listens there (a
 * stopped kube-apiserver, a wrong port), a time-out when no such host answers at all.
 */
export class ConnectionRefused extends ConnectionError {
  constructor(
    readonly hostPort: string,
    readonly url: string,
    /** What Go's dialer said: `dial tcp 172.30.1.2:6443: connect: connection refused`. */
    readonly dialError: string,
  ) {
    super(
      dialError.endsWith("connection refused")
        ? `The connection to the server ${hostPort} was refused - did you specify the right host or port?`
        : `Unable to connect to the server: ${dialError}`,
    );
  }
}

export interface TransportOptions {
  verbosity: number;
  impersonate?: { user?: string; groups: string[]; uid?: string };
  pid: number;
}

/**
 * kubectl's HTTP client, in process: resolves which cluster the kubeconfig's server URL reaches,
 * authenticates the kubeconfig user against that cluster, and sends each request through the
 * cluster's ApiServer.handle exactly as the HTTP adapter would for the real kubectl.
 */
export class Transport {
  readonly cluster: Cluster | undefined;
  private readonly identity: { user?: UserInfo; anonymous: boolean };
  readonly hostPort: string;

  constructor(
    private readonly ctx: ProgramContext,
    readonly config: ResolvedConfig,
    private readonly options: TransportOptions,
  ) {
    this.cluster = ctx.environment.clusterForServer(config.server, ctx.host);
    this.hostPort = hostPortOf(config.server);
    this.identity = this.cluster ? this.authenticate(this.cluster) : { anonymous: true };
  }

  /** Why the dial failed: refused on a machine of the environment (or loopback), a time-out elsewhere. */
  private dialError(): string {
    const address = dialAddress(this.config.server);
    const host = address.replace(/:\d+$/, "");
    const known =
      host === "127.0.0.1" ||
      [...this.ctx.environment.hosts.values()].some((h) => h.ip === host || h.name === host) ||
      this.cluster !== undefined;
    return known ? `dial tcp ${address}: connect: connection refused` : `dial tcp ${address}: i/o timeout`;
  }

  get verbosity(): number {
    return this.options.verbosity;
  }

  private authenticate(cluster: Cluster): { user?: UserInfo; anonymous: boolean } {
    const u = this.config.user;
    let token = u.token;
    if (!token && u.tokenFile) token = this.ctx.host.fs.readFileSync(String(u.tokenFile))?.trim();
    if (token) {
      const user = cluster.authenticator.authenticate(`Bearer ${token}`);
      return user ? { user, anonymous: false } : { anonymous: true };
    }
    const certificate = this.clientCertificate();
    const byCertificate = (cluster.authenticator as unknown as { authenticateCertificate?: (pem: string) => { user: UserInfo } | { error: string } | undefined }).authenticateCertificate;
    if (certificate && byCertificate) {
      // The authenticator answers { user } or { error } (an untrusted or expired certificate).
      const result = byCertificate.call(cluster.authenticator, certificate);
      if (result && "user" in result) return { user: result.user, anonymous: false };
    }
    return { anonymous: true };
  }

  private clientCertificate(): string | undefined {
    const u = this.config.user;
    if (u["client-certificate-data"]) {
      const data = String(u["client-certificate-data"]);
      return decodedCertificates.get(data, () => Buffer.from(data, "base64").toString("utf8"));
    }
    if (u["client-certificate"]) return this.ctx.host.fs.readFileSync(String(u["client-certificate"]));
    return undefined;
  }

  /** The full URL kubectl would request (used in -v output and error messages). */
  url(path: string, query?: RestRequest["query"]): string {
    const base = this.config.server.replace(/\/+$/, "");
    const qs = encodeQuery(query);
    return `${base}${path}${qs ? "?" + qs : ""}`;
  }

  log(message: string, source = "round_trippers.go:632", severity: "I" | "E" | "W" = "I"): void {
    this.ctx.stderr(klogLine(severity, this.ctx.environment.clock.now(), this.options.pid, source, message));
  }

  request(req: RestRequest): ApiResponse {
    // The full URL only shows in -v logs and connection errors: built when one of them needs it.
    let shownUrl: string | undefined;
    const url = () => (shownUrl ??= this.url(req.path, req.query));
    const headers: Record<string, string> = { accept: "application/json, */*", "user-agent": USER_AGENT, ...(req.headers ?? {}) };
    if (req.body !== undefined && !headers["content-type"]) headers["content-type"] = "application/json";
    const imp = this.options.impersonate;
    if (imp?.user) headers["impersonate-user"] = imp.user;
    if (imp?.groups.length) headers["impersonate-group"] = imp.groups.join(", ");
    if (imp?.uid) headers["impersonate-uid"] = imp.uid;
    if (this.options.verbosity >= 7) {
      const shown = Object.entries(headers)
        .filter(([k]) => k !== "content-length")
        .map(([k, v]) => `\t${canonicalHeader(k)}: ${v}`)
        .sort();
      if (this.config.user.token) shown.push("\tAuthorization: Bearer <masked>");
      shown.sort();
      this.log(`"Request" verb="${req.method}" url="${url()}" headers=<\n${shown.join("\n")}\n >`, "round_trippers.go:527");
    }
    if (!this.cluster || !this.cluster.apiserverUp) {
      if (this.options.verbosity >= 6) this.log(`"Response" verb="${req.method}" url="${url()}" status="" milliseconds=0`);
      throw new ConnectionRefused(this.hostPort, url(), this.dialError());
    }
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(req.query ?? {})) {
      if (v === undefined) continue;
      for (const item of Array.isArray(v) ? v : [v]) query.append(k, item);
    }
    const response = this.cluster.apiserver.handle({
      method: req.method,
      path: req.path,
      query,
      headers,
      body: req.body,
      user: this.identity.user,
      anonymous: this.identity.anonymous,
    });
    if (this.options.verbosity >= 7) this.log(`"Response" status="${statusText(response.status)}" milliseconds=0`);
    else if (this.options.verbosity >= 6) this.log(`"Response" verb="${req.method}" url="${url()}" status="${statusText(response.status)}" milliseconds=0`);
    if (this.options.verbosity >= 8 && response.body !== undefined && !response.watch) {
      const text = typeof response.body === "string" ? response.body : JSON.stringify(response.body);
      this.log(`Response Body: ${text.length > 10240 ? text.slice(0, 10240) + ` [truncated ${text.length - 10240} chars]` : text}`, "round_trippers.go:632");
    }
    this.printWarnings(response.headers?.warning);
    return response;
  }

  private warned = new Set<string>();

  /** client-go's warning writer: each server Warning header (299 - "text") once per invocation, on stderr. */
  private printWarnings(header: string | undefined): void {
    if (!header) return;
    for (const m of header.matchAll(/299 - "((?:[^"\\]|\\.)*)"/g)) {
      const text = m[1].replace(/\\(.)/g, "$1");
      if (this.warned.has(text)) continue;
      this.warned.add(text);
      this.ctx.stderr(`Warning: ${text}\n`);
    }
  }
}

/** The same kubeconfig certificate on every command: decoded once per text. */
const decodedCertificates = new ContentCache<string>(64);
const hostPorts = new ContentCache<string>(64);

/** The server's host:port as kubectl names it in connection errors (parsed once per URL). */
function hostPortOf(server: string): string {
  return hostPorts.get(server, () => {
    const url = safeUrl(server);
    return url ? `${url.hostname}${url.port ? ":" + url.port : ""}` : server;
  });
}

function dialAddress(server: string): string {
  const u = safeUrl(server);
  if (!u) return server;
  const host = u.hostname === "localhost" ? "127.0.0.1" : u.hostname;
  return `${host}:${u.port || (u.protocol === "https:" ? "443" : "80")}`;
}

function canonicalHeader(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}

function safeUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** Go's url.Values.Encode: keys sorted, values in order, form-encoded. */
export function encodeQuery(query: RestRequest["query"]): string {
  if (!query) return "";
  const parts: string[] = [];
  for (const key of Object.keys(query).sort()) {
    const v = query[key];
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) parts.push(`${formEncode(key)}=${formEncode(item)}`);
  }
  return parts.join("&");
}

function formEncode(s: string): string {
  return encodeURIComponent(s).replace(/%20/g, "+").replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
