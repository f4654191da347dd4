import type { IncomingMessage, ServerResponse } from "node:http";
import type { Cluster } from "../cluster/cluster";
import type { ApiResponse, HttpMethod } from "../api/types";
import { derToPem } from "../api/auth/client-certificates";
import { unauthorized, unsupportedMediaType } from "../api/errors";
import { apiJsonBody } from "./json-response";
import { decodeKubernetesProtobuf, PROTOBUF_CONTENT_TYPE, ProtobufDecodeError } from "./protobuf/decode";
import type { TLSSocket } from "node:tls";

const MAX_BODY_BYTES = 3 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error("request body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function headerMap(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  }
  return headers;
}

/** The TLS client certificate the peer presented, if any (the server requests one but does not require it). */
function peerCertificate(req: IncomingMessage): string | undefined {
  const socket = req.socket as Partial<TLSSocket>;
  if (typeof socket.getPeerCertificate !== "function") return undefined;
  const cert = socket.getPeerCertificate();
  return cert && cert.raw ? derToPem(cert.raw) : undefined;
}

/**
 * Serves one cluster's Kubernetes REST API over HTTP/1.1: a thin adapter that turns the request
 * into an ApiRequest for the cluster's API server and writes the answer back, streaming watches
 * and followed logs as chunked responses. `path` is the API path with any gateway prefix removed.
 */
export async function serveKubernetesApi(cluster: Cluster, req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<void> {
  if (!cluster.apiserverUp) {
    // The real kube-apiserver is simply not listening: the client sees a refused connection.
    req.socket.destroy();
    return;
  }
  const headers = headerMap(req);
  const authentication = cluster.authenticator.authenticateRequest({ authorization: headers.authorization, clientCertificatePem: peerCertificate(req) });
  if ("error" in authentication) {
    // As the real apiserver: any presented credential that fails makes the request 401, never anonymous.
    writeResponse(res, { status: 401, body: unauthorized().status }, req);
    return;
  }
  const user = "user" in authentication ? authentication.user : undefined;
  let raw: Buffer;
  try {
    raw = await readBody(req);
  } catch {
    res.writeHead(413).end();
    return;
  }
  let body = raw.toString("utf8");
  if ((headers["content-type"] ?? "").startsWith(PROTOBUF_CONTENT_TYPE) && raw.length > 0) {
    // kubectl's typed clients (create <generator>, auth, create token, …) send protobuf; the server works in JSON.
    try {
      body = JSON.stringify(decodeKubernetesProtobuf(raw));
      headers["content-type"] = "application/json";
    } catch (e) {
      if (!(e instanceof ProtobufDecodeError)) throw e;
      // Said plainly, so a learner knows this is a Kubecoach gap rather than their mistake.
      const status = { ...unsupportedMediaType(PROTOBUF_CONTENT_TYPE).status, message: e.message };
      writeResponse(res, { status: 415, body: status }, req);
      return;
    }
  }
  const response = cluster.apiserver.handle({
    method: (req.method ?? "GET") as HttpMethod,
    path,
    query,
    headers,
    body: body === "" ? undefined : body,
    user,
    anonymous: !user,
  });
  writeResponse(res, response, req, query);
}

/** kube-apiserver's --min-request-timeout default: a watch that names no timeoutSeconds ends after 30 to 60 minutes. */
const MIN_REQUEST_TIMEOUT_SECONDS = 1800;
let watchesServed = 0;

/**
 * How long the server keeps a watch open: `timeoutSeconds` when the client gives one, otherwise
 * the minimum request timeout times (1 + a jitter in [0, 1)), as the real server spreads its
 * watches' ends; here the jitter is a low-discrepancy sequence so served sessions stay reproducible.
 */
export function watchTimeoutMs(query: URLSearchParams, sequence = watchesServed++): number {
  const asked = Number(query.get("timeoutSeconds") ?? "");
  if (Number.isInteger(asked) && asked > 0) return asked * 1000;
  const jitter = (sequence * 0.6180339887498949) % 1;
  return Math.floor(MIN_REQUEST_TIMEOUT_SECONDS * (1 + jitter) * 1000);
}

function writeResponse(res: ServerResponse, response: ApiResponse, req: IncomingMessage, query?: URLSearchParams): void {
  const headers: Record<string, string> = { "cache-control": "no-cache, private", ...(response.headers ?? {}) };
  if (response.watch) {
    res.writeHead(response.status, { ...headers, "content-type": "application/json", "transfer-encoding": "chunked" });
    // Send the headers now, as the real API server does: client-go waits for them before it can stop a watch.
    res.flushHeaders();
    const stream = response.watch;
    // At its timeout the server ends the response: the chunked stream closes cleanly, with no error event.
    const timeout = setTimeout(() => stream.close(), watchTimeoutMs(query ?? new URLSearchParams()));
    timeout.unref();
    stream.onData((event) => res.write(JSON.stringify(event) + "\n"));
    stream.onEnd(() => {
      clearTimeout(timeout);
      res.end();
    });
    req.on("close", () => stream.close());
    return;
  }
  if (response.textStream) {
    res.writeHead(response.status, { ...headers, "content-type": "text/plain", "transfer-encoding": "chunked" });
    res.flushHeaders();
    const stream = response.textStream;
    stream.onData((chunk) => res.write(chunk));
    stream.onEnd(() => res.end());
    req.on("close", () => stream.close());
    return;
  }
  if (typeof response.body === "string") {
    res.writeHead(response.status, { "content-type": "text/plain; charset=utf-8", ...headers });
    res.end(response.body);
    return;
  }
  res.writeHead(response.status, { "content-type": "application/json", ...headers });
  res.end(response.body === undefined ? "" : apiJsonBody(response.body, { query, userAgent: req.headers["user-agent"], rawJson: response.rawJson }));
}
