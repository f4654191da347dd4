/**
 * The part of Go's text/template that `kubectl -o go-template` users write: actions with field
 * chains, variables, pipelines, if/else if/else, range (with $i, $e), with, comments, `{{-`/`-}}`
 * trimming, and the functions and, or, not, len, index, print, printf, println, eq, ne, lt, le,
 * gt, ge, slice, plus kubectl's exists and base64decode. Values print with fmt's %v rules
 * (numbers decoded from JSON are float64: 1e+06; maps as map[k:v]).
 */
export class TemplateError extends Error {}

type Pipeline = { decl: string[]; cmds: Arg[][] };
type Arg =
  | { t: "field"; base: "dot" | string; path: string[]; raw: string }
  | { t: "str"; v: string }
  | { t: "num"; v: number }
  | { t: "bool"; v: boolean }
  | { t: "nil" }
  | { t: "ident"; name: string }
  | { t: "pipe"; p: Pipeline; path: string[] };
type Node =
  | { t: "text"; v: string }
  | { t: "action"; p: Pipeline }
  | { t: "if" | "with"; p: Pipeline; body: Node[]; els: Node[] }
  | { t: "range"; p: Pipeline; body: Node[]; els: Node[] };

interface Token {
  kind: "text" | "action";
  value: string;
}

function lex(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf("{{", i);
    if (open < 0) {
      tokens.push({ kind: "text", value: src.slice(i) });
      break;
    }
    let text = src.slice(i, open);
    let start = open + 2;
    if (src[start] === "-" && /\s/.test(src[start + 1] ?? "")) {
      text = text.replace(/\s+$/, "");
      start += 1;
    }
    if (text) tokens.push({ kind: "text", value: text });
    let j = start;
    let quote = "";
    while (j < src.length) {
      const c = src[j];
      if (quote) {
        if (c === "\\" && quote !== "`") j++;
        else if (c === quote) quote = "";
      } else if (c === '"' || c === "`" || c === "'") quote = c;
      else if (src.startsWith("}}", j)) break;
      j++;
    }
    if (j >= src.length) throw new TemplateError(`template: output:1: unclosed action`);
    let body = src.slice(start, j);
    let next = j + 2;
    if (/\s-$/.test(body)) {
      body = body.slice(0, -1);
      const m = /^\s*/.exec(src.slice(next))!;
      next += m[0].length;
    }
    tokens.push({ kind: "action", value: body.trim() });
    i = next;
  }
  return tokens;
}

function splitWords(s: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "|" || c === "(" || c === ")") {
      words.push(c);
      i++;
      if (c === ")" && s[i] === ".") {
        // A field chain straight after a parenthesised pipeline: `(index .items 0).metadata`.
        let j = i;
        while (j < s.length && !/[\s|()]/.test(s[j])) j++;
        words.push("\u0000" + s.slice(i, j));
        i = j;
      }
      continue;
    }
    if (c === '"' || c === "`" || c === "'") {
      let j = i + 1;
      while (j < s.length && s[j] !== c) j += s[j] === "\\" && c !== "`" ? 2 : 1;
      words.push(s.slice(i, j + 1));
      i = j + 1;
      continue;
    }
    if (s.startsWith(":=", i) || (c === "=" && s[i - 1] !== ":")) {
      words.push(c === ":" ? ":=" : "=");
      i += c === ":" ? 2 : 1;
      continue;
    }
    let j = i;
    while (j < s.length && !/[\s|()]/.test(s[j]) && !s.startsWith(":=", j)) j++;
    words.push(s.slice(i, j));
    i = j;
  }
  return words;
}

function parseArg(word: string, rest: string[]): Arg {
  if (word === "(") {
    const inner: string[] = [];
    let depth = 1;
    while (rest.length) {
      const w = rest.shift()!;
      if (w === "(") depth++;
      if (w === ")" && --depth === 0) break;
      inner.push(w);
    }
    const path = rest[0]?.startsWith("\u0000") ? rest.shift()!.slice(2).split(".") : [];
    return { t: "pipe", p: parsePipeline(inner), path };
  }
  if (word.startsWith('"')) return { t: "str", v: JSON.parse(word) as string };
  if (word.startsWith("`")) return { t: "str", v: word.slice(1, -1) };
  if (word.startsWith("'")) return { t: "num", v: word.slice(1, -1).codePointAt(0) ?? 0 };
  if (word === "true" || word === "false") return { t: "bool", v: word === "true" };
  if (word === "nil") return { t: "nil" };
  if (/^[-+]?(\d|\.\d)/.test(word)) return { t: "num", v: Number(word) };
  if (word === ".") return { t: "field", base: "dot", path: [], raw: word };
  if (word.startsWith(".")) return { t: "field", base: "dot", path: word.slice(1).split("."), raw: word };
  if (word.startsWith("$")) {
    const [name, ...path] = word.split(".");
    return { t: "field", base: name, path, raw: word };
  }
  return { t: "ident", name: word };
}

function parsePipeline(words: string[]): Pipeline {
  let decl: string[] = [];
  const assign = words.findIndex((w) => w === ":=" || w === "=");
  if (assign > 0) {
    decl = words.slice(0, assign).join(" ").split(",").map((s) => s.trim()).filter(Boolean);
    words = words.slice(assign + 1);
  }
  const cmds: Arg[][] = [];
  let cur: Arg[] = [];
  const rest = [...words];
  while (rest.length) {
    const w = rest.shift()!;
    if (w === "|") {
      cmds.push(cur);
      cur = [];
      continue;
    }
    cur.push(parseArg(w, rest));
  }
  cmds.push(cur);
  if (cmds.some((c) => c.length === 0)) throw new TemplateError("template: output:1: missing value for command");
  return { decl, cmds };
}

function parse(tokens: Token[]): Node[] {
  let pos = 0;
  const block = (stops: boolean): { nodes: Node[]; end: string } => {
    const nodes: Node[] = [];
    while (pos < tokens.length) {
      const tok = tokens[pos++];
      if (tok.kind === "text") {
        nodes.push({ t: "text", v: tok.value });
        continue;
      }
      const a = tok.value;
      if (a.startsWith("/*")) continue;
      const word = a.split(/\s+/)[0];
      if (word === "end" || word === "else") {
        if (!stops) throw new TemplateError(`template: output:1: unexpected {{${word}}}`);
        return { nodes, end: a };
      }
      if (word === "if" || word === "with" || word === "range") {
        nodes.push(conditional(word, a.slice(word.length)));
        continue;
      }
      if (word === "define" || word === "template" || word === "block") throw new TemplateError(`template: output:1: {{${word}}} is not available in Kubecoach yet`);
      nodes.push({ t: "action", p: parsePipeline(splitWords(a)) });
    }
    if (stops) throw new TemplateError("template: output:1: unexpected EOF");
    return { nodes, end: "" };
  };
  // An if/with/range with its else branch; `{{else if …}}` nests an if that closes the chain's {{end}}.
  const conditional = (word: string, rest: string): Node => {
    const p = parsePipeline(splitWords(rest));
    const body = block(true);
    let els: Node[] = [];
    if (body.end.startsWith("else")) {
      const tail = body.end.slice(4).trim();
      const tailWord = tail.split(/\s+/)[0];
      if (tailWord === "if" || tailWord === "with") els = [conditional(tailWord, tail.slice(tailWord.length))];
      else {
        const rest2 = block(true);
        if (!rest2.end.startsWith("end")) throw new TemplateError("template: output:1: expected end; found {{else}}");
        els = rest2.nodes;
      }
    }
    return { t: word, p, body: body.nodes, els } as Node;
  };
  return block(false).nodes;
}

function isTrue(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  if (typeof v === "string") return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object") return Object.keys(v).length > 0;
  return true;
}

/** How a JSON number prints in templates: integers as integers, fractions like fmt's %v. */
export function goFloat(n: number): string {
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e21)) return expForm(n);
  return String(n);
}

function expForm(n: number): string {
  const [m, e] = n.toExponential().split("e");
  const sign = e.startsWith("-") ? "-" : "+";
  return `${m}e${sign}${e.replace(/^[-+]/, "").padStart(2, "0")}`;
}

export function goPrint(v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  if (typeof v === "number") return goFloat(v);
  if (Array.isArray(v)) return `[${v.map(goPrint).join(" ")}]`;
  if (typeof v === "object") return `map[${Object.keys(v).sort().map((k) => `${k}:${goPrint((v as Record<string, unknown>)[k])}`).join(" ")}]`;
  return String(v);
}

function sprintf(format: string, args: unknown[]): string {
  let i = 0;
  return format.replace(/%([-+# 0]*)(\d+)?(?:\.(\d+))?([vsdqftxXbeEgoc%])/g, (_, flags: string, width: string | undefined, prec: string | undefined, verb: string) => {
    if (verb === "%") return "%";
    if (i >= args.length) return `%!${verb}(MISSING)`;
    const a = args[i++];
    let s: string;
    switch (verb) {
      case "d":
        s = typeof a === "number" ? String(Math.trunc(a)) : `%!d(${typeof a === "string" ? "string=" + a : goPrint(a)})`;
        break;
      case "f":
        s = typeof a === "number" ? a.toFixed(prec ? Number(prec) : 6) : `%!f(${goPrint(a)})`;
        break;
      case "q":
        s = JSON.stringify(typeof a === "string" ? a : goPrint(a));
        break;
      case "x":
      case "X":
        s = typeof a === "number" ? Math.trunc(a).toString(16) : Buffer.from(String(a)).toString("hex");
        if (verb === "X") s = s.toUpperCase();
        break;
      case "t":
        s = String(a);
        break;
      case "c":
        s = typeof a === "number" ? String.fromCodePoint(a) : goPrint(a);
        break;
      default:
        s = goPrint(a);
        if (prec !== undefined && verb === "s") s = s.slice(0, Number(prec));
    }
    if (width) s = flags.includes("-") ? s.padEnd(Number(width)) : s.padStart(Number(width), flags.includes("0") && verb !== "s" ? "0" : " ");
    return s;
  }) + (i < args.length ? `%!(EXTRA ${args.slice(i).map((a) => `${typeof a === "string" ? "string" : "float64"}=${goPrint(a)}`).join(", ")})` : "");
}

function basicCompare(a: unknown, b: unknown, fn: string): number {
  if (typeof a !== typeof b) throw new TemplateError(`template: output:1: error calling ${fn}: incompatible types for comparison`);
  if (typeof a === "number" || typeof a === "string") return a < (b as typeof a) ? -1 : a > (b as typeof a) ? 1 : 0;
  if (typeof a === "boolean" && (fn === "eq" || fn === "ne")) return a === b ? 0 : 1;
  throw new TemplateError(`template: output:1: error calling ${fn}: invalid type for comparison`);
}

export class GoTemplate {
  private readonly tree: Node[];

  constructor(
    readonly source: string,
    private readonly missingKeyError = false,
  ) {
    this.tree = parse(lex(source));
  }

  execute(data: unknown): string {
    let out = "";
    const vars: Record<string, unknown>[] = [{ $: data }];
    this.run(this.tree, data, vars, (s) => (out += s));
    return out;
  }

  private lookup(vars: Record<string, unknown>[], name: string): unknown {
    for (let i = vars.length - 1; i >= 0; i--) if (name in vars[i]) return vars[i][name];
    throw new TemplateError(`template: output:1: undefined variable: ${name}`);
  }

  private run(nodes: Node[], dot: unknown, vars: Record<string, unknown>[], emit: (s: string) => void): void {
    for (const node of nodes) {
      switch (node.t) {
        case "text":
          emit(node.v);
          break;
        case "action": {
          const v = this.pipeline(node.p, dot, vars);
          if (node.p.decl.length === 0) emit(v === undefined ? "<no value>" : goPrint(v));
          break;
        }
        case "if":
        case "with": {
          const scope = [...vars, {}];
          const v = this.pipeline(node.p, dot, scope);
          if (isTrue(v)) this.run(node.body, node.t === "with" ? v : dot, scope, emit);
          else this.run(node.els, dot, vars, emit);
          break;
        }
        case "range": {
          const scope: Record<string, unknown>[] = [...vars, {}];
          const decl = node.p.decl;
          const v = this.pipeline({ ...node.p, decl: [] }, dot, scope);
          const entries: [unknown, unknown][] = Array.isArray(v)
            ? v.map((e, i) => [i, e])
            : v !== null && typeof v === "object"
              ? Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]])
              : typeof v === "number"
                ? Array.from({ length: Math.max(0, Math.trunc(v)) }, (_, i) => [i, i])
                : [];
          if (v !== null && v !== undefined && typeof v !== "object" && typeof v !== "number") {
            throw new TemplateError(`template: output:1: range can't iterate over ${goPrint(v)}`);
          }
          if (entries.length === 0) {
            this.run(node.els, dot, vars, emit);
            break;
          }
          for (const [k, e] of entries) {
            const frame: Record<string, unknown> = {};
            if (decl.length === 1) frame[decl[0]] = e;
            if (decl.length === 2) {
              frame[decl[0]] = k;
              frame[decl[1]] = e;
            }
            this.run(node.body, e, [...scope, frame], emit);
          }
          break;
        }
      }
    }
  }

  private pipeline(p: Pipeline, dot: unknown, vars: Record<string, unknown>[]): unknown {
    let value: unknown;
    let first = true;
    for (const cmd of p.cmds) {
      const extra = first ? [] : [value];
      value = this.command(cmd, dot, vars, extra);
      first = false;
    }
    if (p.decl.length > 0) vars[vars.length - 1][p.decl[p.decl.length - 1]] = value;
    return value;
  }

  private command(cmd: Arg[], dot: unknown, vars: Record<string, unknown>[], piped: unknown[]): unknown {
    const head = cmd[0];
    if (head.t === "ident") {
      const args = [...cmd.slice(1).map((a) => this.arg(a, dot, vars)), ...piped];
      return this.call(head.name, args);
    }
    if (cmd.length > 1 || piped.length > 0) {
      if (head.t === "field" && cmd.length === 1) return this.arg(head, dot, vars);
      throw new TemplateError("template: output:1: can't give argument to non-function");
    }
    return this.arg(head, dot, vars);
  }

  private arg(a: Arg, dot: unknown, vars: Record<string, unknown>[]): unknown {
    switch (a.t) {
      case "str":
      case "num":
      case "bool":
        return a.v;
      case "nil":
        return null;
      case "pipe":
        return this.fieldChain(this.pipeline(a.p, dot, vars), a.path);
      case "ident":
        return this.call(a.name, []);
      case "field":
        return this.fieldChain(a.base === "dot" ? dot : this.lookup(vars, a.base), a.path, a.raw);
    }
  }

  /** Go's error location: `output:LINE:COL: executing "output" at <.field>`. */
  private at(raw: string): string {
    const offset = Math.max(0, this.source.indexOf(raw));
    const before = this.source.slice(0, offset);
    const line = before.split("\n").length;
    const col = offset - (before.lastIndexOf("\n") + 1);
    return `template: output:${line}:${col}: executing "output" at <${raw}>`;
  }

  private fieldChain(start: unknown, path: string[], raw = ""): unknown {
    {
      {
        let v = start;
        for (const key of path) {
          if (v === null || v === undefined) {
            if (v === undefined) return undefined;
            throw new TemplateError(`template: output:1: nil pointer evaluating interface {}.${key}`);
          }
          if (typeof v !== "object" || Array.isArray(v)) {
            throw new TemplateError(`template: output:1: can't evaluate field ${key} in type ${Array.isArray(v) ? "[]interface {}" : typeof v === "number" ? "float64" : typeof v}`);
          }
          const obj = v as Record<string, unknown>;
          if (!(key in obj)) {
            if (this.missingKeyError) throw new TemplateError(`${this.at(raw)}: map has no entry for key "${key}"`);
            return undefined;
          }
          v = obj[key];
        }
        return v;
      }
    }
  }

  private call(name: string, args: unknown[]): unknown {
    switch (name) {
      case "and":
        return args.find((a) => !isTrue(a)) ?? args[args.length - 1];
      case "or":
        return args.find((a) => isTrue(a)) ?? args[args.length - 1];
      case "not":
        return !isTrue(args[0]);
      case "len": {
        const v = args[0];
        if (typeof v === "string" || Array.isArray(v)) return v.length;
        if (v && typeof v === "object") return Object.keys(v).length;
        throw new TemplateError(`template: output:1: error calling len: len of type ${goPrint(v)}`);
      }
      case "index": {
        let v = args[0];
        for (const k of args.slice(1)) {
          if (Array.isArray(v)) {
            if (typeof k !== "number" || k < 0 || k >= v.length) throw new TemplateError(`template: output:1: error calling index: index out of range: ${goPrint(k)}`);
            v = v[k];
          } else if (v && typeof v === "object") v = (v as Record<string, unknown>)[String(k)];
          else if (v === null || v === undefined) throw new TemplateError("template: output:1: error calling index: index of untyped nil");
          else throw new TemplateError(`template: output:1: error calling index: can't index item of type ${typeof v}`);
        }
        return v;
      }
      case "slice": {
        const [v, from, to] = args as [unknown, number | undefined, number | undefined];
        if (typeof v === "string" || Array.isArray(v)) return v.slice(from ?? 0, to);
        throw new TemplateError("template: output:1: error calling slice: can't slice item");
      }
      case "print":
        return args.map((a, i) => (i > 0 && typeof a !== "string" && typeof args[i - 1] !== "string" ? " " : "") + goPrint(a)).join("");
      case "println":
        return args.map(goPrint).join(" ") + "\n";
      case "printf":
        return sprintf(String(args[0]), args.slice(1));
      case "eq":
        return args.slice(1).some((b) => basicCompare(args[0], b, "eq") === 0);
      case "ne":
        return basicCompare(args[0], args[1], "ne") !== 0;
      case "lt":
        return basicCompare(args[0], args[1], "lt") < 0;
      case "le":
        return basicCompare(args[0], args[1], "le") <= 0;
      case "gt":
        return basicCompare(args[0], args[1], "gt") > 0;
      case "ge":
        return basicCompare(args[0], args[1], "ge") >= 0;
      case "exists": {
        let v = args[0];
        for (const k of args.slice(1)) {
          if (!v || typeof v !== "object" || !(String(k) in (v as object))) return false;
          v = (v as Record<string, unknown>)[String(k)];
        }
        return true;
      }
      case "base64decode": {
        const s = String(args[0]);
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) throw new TemplateError(`template: output:1: error calling base64decode: base64 decode failed: illegal base64 data at input byte ${Math.max(0, s.search(/[^A-Za-z0-9+/=]/))}`);
        return Buffer.from(s, "base64").toString("utf8");
      }
      case "html":
        return String(args.map(goPrint).join("")).replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&#39;", '"': "&#34;" })[c]!);
      case "js":
      case "urlquery":
        return encodeURIComponent(args.map(goPrint).join(""));
      default:
        throw new TemplateError(`template: output:1: function "${name}" not defined`);
    }
  }
}
