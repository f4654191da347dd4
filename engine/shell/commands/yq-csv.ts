/**
 * yq's CSV and TSV output (pkg/yqlib/encoder_csv.go, written with Go's encoding/csv): an array of
 * scalars is one row, an array of arrays one row each, an array of maps a header row taken from the
 * first map's keys and then one row a map (a missing key an empty field). A scalar result prints
 * as itself.
 */
export class CsvEncodeError extends Error {}

export function printCsv(value: unknown, separator: "," | "\t"): string {
  if (value === null || typeof value !== "object") return `${scalarText(value)}\n`;
  if (!Array.isArray(value)) throw new CsvEncodeError("csv encoding only works for arrays, got: !!map");
  if (value.length === 0) return "";
  const row = (cells: unknown[]) => `${cells.map((cell, i) => field(cellText(cell, i), separator)).join(separator)}\n`;
  const first = value[0];
  if (first === null || typeof first !== "object") return row(value);
  if (!Array.isArray(first)) {
    const headers = Object.keys(first);
    let out = row(headers);
    value.forEach((item, i) => {
      if (item === null || typeof item !== "object" || Array.isArray(item)) {
        throw new CsvEncodeError(`csv object encoding only works for arrays of flat objects (string key => string/numbers/boolean value), child[${i}] is a ${tagOf(item)}`);
      }
      out += row(headers.map((h) => (h in item ? (item as Record<string, unknown>)[h] : "")));
    });
    return out;
  }
  return value
    .map((item, i) => {
      if (!Array.isArray(item)) throw new CsvEncodeError(`csv encoding only works for arrays of scalars (string/numbers/booleans), child[${i}] is a ${tagOf(item)}`);
      return row(item);
    })
    .join("");
}

function cellText(cell: unknown, index: number): string {
  if (cell !== null && typeof cell === "object") {
    throw new CsvEncodeError(`csv encoding only works for arrays of scalars (string/numbers/booleans), child[${index}] is a ${tagOf(cell)}`);
  }
  return scalarText(cell);
}

function scalarText(value: unknown): string {
  return value === null ? "null" : String(value);
}

function tagOf(value: unknown): string {
  if (Array.isArray(value)) return "!!seq";
  if (value === null) return "!!null";
  if (typeof value === "object") return "!!map";
  if (typeof value === "number") return Number.isInteger(value) ? "!!int" : "!!float";
  if (typeof value === "boolean") return "!!bool";
  return "!!str";
}

/** encoding/csv's fieldNeedsQuotes: the separator, a quote, a line break or a leading space. */
function field(text: string, separator: string): string {
  const quote = text !== "" && (text === "\\." || text.includes(separator) || /["\r\n]/.test(text) || /^\s/u.test(text));
  return quote ? `"${text.replaceAll('"', '""')}"` : text;
}
