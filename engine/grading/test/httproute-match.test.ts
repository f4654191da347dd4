import { describe, expect, it } from "vitest";
import { routeRequest, type HttpRouteSpec } from "../custom/httproute-match";

const api = { name: "store-api", port: 8080 };
const web = { name: "store-web", port: 80 };
const backendOf = (spec: HttpRouteSpec, path: string, host?: string) => {
  const d = routeRequest(spec, { path, host });
  return d.kind === "backends" ? d.backends.map((b) => b.name).join(",") : d.kind;
};

describe("HTTPRoute request matching (Gateway API precedence)", () => {
  const catchAllFirst: HttpRouteSpec = {
    hostnames: ["store.example.com"],
    rules: [{ backendRefs: [web] }, { matches: [{ path: { value: "/api" } }], backendRefs: [api] }],
  };

  it("a longer prefix wins over a catch-all listed before it", () => {
    expect(backendOf(catchAllFirst, "/api")).toBe("store-api");
    expect(backendOf(catchAllFirst, "/api/orders")).toBe("store-api");
    expect(backendOf(catchAllFirst, "/")).toBe("store-web");
  });

  it("prefixes match whole path elements, and a trailing slash in the value is ignored", () => {
    const spec: HttpRouteSpec = { rules: [{ matches: [{ path: { type: "PathPrefix", value: "/api/" } }], backendRefs: [api] }] };
    expect(backendOf(spec, "/api")).toBe("store-api");
    expect(backendOf(spec, "/api/v1")).toBe("store-api");
    expect(backendOf(spec, "/apiv1")).toBe("no-rule");
  });

  it("Exact beats any prefix; a match that needs headers does not match a plain request", () => {
    const spec: HttpRouteSpec = {
      rules: [
        { matches: [{ path: { type: "PathPrefix", value: "/shop" } }], backendRefs: [web] },
        { matches: [{ path: { type: "Exact", value: "/shop" } }], backendRefs: [api] },
        { matches: [{ path: { value: "/" }, headers: [{ name: "x-canary", value: "1" }] }], backendRefs: [api] },
      ],
    };
    expect(backendOf(spec, "/shop")).toBe("store-api");
    expect(backendOf(spec, "/shop/cart")).toBe("store-web");
    expect(backendOf(spec, "/other")).toBe("no-rule");
  });

  it("only the route's hostnames are served, wildcards needing one more label", () => {
    const spec: HttpRouteSpec = { hostnames: ["*.example.com"], rules: [{ backendRefs: [web] }] };
    expect(backendOf(spec, "/", "store.example.com")).toBe("store-web");
    expect(backendOf(spec, "/", "example.com")).toBe("no-host");
    expect(backendOf(catchAllFirst, "/", "shop.example.com")).toBe("no-host");
  });

  it("zero-weight backends get nothing and a redirect rule sends to no backend", () => {
    const spec: HttpRouteSpec = {
      rules: [
        { matches: [{ path: { value: "/old" } }], filters: [{ type: "RequestRedirect" }] },
        { backendRefs: [{ ...api, weight: 0 }, web] },
      ],
    };
    expect(backendOf(spec, "/x")).toBe("store-web");
    expect(backendOf(spec, "/old/page")).toBe("redirect");
  });
});
