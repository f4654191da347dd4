import { readMessage, unwrapEnvelope, WireError, type WireField, type WireValue } from "./wire";
import { MESSAGES, messageForKind, type FieldSpec } from "./schema";

export const PROTOBUF_CONTENT_TYPE = "application/vnd.kubernetes.protobuf";

/** Why a protobuf body could not be turned into JSON; the HTTP layer answers 415 with this text. */
export class ProtobufDecodeError extends Error {}

function toNumber(value: bigint): number {
  return Number(BigInt.asIntN(64, value));
}

function isZero(entry: WireValue): boolean {
  if (entry.wire === 0) return entry.value === 0n;
  return entry.value.length === 0 || entry.value.every((b) => b === 0);
}

/** Messages whose JSON form is not an object (metav1.Time, intstr.IntOrString, resource.Quantity, …). */
function special(message: string, fields: WireField[]): { value: unknown } | undefined {
  const get = (n: number) => fields.filter((f) => f.field === n).pop()?.entry;
  switch (message) {
    case "Time": {
      const seconds = get(1);
      if (!seconds || seconds.wire !== 0) return { value: null };
      return { value: new Date(toNumber(seconds.value) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z") };
    }
    case "IntOrString": {
      const type = get(1);
      const isString = type?.wire === 0 && type.value === 1n;
      if (isString) {
        const s = get(3);
        return { value: s && s.wire === 2 ? s.value.toString("utf8") : "" };
      }
      const i = get(2);
      return { value: i && i.wire === 0 ? toNumber(i.value) : 0 };
    }
    case "Quantity": {
      const s = get(1);
      return { value: s && s.wire === 2 ? s.value.toString("utf8") : "0" };
    }
    case "FieldsV1": {
      const raw = get(1);
      if (!raw || raw.wire !== 2 || raw.value.length === 0) return { value: {} };
      return { value: JSON.parse(raw.value.toString("utf8")) as unknown };
    }
    case "ExtraValue":
      return { value: fields.filter((f) => f.field === 1 && f.entry.wire === 2).map((f) => (f.entry.value as Buffer).toString("utf8")) };
    default:
      return undefined;
  }
}

function scalar(type: string, entry: WireValue, path: string): unknown {
  switch (type) {
    case "s":
      if (entry.wire !== 2) throw new ProtobufDecodeError(`${path}: expected a string`);
      return entry.value.toString("utf8");
    case "b":
      if (entry.wire !== 2) throw new ProtobufDecodeError(`${path}: expected bytes`);
      return entry.value.toString("base64");
    case "i":
      if (entry.wire !== 0) throw new ProtobufDecodeError(`${path}: expected an integer`);
      return toNumber(entry.value);
    case "bool":
      if (entry.wire !== 0) throw new ProtobufDecodeError(`${path}: expected a boolean`);
      return entry.value !== 0n;
    case "f":
      if (entry.wire !== 1) throw new ProtobufDecodeError(`${path}: expected a double`);
      return entry.value.readDoubleLE(0);
    default:
      throw new ProtobufDecodeError(`${path}: unknown field type ${type}`);
  }
}

function zeroScalar(value: unknown): boolean {
  return value === "" || value === 0 || value === false;
}

function decodeValue(type: string, entry: WireValue, path: string): unknown {
  if (type.startsWith("m:")) {
    if (entry.wire !== 2) throw new ProtobufDecodeError(`${path}: expected a message`);
    return decodeMessage(type.slice(2), entry.value, path);
  }
  return scalar(type, entry, path);
}

/** Decodes one message into its JSON form, dropping Go zero values that JSON would omit. */
export function decodeMessage(message: string, buf: Buffer, path = message): unknown {
  const fields = readMessage(buf);
  const asSpecial = special(message, fields);
  if (asSpecial) return asSpecial.value;
  const specs = MESSAGES[message];
  if (!specs) throw new ProtobufDecodeError(`${path}: Kubecoach cannot read ${message} from protobuf yet`);
  const byNumber = new Map<number, FieldSpec>(specs.map((s) => [s[0], s]));
  const out: Record<string, unknown> = {};
  for (const { field, entry } of fields) {
    const spec = byNumber.get(field);
    if (!spec) {
      // Go always encodes non-pointer fields; an unknown one that carries nothing can be skipped.
      if (isZero(entry)) continue;
      throw new ProtobufDecodeError(`${path}: Kubecoach cannot read field ${field} of ${message} from protobuf yet`);
    }
    const [, name, type, flags = ""] = spec;
    const childPath = `${path}.${name}`;
    if (type.startsWith("map:")) {
      if (entry.wire !== 2) throw new ProtobufDecodeError(`${childPath}: expected a map entry`);
      const pair = readMessage(entry.value);
      const key = pair.find((p) => p.field === 1);
      const value = pair.find((p) => p.field === 2);
      const map = (out[name] ??= {}) as Record<string, unknown>;
      const keyText = key && key.entry.wire === 2 ? key.entry.value.toString("utf8") : "";
      const valueType = type.slice(4);
      map[keyText] = value ? decodeValue(valueType, value.entry, `${childPath}[${keyText}]`) : valueType === "b" || valueType === "s" ? "" : decodeValue(valueType, { wire: 2, value: Buffer.alloc(0) }, childPath);
      continue;
    }
    const value = decodeValue(type, entry, childPath);
    if (flags === "r") {
      ((out[name] ??= []) as unknown[]).push(value);
      continue;
    }
    if (flags === "inline") {
      Object.assign(out, value as object);
      continue;
    }
    if (!type.startsWith("m:") && flags !== "p" && zeroScalar(value)) continue;
    out[name] = value;
  }
  return out;
}

/**
 * Turns an `application/vnd.kubernetes.protobuf` request body (what kubectl's typed clients send)
 * into the JSON object the API server handles, apiVersion and kind included.
 */
export function decodeKubernetesProtobuf(body: Buffer): Record<string, unknown> {
  let envelope;
  try {
    envelope = unwrapEnvelope(body);
  } catch (e) {
    throw new ProtobufDecodeError(e instanceof WireError ? `invalid protobuf body: ${e.message}` : String(e));
  }
  const message = messageForKind(envelope.apiVersion, envelope.kind);
  if (!message) {
    throw new ProtobufDecodeError(`Kubecoach cannot read ${envelope.kind} (${envelope.apiVersion}) from protobuf yet`);
  }
  try {
    const decoded = decodeMessage(message, envelope.raw, envelope.kind) as Record<string, unknown>;
    return { apiVersion: envelope.apiVersion, kind: envelope.kind, ...decoded };
  } catch (e) {
    if (e instanceof WireError) throw new ProtobufDecodeError(`invalid protobuf body: ${e.message}`);
    throw e;
  }
}
