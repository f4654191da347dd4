import type { KubeObject } from "../../api/types";
import type { Cluster } from "../../cluster/cluster";
import type { NetworkModel, NetworkOrigin } from "../../network/types";
import type { ForwardedConnection, PortForwardSession } from "./session";

/**
 * pods/portforward once upgraded: each connection the client opens reaches `localhost:<port>` in
 * the pod's network namespace. The simulated processes answer HTTP, so a connection is read as
 * HTTP/1.1 requests (keep-alive), each answered by the network model from inside the pod; a port
 * nothing listens on fails with the kubelet's and containerd's error, which kubectl prints.
 */
const MAX_BUFFERED = 1024 * 1024;
const METHODS = /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) /;

const REASONS: Record<number, string> = { 200: "OK", 201: "Created", 204: "No Content", 301: "Moved Permanently", 302: "Found", 304: "Not Modified", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Not Allowed", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Temporarily Unavailable", 504: "Gateway Time-out" };

function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

function canonical(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}

interface ParsedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  consumed: number;
}

/** One complete HTTP/1.1 request at the start of `buffer`, if there is one yet. */
function parseRequest(buffer: Buffer): ParsedRequest | undefined {
  const end = buffer.indexOf("\r\n\r\n");
  if (end < 0) return undefined;
  const head = buffer.subarray(0, end).toString("latin1").split("\r\n");
  const [method, path] = head[0].split(" ");
  const headers: Record<string, string> = {};
  for (const line of head.slice(1)) {
    const i = line.indexOf(":");
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const length = Number(headers["content-length"] ?? 0) || 0;
  if (buffer.length < end + 4 + length) return undefined;
  return { method, path, headers, body: buffer.subarray(end + 4, end + 4 + length).toString("utf8"), consumed: end + 4 + length };
}

export class PodPortForward implements PortForwardSession {
  readonly kind = "portforward" as const;

  constructor(
    private readonly cluster: Cluster,
    private readonly pod: KubeObject,
    private readonly sandboxId: string,
    private readonly network: NetworkModel | undefined,
    readonly ports: number[],
  ) {}

  private get origin(): NetworkOrigin {
    return { type: "pod", cluster: this.cluster.name, namespace: this.pod.metadata.namespace!, pod: this.pod.metadata.name! };
  }

  /** The kubelet's words when nothing listens on the port inside the pod. */
  refusal(port: number): string {
    const id = this.sandboxId;
    const netns = `/var/run/netns/cni-${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`;
    return `error forwarding port ${port} to pod ${id}, uid : failed to execute portforward in network namespace "${netns}": failed to connect to localhost:${port} inside namespace "${id}", IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused IPv6 dial tcp6 [::1]:${port}: connect: connection refused `;
  }

  connect(port: number): ForwardedConnection {
    const dataListeners: ((data: Uint8Array) => void)[] = [];
    const closeListeners: ((error?: string) => void)[] = [];
    let closed = false;
    let buffer = Buffer.alloc(0);
    const close = (error?: string) => {
      if (closed) return;
      closed = true;
      for (const l of closeListeners) l(error);
    };
    const send = (data: Uint8Array) => {
      for (const l of dataListeners) l(data);
    };
    const reachable = this.network?.connect(this.origin, "127.0.0.1", port);
    if (!reachable?.ok) queueMicrotask(() => close(this.refusal(port)));

    const answer = (request: ParsedRequest) => {
      const outcome = this.network!.http(this.origin, `http://127.0.0.1:${port}${request.path}`, { method: request.method, headers: request.headers, body: request.body });
      if (!outcome.ok) {
        // The process does not speak HTTP: it closes the connection without a reply.
        close();
        return;
      }
      const r = outcome.response;
      const body = Buffer.from(request.method === "HEAD" ? "" : r.body, "utf8");
      const headers: [string, string][] = [];
      if (r.headers.server) headers.push(["Server", r.headers.server]);
      headers.push(["Date", httpDate(this.cluster.clock.now())]);
      headers.push(["Content-Type", r.headers["content-type"] ?? "text/plain; charset=utf-8"]);
      headers.push(["Content-Length", String(Buffer.byteLength(r.body, "utf8"))]);
      for (const [k, v] of Object.entries(r.headers)) if (!["server", "content-type", "content-length", "date"].includes(k)) headers.push([canonical(k), v]);
      const keepAlive = (request.headers.connection ?? "").toLowerCase() !== "close";
      headers.push(["Connection", keepAlive ? "keep-alive" : "close"]);
      const head = `HTTP/1.1 ${r.status} ${r.statusText || REASONS[r.status] || ""}\r\n${headers.map(([k, v]) => `${k}: ${v}\r\n`).join("")}\r\n`;
      send(new Uint8Array(Buffer.concat([Buffer.from(head, "latin1"), body])));
      if (!keepAlive) close();
    };

    return {
      write: (data) => {
        if (closed) return;
        buffer = Buffer.concat([buffer, Buffer.from(data)]);
        if (buffer.length > MAX_BUFFERED) return close();
        // Anything but HTTP gets no answer: the simulated processes only speak HTTP.
        if (buffer.length >= 8 && !METHODS.test(buffer.subarray(0, 8).toString("latin1"))) return;
        for (let request = parseRequest(buffer); request && !closed; request = parseRequest(buffer)) {
          buffer = buffer.subarray(request.consumed);
          answer(request);
        }
      },
      end: () => close(),
      onData: (listener) => dataListeners.push(listener),
      onClose: (listener) => {
        closeListeners.push(listener);
      },
    };
  }
}
