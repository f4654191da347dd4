import { describe, expect, it } from "vitest";
import { sharedPartCount, shareFrozenParts } from "../shared-frozen";

const pod = (name: string, labels: Record<string, string>) =>
  JSON.stringify({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", labels },
    spec: { containers: [{ name: "web", image: "nginx:1.27", ports: [{ containerPort: 80 }], args: ["-g", "daemon off;"] }], tolerations: [], priority: 0, enableServiceLinks: true, overhead: null },
  });

describe("shareFrozenParts", () => {
  it("gives two sessions' equal parts one frozen object, and each its own top-level object", () => {
    const text = pod("web", { app: "web" });
    const a = shareFrozenParts(JSON.parse(text));
    const b = shareFrozenParts(JSON.parse(text));
    expect(a).not.toBe(b);
    expect(b.spec).toBe(a.spec);
    expect(b.metadata).toBe(a.metadata);
    expect(Object.isFrozen(a.spec.containers[0].ports)).toBe(true);
    expect(Object.isFrozen(a)).toBe(false);
    expect(JSON.stringify(a)).toBe(text);
    expect(JSON.stringify(b)).toBe(text);
  });

  it("shares only what is equal, key order included (it is what a snapshot writes)", () => {
    const a = shareFrozenParts(JSON.parse(pod("web", { app: "web", tier: "front" })));
    const b = shareFrozenParts(JSON.parse(pod("web", { tier: "front", app: "web" })));
    const c = shareFrozenParts(JSON.parse(pod("api", { app: "web", tier: "front" })));
    expect(b.metadata.labels).not.toBe(a.metadata.labels);
    expect(Object.keys(b.metadata.labels)).toEqual(["tier", "app"]);
    expect(c.metadata).not.toBe(a.metadata);
    expect(c.metadata.labels).toBe(a.metadata.labels);
    expect(c.spec).toBe(a.spec);
    const numbers = shareFrozenParts({ a: [1, 2, 3.5], b: [1, 2, 3.25], c: ["1", 2, 3.5], d: [true, null], e: [false, null] });
    expect(numbers).toStrictEqual({ a: [1, 2, 3.5], b: [1, 2, 3.25], c: ["1", 2, 3.5], d: [true, null], e: [false, null] });
  });

  it("leaves frozen objects, and the parts that hold them, as they are", () => {
    const frozen = Object.freeze({ name: "kept" });
    const top = Object.freeze({ spec: { a: 1 } });
    expect(shareFrozenParts(top).spec).toBe(top.spec);
    expect(Object.isFrozen(top.spec)).toBe(false);
    const holder = { spec: { ref: frozen, other: { x: 1 } } };
    shareFrozenParts(holder);
    expect(holder.spec.ref).toBe(frozen);
    expect(Object.isFrozen(holder.spec)).toBe(false);
    expect(Object.isFrozen(holder.spec.other)).toBe(true);
    const when = new Date(0);
    const dated = shareFrozenParts({ spec: { when, empty: {} } });
    expect(dated.spec.when).toBe(when);
    expect(Object.isFrozen(dated.spec)).toBe(false);
  });

  it("keeps a bounded table, however many distinct parts pass through it (two per object here)", () => {
    for (let i = 0; i < 120_000; i++) shareFrozenParts({ metadata: { uid: `uid-${i}` } });
    expect(sharedPartCount()).toBeLessThanOrEqual(200_000);
  });
});
