import type { ColumnDefinition } from "../../api/table";
import type { TabWriter } from "./tabwriter";

/** A meta.k8s.io/v1 Table as the server returns it for `Accept: …;as=Table`. */
export interface ServerTable {
  columnDefinitions: ColumnDefinition[] | null;
  rows: { cells: unknown[]; object?: { metadata?: { name?: string; namespace?: string; labels?: Record<string, string> } } & Record<string, unknown> }[];
  metadata?: { resourceVersion?: string; continue?: string };
}

export interface TableOptions {
  wide: boolean;
  noHeaders: boolean;
  withNamespace: boolean;
  /** `pod/` prefix on the name column when several kinds are printed. */
  kindPrefix?: string;
  showLabels: boolean;
  labelColumns: string[];
  /** Watch output: an EVENT column first (`--output-watch-events`). */
  eventType?: string;
}

/** labels.FormatLabels: sorted `k=v` pairs, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return "<none>";
  return keys.map((k) => `${k}=${labels![k]}`).join(",");
}

const LINE_BREAK = /[\f\n\r]/;
/** What makes a string cell more than itself: a line break (cut), a tab (splits it) or an astral character (rune counting). */
const NOT_PLAIN = /[\t\n\f\r\uD800-\uDBFF]/;

/** fmt.Sprint of a cell value decoded from JSON (kubectl cuts a multi-line cell at its first line break). */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") {
    if (!LINE_BREAK.test(value)) return value;
    return value.slice(0, value.search(LINE_BREAK)) + "...";
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(cellText).join(" ")}]`;
  return `map[${Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}:${cellText(v)}`).join(" ")}]`;
}

/**
 * Prints server tables the way kubectl's HumanReadablePrinter does: upper-cased headers printed
 * once per column set, priority columns only with -o wide, NAMESPACE/label columns added on the
 * client, cells tab-separated into the shared tab writer.
 */
export class TablePrinter {
  private lastColumns?: string;
  private printedHeaders = false;
  private columns: ColumnDefinition[] = [];

  constructor(private readonly options: TableOptions) {}

  print(table: ServerTable, w: TabWriter): void {
    const defs = table.columnDefinitions ?? [];
    const key = JSON.stringify(defs);
    let noHeaders = this.options.noHeaders;
    if (this.printedHeaders && (defs.length === 0 || key === this.lastColumns)) noHeaders = true;
    if (defs.length > 0 && key !== this.lastColumns) {
      this.lastColumns = key;
      this.columns = defs;
      this.printedHeaders = false;
    }
    if (table.rows.length > 0) this.printedHeaders = true;
    const o = this.options;
    const headers: string[] = [];
    const visible = this.columns.map((c) => o.wide || c.priority === 0);
    if (o.eventType !== undefined) headers.push("EVENT");
    if (o.withNamespace) headers.push("NAMESPACE");
    this.columns.forEach((c, i) => visible[i] && headers.push(c.name.toUpperCase()));
    for (const label of o.labelColumns) headers.push(label.split("/").pop()!.toUpperCase());
    if (o.showLabels) headers.push("LABELS");
    if (!noHeaders) {
      if (table.rows.length === 0) return;
      w.writeCells(headers);
    }
    const nameColumn = o.kindPrefix ? this.columns.findIndex((c) => c.format === "name" && c.type === "string") : -1;
    const extraBefore = (o.eventType !== undefined ? 1 : 0) + (o.withNamespace ? 1 : 0);
    // Rows printed as the server sent them (all visible columns first, nothing added but the
    // namespace) go to the writer as the server's own cells arrays: no copy per row.
    let leading = 0;
    while (leading < visible.length && visible[leading]) leading++;
    const asSent = o.eventType === undefined && nameColumn < 0 && o.labelColumns.length === 0 && !o.showLabels && visible.indexOf(true, leading) < 0;
    for (const row of table.rows) {
      const meta = row.object?.metadata;
      if (asSent && writeAsSent(w, row.cells, Math.min(row.cells.length, leading), o.withNamespace ? (meta?.namespace ?? "") : undefined)) continue;
      const shown = Math.min(row.cells.length, this.columns.length);
      // Sized up front: a growing array leaves garbage for each of a thousand rows.
      const cells = new Array<string>(extraBefore + shown + o.labelColumns.length + (o.showLabels ? 1 : 0));
      let n = 0;
      // Plain string cells (nearly all) pass one test for both the cutting here and the tab writer.
      let plain = true;
      if (o.eventType !== undefined) cells[n++] = o.eventType;
      if (o.withNamespace) cells[n++] = meta?.namespace ?? "";
      for (let i = 0; i < shown; i++) {
        if (!visible[i]) continue;
        const value = row.cells[i];
        let text: string;
        if (typeof value === "string" && !NOT_PLAIN.test(value)) text = value;
        else {
          text = cellText(value);
          plain = false;
        }
        cells[n++] = i === nameColumn ? `${o.kindPrefix}/${text}` : text;
      }
      for (const label of o.labelColumns) cells[n++] = meta?.labels?.[label] ?? "";
      if (o.showLabels) cells[n++] = formatLabels(meta?.labels);
      cells.length = n;
      // Cells not from the server's row (event type, namespace, kind prefix, labels) are checked by the writer.
      if (plain && extraBefore === 0 && nameColumn < 0 && o.labelColumns.length === 0 && !o.showLabels) w.writePlainCells(cells);
      else w.writeCells(cells);
    }
  }
}

/** Writes a row whose first `count` cells (and `lead`) are plain strings as they are; false when one is not. */
function writeAsSent(w: TabWriter, cells: unknown[], count: number, lead: string | undefined): boolean {
  if (lead !== undefined && NOT_PLAIN.test(lead)) return false;
  for (let i = 0; i < count; i++) {
    const value = cells[i];
    if (typeof value !== "string" || NOT_PLAIN.test(value)) return false;
  }
  w.writePlainRow(lead, cells as string[], count);
  return true;
}
