/**
 * kubectl's JSONPath dialect (k8s.io/client-go/util/jsonpath): text with `{…}` actions, fields,
 * `['key']`, indexes and slices, `[*]`, unions `[a,b]`, recursive descent `..`, filters
 * `[?(@.a=="x")]`, `range`/`end`, quoted literals such as `{"\n"}`; several results print
 * space-separated, maps and lists as compact JSON.
 */
type Node =
  | { type: "list"; nodes: Node[] }
  | { type: "text"; text: string }
  | { type: "field"; name: string }
  | { type: "array"; params: [Param, Param, Param] }
  | { type: "filter"; left: Node & { type: "list" }; right: Node & { type: "list" }; op: string }
  | { type: "int"; value: number }
  | { type: "float"; value: number }
  | { type: "bool"; value: boolean }
  | { type: "wildcard" }
  | { type: "recursive" }
  | { type: "union"; nodes: (Node & { type: "list" })[] }
  | { type: "identifier"; name: string };

interface Param {
  value: number;
  known: boolean;
  derived: boolean;
}

export class JsonPathError extends Error {}

const isSpace = (c: string) => c === " " || c === "\t";
const isEndOfLine = (c: string) => c === "\r" || c === "\n";
const isAlphaNumeric = (c: string) => c === "_" || /[\p{L}\p{Nd}]/u.test(c);
const isTerminator = (c: string | undefined) =>
  c === undefined || isSpace(c) || isEndOfLine(c) || [".", ",", "[", "]", "$", "@", "{", "}"].includes(c);

class Parser {
  private input = "";
  private pos = 0;
  private start = 0;
  root: Node & { type: "list" } = { type: "list", nodes: [] };

  parse(text: string): this {
    this.input = text;
    this.root = { type: "list", nodes: [] };
    this.pos = 0;
    this.start = 0;
    this.parseText(this.root);
    return this;
  }

  private consume(): string {
    const v = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return v;
  }

  /** Width of the last character read (0 at the end), so backing up at the end stays put as in Go. */
  private width = 0;

  private next(): string | undefined {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return undefined;
    }
    this.width = 1;
    return this.input[this.pos++];
  }

  private backup(): void {
    this.pos -= this.width;
  }

  private peek(): string | undefined {
    return this.input[this.pos];
  }

  private parseText(cur: Node & { type: "list" }): void {
    for (;;) {
      if (this.input.startsWith("{", this.pos)) {
        if (this.pos > this.start) cur.nodes.push({ type: "text", text: this.consume() });
        this.pos += 1;
        this.consume();
        const node: Node & { type: "list" } = { type: "list", nodes: [] };
        cur.nodes.push(node);
        this.parseInsideAction(node);
        return;
      }
      if (this.next() === undefined) break;
    }
    if (this.pos > this.start) cur.nodes.push({ type: "text", text: this.consume() });
  }

  private parseInsideAction(cur: Node & { type: "list" }): void {
    for (;;) {
      const rest = this.input.slice(this.pos);
      if (rest.startsWith("}")) {
        this.pos += 1;
        this.consume();
        this.parseText(this.root);
        return;
      }
      if (rest.startsWith("[?(")) {
        this.parseFilter(cur);
        continue;
      }
      if (rest.startsWith("..")) {
        const last = cur.nodes[cur.nodes.length - 1];
        if (last?.type === "recursive") throw new JsonPathError("invalid multiple recursive descent");
        this.pos += 2;
        this.consume();
        cur.nodes.push({ type: "recursive" });
        const p = this.peek();
        if (p !== undefined && isAlphaNumeric(p)) this.parseField(cur);
        continue;
      }
      const r = this.next();
      if (r === undefined || isEndOfLine(r)) throw new JsonPathError("unclosed action");
      if (r === " ") this.consume();
      else if (r === "@" || r === "$") this.consume();
      else if (r === "[") this.parseArray(cur);
      else if (r === '"' || r === "'") this.parseQuote(cur, r);
      else if (r === ".") this.parseField(cur);
      else if (r === "+" || r === "-" || /\d/.test(r)) {
        this.backup();
        this.parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.backup();
        this.parseIdentifier(cur);
      } else {
        const code = r.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
        throw new JsonPathError(`unrecognized character in action: U+${code} '${r}'`);
      }
    }
  }

  private parseIdentifier(cur: Node & { type: "list" }): void {
    while (!isTerminator(this.next())) {
      /* advance to the end of the identifier */
    }
    this.backup();
    const value = this.consume();
    if (value === "true" || value === "false") cur.nodes.push({ type: "bool", value: value === "true" });
    else cur.nodes.push({ type: "identifier", name: value });
  }

  private parseNumber(cur: Node & { type: "list" }): void {
    const p = this.peek();
    if (p === "+" || p === "-") this.next();
    for (;;) {
      const r = this.next();
      if (r === undefined || (r !== "." && !/\d/.test(r))) {
        this.backup();
        break;
      }
    }
    const value = this.consume();
    if (/^[+-]?\d+$/.test(value)) cur.nodes.push({ type: "int", value: Number(value) });
    else if (!Number.isNaN(Number(value))) cur.nodes.push({ type: "float", value: Number(value) });
    else throw new JsonPathError(`cannot parse number ${value}`);
  }

  private parseArray(cur: Node & { type: "list" }): void {
    for (;;) {
      const r = this.next();
      if (r === undefined || r === "\n") throw new JsonPathError("unterminated array");
      if (r === "]") break;
    }
    let text = this.consume();
    text = text.slice(1, -1);
    if (text === "*") text = ":";
    const parts = text.split(",");
    if (parts.length > 1) {
      const union = parts.map((s) => parseAction(`[${s.trim()}]`));
      cur.nodes.push({ type: "union", nodes: union });
      return;
    }
    const dict = /^'([^']*)'$/.exec(text);
    if (dict) {
      for (const node of parseAction(`.${dict[1]}`).nodes) cur.nodes.push(node);
      return;
    }
    const slice = /^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$/.exec(text);
    if (!slice) throw new JsonPathError(`invalid array index ${text}`);
    const values = [slice[1] ?? "", slice[2] ?? "", slice[3] ?? ""];
    const params: Param[] = [];
    for (let i = 0; i < 3; i++) {
      let v = values[i];
      if (v !== "") {
        if (i > 0) v = v.slice(1);
        if (i > 0 && v === "") params.push({ value: 0, known: false, derived: false });
        else {
          if (!/^-?\d+$/.test(v)) throw new JsonPathError(`array index ${v} is not a number`);
          params.push({ value: Number(v), known: true, derived: false });
        }
      } else if (i === 1) params.push({ value: params[0].value + 1, known: true, derived: true });
      else params.push({ value: 0, known: false, derived: false });
    }
    cur.nodes.push({ type: "array", params: params as [Param, Param, Param] });
  }

  private parseFilter(cur: Node & { type: "list" }): void {
    this.pos += 3;
    this.consume();
    let begin = false;
    let end = false;
    let pair = "";
    for (;;) {
      const r = this.next();
      if (r === undefined || r === "\n") throw new JsonPathError("unterminated filter");
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== "\\" && r === pair) end = true;
      } else if (r === ")" && begin === end) break;
    }
    if (this.next() !== "]") throw new JsonPathError("unclosed array expect ]");
    let text = this.consume();
    text = text.slice(0, -2);
    const m = /^([^!<>=]+)([!<>=]+)(.+?)$/.exec(text);
    if (!m) cur.nodes.push({ type: "filter", left: parseAction(text), right: { type: "list", nodes: [] }, op: "exists" });
    else cur.nodes.push({ type: "filter", left: parseAction(m[1]), right: parseAction(m[3]), op: m[2] });
  }

  private parseQuote(cur: Node & { type: "list" }, endQuote: string): void {
    for (;;) {
      const r = this.next();
      if (r === undefined || r === "\n") throw new JsonPathError("unterminated quoted string");
      if (r === endQuote && this.input[this.pos - 2] !== "\\") break;
    }
    const value = this.consume();
    cur.nodes.push({ type: "text", text: unquote(value) });
  }

  private parseField(cur: Node & { type: "list" }): void {
    this.consume();
    for (;;) {
      const r = this.next();
      if (r === "\\") this.next();
      else if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consume();
    if (value === "*") cur.nodes.push({ type: "wildcard" });
    else cur.nodes.push({ type: "field", name: value.replace(/\\/g, "") });
  }
}

function unquote(s: string): string {
  const body = s.slice(1, -1);
  return body.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[0-7]{3}|.)/g, (_, e: string) => {
    const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", a: "\x07", b: "\b", f: "\f", v: "\v", "\\": "\\", "'": "'", '"': '"' };
    if (e.length === 1) return simple[e] ?? e;
    if (e[0] === "u" || e[0] === "x") return String.fromCodePoint(parseInt(e.slice(1), 16));
    return String.fromCodePoint(parseInt(e, 8));
  });
}

function parseAction(text: string): Node & { type: "list" } {
  const p = new Parser().parse(`{${text}}`);
  return p.root.nodes[0] as Node & { type: "list" };
}

/** JSON values carry an explicit null so filters and printing can tell it from "missing". */
type Value = unknown;

function typeName(v: unknown): string {
  if (Array.isArray(v)) return "[]interface {}";
  if (v === null) return "interface {}";
  if (typeof v === "object") return "map[string]interface {}";
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return Number.isInteger(v) ? "int64" : "float64";
  return "interface {}";
}

export class JsonPath {
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode?: Node;
  private parser?: Parser;

  constructor(
    private readonly allowMissingKeys: boolean,
    private readonly outputJson = false,
  ) {}

  parse(text: string): this {
    this.parser = new Parser().parse(text);
    return this;
  }

  /** Every action's results (custom-columns and --sort-by read values, not text). */
  findAll(data: unknown): unknown[][] {
    return this.findResults(data, this.parser!.root.nodes);
  }

  execute(data: unknown): string {
    const results = this.findResults(data, this.parser!.root.nodes);
    return results.map((r) => this.printResults(r)).join("");
  }

  private findResults(data: unknown, nodes: Node[]): Value[][] {
    const full: Value[][] = [];
    const cur: Value[] = [data];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      const results = this.walk(cur, node);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = nodes[i];
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        const rest = nodes.slice(i + 1);
        if (results.length > 0) for (const value of results) full.push(...this.findResults(value, rest));
        else this.findResults(null, rest);
        this.inRange--;
        for (let k = i + 1; k < nodes.length; k++) {
          if (nodes[k] === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  private printResults(results: Value[]): string {
    let list = results;
    if (this.outputJson) list = [results];
    let out = "";
    list.forEach((r, i) => {
      let text: string;
      if (this.outputJson) text = JSON.stringify(r, null, 4) + "\n";
      else if (r !== null && typeof r === "object") text = goJson(r);
      else text = r === null || r === undefined ? "null" : typeof r === "number" ? goNumber(r) : String(r);
      if (i !== list.length - 1) text += " ";
      out += text;
    });
    return out;
  }

  private walk(values: Value[], node: Node): Value[] {
    switch (node.type) {
      case "list": {
        let cur = values;
        for (const n of node.nodes) cur = this.walk(cur, n);
        return cur;
      }
      case "text":
        return [node.text];
      case "field":
        return this.evalField(values, node.name);
      case "array":
        return this.evalArray(values, node.params);
      case "filter":
        return this.evalFilter(values, node);
      case "int":
      case "float":
      case "bool":
        return values.map(() => node.value);
      case "wildcard":
        return values.flatMap((v) => children(v));
      case "recursive":
        return this.evalRecursive(values);
      case "union":
        return node.nodes.flatMap((n) => this.walk(values, n));
      case "identifier":
        if (node.name === "range") {
          this.beginRange++;
          return values;
        }
        if (node.name === "end") {
          if (this.inRange > 0) {
            this.endRange++;
            return [];
          }
          throw new JsonPathError("not in range, nothing to end");
        }
        throw new JsonPathError(`unrecognized identifier ${node.name}`);
    }
  }

  private evalField(values: Value[], name: string): Value[] {
    const results: Value[] = [];
    if (values.length === 0) return results;
    for (const v of values) {
      if (v === null || v === undefined) continue;
      if (typeof v === "object" && !Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, name)) {
        results.push((v as Record<string, unknown>)[name]);
      }
    }
    if (results.length === 0 && !this.allowMissingKeys) throw new JsonPathError(`${name} is not found`);
    return results;
  }

  private evalArray(values: Value[], paramsIn: [Param, Param, Param]): Value[] {
    const result: Value[] = [];
    for (const v of values) {
      if (v === null || v === undefined) continue;
      if (!Array.isArray(v)) throw new JsonPathError(`${typeName(v)} is not array or slice`);
      const params = paramsIn.map((p) => ({ ...p }));
      const length = v.length;
      if (!params[0].known) params[0].value = 0;
      if (params[0].value < 0) params[0].value += length;
      if (!params[1].known) params[1].value = length;
      if (params[1].value < 0 || (params[1].value === 0 && params[1].derived)) params[1].value += length;
      if (params[1].value !== params[0].value) {
        if (params[0].value >= length || params[0].value < 0) throw new JsonPathError(`array index out of bounds: index ${params[0].value}, length ${length}`);
        if (params[1].value > length || params[1].value < 0) throw new JsonPathError(`array index out of bounds: index ${params[1].value - 1}, length ${length}`);
        if (params[0].value > params[1].value) throw new JsonPathError(`starting index ${params[0].value} is greater than ending index ${params[1].value}`);
      } else return result;
      const slice = v.slice(params[0].value, params[1].value);
      let step = 1;
      if (params[2].known) {
        if (params[2].value <= 0) throw new JsonPathError("step must be > 0");
        step = params[2].value;
      }
      for (let i = 0; i < slice.length; i += step) result.push(slice[i]);
    }
    return result;
  }

  private evalRecursive(values: Value[]): Value[] {
    const result: Value[] = [];
    for (const v of values) {
      if (v === null || v === undefined) continue;
      const kids = children(v);
      if (kids.length !== 0) {
        result.push(v);
        result.push(...this.evalRecursive(kids));
      }
    }
    return result;
  }

  private evalFilter(values: Value[], node: Node & { type: "filter" }): Value[] {
    const results: Value[] = [];
    for (const v of values) {
      if (!Array.isArray(v)) throw new JsonPathError(`${goText(v)} is not array or slice and cannot be filtered`);
      for (const item of v) {
        let lefts: Value[];
        try {
          lefts = this.walk([item], node.left);
        } catch (e) {
          if (node.op === "exists") continue;
          throw e;
        }
        if (node.op === "exists") {
          if (lefts.length > 0) results.push(item);
          continue;
        }
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JsonPathError("can only compare one element at a time");
        const rights = this.walk([item], node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JsonPathError("can only compare one element at a time");
        if (compare(lefts[0], rights[0], node.op)) results.push(item);
      }
    }
    return results;
  }
}

function children(v: Value): Value[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v;
  if (typeof v === "object") return Object.keys(v).sort().map((k) => (v as Record<string, unknown>)[k]);
  if (typeof v === "string") return [...v].map((c) => c.codePointAt(0)!);
  return [];
}

function compare(a: Value, b: Value, op: string): boolean {
  const kind = (x: Value) => (typeof x === "number" ? (Number.isInteger(x) ? "int" : "float") : typeof x);
  if (kind(a) !== kind(b) && !(typeof a === "number" && typeof b === "number" && Number.isInteger(a) && Number.isInteger(b))) {
    if (op === "==" || op === "!=") {
      if (typeof a !== typeof b) throw new JsonPathError("incompatible types for comparison");
    } else throw new JsonPathError("incompatible types for comparison");
  }
  switch (op) {
    case "==":
      return a === b;
    case "!=":
      return a !== b;
    case "<":
      return (a as number) < (b as number);
    case ">":
      return (a as number) > (b as number);
    case "<=":
      return (a as number) <= (b as number);
    case ">=":
      return (a as number) >= (b as number);
    default:
      throw new JsonPathError(`unrecognized filter operator ${op}`);
  }
}

function goNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(n).replace(/e\+?(-?)(\d)$/, "e$1+0$2");
}

/** encoding/json.Marshal: compact, sorted keys, HTML characters escaped. */
export function goJson(v: unknown): string {
  const sort = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sort);
    if (x !== null && typeof x === "object") return Object.fromEntries(Object.keys(x).sort().map((k) => [k, sort((x as Record<string, unknown>)[k])]));
    return x;
  };
  return JSON.stringify(sort(v)).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

/** fmt.Sprint of decoded JSON (`map[a:b]`, `[x y]`), for messages. */
export function goText(v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  if (Array.isArray(v)) return `[${v.map(goText).join(" ")}]`;
  if (typeof v === "object") return `map[${Object.keys(v).sort().map((k) => `${k}:${goText((v as Record<string, unknown>)[k])}`).join(" ")}]`;
  return typeof v === "number" ? goNumber(v) : String(v);
}

/** kubectl's RelaxedJSONPathExpression: `.a.b`, `a.b` or `{.a.b}` all mean `{.a.b}`. */
export function relaxedJsonPath(path: string): string {
  if (path.length === 0) return path;
  const m = /^\{?(\.?[^{}]*)\}?$/.exec(path);
  if (!m) throw new JsonPathError("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  let inner = m[1];
  if (!inner.startsWith(".")) inner = "." + inner;
  return `{${inner}}`;
}

/** fmt's %#v of decoded JSON: `map[string]interface {}{"a":"b"}`, as kubectl's jsonpath errors show it. */
export function goSyntax(v: unknown): string {
  if (v === null || v === undefined) return "interface {}(nil)";
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSyntax).join(", ")}}`;
  if (typeof v === "object") {
    return `map[string]interface {}{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${goSyntax((v as Record<string, unknown>)[k])}`).join(", ")}}`;
  }
  if (typeof v === "string") return JSON.stringify(v);
  return String(v);
}
