import { tabbed } from "../../printers/tabwriter";
import { age } from "../../../api/table";
import { goSort } from "../events/go-sort";

/**
 * kubectl describe's PrefixWriter over a tabwriter (padding 2): text at indentation levels of two
 * spaces, `\t` separating aligned columns; `flush` ends a column block (the events table is
 * aligned on its own).
 */
export class DescribeWriter {
  private segments: string[] = [];
  private current = "";

  write(level: number, text: string): void {
    this.current += "  ".repeat(level) + text;
  }

  flush(): void {
    this.segments.push(this.current);
    this.current = "";
  }

  toString(): string {
    return [...this.segments, this.current].map((s) => tabbed(s)).join("");
  }

  /** The text as written, tabs left in (kubectl prints pod templates of revisions without a tabwriter). */
  raw(): string {
    return [...this.segments, this.current].join("");
  }
}

export const SKIPPED_ANNOTATIONS = new Set(["kubectl.kubernetes.io/last-applied-configuration"]);
const MAX_ANNOTATION_LEN = 140;

export function printLabels(w: DescribeWriter, title: string, labels: Record<string, string> | undefined, initialIndent = "", innerIndent = "\t"): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.write(0, "<none>\n");
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, `${initialIndent}${innerIndent}`);
    w.write(0, `${key}=${labels![key]}\n`);
  });
}

export function printAnnotations(w: DescribeWriter, title: string, annotations: Record<string, string> | undefined): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {}).filter((k) => !SKIPPED_ANNOTATIONS.has(k)).sort();
  if (keys.length === 0) {
    w.write(0, "<none>\n");
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, "\t");
    const value = annotations![key].replace(/\n$/, "");
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes("\n")) {
      w.write(0, `${key}:\n`);
      for (const s of value.split("\n")) w.write(0, `\t  ${s.length > MAX_ANNOTATION_LEN - 2 ? s.slice(0, MAX_ANNOTATION_LEN - 2) + "..." : s}\n`);
    } else w.write(0, `${key}: ${value}\n`);
  });
}

/** time.RFC1123Z in UTC: `Thu, 01 Jan 2026 00:00:00 +0000`. */
export function rfc1123z(timestamp: string | undefined | null): string {
  if (!timestamp) return "<unknown>";
  const d = new Date(timestamp);
  const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const two = (n: number) => String(n).padStart(2, "0");
  return `${days[d.getUTCDay()]}, ${two(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

export interface EventLike {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  series?: { count?: number; lastObservedTime?: string };
  source?: { component?: string };
  reportingComponent?: string;
}

export function describeEvents(w: DescribeWriter, events: EventLike[] | undefined, now: number): void {
  if (!events) return;
  if (events.length === 0) {
    w.write(0, "Events:\t<none>\n");
    return;
  }
  w.flush();
  // SortableEvents orders by lastTimestamp alone (events.k8s.io events have none: they sort first), with sort.Sort.
  const last = (e: EventLike) => (e.lastTimestamp ? Date.parse(e.lastTimestamp) : Number.NEGATIVE_INFINITY);
  const sorted = goSort([...events], (a, b) => last(a) < last(b));
  w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
  w.write(1, "----\t------\t----\t----\t-------\n");
  for (const e of sorted) {
    const first = e.eventTime ? age(e.eventTime, now) : age(e.firstTimestamp, now);
    let interval: string;
    if (e.series) interval = `${age(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${age(e.lastTimestamp, now)} (x${e.count} over ${first})`;
    else interval = first;
    // core/v1 Event stores ReportingController under the JSON name reportingComponent.
    const source = e.source?.component || e.reportingComponent || "";
    w.write(1, `${e.type ?? ""}\t${e.reason ?? ""}\t${interval}\t${source}\t${(e.message ?? "").trim()}\n`);
  }
}
