/**
 * Go's text/tabwriter (with liggitt/tabwriter's RememberWidths, which kubectl's table printer
 * uses): tab-terminated cells are aligned in column blocks — runs of consecutive lines that have a
 * cell in that column — each as wide as its widest cell plus padding (at least minwidth); the last
 * cell of a line is written as is. `describe` uses padding 2 and minwidth 0, `get` padding 3 and
 * minwidth 6 with widths remembered between flushes (watch output).
 */
const HIGH_SURROGATE = /[\uD800-\uDBFF]/;

/** utf8.RuneCountInString: UTF-16 length unless the text has astral characters (two units each). */
function runeLength(s: string): number {
  if (!HIGH_SURROGATE.test(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

// One test per cell finds what needs the slow paths: a tab or newline (the cell is really several)
// or an astral character (rune counting). Tables rarely have either, so widths are string lengths.
const SPECIAL = /[\t\n\uD800-\uDBFF]/;

// Padding strings are reused: a 1,000-row table would otherwise allocate one per cell.
const SPACES: string[] = [];
function spaces(n: number): string {
  if (n <= 0) return "";
  if (n >= 256) return " ".repeat(n);
  return (SPACES[n] ??= " ".repeat(n));
}

export interface TabWriterOptions {
  minWidth: number;
  padding: number;
  rememberWidths: boolean;
}

const GET_OPTIONS: TabWriterOptions = { minWidth: 6, padding: 3, rememberWidths: true };

export class TabWriter {
  /**
   * Line i is `leads[i]` (when set) followed by the first `counts[i]` of `lines[i]`: a table row can
   * be written as the server's cells array itself, with the NAMESPACE cell in front, instead of a
   * copy of it per row.
   */
  private lines: string[][] = [];
  private counts: number[] = [];
  private leads: (string | undefined)[] = [];
  private pending = "";
  private maxWidths: number[] = [];
  /** Whether a line waiting for flush has an astral character (then widths count runes). */
  private astral = false;

  constructor(
    private readonly sink: (chunk: string) => void,
    private readonly options: TabWriterOptions = GET_OPTIONS,
  ) {}

  write(text: string): void {
    if (HIGH_SURROGATE.test(text)) this.astral = true;
    const all = this.pending + text;
    const parts = all.split("\n");
    this.pending = parts.pop()!;
    for (const line of parts) this.push(line.split("\t"));
  }

  private push(cells: string[], count = cells.length, lead?: string): void {
    this.lines.push(cells);
    this.counts.push(count);
    this.leads.push(lead);
  }

  /** One whole line given as its cells (what `write(cells.join("\t") + "\n")` does, without re-splitting it). */
  writeCells(cells: string[]): void {
    if (this.pending === "") {
      let plain = true;
      for (let i = 0; i < cells.length && plain; i++) {
        const cell = cells[i];
        if (!SPECIAL.test(cell)) continue;
        if (cell.includes("\t") || cell.includes("\n")) plain = false;
        else this.astral = true;
      }
      if (plain) {
        this.push(cells);
        return;
      }
    }
    this.write(cells.join("\t") + "\n");
  }

  /**
   * A whole line whose cells the caller has already checked (no tab, newline or astral character):
   * the table printer tests each cell once for both its own cutting and this writer's needs.
   */
  writePlainCells(cells: string[]): void {
    if (this.pending !== "") this.write(cells.join("\t") + "\n");
    else this.push(cells);
  }

  /**
   * A whole line of `lead` (when given) and the first `count` of `cells`, all checked by the caller
   * as for writePlainCells. The writer keeps `cells` until the flush: the caller must not change it.
   */
  writePlainRow(lead: string | undefined, cells: string[], count: number): void {
    if (this.pending !== "") this.write((lead === undefined ? "" : lead + "\t") + cells.slice(0, count).join("\t") + "\n");
    else this.push(cells, count, lead);
  }

  resetWidths(): void {
    this.maxWidths = [];
  }

  flush(): void {
    const endsWithNewline = this.pending === "";
    if (!endsWithNewline) this.push(this.pending.split("\t"));
    this.pending = "";
    if (this.lines.length === 0) return;
    // Pieces joined once at the end: appending them one by one to a string builds a rope of tens of
    // thousands of nodes for a 1,000-row table, all garbage after the flush.
    const { lines, counts, leads } = this;
    const astral = this.astral;
    // Line i's cells: its lead (if any) is cell 0, then its row's cells.
    const lengthOf = (i: number) => (leads[i] === undefined ? counts[i] : counts[i] + 1);
    const cellOf = (i: number, j: number) => {
      const lead = leads[i];
      return lead === undefined ? lines[i][j] : j === 0 ? lead : lines[i][j - 1];
    };
    let pieces = 0;
    for (let i = 0; i < lines.length; i++) pieces += 2 * lengthOf(i);
    const out = new Array<string>(pieces);
    let n = 0;
    const widths: number[] = [];
    const writeLines = (line0: number, line1: number) => {
      for (let i = line0; i < line1; i++) {
        const last = lengthOf(i) - 1;
        for (let j = 0; j <= last; j++) {
          const cell = cellOf(i, j);
          out[n++] = cell;
          if (j < widths.length && j < last) out[n++] = spaces(widths[j] - (astral ? runeLength(cell) : cell.length));
        }
        if (i + 1 < lines.length || endsWithNewline) out[n++] = "\n";
      }
    };
    const format = (line0: number, line1: number) => {
      const column = widths.length;
      for (let current = line0; current < line1; current++) {
        if (column >= lengthOf(current) - 1) continue;
        writeLines(line0, current);
        line0 = current;
        let width = this.options.minWidth;
        for (; current < line1; current++) {
          if (column >= lengthOf(current) - 1) break;
          const cell = cellOf(current, column);
          const w = (astral ? runeLength(cell) : cell.length) + this.options.padding;
          if (w > width) width = w;
        }
        if (this.options.rememberWidths) {
          if (column < this.maxWidths.length && this.maxWidths[column] > width) width = this.maxWidths[column];
          this.maxWidths[column] = width;
        }
        widths.push(width);
        format(line0, current);
        widths.pop();
        line0 = current;
        current--;
      }
      writeLines(line0, line1);
    };
    format(0, lines.length);
    this.lines = [];
    this.counts = [];
    this.leads = [];
    this.astral = false;
    out.length = n;
    this.sink(out.join(""));
  }
}

/** describe's tabwriter (minwidth 0, padding 2) over a whole text. */
export function tabbed(text: string): string {
  let out = "";
  const w = new TabWriter((s) => (out += s), { minWidth: 0, padding: 2, rememberWidths: false });
  w.write(text);
  w.flush();
  return out;
}
