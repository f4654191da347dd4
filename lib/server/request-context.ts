// Per-request bookkeeping done by the custom server before anything else sees a request:
// a request id (kept from a well-formed x-request-id, else new), the client address, and the
// access log line written when the response finishes.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { CLIENT_IP_HEADER, REQUEST_ID_HEADER } from "./headers";
import { userFromRequest } from "./request-user";

const TRUST_PROXY = process.env.TRUST_PROXY === "true" || process.env.TRUST_PROXY === "1";

export function clientIp(req: IncomingMessage): string {
  if (TRUST_PROXY) {
    const forwarded = req.headers["x-forwarded-for"];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? "unknown";
}

/** Stamps the request with trusted headers and returns its id. */
export function stampRequest(req: IncomingMessage): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  const reqId = typeof incoming === "string" && /^[\w.-]{8,64}$/.test(incoming) ? incoming : randomUUID();
  req.headers[REQUEST_ID_HEADER] = reqId;
  req.headers[CLIENT_IP_HEADER] = clientIp(req);
  return reqId;
}

/** The path as logged: no query string (it can carry tokens), and the API gateway's token masked. */
export function loggablePath(url: string | undefined): string {
  const path = (url ?? "/").split("?")[0]!;
  return path.replace(/^\/k8s\/[^/]+/, "/k8s/[token]");
}

const isAsset = (path: string) => path.startsWith("/_next/static/") || path.startsWith("/_next/image") || path === "/favicon.ico";

export function logWhenFinished(log: Logger, req: IncomingMessage, res: ServerResponse, reqId: string): void {
  const started = performance.now();
  const path = loggablePath(req.url);
  // Reading the session costs a decryption, so assets (most requests) skip it.
  const user = isAsset(path) ? Promise.resolve(null) : userFromRequest(req).catch(() => null);
  res.on("finish", () => {
    void user.then((u) => {
      const line = {
        reqId,
        userId: u?.id,
        method: req.method,
        path,
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
      };
      if (isAsset(path)) log.debug(line, "request");
      else log.info(line, "request");
    });
  });
}
