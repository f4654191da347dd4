import { describe, expect, it } from "vitest";
import { Environment } from "../environment";
import { PartsReceiver, toParts } from "../template-transfer";

describe("template parts", () => {
  it("rebuild exactly the value sent, deeply frozen, from parts each about the size asked", () => {
    const snapshot = Environment.create(undefined, { seed: 3 }).snapshot();
    const parts = toParts(snapshot, 16 * 1024);
    // Cutting adds the holes' bookkeeping; no item of a booted lab is anywhere near the size on its own.
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThan(24 * 1024);
    const receiver = new PartsReceiver(parts);
    let steps = 0;
    while (!receiver.done) {
      receiver.step();
      steps++;
    }
    expect(steps).toBe(parts.length);
    const value = receiver.value as typeof snapshot;
    expect(JSON.stringify(value)).toBe(JSON.stringify(snapshot));
    expect(Object.isFrozen(value.clusters[0].store.objects[7][1].metadata)).toBe(true);
    expect(Object.isFrozen(value.hosts[0].fs.entries)).toBe(true);
  });

  it("keep arrays at any depth, an array at the root, and __proto__ keys as data", () => {
    const value = [{ list: Array.from({ length: 50 }, (_, i) => ({ i, text: "x".repeat(40), nested: Array.from({ length: 20 }, (_, j) => j) })) }, { __proto__: "kept" }];
    const text = JSON.stringify(value).replace('"__proto__"', '"__proto__"');
    const parsed = JSON.parse(text);
    const receiver = new PartsReceiver(toParts(parsed, 256));
    while (!receiver.done) receiver.step();
    expect(JSON.stringify(receiver.value)).toBe(JSON.stringify(parsed));
    expect(Object.getPrototypeOf((receiver.value as object[])[1])).toBe(Object.prototype);
  });
});
