// How a live session's saves are encoded. The first save writes the whole snapshot (the base);
// later ones write only what changed since (lib/session/snapshot-delta.ts) next to the base's
// compressed bytes, kept from that first save, so a save costs in proportion to what the learner
// changed rather than to the size of the environment. Every row holds its base: a restore needs
// nothing but the row (no setup template, which a code change could alter). When the changes
// outgrow a fraction of the base, the next save writes a new base.
import { promisify } from "node:util";
import { brotliCompress, constants } from "node:zlib";
import { decodeSnapshotAsync, encodeSnapshotAsync, type EncodedSnapshot } from "../db/snapshot-codec";
import { applyDelta, SnapshotBase, type SnapshotDelta } from "./snapshot-delta";
import { SESSION_SNAPSHOT_FORMAT, type SessionSnapshot } from "./types";

/** A row's formatVersion: the whole snapshot, compressed (lib/db/snapshot-codec.ts). */
export const WHOLE_SNAPSHOT_ROW = SESSION_SNAPSHOT_FORMAT;
/** A row's formatVersion: a base snapshot and a delta against it (see encodeBasedRow). */
export const BASED_SNAPSHOT_ROW = 2;
export const SNAPSHOT_ROW_FORMATS: readonly number[] = [WHOLE_SNAPSHOT_ROW, BASED_SNAPSHOT_ROW];

/** A snapshot as stored: its bytes and the formatVersion that says how to read them. */
export type StoredSnapshot = EncodedSnapshot & { formatVersion: number };

/**
 * A new base once the delta's JSON is larger than this share of the base's: past that, a delta
 * costs about as much to write as a whole snapshot, and the base holds on to objects long replaced.
 */
const REBASE_SHARE = 0.5;

const brotliAsync = promisify(brotliCompress);
const deltaBrotli = (size: number) => ({
  params: { [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_SIZE_HINT]: size },
});

/** [base length: 4 bytes, big-endian][base: brotli JSON of a session snapshot][delta: brotli JSON of a SnapshotDelta] */
function encodeBasedRow(base: Uint8Array, delta: Uint8Array): Uint8Array<ArrayBuffer> {
  const data = new Uint8Array(4 + base.byteLength + delta.byteLength);
  new DataView(data.buffer).setUint32(0, base.byteLength);
  data.set(base, 4);
  data.set(delta, 4 + base.byteLength);
  return data;
}

/** The session snapshot a stored row holds, whichever its format. */
export async function decodeStoredSnapshot(row: StoredSnapshot): Promise<SessionSnapshot> {
  if (row.formatVersion === WHOLE_SNAPSHOT_ROW) return (await decodeSnapshotAsync(row)) as SessionSnapshot;
  if (row.formatVersion !== BASED_SNAPSHOT_ROW) throw new Error(`a session snapshot row of format ${row.formatVersion} cannot be read by this version`);
  const data = row.data;
  const baseLength = new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(0);
  const [base, delta] = await Promise.all([
    decodeSnapshotAsync({ encoding: row.encoding, data: data.subarray(4, 4 + baseLength) }),
    decodeSnapshotAsync({ encoding: row.encoding, data: data.subarray(4 + baseLength) }),
  ]);
  return applyDelta(base as SessionSnapshot, delta as SnapshotDelta);
}

/** One session's save encoder: holds the base of its deltas. */
export class SnapshotSaver {
  private base?: { index: SnapshotBase; data: Uint8Array; rawBytes: number };

  /**
   * The row for this snapshot: a delta against the base when one fits, else a whole snapshot
   * that becomes the base. The row's bytes are its own (a worker may transfer them).
   */
  async encode(snapshot: SessionSnapshot): Promise<StoredSnapshot & { delta: boolean }> {
    const base = this.base;
    const delta = base?.index.delta(snapshot);
    if (base && delta) {
      const json = Buffer.from(JSON.stringify(delta.delta), "utf8");
      if (json.length <= base.rawBytes * REBASE_SHARE) {
        const compressed = await brotliAsync(json, deltaBrotli(json.length));
        // rawBytes: the JSON behind the row (base and delta), what a decode has to read.
        return { formatVersion: BASED_SNAPSHOT_ROW, encoding: "brotli", data: encodeBasedRow(base.data, compressed), rawBytes: base.rawBytes + json.length, delta: true };
      }
    }
    const whole = await encodeSnapshotAsync(snapshot);
    this.base = { index: new SnapshotBase(snapshot), data: whole.data.slice(), rawBytes: whole.rawBytes };
    return { formatVersion: WHOLE_SNAPSHOT_ROW, ...whole, delta: false };
  }

  /** The next save writes a whole snapshot (a new base). */
  rebase(): void {
    this.base = undefined;
  }
}
