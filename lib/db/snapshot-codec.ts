// Environment snapshots are versioned plain JSON from the engine, stored compressed in a Bytes
// column. Brotli is the default (about a third smaller than gzip on JSON); gzip is read too so
// rows written with either stay readable.
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from "node:zlib";
import type { SnapshotEncoding } from "../../generated/prisma/enums";

export type EncodedSnapshot = { encoding: SnapshotEncoding; data: Uint8Array<ArrayBuffer>; rawBytes: number };

export function encodeSnapshot(snapshot: unknown, encoding: SnapshotEncoding = "brotli"): EncodedSnapshot {
  const json = Buffer.from(JSON.stringify(snapshot), "utf8");
  const compressed =
    encoding === "brotli"
      ? brotliCompressSync(json, {
          params: {
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            // Quality 5 compresses nearly as well as 11 at a small fraction of the CPU; snapshots
            // are written after every command, so speed matters more than the last few percent.
            [constants.BROTLI_PARAM_QUALITY]: 5,
            [constants.BROTLI_PARAM_SIZE_HINT]: json.length,
          },
        })
      : gzipSync(json);
  return { encoding, data: new Uint8Array(compressed), rawBytes: json.length };
}

export function decodeSnapshot(row: { encoding: SnapshotEncoding; data: Uint8Array }): unknown {
  const bytes = Buffer.from(row.data.buffer, row.data.byteOffset, row.data.byteLength);
  const json = row.encoding === "brotli" ? brotliDecompressSync(bytes) : gunzipSync(bytes);
  return JSON.parse(json.toString("utf8"));
}
