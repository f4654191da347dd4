import { describe, expect, it } from "vitest";
import { assertValidPath, JsonPathError, selectValues } from "../jsonpath";

const route = {
  metadata: { labels: { "app.kubernetes.io/name": "store" } },
  spec: {
    rules: [
      { matches: [{ path: { type: "PathPrefix", value: "/api" } }], backendRefs: [{ name: "store-api", port: 8080 }] },
      { matches: [{ path: { type: "PathPrefix", value: "/" } }], backendRefs: [{ name: "store-web", port: 80 }] },
    ],
  },
};

describe("check paths, evaluated as kubectl -o jsonpath evaluates them", () => {
  it("filters on a nested path with an index, as a Gateway API route check needs", () => {
    expect(selectValues(route, '.spec.rules[?(@.matches[0].path.value=="/api")].backendRefs[0]')).toEqual([{ name: "store-api", port: 8080 }]);
  });

  it("selects every value of a wildcard, escaped dots in keys, and nothing for a missing field", () => {
    expect(selectValues(route, "{.spec.rules[*].backendRefs[*].name}")).toEqual(["store-api", "store-web"]);
    expect(selectValues(route, ".metadata.labels.app\\.kubernetes\\.io/name")).toEqual(["store"]);
    expect(selectValues(route, ".spec.hostnames")).toEqual([]);
  });

  it("rejects a path kubectl would not parse", () => {
    expect(() => assertValidPath(".spec.rules[?(@.matches")).toThrow(JsonPathError);
    expect(() => assertValidPath("")).toThrow(JsonPathError);
  });
});
