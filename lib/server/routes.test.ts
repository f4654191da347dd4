import { beforeEach, describe, expect, it } from "vitest";
import { clearRoutes, matchHttpPrefix, matchUpgradeRoute, registerHttpPrefix, registerUpgradeRoute } from "./routes";

beforeEach(() => clearRoutes());

describe("route registry", () => {
  it("matches upgrade patterns segment by segment and decodes params", () => {
    const handler = () => {};
    registerUpgradeRoute("/ws/terminal/:attemptId", handler);
    expect(matchUpgradeRoute("/ws/terminal/a%20b")).toEqual({ handler, params: { attemptId: "a b" } });
    expect(matchUpgradeRoute("/ws/terminal")).toBeNull();
    expect(matchUpgradeRoute("/ws/terminal/a/extra")).toBeNull();
  });

  it("prefers the longest HTTP prefix and passes the rest of the path", () => {
    const general = () => {};
    const special = () => {};
    registerHttpPrefix("/k8s", general);
    registerHttpPrefix("/k8s/special/", special);
    expect(matchHttpPrefix("/k8s/special/x")).toEqual({ handler: special, rest: "/x" });
    expect(matchHttpPrefix("/k8s")).toEqual({ handler: general, rest: "" });
    expect(matchHttpPrefix("/k8sx")).toBeNull();
  });

  it("refuses to take Next.js's own paths", () => {
    expect(() => registerUpgradeRoute("/_next/hmr", () => {})).toThrow(/Next\.js/);
    expect(() => registerHttpPrefix("/", () => {})).toThrow(/Next\.js/);
  });

  it("replaces a registration for the same path, so hot reloads don't stack handlers", () => {
    const first = () => {};
    const second = () => {};
    registerHttpPrefix("/healthz", first);
    registerHttpPrefix("/healthz", second);
    expect(matchHttpPrefix("/healthz")?.handler).toBe(second);
  });
});
