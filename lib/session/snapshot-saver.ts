// How a live session's saves are encoded. The first save writes the whole snapshot (the base);
// later ones write only what changed since (lib/session/snapshot-delta.ts), so a save costs in
// proportion to what the learner changed rather than to the size of the environment. The base is
// stored once, in a row of its own (EnvironmentSnapshotBase) that the session's row names: a save
// writes the delta alone. A restore needs nothing but those two rows (no setup template, which a
// code change could alter). When the changes outgrow a fraction of the base, the next save writes
// a new base. Rows of the earlier formats (whole; base and delta in one row) stay readable.
import { promisify } from "node:util";
import { brotliCompress, brotliCompressSync, brotliDecompress, constants, gunzip } from "node:zlib";
import { encodeSnapshotAsync, type EncodedSnapshot } from "../db/snapshot-codec";
import { snapshotDeltaBytes } from "../db/snapshot-json";
import { applyDelta, SnapshotBase, type SnapshotDelta } from "./snapshot-delta";
import { SESSION_SNAPSHOT_FORMAT, type SessionSnapshot } from "./types";
import { TERMINAL_HISTORY_KEY, type TerminalHistoryEntry } from "../../engine/shell";
import { internStrings } from "../../engine/util/intern";

/** A row's formatVersion: the whole snapshot, compressed (lib/db/snapshot-codec.ts). */
export const WHOLE_SNAPSHOT_ROW = SESSION_SNAPSHOT_FORMAT;
/** A row's formatVersion: [base length: 4 bytes, big-endian][base: brotli JSON][delta: brotli JSON of a SnapshotDelta] (read only). */
export const BASED_SNAPSHOT_ROW = 2;
/** A row's formatVersion: brotli JSON of a SnapshotDelta against the row's base, stored in a row of its own. */
export const STORED_BASE_ROW = 3;
/**
 * A row's formatVersion: [delta length: 4 bytes, big-endian][brotli JSON of a SnapshotDelta against
 * the row's base][brotli JSON of a SessionPatch]. A light save (see SnapshotSaver.encodeLight):
 * the delta of the session's last full save, byte for byte, and what changed since that is not
 * the environment's own doing.
 */
export const PATCHED_ROW = 4;
export const SNAPSHOT_ROW_FORMATS: readonly number[] = [WHOLE_SNAPSHOT_ROW, BASED_SNAPSHOT_ROW, STORED_BASE_ROW, PATCHED_ROW];

/**
 * What a light save writes over the session's last full save: the terminals, the time used, the
 * environment's terminal history from `history.from` on (the entries before it are the full
 * save's, unchanged), and the advances of the cluster clock since, which a restore replays.
 */
export type SessionPatch = {
  terminals: SessionSnapshot["terminals"];
  activeMs: number;
  savedAt: string;
  clockSteps: number[];
  history: { from: number; entries: TerminalHistoryEntry[] };
};

/** The session a light save stands for: its last full save with the patch over it. */
export function applyPatch(snapshot: SessionSnapshot, patch: SessionPatch): SessionSnapshot {
  const saved = snapshot.env.extra?.[TERMINAL_HISTORY_KEY];
  const history = Array.isArray(saved) ? (saved as TerminalHistoryEntry[]) : [];
  if (patch.history.from > history.length) throw new Error("a session snapshot's patch does not fit its terminal history");
  const extra = { ...snapshot.env.extra, [TERMINAL_HISTORY_KEY]: [...history.slice(0, patch.history.from), ...patch.history.entries] };
  return { ...snapshot, terminals: patch.terminals, activeMs: patch.activeMs, savedAt: patch.savedAt, clockSteps: patch.clockSteps, env: { ...snapshot.env, extra } };
}

/**
 * The base of a STORED_BASE_ROW: when saving, its id once the store has it, else its bytes (the
 * store writes them and answers with the id); when loaded, its id and bytes.
 */
export type StoredBase = { id?: string; data?: Uint8Array<ArrayBuffer>; rawBytes: number };

/** A snapshot as stored: its bytes and the formatVersion that says how to read them. */
export type StoredSnapshot = EncodedSnapshot & { formatVersion: number; base?: StoredBase };

/**
 * A new base once the delta's JSON is larger than this share of the base's. A delta grows with
 * everything that changed since its base (node status, leases, events: tens of KB after a few
 * minutes of cluster time), and every save compresses all of it again, while a new base costs a
 * whole snapshot. A session typing for 20 minutes (saves every 5 s; CPU per save, paired runs):
 * 0.5 (never a new base) 4.3-5.2 ms, 0.2 3.8-3.9 ms, 0.1 3.3-3.6 ms; but at 0.1 one deleted pod
 * (25 objects changed by its controllers, 104 KB of JSON) already makes a new base, so a learner
 * changing things would write a whole snapshot every few saves.
 */
const REBASE_SHARE = 0.2;

/**
 * A light save is refused once the cluster clock is this far past the last full save, or has
 * moved more often than this since: a restore replays the environment over the gap (about half a
 * millisecond of CPU per cluster second), so a learner who only reads still gets a full save every
 * minute.
 */
export const LIGHT_SAVE_MAX_REPLAY_MS = 60_000;
const LIGHT_SAVE_MAX_STEPS = 1000;

/** Deltas up to this size are compressed on the calling thread (about 0.2 ms of CPU for 40 KB at quality 1). */
const SYNC_COMPRESS_BYTES = 64 * 1024;

const brotliAsync = promisify(brotliCompress);
const deltaBrotli = (size: number) => ({
  params: { [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_SIZE_HINT]: size },
});

const brotliDecompressAsync = promisify(brotliDecompress);
const gunzipAsync = promisify(gunzip);

/** A whole snapshot as stored, and what it is: the base a resumed session's deltas start from. */
type SavedBase = { snapshot: SessionSnapshot; data: Uint8Array; rawBytes: number; id?: string };

/** The base each decoded snapshot came with (see SnapshotSaver.resumeFrom). */
const basesOf = new WeakMap<SessionSnapshot, SavedBase>();

async function decodePart(encoding: StoredSnapshot["encoding"], data: Uint8Array): Promise<{ value: unknown; rawBytes: number }> {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const json = encoding === "brotli" ? await brotliDecompressAsync(bytes) : await gunzipAsync(bytes);
  // Interned: the sessions of one scenario hold mostly the same strings (engine/util/intern.ts).
  return { value: internStrings(JSON.parse(json.toString("utf8"))), rawBytes: json.length };
}

/** The session snapshot a stored row holds, whichever its format. */
export async function decodeStoredSnapshot(row: StoredSnapshot): Promise<SessionSnapshot> {
  const data = row.data;
  if (row.formatVersion === WHOLE_SNAPSHOT_ROW) {
    const whole = await decodePart(row.encoding, data);
    const snapshot = whole.value as SessionSnapshot;
    // Based rows are brotli throughout.
    if (row.encoding === "brotli") basesOf.set(snapshot, { snapshot, data, rawBytes: whole.rawBytes });
    return snapshot;
  }
  if (row.formatVersion === STORED_BASE_ROW) {
    const stored = row.base;
    if (!stored?.data || !stored.id) throw new Error("a session snapshot row names a base that is not stored");
    const [base, delta] = await Promise.all([decodePart(row.encoding, stored.data), decodePart(row.encoding, data)]);
    const snapshot = applyDelta(base.value as SessionSnapshot, delta.value as SnapshotDelta);
    basesOf.set(snapshot, { snapshot: base.value as SessionSnapshot, data: stored.data, rawBytes: base.rawBytes, id: stored.id });
    return snapshot;
  }
  if (row.formatVersion === PATCHED_ROW) {
    const stored = row.base;
    if (!stored?.data || !stored.id) throw new Error("a session snapshot row names a base that is not stored");
    const deltaLength = new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(0);
    const [base, delta, patch] = await Promise.all([
      decodePart(row.encoding, stored.data),
      decodePart(row.encoding, data.subarray(4, 4 + deltaLength)),
      decodePart(row.encoding, data.subarray(4 + deltaLength)),
    ]);
    const snapshot = applyPatch(applyDelta(base.value as SessionSnapshot, delta.value as SnapshotDelta), patch.value as SessionPatch);
    basesOf.set(snapshot, { snapshot: base.value as SessionSnapshot, data: stored.data, rawBytes: base.rawBytes, id: stored.id });
    return snapshot;
  }
  if (row.formatVersion !== BASED_SNAPSHOT_ROW) throw new Error(`a session snapshot row of format ${row.formatVersion} cannot be read by this version`);
  const baseLength = new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(0);
  const baseData = data.subarray(4, 4 + baseLength);
  const [base, delta] = await Promise.all([decodePart(row.encoding, baseData), decodePart(row.encoding, data.subarray(4 + baseLength))]);
  const snapshot = applyDelta(base.value as SessionSnapshot, delta.value as SnapshotDelta);
  if (row.encoding === "brotli") basesOf.set(snapshot, { snapshot: base.value as SessionSnapshot, data: baseData, rawBytes: base.rawBytes });
  return snapshot;
}

/** The base a session's deltas are against: the bytes are kept only until the store holds them. */
type Base = { index: SnapshotBase; data?: Uint8Array<ArrayBuffer>; rawBytes: number; id?: string };

/** The base each encoded row carries (see SnapshotSaver.stored). */
const rowBases = new WeakMap<StoredSnapshot, Base>();

/**
 * A session's last full save, as a light save repeats it: its delta's compressed bytes, and where
 * the terminal history it holds stops being final (entries of commands still running then get
 * their exit code later).
 */
type LastFull = { base: Base; data: Uint8Array; rawBytes: number; clockAt: number; historyFrom: number; lastFinal?: TerminalHistoryEntry };

function sameEntry(a: TerminalHistoryEntry | undefined, b: TerminalHistoryEntry | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.time === b.time && a.line === b.line && a.host === b.host && a.user === b.user && a.exitCode === b.exitCode);
}

/** One session's save encoder: holds the base of its deltas. */
export class SnapshotSaver {
  private base?: Base;
  private lastFull?: LastFull;

  /** `rebaseShare`: see REBASE_SHARE (benchmarks compare others). */
  constructor(private readonly rebaseShare = REBASE_SHARE) {}

  /**
   * A session resumed from `snapshot` (as decodeStoredSnapshot gave it, before the environment
   * was restored from it) saves deltas against the base it was stored with, rather than a whole
   * snapshot first: a restored store holds the very objects it was restored from.
   */
  resumeFrom(snapshot: SessionSnapshot): void {
    const saved = basesOf.get(snapshot);
    if (!saved) return;
    basesOf.delete(snapshot);
    const index = new SnapshotBase(saved.snapshot);
    this.base = saved.id ? { index, rawBytes: saved.rawBytes, id: saved.id } : { index, data: saved.data.slice(), rawBytes: saved.rawBytes };
  }

  /**
   * The row for this snapshot: a delta against the base when one fits, else a new base and the
   * snapshot as a delta against itself (the few parts a delta always holds whole). The row's
   * bytes are its own (a worker may transfer them).
   */
  async encode(snapshot: SessionSnapshot): Promise<StoredSnapshot & { delta: boolean }> {
    const base = this.base;
    const delta = base?.index.delta(snapshot);
    if (base && delta) {
      const json = snapshotDeltaBytes(delta.delta);
      if (json.length <= base.rawBytes * this.rebaseShare) return this.row(base, json, true, snapshot);
    }
    const whole = await encodeSnapshotAsync(snapshot);
    const fresh: Base = { index: new SnapshotBase(snapshot), data: whole.data, rawBytes: whole.rawBytes };
    this.base = fresh;
    return this.row(fresh, snapshotDeltaBytes(fresh.index.delta(snapshot)!.delta), false, snapshot);
  }

  /**
   * A light save: the last full save's delta as it was, with the terminals, the time used and the
   * terminal history (`history`: the environment's live list) of now, and the advances of the
   * cluster clock since that save (`clockSteps`: each target in order), which a restore replays. Only for an environment no one changed since
   * that save but its clock (see env-fingerprint.ts). Undefined when the last full save cannot
   * serve: none yet, its base not stored yet, or its history no longer a prefix of this one.
   */
  encodeLight(parts: Pick<SessionPatch, "terminals" | "activeMs" | "savedAt" | "clockSteps">, history: readonly TerminalHistoryEntry[]): (StoredSnapshot & { delta: boolean }) | undefined {
    const full = this.lastFull;
    const clockAt = parts.clockSteps[parts.clockSteps.length - 1] ?? full?.clockAt ?? 0;
    if (!full?.base.id || full.base !== this.base || clockAt - full.clockAt > LIGHT_SAVE_MAX_REPLAY_MS || parts.clockSteps.length > LIGHT_SAVE_MAX_STEPS) return undefined;
    const from = full.historyFrom;
    if (from > history.length || !sameEntry(from > 0 ? history[from - 1] : undefined, full.lastFinal)) return undefined;
    const patch: SessionPatch = { ...parts, history: { from, entries: history.slice(from) } };
    const json = Buffer.from(JSON.stringify(patch), "utf8");
    const compressed = brotliCompressSync(json, deltaBrotli(json.length));
    const data = new Uint8Array(4 + full.data.byteLength + compressed.byteLength);
    new DataView(data.buffer).setUint32(0, full.data.byteLength);
    data.set(full.data, 4);
    data.set(compressed, 4 + full.data.byteLength);
    return {
      formatVersion: PATCHED_ROW,
      encoding: "brotli",
      data,
      rawBytes: full.base.rawBytes + full.rawBytes + json.length,
      base: { id: full.base.id, rawBytes: full.base.rawBytes },
      delta: true,
    };
  }

  private async row(base: Base, json: Buffer, delta: boolean, snapshot: SessionSnapshot): Promise<StoredSnapshot & { delta: boolean }> {
    // A small delta is compressed here: on the thread pool it costs twice the CPU (the hand-over
    // outweighs a fraction of a millisecond of brotli) and the event loop waits nearly as long to hand it over.
    const compressed = json.length <= SYNC_COMPRESS_BYTES ? brotliCompressSync(json, deltaBrotli(json.length)) : await brotliAsync(json, deltaBrotli(json.length));
    const saved = snapshot.env.extra?.[TERMINAL_HISTORY_KEY];
    const history = Array.isArray(saved) ? (saved as TerminalHistoryEntry[]) : [];
    let historyFrom = history.length;
    while (historyFrom > 0 && history[historyFrom - 1]!.exitCode === undefined) historyFrom--;
    // Kept apart from the row's bytes, which a worker transfers to the server thread.
    this.lastFull = { base, data: new Uint8Array(compressed), rawBytes: json.length, clockAt: snapshot.env.clock.now, historyFrom, ...(historyFrom > 0 ? { lastFinal: history[historyFrom - 1]! } : {}) };
    const row: StoredSnapshot & { delta: boolean } = {
      formatVersion: STORED_BASE_ROW,
      encoding: "brotli",
      // A copy of its own: a small Buffer may sit in Node's shared pool, which must not be transferred.
      data: new Uint8Array(compressed),
      // rawBytes: the JSON behind the row (base and delta), what a decode has to read.
      rawBytes: base.rawBytes + json.length,
      base: base.id ? { id: base.id, rawBytes: base.rawBytes } : { data: base.data!.slice(), rawBytes: base.rawBytes },
      delta,
    };
    rowBases.set(row, base);
    return row;
  }

  /** The store wrote `row` with its base under `baseId`: later rows name the base instead of carrying it. */
  stored(row: StoredSnapshot, baseId: string | undefined): void {
    const base = rowBases.get(row);
    if (!base || !baseId) return;
    base.id = baseId;
    base.data = undefined;
  }

  /** The next save writes a whole snapshot (a new base). */
  rebase(): void {
    this.base = undefined;
    this.lastFull = undefined;
  }
}
