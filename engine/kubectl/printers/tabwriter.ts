/**
 * Go's text/tabwriter as kubectl configures it (minwidth 6, padding 3, pad with spaces,
 * RememberWidths): tab-terminated cells are padded to the widest cell of their column plus 3;
 * the last cell of a line is written as is. Widths carry over between flushes (watch output)
 * until reset, as with liggitt/tabwriter's RememberWidths.
 */
const MIN_WIDTH = 6;
const PADDING = 3;

function runeLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export class TabWriter {
  private lines: string[][] = [];
  private remembered: number[] = [];
  private pending = "";

  constructor(private readonly sink: (chunk: string) => void) {}

  write(text: string): void {
    const all = this.pending + text;
    const parts = all.split("\n");
    this.pending = parts.pop()!;
    for (const line of parts) this.lines.push(line.split("\t"));
  }

  resetWidths(): void {
    this.remembered = [];
  }

  flush(): void {
    if (this.pending !== "") {
      this.lines.push(this.pending.split("\t"));
      this.pending = "";
      this.emit(false);
    } else this.emit(true);
  }

  private emit(endsWithNewline: boolean): void {
    if (this.lines.length === 0) return;
    const widths = [...this.remembered];
    for (const cells of this.lines) {
      for (let i = 0; i < cells.length - 1; i++) {
        const w = Math.max(MIN_WIDTH, runeLength(cells[i]) + PADDING);
        if (widths[i] === undefined || w > widths[i]) widths[i] = w;
      }
    }
    this.remembered = widths;
    let out = "";
    this.lines.forEach((cells, index) => {
      for (let i = 0; i < cells.length - 1; i++) out += cells[i] + " ".repeat(widths[i] - runeLength(cells[i]));
      out += cells[cells.length - 1];
      if (endsWithNewline || index < this.lines.length - 1) out += "\n";
    });
    this.lines = [];
    this.sink(out);
  }
}
