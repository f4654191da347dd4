import { describe, expect, it } from "vitest";
import { TabWriter, tabbed } from "../tabwriter";

function getWriter() {
  let out = "";
  const w = new TabWriter((s) => (out += s));
  return { w, text: () => out };
}

describe("TabWriter (Go's text/tabwriter as kubectl get and describe use it)", () => {
  it("pads each column to its widest cell plus 3, at least 6, and writes the last cell as is", () => {
    const { w, text } = getWriter();
    w.writeCells(["NAME", "READY", "AGE"]);
    w.writeCells(["web-1", "1/1", "5m"]);
    w.writeCells(["a", "0/1", "10d"]);
    w.flush();
    expect(text()).toBe("NAME    READY   AGE\nweb-1   1/1     5m\na       0/1     10d\n");
  });

  it("counts an astral character as one column, in cells given whole or as text", () => {
    const { w, text } = getWriter();
    w.writeCells(["\u{1F600}x", "B"]);
    w.writeCells(["abcd", "C"]);
    w.flush();
    expect(text()).toBe("\u{1F600}x     B\nabcd   C\n");
    // The next flush without astral characters measures plain lengths again.
    w.resetWidths();
    w.write("ab\tZ\nabcdefgh\tY\n");
    w.flush();
    expect(text().slice("\u{1F600}x     B\nabcd   C\n".length)).toBe("ab         Z\nabcdefgh   Y\n");
  });

  it("splits a cell that holds a tab or a newline as the real tab writer would", () => {
    const { w, text } = getWriter();
    w.writeCells(["a\tb", "c"]);
    w.writeCells(["dddddd", "e", "f"]);
    w.flush();
    expect(text()).toBe("a        b     c\ndddddd   e     f\n");
  });

  it("remembers column widths between flushes (watch output keeps its columns)", () => {
    const { w, text } = getWriter();
    w.writeCells(["a-long-name", "x"]);
    w.flush();
    w.writeCells(["b", "y"]);
    w.flush();
    expect(text()).toBe("a-long-name   x\nb             y\n");
  });

  it("describe's layout: padding 2, no minimum width", () => {
    expect(tabbed("Name:\tweb\nNamespace:\tdefault\n")).toBe("Name:       web\nNamespace:  default\n");
  });
});
