import type { Event } from "kubernetes-types/core/v1";
import { NAME_COLUMN, type TablePrinter } from "../table";
import type { KubeObject } from "../types";
import { docColumn, since } from "./format";

/**
 * Events (core/v1 and events.k8s.io/v1 share one printer, as they share one internal type):
 * printEvent of printers.go (v1.33). Objects read through events.k8s.io are turned back into the
 * core shape first by `toCoreEvent`, which the events kind registers.
 */
export const eventPrinterColumns = [
  docColumn("Last Seen", "string", "event.lastTimestamp"),
  docColumn("Type", "string", "event.type"),
  docColumn("Reason", "string", "event.reason"),
  docColumn("Object", "string", "event.involvedObject"),
  docColumn("Subobject", "string", "event.fieldPath", { priority: 1 }),
  docColumn("Source", "string", "event.source", { priority: 1 }),
  docColumn("Message", "string", "event.message"),
  docColumn("First Seen", "string", "event.firstTimestamp", { priority: 1 }),
  docColumn("Count", "string", "event.count", { priority: 1 }),
  { ...NAME_COLUMN, priority: 1 },
];

type CoreEvent = Event & { series?: { count?: number; lastObservedTime?: string } };

export function eventRow(obj: KubeObject, now: number): unknown[] {
  const ev = obj as unknown as CoreEvent;
  let first = ev.firstTimestamp ? since(ev.firstTimestamp, now) : since(ev.eventTime, now);
  if (!ev.firstTimestamp && !ev.eventTime) first = "<unknown>";
  let last = ev.lastTimestamp ? since(ev.lastTimestamp, now) : first;
  let count = ev.count ?? 0;
  if (ev.series) {
    last = since(ev.series.lastObservedTime, now);
    count = ev.series.count ?? 0;
  } else if (count === 0) {
    // Singleton events of the new API carry no count.
    count = 1;
  }
  const involved = ev.involvedObject ?? {};
  const kind = (involved.kind ?? "").toLowerCase();
  const target = involved.name ? `${kind}/${involved.name}` : kind;
  const component = ev.source?.component || ev.reportingComponent || "";
  const host = ev.source?.host || ev.reportingInstance || "";
  const source = host ? `${component}, ${host}` : component;
  return [last, ev.type ?? "", ev.reason ?? "", target, involved.fieldPath ?? "", source, (ev.message ?? "").trim(), first, count, obj.metadata.name];
}

export function eventPrinter(toCore: (obj: KubeObject) => KubeObject = (o) => o): TablePrinter {
  return { columns: eventPrinterColumns, rows: (obj, ctx) => [eventRow(toCore(obj), ctx.now)] };
}
