import { describe, expect, it } from "vitest";
import { evaluate, sameValue } from "../expectation";

describe("expectations compare what a value means", () => {
  it("treats the same quantity written in other units as equal", () => {
    expect(sameValue("1024Mi", "1Gi")).toBe(true);
    expect(sameValue("500m", "0.5")).toBe(true);
    expect(sameValue("67108864", "64Mi")).toBe(true);
    expect(sameValue("1", "1000m")).toBe(true);
    expect(sameValue(0.5, "500m")).toBe(true);
  });

  it("keeps different amounts and plain strings apart", () => {
    expect(sameValue("1G", "1Gi")).toBe(false);
    expect(sameValue("256M", "256Mi")).toBe(false);
    expect(sameValue("01", "1")).toBe(false);
    expect(sameValue("1m", "1")).toBe(false);
  });

  it("compares maps of quantities leaf by leaf, key order ignored", () => {
    expect(evaluate({ equals: { cpu: "1", memory: "512Mi" } }, [{ memory: "0.5Gi", cpu: "1000m" }]).passed).toBe(true);
    expect(evaluate({ equals: { cpu: "1", memory: "512Mi" } }, [{ memory: "512Mi", cpu: "1m" }]).passed).toBe(false);
    expect(evaluate({ equals: { cpu: "1", memory: "512Mi" } }, [{ memory: "512Mi", cpu: "1", "ephemeral-storage": "1Gi" }]).passed).toBe(false);
    expect(evaluate({ oneOf: ["128Mi", "256Mi"] }, ["134217728"]).passed).toBe(true);
  });
});
