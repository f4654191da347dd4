import { describe, expect, it } from "vitest";
import type { ColumnDefinition } from "../../../api/table";
import { TablePrinter, type ServerTable } from "../table";
import { TabWriter } from "../tabwriter";

const columns: ColumnDefinition[] = [
  { name: "Name", type: "string", format: "name", description: "", priority: 0 },
  { name: "Data", type: "string", format: "", description: "", priority: 0 },
  { name: "Age", type: "string", format: "", description: "", priority: 0 },
];

function printed(rows: unknown[][], options: Partial<ConstructorParameters<typeof TablePrinter>[0]> = {}): string {
  let out = "";
  const w = new TabWriter((s) => (out += s));
  const table: ServerTable = { columnDefinitions: columns, rows: rows.map((cells, i) => ({ cells, object: { metadata: { name: `r${i}`, namespace: "ns" } } })) };
  new TablePrinter({ wide: false, noHeaders: false, withNamespace: false, showLabels: false, labelColumns: [], ...options }).print(table, w);
  w.flush();
  return out;
}

describe("TablePrinter cells as kubectl get prints them", () => {
  it("prints plain cells aligned, numbers and nulls as fmt.Sprint does", () => {
    expect(printed([["web", "x", "5m"], ["a", 3, null]])).toBe("NAME   DATA   AGE\nweb    x      5m\na      3      \n");
  });

  it("cuts a multi-line cell at its first line break with ..., splits a cell holding a tab, counts an astral character once", () => {
    expect(printed([["web", "one\ntwo", "5m"]])).toBe("NAME   DATA     AGE\nweb    one...   5m\n");
    expect(printed([["web", "a\tb", "5m"]])).toBe("NAME   DATA   AGE\nweb    a      b     5m\n");
    expect(printed([["\u{1F600}", "x", "5m"]])).toBe("NAME   DATA   AGE\n\u{1F600}      x      5m\n");
  });

  it("adds the NAMESPACE column and the kind prefix around the server's cells", () => {
    expect(printed([["web", "x", "5m"]], { withNamespace: true, kindPrefix: "pod" })).toBe("NAMESPACE   NAME      DATA   AGE\nns          pod/web   x      5m\n");
  });
});
