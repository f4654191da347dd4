/**
 * The protobuf wire format, read without a schema: a message is a list of (field number, wire
 * type, value) entries; length-delimited values stay raw bytes until a schema says whether they
 * are a string, bytes or a nested message.
 */
export type WireValue = { wire: 0; value: bigint } | { wire: 1; value: Buffer } | { wire: 2; value: Buffer } | { wire: 5; value: Buffer };

export interface WireField {
  field: number;
  entry: WireValue;
}

export class WireError extends Error {}

function readVarint(buf: Buffer, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (let i = 0; i < 10; i++) {
    if (pos >= buf.length) throw new WireError("truncated varint");
    const byte = buf[pos++];
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [result, pos];
    shift += 7n;
  }
  throw new WireError("varint too long");
}

export function readMessage(buf: Buffer): WireField[] {
  const out: WireField[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [key, next] = readVarint(buf, pos);
    pos = next;
    const field = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (field === 0) throw new WireError("field number 0");
    switch (wire) {
      case 0: {
        const [value, after] = readVarint(buf, pos);
        pos = after;
        out.push({ field, entry: { wire: 0, value } });
        break;
      }
      case 1:
        if (pos + 8 > buf.length) throw new WireError("truncated fixed64");
        out.push({ field, entry: { wire: 1, value: buf.subarray(pos, pos + 8) } });
        pos += 8;
        break;
      case 2: {
        const [length, after] = readVarint(buf, pos);
        const end = after + Number(length);
        if (end > buf.length) throw new WireError("truncated length-delimited field");
        out.push({ field, entry: { wire: 2, value: buf.subarray(after, end) } });
        pos = end;
        break;
      }
      case 5:
        if (pos + 4 > buf.length) throw new WireError("truncated fixed32");
        out.push({ field, entry: { wire: 5, value: buf.subarray(pos, pos + 4) } });
        pos += 4;
        break;
      default:
        throw new WireError(`unsupported wire type ${wire}`);
    }
  }
  return out;
}

/** The magic prefix of application/vnd.kubernetes.protobuf bodies. */
export const KUBERNETES_PROTOBUF_MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** Splits the runtime.Unknown envelope: typeMeta (apiVersion, kind) and the raw object bytes. */
export function unwrapEnvelope(body: Buffer): { apiVersion: string; kind: string; raw: Buffer } {
  if (body.length < 4 || !body.subarray(0, 4).equals(KUBERNETES_PROTOBUF_MAGIC)) throw new WireError("missing the k8s protobuf magic prefix");
  let apiVersion = "";
  let kind = "";
  let raw: Buffer = Buffer.alloc(0);
  for (const { field, entry } of readMessage(body.subarray(4))) {
    if (field === 1 && entry.wire === 2) {
      for (const t of readMessage(entry.value)) {
        if (t.entry.wire !== 2) continue;
        if (t.field === 1) apiVersion = t.entry.value.toString("utf8");
        if (t.field === 2) kind = t.entry.value.toString("utf8");
      }
    } else if (field === 2 && entry.wire === 2) {
      raw = entry.value;
    }
  }
  return { apiVersion, kind, raw };
}

/** A schema-less rendering for development: nested messages guessed where bytes parse as one. */
export function dumpWire(buf: Buffer, depth = 0): string {
  const pad = "  ".repeat(depth);
  const lines: string[] = [];
  for (const { field, entry } of readMessage(buf)) {
    if (entry.wire === 0) lines.push(`${pad}${field}: ${entry.value}`);
    else if (entry.wire === 2) {
      const text = entry.value.toString("utf8");
      let nested: string | undefined;
      if (entry.value.length > 0) {
        try {
          nested = dumpWire(entry.value, depth + 1);
        } catch {
          nested = undefined;
        }
      }
      const printable = /^[\x20-\x7e]*$/.test(text);
      if (nested !== undefined && !printable) lines.push(`${pad}${field}: {\n${nested}\n${pad}}`);
      else lines.push(`${pad}${field}: ${JSON.stringify(text)}`);
    } else lines.push(`${pad}${field}: <fixed ${entry.value.toString("hex")}>`);
  }
  return lines.join("\n");
}
