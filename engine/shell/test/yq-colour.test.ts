import { describe, expect, it } from "vitest";
import { colourise } from "../commands/yq-colour";
import { tokenize } from "../commands/yq-colour-lexer";

/**
 * goccy/go-yaml's lexer as yq's colours depend on it: which kind each token is and which text
 * (origin) it carries, read from go-yaml v1.19.2's scanner.
 */
describe("yq colour lexer", () => {
  const tokens = (text: string) => tokenize(text).map((t) => [t.kind, t.origin]);

  it("gives a plain value its leading blank and, when a line break ends it, the break and the next indentation", () => {
    expect(tokens("a:\n  b: c\n  d: 1\n")).toEqual([
      ["string", "a"],
      ["mappingValue", ":"],
      ["string", "\n  b"],
      ["mappingValue", ":"],
      ["string", " c\n  "],
      ["string", "d"],
      ["mappingValue", ":"],
      ["integer", " 1"],
    ]);
  });

  it("keeps a comment's line break in the comment", () => {
    expect(tokens("a: 1 # one\nb: 2\n")).toEqual([
      ["string", "a"],
      ["mappingValue", ":"],
      ["integer", " 1 "],
      ["comment", "# one\n"],
      ["string", "b"],
      ["mappingValue", ":"],
      ["integer", " 2"],
    ]);
  });

  it("cuts an anchor into & and its name, the blank after the name going to the value", () => {
    expect(tokens("a: &x b\n")).toEqual([
      ["string", "a"],
      ["mappingValue", ":"],
      ["anchor", " &"],
      ["string", "x"],
      ["string", " b"],
    ]);
  });

  it("reads numbers as go-yaml's token.New does", () => {
    const kinds = (values: string[]) => values.map((v) => tokenize(`k: ${v}\n`)[2].kind);
    expect(kinds(["1", "-2", "1_000", "0.5", ".5", "1e3", "0644", "0o17", "0x1F", "0b101", "08", "99999999999999999999", "true", "yes", "~", ".inf"])).toEqual([
      "integer",
      "integer",
      "integer",
      "float",
      "float",
      "string",
      "octetInteger",
      "octetInteger",
      "hexInteger",
      "binaryInteger",
      "string",
      "string",
      "bool",
      "string",
      "null",
      "infinity",
    ]);
  });

  it("leaves a \\x escape's digits out of a double-quoted origin, as go-yaml does", () => {
    expect(tokens('s: "a\\x41b"')[2]).toEqual(["doubleQuote", ' "a\\b"']);
  });
});

describe("yq colours", () => {
  it("colours keys, strings, numbers, booleans and comments, each line of a token apart", () => {
    expect(colourise("a: b # c\nn:\n  - 1\n  - true\n")).toBe(
      "\x1b[36ma\x1b[0m:\x1b[32m b \x1b[0m\x1b[90m# c\x1b[0m\n\x1b[90m\x1b[0m\x1b[36mn\x1b[0m:\n  -\x1b[95m 1\x1b[0m\n\x1b[95m  \x1b[0m-\x1b[95m true\x1b[0m\n",
    );
  });

  it("colours an anchor, its name and an alias yellow", () => {
    expect(colourise("a: &x 1\nb: *x\n")).toBe("\x1b[36ma\x1b[0m:\x1b[93m &\x1b[0m\x1b[93mx\x1b[0m\x1b[95m 1\x1b[0m\n\x1b[95m\x1b[0m\x1b[36mb\x1b[0m:\x1b[93m *\x1b[0m\x1b[93mx\x1b[0m\n");
  });

  it("colours JSON through the same lexer: quoted keys cyan, a number keeping the line break that ends it", () => {
    expect(colourise('{\n  "a": "x",\n  "n": 2\n}\n')).toBe('{\x1b[36m\x1b[0m\n\x1b[36m  "a"\x1b[0m:\x1b[32m "x"\x1b[0m,\x1b[36m\x1b[0m\n\x1b[36m  "n"\x1b[0m:\x1b[95m 2\x1b[0m\n\x1b[95m\x1b[0m}\n');
  });
});
