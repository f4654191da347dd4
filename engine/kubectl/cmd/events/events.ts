/* eslint-disable @typescript-eslint/no-explicit-any */
import { humanDuration } from "../../../api/table";
import { registerCommand, type CommandContext } from "../../cli/command";
import { ExitError } from "../../cli/errors";
import { check } from "../../client/rest";
import { Interrupted, WAIT_STEP_MS } from "../../client/wait-loop";
import { TabWriter } from "../../printers/tabwriter";
import { printerFor } from "../options";
import { goSort } from "./go-sort";

/**
 * `kubectl events`: lists core/v1 Events (of a namespace, all namespaces, or one object with
 * --for TYPE/NAME), keeps the --types asked for, sorts them by time as kubectl does (Go's
 * unstable sort included), and prints LAST SEEN/TYPE/REASON/OBJECT/MESSAGE or the -o format;
 * -w prints events as they arrive until interrupted.
 */
type Event = any;

function eventTimeMs(e: Event): number {
  const t = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime;
  return t ? Date.parse(t) : Number.NEGATIVE_INFINITY;
}

function since(timestamp: string | null | undefined, now: number): string {
  return timestamp ? humanDuration(now - Date.parse(timestamp)) : "<unknown>";
}

/** getInterval: `5m`, or `2m3s (x5 over 4m37s)` for repeated events. */
function interval(e: Event, now: number): string {
  const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
  if (e.series) return `${since(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

/** escapeCell: a cell ends at the first line break, marked with `...`. */
function cell(text: unknown): string {
  const s = String(text ?? "");
  const at = s.search(/[\f\n\r]/);
  return at >= 0 ? `${s.slice(0, at)}...` : s;
}

class EventPrinter {
  private headersPrinted = false;
  constructor(
    private readonly w: TabWriter,
    private readonly noHeaders: boolean,
    private readonly allNamespaces: boolean,
    private readonly now: () => number,
  ) {}

  print(events: Event[]): void {
    if (!this.noHeaders && !this.headersPrinted) {
      this.w.write(`${this.allNamespaces ? "NAMESPACE\t" : ""}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n`);
      this.headersPrinted = true;
    }
    for (const e of events) {
      const ns = this.allNamespaces ? `${e.metadata?.namespace ?? ""}\t` : "";
      this.w.write(`${ns}${interval(e, this.now())}\t${cell(e.type)}\t${cell(e.reason)}\t${cell(e.involvedObject?.kind)}/${cell(e.involvedObject?.name)}\t${cell(String(e.message ?? "").trim())}\n`);
    }
  }
}

function eventsPath(namespace: string): string {
  return namespace ? `/api/v1/namespaces/${namespace}/events` : "/api/v1/events";
}

/** decodeResourceTypeName: `pod/web` → the kind and name the field selector needs. */
function forObject(c: CommandContext, text: string): { kind: string; name: string } | undefined {
  if (text === "") return undefined;
  if (!text.includes("/")) throw new Error("--for must be in resource/name form");
  const parts = text.split("/");
  if (parts.length !== 2) throw new Error("arguments in resource/name form may not have more than one slash");
  const mapping = c.factory.discovery().tryResolve(parts[0]);
  if (!mapping) throw new ExitError(`the server doesn't have a resource type "${parts[0]}"`, 1);
  return { kind: mapping.kind, name: parts[1] };
}

function withTypeMeta(e: Event): Event {
  return e.kind ? e : { ...e, apiVersion: "v1", kind: "Event" };
}

/** Go struct field order of the typed objects kubectl prints as JSON (unknown fields follow, sorted). */
const EVENT_FIELDS = ["kind", "apiVersion", "metadata", "involvedObject", "reason", "message", "source", "firstTimestamp", "lastTimestamp", "count", "type", "eventTime", "series", "action", "related", "reportingComponent", "reportingInstance"];
const META_FIELDS = ["name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers", "managedFields"];
const REF_FIELDS = ["kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"];

function ordered(obj: Record<string, any> | undefined, fields: string[], nested: Record<string, string[]> = {}): Record<string, any> | undefined {
  if (!obj || typeof obj !== "object") return obj;
  const out: Record<string, any> = {};
  const keys = [...fields.filter((f) => f in obj), ...Object.keys(obj).filter((k) => !fields.includes(k)).sort()];
  for (const k of keys) out[k] = nested[k] ? ordered(obj[k], nested[k]) : obj[k];
  return out;
}

function typedEvent(e: Event): Event {
  return ordered(e, EVENT_FIELDS, { metadata: META_FIELDS, involvedObject: REF_FIELDS, related: REF_FIELDS });
}

registerCommand("events", async (c) => {
  const allNamespaces = c.flags.bool("all-namespaces");
  const { namespace: current } = c.factory.namespace();
  const target = forObject(c, c.flags.string("for"));
  const output = c.flags.string("output");
  // The typed list keeps Go's field order in JSON; the name printer prints nothing for it (kubectl does the same).
  const printer = output === "name" ? { print: () => "" } : output ? printerFor(c, { keepOrder: true }) : undefined;
  const types = [...new Set(c.flags.strings("types"))].sort();
  for (const t of types) if (t.toLowerCase() !== "normal" && t.toLowerCase() !== "warning") throw new Error("valid --types are Normal or Warning");
  const wanted = (type: string) => types.length === 0 || types.some((t) => t.toLowerCase() === String(type ?? "").toLowerCase());
  const namespace = allNamespaces ? "" : current;
  const fieldSelector = target ? `involvedObject.kind=${target.kind},involvedObject.name=${target.name}` : undefined;
  const rest = c.factory.rest();
  const now = () => c.ctx.environment.clock.now();
  let text = "";
  const w = new TabWriter((s) => (text += s));
  const flush = () => {
    w.flush();
    if (text) c.out(text);
    text = "";
  };
  const table = new EventPrinter(w, c.flags.bool("no-headers"), allNamespaces, now);

  if (c.flags.bool("watch")) {
    const response = rest.request({ method: "GET", path: eventsPath(namespace), query: { fieldSelector, limit: "500", watch: "true" } });
    check(response);
    const stream = response.watch;
    stream?.onData((event) => {
      if (event.type === "DELETED" || !wanted((event.object as Event).type)) return;
      const e = typedEvent(withTypeMeta(event.object as Event));
      if (printer) text += printer.print(e);
      else table.print([e]);
      flush();
    });
    try {
      for (;;) {
        if (c.ctx.signal.aborted) throw new Interrupted();
        await c.ctx.sleep(WAIT_STEP_MS);
      }
    } finally {
      stream?.close();
    }
  }

  const chunk = c.flags.int("chunk-size");
  const items: Event[] = [];
  let token: string | undefined;
  do {
    const page = check(
      rest.request({ method: "GET", path: eventsPath(namespace), query: { fieldSelector, limit: chunk > 0 ? String(chunk) : undefined, continue: token } }),
    ) as { items?: Event[]; metadata?: { continue?: string } };
    items.push(...(page.items ?? []));
    token = page.metadata?.continue || undefined;
  } while (token);
  const events = items.filter((e) => wanted(e.type)).map((e) => typedEvent(withTypeMeta(e)));
  if (events.length === 0) {
    c.err(allNamespaces ? "No events found.\n" : `No events found in ${current} namespace.\n`);
    return 0;
  }
  goSort(events, (a, b) => eventTimeMs(a) < eventTimeMs(b));
  if (printer) text += printer.print({ kind: "EventList", apiVersion: "v1", metadata: {}, items: events });
  else table.print(events);
  flush();
  return 0;
});
