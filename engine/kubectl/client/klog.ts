/**
 * klog's text header, which kubectl's `-v` output and its unhandled-error lines carry:
 * `I1127 04:34:44.706980   20582 round_trippers.go:632] message`.
 */
export function klogLine(severity: "I" | "W" | "E", nowMs: number, pid: number, source: string, message: string): string {
  const d = new Date(nowMs);
  const two = (n: number) => String(n).padStart(2, "0");
  const micros = String(d.getUTCMilliseconds() * 1000).padStart(6, "0");
  const stamp = `${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${micros}`;
  return `${severity}${stamp} ${String(pid).padStart(7)} ${source}] ${message}\n`;
}

/** Go's http.StatusText for the codes the API server answers with. */
export function statusText(code: number): string {
  const texts: Record<number, string> = {
    200: "OK",
    201: "Created",
    202: "Accepted",
    204: "No Content",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    409: "Conflict",
    410: "Gone",
    413: "Request Entity Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Entity",
    429: "Too Many Requests",
    500: "Internal Server Error",
    503: "Service Unavailable",
    504: "Gateway Timeout",
  };
  return `${code} ${texts[code] ?? ""}`.trim();
}
