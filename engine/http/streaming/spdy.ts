import zlib from "node:zlib";
import { SPDY_DICTIONARY } from "./spdy-dictionary";

/**
 * The part of SPDY/3.1 that `kubectl port-forward` speaks (it tunnels SPDY inside a WebSocket since
 * v1.31): frame boundaries over a byte stream, SYN_STREAM/SYN_REPLY/RST_STREAM/PING/GOAWAY, DATA
 * with FIN, and header blocks compressed with one zlib context per direction and the SPDY
 * dictionary. Flow control (WINDOW_UPDATE) and server push are not used by kubectl and are ignored.
 */
export const SPDY_VERSION = 3;
export const FLAG_FIN = 0x01;

export const ControlType = { SynStream: 1, SynReply: 2, RstStream: 3, Settings: 4, Ping: 6, GoAway: 7, Headers: 8, WindowUpdate: 9 } as const;

export type SpdyFrame =
  | { kind: "data"; streamId: number; flags: number; data: Buffer }
  | { kind: "control"; type: number; flags: number; payload: Buffer };

const MAX_FRAME = 16 * 1024 * 1024;

/** Cuts a byte stream into frames (a frame may arrive in pieces, several in one piece). */
export class FrameReader {
  private buffer: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): SpdyFrame[] {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    const frames: SpdyFrame[] = [];
    while (this.buffer.length >= 8) {
      const length = this.buffer.readUIntBE(5, 3);
      if (length > MAX_FRAME) throw new Error(`SPDY frame too large (${length} bytes)`);
      if (this.buffer.length < 8 + length) break;
      const flags = this.buffer[4];
      const body = this.buffer.subarray(8, 8 + length);
      if (this.buffer[0] & 0x80) frames.push({ kind: "control", type: this.buffer.readUInt16BE(2), flags, payload: Buffer.from(body) });
      else frames.push({ kind: "data", streamId: this.buffer.readUInt32BE(0) & 0x7fffffff, flags, data: Buffer.from(body) });
      this.buffer = this.buffer.subarray(8 + length);
    }
    return frames;
  }
}

function header(first: number, second: number, flags: number, length: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeUInt16BE(first, 0);
  b.writeUInt16BE(second, 2);
  b[4] = flags;
  b.writeUIntBE(length, 5, 3);
  return b;
}

export function controlFrame(type: number, flags: number, payload: Buffer): Buffer {
  return Buffer.concat([header(0x8000 | SPDY_VERSION, type, flags, payload.length), payload]);
}

export function dataFrame(streamId: number, flags: number, data: Buffer): Buffer {
  const b = header(0, 0, flags, data.length);
  b.writeUInt32BE(streamId & 0x7fffffff, 0);
  return Buffer.concat([b, data]);
}

export type HeaderMap = Record<string, string[]>;

/**
 * Header blocks share one zlib stream per direction. Incoming blocks are inflated by replaying the
 * stream so far (Node's synchronous inflate cannot keep its state between calls; the blocks are a
 * few dozen bytes each, and a session's history is capped). Outgoing blocks are written as stored
 * (uncompressed) deflate blocks, which any zlib reader accepts; the dictionary is then not needed.
 */
const MAX_HISTORY = 1024 * 1024;

export class HeaderCodec {
  private received: Buffer[] = [];
  private receivedBytes = 0;
  private decoded = 0;
  private started = false;

  decode(block: Buffer): HeaderMap {
    this.received.push(block);
    this.receivedBytes += block.length;
    if (this.receivedBytes > MAX_HISTORY) throw new Error("SPDY header history too long");
    const all = zlib.inflateSync(Buffer.concat(this.received), { dictionary: SPDY_DICTIONARY, finishFlush: zlib.constants.Z_SYNC_FLUSH });
    const raw = all.subarray(this.decoded);
    this.decoded = all.length;
    const headers: HeaderMap = {};
    let at = 4;
    const count = raw.readUInt32BE(0);
    for (let i = 0; i < count; i++) {
      const nameLength = raw.readUInt32BE(at);
      const name = raw.subarray(at + 4, at + 4 + nameLength).toString("latin1").toLowerCase();
      at += 4 + nameLength;
      const valueLength = raw.readUInt32BE(at);
      const value = raw.subarray(at + 4, at + 4 + valueLength).toString("latin1");
      at += 4 + valueLength;
      headers[name] = value.split("\0");
    }
    return headers;
  }

  encode(headers: HeaderMap): Buffer {
    const parts: Buffer[] = [];
    const u32 = (n: number) => {
      const b = Buffer.alloc(4);
      b.writeUInt32BE(n);
      return b;
    };
    const entries = Object.entries(headers);
    parts.push(u32(entries.length));
    for (const [name, values] of entries) {
      const n = Buffer.from(name.toLowerCase(), "latin1");
      const v = Buffer.from(values.join("\0"), "latin1");
      parts.push(u32(n.length), n, u32(v.length), v);
    }
    const data = Buffer.concat(parts);
    // zlib header (deflate, 32K window, no preset dictionary), once per stream; then a stored block.
    const head = this.started ? Buffer.alloc(0) : Buffer.from([0x78, 0x01]);
    this.started = true;
    const stored = Buffer.alloc(5);
    stored[0] = 0x00;
    stored.writeUInt16LE(data.length, 1);
    stored.writeUInt16LE(~data.length & 0xffff, 3);
    // An empty stored block ends each header block, as Z_SYNC_FLUSH does: it makes the peer's
    // inflater hand the data over without reading ahead into the next block.
    return Buffer.concat([head, stored, data, Buffer.from([0x00, 0x00, 0x00, 0xff, 0xff])]);
  }
}

/** SYN_STREAM: stream id, associated stream, priority, then the header block. */
export function parseSynStream(payload: Buffer): { streamId: number; block: Buffer } {
  return { streamId: payload.readUInt32BE(0) & 0x7fffffff, block: payload.subarray(10) };
}

export function synReply(streamId: number, block: Buffer, flags = 0): Buffer {
  const id = Buffer.alloc(4);
  id.writeUInt32BE(streamId);
  return controlFrame(ControlType.SynReply, flags, Buffer.concat([id, block]));
}

export function rstStream(streamId: number, status: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeUInt32BE(streamId, 0);
  b.writeUInt32BE(status, 4);
  return controlFrame(ControlType.RstStream, 0, b);
}

export function goAway(lastStreamId: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeUInt32BE(lastStreamId, 0);
  return controlFrame(ControlType.GoAway, 0, b);
}
