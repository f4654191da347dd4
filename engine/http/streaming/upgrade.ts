import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { TLSSocket } from "node:tls";
import { createHash } from "node:crypto";
import { WebSocket } from "ws";
import { derToPem } from "../../api/auth/client-certificates";
import type { ApiResponse, HttpMethod } from "../../api/types";
import type { Cluster } from "../../cluster/cluster";
import type { SessionStartOptions } from "../../kubelet/streaming/session";
import { PORTFORWARD_PROTOCOL, servePortForward } from "./portforward";
import { REMOTECOMMAND_PROTOCOLS, serveRemoteCommand } from "./remotecommand";

/**
 * The HTTP upgrade for the streaming subresources (pods/exec, attach, portforward): authenticates
 * like the REST adapter, asks the cluster's API server (which checks the pod, container and RBAC),
 * and either writes its error response or accepts the WebSocket with the subprotocol kubectl
 * offered. SPDY/3.1 upgrades (kubectl's fallback, or KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false) are
 * refused with a message that says so.
 */
const STREAMING_PATH = /^\/api\/v1\/namespaces\/[^/]+\/pods\/[^/]+\/(exec|attach|portforward)$/;

const STATUS_TEXT: Record<number, string> = { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 500: "Internal Server Error", 503: "Service Unavailable" };

export function isStreamingPath(path: string): boolean {
  return STREAMING_PATH.test(path);
}

function peerCertificate(req: IncomingMessage): string | undefined {
  const socket = req.socket as Partial<TLSSocket>;
  if (typeof socket.getPeerCertificate !== "function") return undefined;
  const cert = socket.getPeerCertificate();
  return cert && cert.raw ? derToPem(cert.raw) : undefined;
}

function headerMap(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  return headers;
}

function refuse(socket: Duplex, status: number, body: unknown): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const type = typeof body === "string" ? "text/plain; charset=utf-8" : "application/json";
  socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? ""}\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(text)}\r\nCache-Control: no-cache, private\r\nConnection: close\r\n\r\n${text}`);
}

function failure(status: number, message: string, reason: string): object {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, code: status };
}

const WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
const MAX_PAYLOAD = 16 * 1024 * 1024;
/** How long a closing side waits for the peer's close frame before dropping the connection. */
export const CLOSE_TIMEOUT_MS = 30_000;

/**
 * The RFC 6455 handshake, done here rather than by ws's server: ws refuses subprotocol names with a
 * "/" (not an HTTP token), and kubectl's port-forward protocol is `SPDY/3.1+portforward.k8s.io`.
 */
function acceptWebSocket(req: IncomingMessage, socket: Duplex, head: Buffer, protocol: string): WebSocket | undefined {
  const key = req.headers["sec-websocket-key"];
  if (typeof key !== "string" || !/^[+/0-9A-Za-z]{22}==$/.test(key) || req.headers["sec-websocket-version"] !== "13") {
    refuse(socket, 400, failure(400, "unable to upgrade connection: bad WebSocket handshake", "BadRequest"));
    return undefined;
  }
  const accept = createHash("sha1").update(key + WEBSOCKET_GUID).digest("base64");
  socket.write(["HTTP/1.1 101 Switching Protocols", "Upgrade: websocket", "Connection: Upgrade", `Sec-WebSocket-Accept: ${accept}`, `Sec-WebSocket-Protocol: ${protocol}`, "", ""].join("\r\n"));
  // closeTimeout is what WebSocketServer would pass (ws's CLOSE_TIMEOUT): without it ws arms its
  // close timer with `undefined`, so close() destroyed the socket a millisecond later and dropped
  // whatever was still queued — the exit Status and the close frame behind a large or slow output
  // (the real kubectl's "close 1006 (abnormal closure): unexpected EOF").
  const ws = new (WebSocket as unknown as new (address: null, protocols: undefined, options: { autoPong: boolean; closeTimeout: number }) => WebSocket)(null, undefined, {
    autoPong: true,
    closeTimeout: CLOSE_TIMEOUT_MS,
  });
  const internal = ws as unknown as { _protocol: string; setSocket(socket: Duplex, head: Buffer, options: { maxPayload: number; skipUTF8Validation: boolean; allowSynchronousEvents: boolean }): void };
  internal._protocol = protocol;
  internal.setSocket(socket, head, { maxPayload: MAX_PAYLOAD, skipUTF8Validation: false, allowSynchronousEvents: true });
  return ws;
}

/**
 * Handles an upgrade request for `path` (the API path, any gateway prefix removed) on `cluster`.
 * Returns false when the path is not a streaming subresource (another handler may take it).
 */
export function handleStreamingUpgrade(cluster: Cluster, req: IncomingMessage, socket: Duplex, head: Buffer, path: string, query: URLSearchParams, options: SessionStartOptions = {}): boolean {
  if (!isStreamingPath(path)) return false;
  if (!cluster.apiserverUp) {
    socket.destroy();
    return true;
  }
  const headers = headerMap(req);
  const authentication = cluster.authenticator.authenticateRequest({ authorization: headers.authorization, clientCertificatePem: peerCertificate(req) });
  if ("error" in authentication) {
    refuse(socket, 401, failure(401, "Unauthorized", "Unauthorized"));
    return true;
  }
  const user = "user" in authentication ? authentication.user : undefined;
  const response: ApiResponse = cluster.apiserver.handle({ method: (req.method ?? "GET") as HttpMethod, path, query, headers, user, anonymous: !user });
  if (response.status !== 101 || !response.upgrade) {
    refuse(socket, response.status, response.body ?? "");
    return true;
  }
  const session = response.upgrade;
  const websocket = (headers.upgrade ?? "").toLowerCase() === "websocket";
  const offered = (headers["sec-websocket-protocol"] ?? "").split(",").map((p) => p.trim());
  const wanted: readonly string[] = session.kind === "portforward" ? [PORTFORWARD_PROTOCOL] : REMOTECOMMAND_PROTOCOLS;
  const protocol = wanted.find((p) => offered.includes(p));
  if (!websocket || !protocol) {
    if (session.kind !== "portforward") session.cancel();
    const what = session.kind === "portforward" ? `WebSocket with subprotocol ${PORTFORWARD_PROTOCOL}` : `WebSocket with subprotocol ${REMOTECOMMAND_PROTOCOLS.join(" or ")}`;
    const message = `unable to upgrade connection: Kubecoach serves pods/${path.replace(/^.*\//, "")} over ${what}; ${websocket ? `the offered subprotocols (${offered.join(", ") || "none"})` : "SPDY/3.1 upgrades"} are not available in Kubecoach yet`;
    refuse(socket, 400, failure(400, message, "BadRequest"));
    return true;
  }
  const ws = acceptWebSocket(req, socket, head, protocol);
  if (!ws) {
    if (session.kind !== "portforward") session.cancel();
    return true;
  }
  if (session.kind === "portforward") servePortForward(ws, session);
  else serveRemoteCommand(ws, protocol, session, options);
  return true;
}
