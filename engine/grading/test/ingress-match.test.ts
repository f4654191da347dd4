import { describe, expect, it } from "vitest";
import { routeIngressRequest, type IngressSpec } from "../custom/ingress-match";

const to = (name: string, number: number) => ({ service: { name, port: { number } } });
const serviceOf = (spec: IngressSpec, path: string, host?: string) => {
  const d = routeIngressRequest(spec, { path, host });
  return d.kind === "backend" ? d.backend.service?.name : d.kind;
};

describe("Ingress request matching", () => {
  const spec: IngressSpec = {
    rules: [
      { host: "portal.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: to("home", 80) }] } },
      { host: "portal.example.com", http: { paths: [{ path: "/shop/", pathType: "Prefix", backend: to("shop", 80) }, { path: "/shop", pathType: "Exact", backend: to("landing", 80) }] } },
    ],
  };

  it("the longest matching path wins across rules of the same host; Exact wins a tie", () => {
    expect(serviceOf(spec, "/shop/cart", "portal.example.com")).toBe("shop");
    expect(serviceOf(spec, "/shop", "portal.example.com")).toBe("landing");
    expect(serviceOf(spec, "/shopping", "portal.example.com")).toBe("home");
  });

  it("rules for other hosts do not apply; a wildcard host covers exactly one more label", () => {
    expect(serviceOf(spec, "/shop/cart", "other.example.com")).toBe("no-route");
    const wildcard: IngressSpec = { rules: [{ host: "*.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: to("any", 80) }] } }] };
    expect(serviceOf(wildcard, "/", "a.example.com")).toBe("any");
    expect(serviceOf(wildcard, "/", "b.a.example.com")).toBe("no-route");
    expect(serviceOf(wildcard, "/", "example.com")).toBe("no-route");
  });

  it("a request no path matches falls to the default backend", () => {
    expect(serviceOf({ ...spec, defaultBackend: to("fallback", 80) }, "/x", "elsewhere.example.com")).toBe("fallback");
  });
});
