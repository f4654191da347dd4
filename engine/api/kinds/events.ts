import type { KubeObject } from "../types";

/**
 * core/v1 Events and events.k8s.io/v1 Events are one stored object seen through two versions
 * (pkg/apis/events/v1/conversion.go): regarding ↔ involvedObject, note ↔ message,
 * reportingController ↔ reportingComponent and the deprecated* fields ↔ source, first/last
 * timestamps and count. Storage keeps the core/v1 shape.
 */

type Json = Record<string, unknown>;

function move(from: Json, to: Json, pairs: [string, string][]): void {
  for (const [a, b] of pairs) {
    if (from[a] !== undefined) to[b] = from[a];
  }
}

const SHARED = ["eventTime", "series", "action", "reason", "related", "reportingInstance", "type"];

export function eventsV1ToCore(obj: KubeObject): KubeObject {
  if (obj.apiVersion !== "events.k8s.io/v1") return obj;
  const src = obj as unknown as Json;
  const out: Json = { apiVersion: "v1", kind: "Event", metadata: obj.metadata };
  move(src, out, SHARED.map((f) => [f, f] as [string, string]));
  move(src, out, [
    ["regarding", "involvedObject"],
    ["note", "message"],
    ["reportingController", "reportingComponent"],
    ["deprecatedSource", "source"],
    ["deprecatedFirstTimestamp", "firstTimestamp"],
    ["deprecatedLastTimestamp", "lastTimestamp"],
    ["deprecatedCount", "count"],
  ]);
  if (out.involvedObject === undefined) out.involvedObject = {};
  if (out.source === undefined) out.source = {};
  return out as unknown as KubeObject;
}

export function coreToEventsV1(obj: KubeObject): KubeObject {
  const src = obj as unknown as Json;
  const out: Json = { apiVersion: "events.k8s.io/v1", kind: "Event", metadata: obj.metadata };
  move(src, out, SHARED.map((f) => [f, f] as [string, string]));
  move(src, out, [
    ["involvedObject", "regarding"],
    ["message", "note"],
    ["reportingComponent", "reportingController"],
    ["firstTimestamp", "deprecatedFirstTimestamp"],
    ["lastTimestamp", "deprecatedLastTimestamp"],
    ["count", "deprecatedCount"],
  ]);
  const source = src.source as Json | undefined;
  if (source && Object.keys(source).length > 0) out.deprecatedSource = source;
  // metav1.MicroTime serialises a zero eventTime as null; the events.k8s.io view always carries it.
  if (out.eventTime === undefined) out.eventTime = null;
  if (out.deprecatedCount === 0) delete out.deprecatedCount;
  return out as unknown as KubeObject;
}
