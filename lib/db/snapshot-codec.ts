// Environment snapshots are versioned plain JSON from the engine, stored compressed in a Bytes
// column. Brotli is the default (about a third smaller than gzip on JSON); gzip is read too so
// rows written with either stay readable.
import { promisify } from "node:util";
import { brotliCompress, brotliCompressSync, brotliDecompress, brotliDecompressSync, constants, gunzip, gunzipSync, gzip, gzipSync } from "node:zlib";
import type { SnapshotEncoding } from "../../generated/prisma/enums";
import { snapshotBytes } from "./snapshot-json";

export type EncodedSnapshot = { encoding: SnapshotEncoding; data: Uint8Array<ArrayBuffer>; rawBytes: number };

const brotliOptions = (size: number) => ({
  params: {
    [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    // Quality 1: on the default lab's 800 KB snapshot it takes 2 ms of CPU for 108 KB where
    // quality 5 takes 13 ms for 89 KB. A busy server saves its sessions every few seconds each,
    // so compression CPU, not stored bytes, is what limits how many learners one server holds.
    [constants.BROTLI_PARAM_QUALITY]: 1,
    [constants.BROTLI_PARAM_SIZE_HINT]: size,
  },
});

export function encodeSnapshot(snapshot: unknown, encoding: SnapshotEncoding = "brotli"): EncodedSnapshot {
  const json = snapshotBytes(snapshot);
  const compressed = encoding === "brotli" ? brotliCompressSync(json, brotliOptions(json.length)) : gzipSync(json);
  return { encoding, data: new Uint8Array(compressed), rawBytes: json.length };
}

const brotliCompressAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const brotliDecompressAsync = promisify(brotliDecompress);
const gunzipAsync = promisify(gunzip);

/**
 * The same bytes as encodeSnapshot, compressed on libuv's thread pool: a server with many live
 * sessions saves one after every command, and compressing a snapshot takes far longer than
 * running most commands, so it must not hold up the event loop (only writing the JSON does, see snapshot-json.ts).
 */
export async function encodeSnapshotAsync(snapshot: unknown, encoding: SnapshotEncoding = "brotli"): Promise<EncodedSnapshot> {
  const json = snapshotBytes(snapshot);
  const compressed = encoding === "brotli" ? await brotliCompressAsync(json, brotliOptions(json.length)) : await gzipAsync(json);
  return { encoding, data: new Uint8Array(compressed), rawBytes: json.length };
}

/** decodeSnapshot with the decompression on the thread pool (sessions resumed while others run). */
export async function decodeSnapshotAsync(row: { encoding: SnapshotEncoding; data: Uint8Array }): Promise<unknown> {
  const bytes = Buffer.from(row.data.buffer, row.data.byteOffset, row.data.byteLength);
  const json = row.encoding === "brotli" ? await brotliDecompressAsync(bytes) : await gunzipAsync(bytes);
  return JSON.parse(json.toString("utf8"));
}

export function decodeSnapshot(row: { encoding: SnapshotEncoding; data: Uint8Array }): unknown {
  const bytes = Buffer.from(row.data.buffer, row.data.byteOffset, row.data.byteLength);
  const json = row.encoding === "brotli" ? brotliDecompressSync(bytes) : gunzipSync(bytes);
  return JSON.parse(json.toString("utf8"));
}
