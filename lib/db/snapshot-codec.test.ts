import { describe, expect, it } from "vitest";
import { decodeSnapshot, decodeSnapshotAsync, encodeSnapshot, encodeSnapshotAsync } from "./snapshot-codec";

const snapshot = { version: 1, clock: 1_700_000_000_000, hosts: { controlplane: { "/etc/kubernetes/manifests/etcd.yaml": "x".repeat(5000) } }, text: "ünïcødé ⎈" };

describe("environment snapshot codec", () => {
  for (const encoding of ["brotli", "gzip"] as const) {
    it(`round-trips JSON exactly through ${encoding}`, () => {
      const encoded = encodeSnapshot(snapshot, encoding);
      expect(encoded.encoding).toBe(encoding);
      expect(encoded.rawBytes).toBe(Buffer.byteLength(JSON.stringify(snapshot)));
      expect(encoded.data.byteLength).toBeLessThan(encoded.rawBytes);
      expect(decodeSnapshot(encoded)).toEqual(snapshot);
    });
  }

  it("compresses and decompresses off the event loop to the same bytes as the synchronous codec", async () => {
    for (const encoding of ["brotli", "gzip"] as const) {
      const encoded = await encodeSnapshotAsync(snapshot, encoding);
      expect(Buffer.from(encoded.data).equals(Buffer.from(encodeSnapshot(snapshot, encoding).data))).toBe(true);
      expect(await decodeSnapshotAsync(encoded)).toEqual(snapshot);
      expect(decodeSnapshot(encoded)).toEqual(snapshot);
    }
  });

  it("defaults to brotli", () => {
    expect(encodeSnapshot({ a: 1 }).encoding).toBe("brotli");
  });
});
