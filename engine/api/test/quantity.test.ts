import { describe, expect, it } from "vitest";
import {
  canonicalQuantity,
  parseQuantity,
  Quantity,
  QUANTITY_FORMAT_ERROR,
  QUANTITY_SUFFIX_ERROR,
  sumQuantities,
  toQuantity,
} from "../quantity";

// Expectations follow k8s.io/apimachinery/pkg/api/resource/quantity.go (ParseQuantity, CanonicalizeBytes)
// and the canonical forms a real API server writes back in `kubectl get -o yaml`.
describe("resource.Quantity", () => {
  it.each([
    ["0.5", "500m"],
    ["1.5", "1500m"],
    ["1000m", "1"],
    ["2000m", "2"],
    ["100m", "100m"],
    ["1500m", "1500m"],
    ["0.1m", "100u"],
    ["0.0000000001", "1n"],
    ["1000", "1k"],
    ["100", "100"],
    ["1e3", "1e3"],
    ["12e6", "12e6"],
    ["1.5e3", "1500"],
    ["1Gi", "1Gi"],
    ["1024Mi", "1Gi"],
    ["1.5Gi", "1536Mi"],
    ["0.5Gi", "512Mi"],
    ["0.5Ki", "512"],
    ["512Ki", "512Ki"],
    ["1.1Ki", "1126400m"],
    ["128974848", "128974848"],
    ["129e6", "129e6"],
    ["123Mi", "123Mi"],
    ["5G", "5G"],
    ["5000M", "5G"],
    ["0", "0"],
    ["0Mi", "0"],
    ["-1", "-1"],
    ["-0.5", "-500m"],
  ])("%s is stored as %s", (input, canonical) => {
    expect(parseQuantity(input).toString()).toBe(canonical);
  });

  it.each([
    ["", QUANTITY_FORMAT_ERROR],
    ["abc", QUANTITY_FORMAT_ERROR],
    ["1.5.5", QUANTITY_FORMAT_ERROR],
    ["1Mb", QUANTITY_FORMAT_ERROR],
    ["1e", QUANTITY_SUFFIX_ERROR],
    ["1mi", QUANTITY_SUFFIX_ERROR],
    ["5KiB", QUANTITY_FORMAT_ERROR],
  ])("refuses %j with the real message", (input, message) => {
    expect(() => parseQuantity(input)).toThrowError(message);
  });

  it("quotes the apimachinery regular expression in the format error", () => {
    expect(QUANTITY_FORMAT_ERROR).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  });

  it("compares across suffixes exactly", () => {
    expect(parseQuantity("1Gi").cmp(parseQuantity("1073741824"))).toBe(0);
    expect(parseQuantity("1G").cmp(parseQuantity("1Gi"))).toBe(-1);
    expect(parseQuantity("500m").cmp(parseQuantity("0.5"))).toBe(0);
    expect(parseQuantity("2").cmp(parseQuantity("1999m"))).toBe(1);
  });

  it("adds and subtracts keeping the first non-zero operand's format", () => {
    expect(parseQuantity("100m").add(parseQuantity("250m")).toString()).toBe("350m");
    expect(parseQuantity("1Gi").add(parseQuantity("512Mi")).toString()).toBe("1536Mi");
    expect(Quantity.zero().add(parseQuantity("64Mi")).toString()).toBe("64Mi");
    expect(parseQuantity("1").sub(parseQuantity("250m")).toString()).toBe("750m");
    expect(sumQuantities([parseQuantity("128Mi"), parseQuantity("128Mi")]).toString()).toBe("256Mi");
  });

  it("rounds Value and MilliValue up", () => {
    expect(parseQuantity("1.5").value()).toBe(2);
    expect(parseQuantity("0.1m").milliValue()).toBe(1);
    expect(parseQuantity("250m").milliValue()).toBe(250);
    expect(parseQuantity("1Ki").value()).toBe(1024);
  });

  it("reads JSON numbers written without quotes", () => {
    expect(toQuantity(0.5).toString()).toBe("500m");
    expect(toQuantity(2).toString()).toBe("2");
    expect(canonicalQuantity("1024Mi")).toBe("1Gi");
  });

  it("builds milli quantities like NewMilliQuantity", () => {
    expect(Quantity.milli(1500).toString()).toBe("1500m");
    expect(Quantity.milli(2000).toString()).toBe("2");
    expect(Quantity.milli(512 * 1000, "BinarySI").toString()).toBe("512");
  });
});
