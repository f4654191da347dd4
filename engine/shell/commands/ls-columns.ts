/**
 * GNU ls 9.1's many-per-line layouts (ls.c calculate_columns, print_many_per_line,
 * print_horizontal, print_with_separator): the most columns that fit the line, each column as
 * wide as its widest name plus two spaces (none after the last), names down the columns (-C) or
 * across the rows (-x), or a comma-separated stream (-m). The gap after a name is filled with tabs
 * where a tab stop lands inside it, as ls does unless the tab size is 0 (colour output, -T 0).
 */

/** One name as printed: `text` may hold colour escapes, `width` is the columns it takes. */
export interface Cell {
  text: string;
  width: number;
}

const MIN_COLUMN_WIDTH = 3;

/** Spaces and tabs from column `from` to column `to` (ls.c indent). */
function indent(from: number, to: number, tabsize: number): string {
  let out = "";
  while (from < to) {
    if (tabsize !== 0 && Math.floor(to / tabsize) > Math.floor((from + 1) / tabsize)) {
      out += "\t";
      from += tabsize - (from % tabsize);
    } else {
      out += " ";
      from++;
    }
  }
  return out;
}

/** The widths of the columns of the widest layout that fits `lineLength` (0: no limit). */
function fitColumns(cells: Cell[], lineLength: number, byColumns: boolean): number[] {
  const n = cells.length;
  const maxIdx = lineLength === 0 ? n : Math.floor(lineLength / MIN_COLUMN_WIDTH) + (lineLength % MIN_COLUMN_WIDTH !== 0 ? 1 : 0);
  const maxCols = maxIdx > 0 && maxIdx < n ? maxIdx : n;
  const layouts = Array.from({ length: maxCols }, (_, i) => ({ valid: true, lineLen: (i + 1) * MIN_COLUMN_WIDTH, widths: new Array<number>(i + 1).fill(MIN_COLUMN_WIDTH) }));
  for (let fileNo = 0; fileNo < n; fileNo++) {
    const nameLength = cells[fileNo].width;
    for (let i = 0; i < maxCols; i++) {
      const layout = layouts[i];
      if (!layout.valid) continue;
      const idx = byColumns ? Math.floor(fileNo / Math.floor((n + i) / (i + 1))) : fileNo % (i + 1);
      const realLength = nameLength + (idx === i ? 0 : 2);
      if (layout.widths[idx] < realLength) {
        layout.lineLen += realLength - layout.widths[idx];
        layout.widths[idx] = realLength;
        layout.valid = lineLength === 0 || layout.lineLen < lineLength;
      }
    }
  }
  let cols = maxCols;
  while (cols > 1 && !layouts[cols - 1].valid) cols--;
  return layouts[cols - 1].widths;
}

/** -C: names down the columns. */
export function vertical(cells: Cell[], lineLength: number, tabsize: number): string {
  if (cells.length === 0) return "";
  const widths = fitColumns(cells, lineLength, true);
  const cols = widths.length;
  const rows = Math.floor(cells.length / cols) + (cells.length % cols !== 0 ? 1 : 0);
  let out = "";
  for (let row = 0; row < rows; row++) {
    let pos = 0;
    for (let col = 0, fileNo = row; ; col++) {
      const cell = cells[fileNo];
      out += cell.text;
      fileNo += rows;
      if (fileNo >= cells.length) break;
      out += indent(pos + cell.width, pos + widths[col], tabsize);
      pos += widths[col];
    }
    out += "\n";
  }
  return out;
}

/** -x: names across the rows. */
export function horizontal(cells: Cell[], lineLength: number, tabsize: number): string {
  if (cells.length === 0) return "";
  const widths = fitColumns(cells, lineLength, false);
  const cols = widths.length;
  let out = cells[0].text;
  let pos = 0;
  let previous = cells[0];
  let previousWidth = widths[0];
  for (let fileNo = 1; fileNo < cells.length; fileNo++) {
    const col = fileNo % cols;
    if (col === 0) {
      out += "\n";
      pos = 0;
    } else {
      out += indent(pos + previous.width, pos + previousWidth, tabsize);
      pos += previousWidth;
    }
    previous = cells[fileNo];
    out += previous.text;
    previousWidth = widths[col];
  }
  return `${out}\n`;
}

/** -m: names separated by ", ", a line broken before a name that would reach the line's end. */
export function commas(cells: Cell[], lineLength: number): string {
  if (cells.length === 0) return "";
  let out = "";
  let pos = 0;
  for (const [i, cell] of cells.entries()) {
    const len = lineLength ? cell.width : 0;
    if (i !== 0) {
      if (!lineLength || pos + len + 2 < lineLength) {
        pos += 2;
        out += ", ";
      } else {
        pos = 0;
        out += ",\n";
      }
    }
    out += cell.text;
    pos += len;
  }
  return `${out}\n`;
}
