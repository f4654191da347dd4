import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { internedCount, internStrings } from "../intern";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

describe("internStrings", () => {
  it("leaves a parsed value equal to what it was, strings in arrays, nested objects and at the top alike", () => {
    const text = JSON.stringify({ a: "x", b: [1, "y", null, { c: ["z", true] }], d: { e: "" }, "2": "two" });
    const value = internStrings(JSON.parse(text));
    expect(value).toStrictEqual(JSON.parse(text));
    expect(internStrings("top")).toBe("top");
    expect(internStrings(null)).toBe(null);
  });

  it("does not touch frozen parts (a template's stored objects)", () => {
    const frozen = Object.freeze({ name: "kube-system" });
    const value = internStrings({ frozen, other: "kube-system" });
    expect(value.frozen).toBe(frozen);
    expect(value.other).toBe("kube-system");
  });

  it("keeps one copy of a string many parsed snapshots hold", () => {
    const file = "apiVersion: v1\n" + "x".repeat(64 * 1024);
    const json = JSON.stringify({ hosts: [{ files: [file, file] }] });
    const held: unknown[] = [internStrings(JSON.parse(json))];
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 40; i++) held.push(internStrings(JSON.parse(json)));
    gc();
    // 80 copies would be 5 MB; shared, what remains is 40 small objects and arrays.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(1024 * 1024);
    expect(held).toHaveLength(41);
  });

  it("keeps a bounded table, however many distinct strings pass through it", () => {
    for (let i = 0; i < 250_000; i++) internStrings([`uid-${i}`]);
    expect(internedCount()).toBeLessThanOrEqual(200_000);
  });
});
