import type { ApiResponse } from "../../../api/types";
import type { HostHttpServer, HttpResult, ServedRequest } from "../../../network/types";
import { statusText } from "../../client/klog";
import { ConnectionRefused, type RestRequest } from "../../client/transport";
import { apiJsonBody } from "../../../http/json-response";

/**
 * The HTTP side of `kubectl proxy` (k8s.io/kubectl/pkg/proxy): Go's ServeMux on the API prefix,
 * the prefix stripped (unless it starts with /api), the request filter (paths, hosts, methods),
 * then the request sent on with the kubeconfig's credentials and the API server's answer written
 * back as the API server writes it.
 */
export interface ProxyFilter {
  acceptPaths: RegExp[];
  rejectPaths: RegExp[];
  acceptHosts: RegExp[];
  rejectMethods: RegExp[];
}

export interface ProxyServerOptions {
  /** Ends with "/" (Complete adds it). */
  apiPrefix: string;
  /** Absent with --disable-filter. */
  filter?: ProxyFilter;
  /** Sends a request to the API server as the kubeconfig user (throws ConnectionRefused when it is down). */
  send(request: RestRequest): ApiResponse;
  /** klog's error line for a request that could not reach the server. */
  logError(message: string): void;
  now(): number;
  /** A fresh UUID for the API server's Audit-Id header. */
  auditId(): string;
}

/** http.Error: the text and a newline, as plain text the browser must not sniff. */
function goError(status: number, text: string, now: number): HttpResult {
  return {
    status,
    statusText: statusText(status).replace(/^\d+ /, ""),
    headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff", Date: httpDate(now), "Content-Length": String(Buffer.byteLength(text) + 1) },
    body: `${text}\n`,
  };
}

/** RFC 1123 in GMT, as Go's http.TimeFormat. */
function httpDate(now: number): string {
  return new Date(now).toUTCString();
}

/** MakeRegexpArray: a comma-separated list of regular expressions ("" is none). */
export function regexpList(text: string): RegExp[] {
  return text === "" ? [] : text.split(",").map((part) => new RegExp(part));
}

const matches = (text: string, list: RegExp[]) => list.some((re) => re.test(text));

/** FilterServer.accept: a rejected path or method loses even when accepted elsewhere. */
function accepts(filter: ProxyFilter, method: string, path: string, host: string): boolean {
  if (matches(path, filter.rejectPaths) || matches(method, filter.rejectMethods)) return false;
  return matches(path, filter.acceptPaths) && matches(host, filter.acceptHosts);
}

/** extractHost: the Host header without its port ("localhost:8001" → "localhost", "[::1]:8001" → "[::1]"). */
function hostOf(header: string): string {
  const m = /^(\[[^\]]*\]|[^:]*):\d*$/.exec(header);
  return m ? m[1].replace(/^\[(.*)\]$/, "$1") : header;
}

function headerNamed(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** Headers the reverse proxy drops or sets itself rather than passing on. */
const NOT_FORWARDED = new Set(["host", "connection", "proxy-connection", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade", "authorization", "content-length"]);

export function proxyServer(options: ProxyServerOptions): HostHttpServer {
  return {
    program: "kubectl",
    handle(request: ServedRequest): HttpResult {
      const now = options.now();
      const url = new URL(request.target, "http://proxy");
      let path = decodeURIComponent(url.pathname);
      const prefix = options.apiPrefix;
      if (prefix !== "/" && !path.startsWith(prefix)) {
        // ServeMux sends the prefix without its slash to the prefix with it.
        if (`${path}/` === prefix) {
          return { status: 301, statusText: "Moved Permanently", headers: { "Content-Type": "text/html; charset=utf-8", Location: prefix, Date: httpDate(now) }, body: `<a href="${prefix}">Moved Permanently</a>.\n\n` };
        }
        return goError(404, "404 page not found", now);
      }
      // stripLeaveSlash: a prefix outside /api is taken off, leaving the leading slash.
      if (!prefix.startsWith("/api")) path = `/${path.slice(prefix.length)}`.replace(/^\/\/+/, "/");
      const host = hostOf(headerNamed(request.headers, "host") ?? "");
      if (options.filter && !accepts(options.filter, request.method, path, host)) return goError(403, "Forbidden", now);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(request.headers)) if (!NOT_FORWARDED.has(k.toLowerCase())) headers[k.toLowerCase()] = v;
      const query: Record<string, string[]> = {};
      for (const [k, v] of url.searchParams) (query[k] ??= []).push(v);
      let response: ApiResponse;
      try {
        response = options.send({ method: request.method as RestRequest["method"], path, query, headers, ...(request.body !== undefined ? { body: request.body } : {}) });
      } catch (e) {
        if (!(e instanceof ConnectionRefused)) throw e;
        options.logError(`Error while proxying request: ${e.dialError}`);
        return goError(500, e.dialError, now);
      }
      return written(response, url.searchParams, headers["user-agent"] ?? "", now, options.auditId());
    },
  };
}

/** The API server's answer as it goes on the wire. */
function written(response: ApiResponse, query: URLSearchParams, userAgent: string, now: number, auditId: string): HttpResult {
  const status = response.status;
  const base = { "Audit-Id": auditId, "Cache-Control": "no-cache, private" };
  if (response.watch || response.textStream || response.upgrade) {
    // The network model answers a request with one finished response: no stream can go through.
    response.watch?.close();
    response.textStream?.close();
    const what = response.upgrade ? "Streaming connections (exec, attach, port-forward)" : "Streaming responses (watch, follow)";
    return goError(501, `${what} through kubectl proxy are not available in Kubecoach yet`, now);
  }
  const given = response.headers ?? {};
  const contentType = headerNamed(given, "content-type");
  let body: string;
  let type: string;
  if (response.body === undefined) {
    body = "";
    type = contentType ?? "application/json";
  } else if (typeof response.body === "string") {
    body = response.body;
    type = contentType ?? "text/plain; charset=utf-8";
  } else {
    body = apiJsonBody(response.body, { query, userAgent, rawJson: response.rawJson });
    type = contentType ?? "application/json";
  }
  const extra: Record<string, string> = {};
  for (const [k, v] of Object.entries(given)) if (k.toLowerCase() !== "content-type") extra[canonical(k)] = v;
  return {
    status,
    statusText: statusText(status).replace(/^\d+ ?/, ""),
    headers: { ...base, "Content-Type": type, ...extra, Date: httpDate(now), "Transfer-Encoding": "chunked" },
    body,
  };
}

/** Go's CanonicalMIMEHeaderKey: "warning" → "Warning", "x-kubernetes-pf" → "X-Kubernetes-Pf". */
function canonical(key: string): string {
  return key.toLowerCase().replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => `${dash}${c.toUpperCase()}`);
}
