import { describe, expect, it } from "vitest";
import { ConnectionRefused } from "../../../client/transport";
import { proxyServer, regexpList } from "../proxy-server";

const NOW = Date.UTC(2026, 0, 1, 0, 0, 5);

function server(send: Parameters<typeof proxyServer>[0]["send"], logged: string[] = []) {
  return proxyServer({
    apiPrefix: "/",
    filter: { acceptPaths: regexpList("^.*"), rejectPaths: regexpList("^/api/.*/pods/.*/exec,^/api/.*/pods/.*/attach"), acceptHosts: regexpList("^localhost$,^127\\.0\\.0\\.1$,^\\[::1\\]$"), rejectMethods: regexpList("^$") },
    send,
    logError: (m) => logged.push(m),
    now: () => NOW,
    auditId: () => "0b6d2c3e-0000-4000-8000-000000000000",
  });
}

describe("kubectl proxy's HTTP side", () => {
  it("answers 500 with Go's dial error when the API server is down, and logs it as kubectl does", () => {
    const logged: string[] = [];
    const s = server(() => {
      throw new ConnectionRefused("172.30.1.2:6443", "https://172.30.1.2:6443/api", "dial tcp 172.30.1.2:6443: connect: connection refused");
    }, logged);
    const r = s.handle({ method: "GET", target: "/api/v1/pods", headers: { Host: "localhost:8001", "User-Agent": "curl/7.81.0" } });
    expect(r.status).toBe(500);
    expect(r.body).toBe("dial tcp 172.30.1.2:6443: connect: connection refused\n");
    expect(logged).toEqual(["Error while proxying request: dial tcp 172.30.1.2:6443: connect: connection refused"]);
  });

  it("passes method, path, query, body and the client's headers on, without the client's Host or credentials", () => {
    const seen: unknown[] = [];
    const s = server((req) => {
      seen.push(req);
      return { status: 201, body: { kind: "ConfigMap", data: { a: "<b>" } } };
    });
    const r = s.handle({ method: "POST", target: "/api/v1/namespaces/default/configmaps?dryRun=All", headers: { Host: "127.0.0.1:8001", "User-Agent": "kubectl/v1.33.2", Authorization: "Bearer x", "Content-Type": "application/json" }, body: "{}" });
    expect(seen).toEqual([{ method: "POST", path: "/api/v1/namespaces/default/configmaps", query: { dryRun: ["All"] }, headers: { "user-agent": "kubectl/v1.33.2", "content-type": "application/json" }, body: "{}" }]);
    // Not a person's client: compact JSON with a newline, HTML characters escaped as encoding/json does.
    expect(r.body).toBe('{"kind":"ConfigMap","data":{"a":"\\u003cb\\u003e"}}\n');
    expect(r.statusText).toBe("Created");
    expect(r.headers["Content-Type"]).toBe("application/json");
  });

  it("refuses streams plainly instead of pretending", () => {
    let closed = false;
    const s = server(() => ({ status: 200, watch: { onData: () => undefined, onEnd: () => undefined, close: () => (closed = true) } as never }));
    const r = s.handle({ method: "GET", target: "/api/v1/pods?watch=true", headers: { Host: "localhost:8001" } });
    expect(r.status).toBe(501);
    expect(r.body).toMatch(/not available in Kubecoach yet\n$/);
    expect(closed).toBe(true);
  });
});
