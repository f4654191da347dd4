import { describe, expect, it } from "vitest";
import { clone } from "../freeze";

const roundTrip = (v: unknown) => JSON.parse(JSON.stringify(v));

describe("clone", () => {
  it("copies as a JSON round trip does: undefined keys dropped, such array items null, non-finite numbers null", () => {
    const value = { a: 1, b: undefined, c: [1, undefined, () => 1, NaN, -0, Infinity], d: { e: null, when: new Date(0) }, "2": "two", "1": "one" };
    const copy = clone(value);
    expect(copy).toStrictEqual(roundTrip(value));
    expect(Object.keys(copy)).toEqual(["1", "2", "a", "c", "d"]);
    expect(Object.is((copy.c as unknown[])[4], 0)).toBe(true);
  });

  it("gives a mutable copy of a frozen object and shares nothing with it", () => {
    const frozen = Object.freeze({ spec: Object.freeze({ containers: Object.freeze([Object.freeze({ name: "c" })]) }) });
    const copy = clone(frozen) as { spec: { containers: { name: string }[] } };
    copy.spec.containers[0].name = "d";
    expect(frozen.spec.containers[0].name).toBe("c");
  });

  it("keeps a __proto__ key as an own field and follows toJSON, like JSON.parse", () => {
    const parsed = JSON.parse('{"__proto__": {"x": 1}, "a": 2}');
    const copy = clone(parsed);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(["__proto__", "a"]);
    expect(clone({ n: { toJSON: () => "j" } })).toEqual({ n: "j" });
  });

  it("refuses cycles and bigints with JSON.stringify's TypeError", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => clone(cyclic)).toThrow(TypeError);
    expect(() => clone({ n: 1n })).toThrow(TypeError);
  });
});
