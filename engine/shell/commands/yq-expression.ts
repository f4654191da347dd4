/**
 * mikefarah yq v4's expression language, read into a tree (yq-jq.ts turns the tree into a jq
 * program). Its grammar differs from jq's where a learner notices: `|` binds tighter than `,`,
 * `and`/`or` looser than `|`, all arithmetic and `//` share one level, every binary operator groups
 * to the right (yq's shunting-yard pops only strictly higher precedences), and function arguments are
 * separated by `;` inside one pair of brackets. Precedences are those of yq's pkg/yqlib/operation.go.
 */
export type YqNode =
  | { kind: "self" }
  | { kind: "recurse"; keys: boolean }
  | { kind: "field"; name: string; on?: YqNode }
  | { kind: "index"; on: YqNode; index?: YqNode; slice?: [YqNode | undefined, YqNode | undefined] }
  | { kind: "optional"; on: YqNode }
  | { kind: "literal"; json: string }
  | { kind: "string"; parts: (string | YqNode)[] }
  | { kind: "variable"; name: string }
  | { kind: "collect"; body?: YqNode }
  | { kind: "object"; entries: { key: YqNode; value: YqNode }[] }
  | { kind: "group"; body: YqNode }
  | { kind: "call"; name: string; args: YqNode[] }
  | { kind: "env"; name: string; asString: boolean }
  | { kind: "binary"; op: string; left: YqNode; right: YqNode };

export class YqSyntaxError extends Error {}

/** A yq operator Kubecoach does not evaluate yet (its name is the message). */
export class YqUnavailableError extends Error {}

/** yq operators that become assignments of a node's decoration when `=`/`|=` follows them. */
const DECORATIONS = new Set(["tag", "type", "style", "anchor", "alias", "line_comment", "lineComment", "head_comment", "headComment", "foot_comment", "footComment", "comments"]);

interface Token {
  type: "op" | "path" | "word" | "number" | "string" | "variable" | "open" | "close" | "env";
  text: string;
  /** Path tokens: the key; strings: the raw text between the quotes. */
  value?: string;
  optional?: boolean;
}

/** Binary operators and their yq precedence. */
const BINARY: Record<string, number> = {
  ",": 10,
  ";": 10,
  ":": 15,
  or: 20,
  and: 20,
  "|": 30,
  ireduce: 35,
  as: 40,
  "=": 40,
  "|=": 40,
  "+=": 40,
  "-=": 40,
  "==": 40,
  "!=": 40,
  "<": 40,
  "<=": 40,
  ">": 40,
  ">=": 40,
  "+": 42,
  "-": 42,
  "/": 42,
  "%": 42,
  "//": 42,
};

const MULTIPLY = /^\*=?[+?cdn]*$/;

function precedence(op: string): number | undefined {
  if (/^\|?=c+$/.test(op)) return 40;
  if (MULTIPLY.test(op)) return op.startsWith("*=") ? 40 : 42;
  return BINARY[op];
}

// yq's path element: a dot and any characters but these (a `-` or `/` belongs to the key).
const PATH_ELEMENT = /^\.[^ ;}{:[\],|.()=\n!]+\??/;
const WRAPPED_PATH = /^\."[^ "]+"\??/;
const OPERATORS = ["|=", "==", "!=", ">=", "<=", "//", "+=", "-=", "|", ",", ";", ":", "<", ">", "=", "/", "%", "+", "-"];

export function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const rest = () => expression.slice(i);
  while (i < expression.length) {
    const c = expression[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
      continue;
    }
    if (c === "#") {
      while (i < expression.length && expression[i] !== "\n") i++;
      continue;
    }
    let m: RegExpMatchArray | null;
    if (c === "(" || c === "[" || c === "{") {
      tokens.push({ type: "open", text: c });
      i++;
      continue;
    }
    if (c === ")" || c === "}" || c === "]") {
      const optional = c === "]" && expression[i + 1] === "?";
      tokens.push({ type: "close", text: c, optional });
      i += optional ? 2 : 1;
      continue;
    }
    if ((m = rest().match(/^\.\.\.?/))) {
      tokens.push({ type: "op", text: m[0] });
      i += m[0].length;
      continue;
    }
    if ((m = rest().match(WRAPPED_PATH))) {
      const optional = m[0].endsWith("?");
      tokens.push({ type: "path", text: m[0], value: m[0].slice(2, optional ? -2 : -1), optional });
      i += m[0].length;
      continue;
    }
    if (rest().startsWith(".[")) {
      tokens.push({ type: "op", text: ".[" });
      i += 2;
      continue;
    }
    if ((m = rest().match(PATH_ELEMENT))) {
      const optional = m[0].endsWith("?");
      tokens.push({ type: "path", text: m[0], value: m[0].slice(1, optional ? -1 : undefined), optional });
      i += m[0].length;
      continue;
    }
    if (c === ".") {
      tokens.push({ type: "op", text: "." });
      i++;
      continue;
    }
    if ((m = rest().match(/^\$[a-zA-Z_\-0-9]+/))) {
      tokens.push({ type: "variable", text: m[0], value: m[0].slice(1) });
      i += m[0].length;
      continue;
    }
    if ((m = rest().match(/^(str)?env\(([^)]+)\)/))) {
      tokens.push({ type: "env", text: m[0], value: m[2].trim(), optional: m[1] === "str" });
      i += m[0].length;
      continue;
    }
    if (c === '"') {
      m = rest().match(/^"([^"\\]*(\\.[^"\\]*)*)"/);
      if (!m) throw new YqSyntaxError("bad expression, unterminated string");
      tokens.push({ type: "string", text: m[0], value: m[1] });
      i += m[0].length;
      continue;
    }
    if ((m = rest().match(/^(0[xX][0-9A-Fa-f]+|-?[1-9](\.\d+)?[Ee][-+]?\d+|-?\d+(\.\d+)?)/))) {
      // yq reads `-1` as a number wherever it stands, as its lexer does.
      tokens.push({ type: "number", text: m[0] });
      i += m[0].length;
      continue;
    }
    if ((m = rest().match(/^\*=?[+?cdn]*/)) && m[0] !== "") {
      tokens.push({ type: "op", text: m[0] });
      i += m[0].length;
      continue;
    }
    // `=c`, `|=c`: assignment with yq's clobber-custom-tags flag.
    if ((m = rest().match(/^\|?=c+/))) {
      tokens.push({ type: "op", text: m[0] });
      i += m[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => rest().startsWith(o));
    if (op) {
      tokens.push({ type: "op", text: op });
      i += op.length;
      continue;
    }
    if ((m = rest().match(/^@?[A-Za-z_][A-Za-z_0-9]*/))) {
      tokens.push({ type: "word", text: m[0] });
      i += m[0].length;
      continue;
    }
    if (c === "~") {
      tokens.push({ type: "word", text: "null" });
      i++;
      continue;
    }
    throw new YqSyntaxError(`1:${i + 1}: invalid input text "${expression.slice(i, i + 20)}"`);
  }
  return tokens;
}

/** Words that take arguments in brackets, as yq's operators of NumArgs 1 do. */
const WITH_ARGUMENTS = new Set([
  "select", "has", "with", "sub", "test", "match", "capture", "join", "split", "sort_by", "sortBy", "group_by", "groupBy",
  "unique_by", "uniqueBy", "map", "map_values", "mapValues", "filter", "pick", "omit", "eval", "error", "load", "load_str", "loadStr",
  "str_load", "del", "contains", "any_c", "all_c", "with_entries", "withEntries", "collect", "first", "sort_keys", "sortKeys",
  "setpath", "set_path", "delpaths", "del_paths", "explode", "flatten", "parent", "format_datetime", "tz", "with_dtf", "system",
  "to_yaml", "toyaml", "to_json", "tojson", "to_xml", "toxml", "load_xml", "load_props", "load_base64", "envsubst", "min_by", "max_by",
]);

export function parseYq(expression: string): YqNode | undefined {
  const tokens = tokenize(expression);
  if (tokens.length === 0) return undefined;
  const parser = new Parser(tokens);
  const node = parser.expression(0);
  if (!parser.done()) {
    const t = parser.peek()!;
    if (t.type === "close") throw new YqSyntaxError(t.text === ")" ? "bad expression, got close brackets without matching opening bracket" : "bad path expression, got close collect brackets without matching opening bracket");
    throw new YqSyntaxError(`bad expression, unexpected '${t.text}'`);
  }
  return node;
}

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  done(): boolean {
    return this.at >= this.tokens.length;
  }

  peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private next(): Token {
    const t = this.tokens[this.at++];
    if (!t) throw new YqSyntaxError("bad expression, please check expression syntax");
    return t;
  }

  expression(min: number): YqNode {
    let left = this.postfix(this.primary());
    for (;;) {
      const t = this.peek();
      const following = this.tokens[this.at + 1];
      if (t?.type === "word" && DECORATIONS.has(t.text) && following?.type === "op" && /^\|?=c*$/.test(following.text)) {
        throw new YqUnavailableError(`${t.text} ${following.text}`);
      }
      if (!t || !(t.type === "op" || t.type === "word")) break;
      const p = precedence(t.text);
      if (p === undefined || p < min) break;
      this.at++;
      const after = this.peek();
      if (t.text === ":" && after?.type === "close" && after.text === "]") {
        // `.[2:]`: a slice to the end.
        left = { kind: "binary", op: ":", left, right: { kind: "literal", json: "null" } };
        continue;
      }
      if (!after || (after.type === "close" && after.text !== "]") || (after.type === "op" && precedence(after.text) !== undefined)) {
        throw new YqSyntaxError(`'${t.text}' expects 2 args but there is 1`);
      }
      // Equal precedence groups to the right, as yq's postfix conversion does.
      const right = this.expression(p);
      left = { kind: "binary", op: t.text, left, right };
    }
    return left;
  }

  private closing(open: string): Token {
    const want = open === "(" ? ")" : open === "[" ? "]" : "}";
    const t = this.peek();
    if (!t || t.type !== "close" || t.text !== want) throw new YqSyntaxError(`bad expression, could not find matching \`${want}\``);
    this.at++;
    return t;
  }

  private bracketed(open: string): YqNode | undefined {
    const t = this.peek();
    if (t?.type === "close" && t.text === (open === "(" ? ")" : open === "[" ? "]" : "}")) return undefined;
    return this.expression(0);
  }

  private primary(): YqNode {
    const t = this.next();
    switch (t.type) {
      case "path":
        // `.a?`: every traversal is optional here (yq-jq.ts), so the mark changes nothing.
        return { kind: "field", name: t.value! };
      case "variable":
        return { kind: "variable", name: t.value! };
      case "env":
        return { kind: "env", name: t.value!, asString: !!t.optional };
      case "number":
        return { kind: "literal", json: /^0[xX]/.test(t.text) ? String(parseInt(t.text.slice(2), 16)) : t.text };
      case "string":
        return { kind: "string", parts: stringParts(t.value!) };
      case "open": {
        if (t.text === "(") {
          const body = this.bracketed("(");
          this.closing("(");
          if (!body) throw new YqSyntaxError("bad expression, please check expression syntax");
          return { kind: "group", body };
        }
        if (t.text === "[") {
          const body = this.bracketed("[");
          this.closing("[");
          return { kind: "collect", body };
        }
        const body = this.bracketed("{");
        this.closing("{");
        return { kind: "object", entries: body ? objectEntries(body) : [] };
      }
      case "op":
        if (t.text === ".") return { kind: "self" };
        if (t.text === "..") return { kind: "recurse", keys: false };
        if (t.text === "...") return { kind: "recurse", keys: true };
        if (t.text === ".[") return this.index({ kind: "self" });
        throw new YqSyntaxError(`'${t.text.trim()}' expects 2 args but there is 0`);
      case "word":
        return this.word(t.text);
      default:
        throw new YqSyntaxError(`bad expression, unexpected '${t.text}'`);
    }
  }

  private word(name: string): YqNode {
    const assign = this.peek();
    if (DECORATIONS.has(name) && assign?.type === "op" && /^\|?=c*$/.test(assign.text)) throw new YqUnavailableError(`${name} ${assign.text}`);
    const lower = name.toLowerCase();
    if (lower === "true" || lower === "false" || lower === "null") return { kind: "literal", json: lower };
    const open = this.peek();
    if (WITH_ARGUMENTS.has(name) && open?.type === "open" && open.text === "(") {
      this.at++;
      const body = this.bracketed("(");
      this.closing("(");
      let args = body ? splitArguments(body) : [];
      // yq reads the arguments of sub/test/match/capture from the values of its bracket, so a
      // union (`sub("a", "b")`) passes them as well as `;` does.
      if (args.length === 1 && TWO_VALUES.has(name)) args = unionParts(args[0]);
      return { kind: "call", name, args };
    }
    return { kind: "call", name, args: [] };
  }

  /** After `.[` or an operand's `[`: an index, indices, a slice, or nothing (every element). */
  private index(on: YqNode): YqNode {
    let node: YqNode;
    const t = this.peek();
    if (t?.type === "close" && t.text === "]") {
      node = { kind: "index", on };
    } else if (t?.type === "op" && t.text === ":") {
      this.at++;
      const end = this.bracketed("[");
      node = { kind: "index", on, slice: [undefined, end] };
    } else {
      const body = this.expression(0);
      if (body.kind === "binary" && body.op === ":") node = { kind: "index", on, slice: [body.left, body.right] };
      else node = { kind: "index", on, index: body };
    }
    const close = this.closing("[");
    return close.optional ? { kind: "optional", on: node } : node;
  }

  private postfix(node: YqNode): YqNode {
    for (;;) {
      const t = this.peek();
      if (!t) return node;
      if (t.type === "path") {
        this.at++;
        node = { kind: "field", name: t.value!, on: node };
      } else if ((t.type === "open" && t.text === "[") || (t.type === "op" && t.text === ".[")) {
        this.at++;
        node = this.index(node);
      } else {
        return node;
      }
    }
  }
}

const TWO_VALUES = new Set(["sub", "test", "match", "capture"]);

function unionParts(node: YqNode): YqNode[] {
  if (node.kind === "binary" && node.op === ",") return [...unionParts(node.left), ...unionParts(node.right)];
  return [node];
}

/** `a; b; c` inside a call's brackets. */
function splitArguments(body: YqNode): YqNode[] {
  if (body.kind === "binary" && body.op === ";") return [body.left, ...splitArguments(body.right)];
  return [body];
}

function objectEntries(body: YqNode): { key: YqNode; value: YqNode }[] {
  if (body.kind === "binary" && body.op === ",") return [...objectEntries(body.left), ...objectEntries(body.right)];
  if (body.kind === "binary" && body.op === ":") {
    // A bare word as a key is the key's name.
    const key: YqNode = body.left.kind === "call" && body.left.args.length === 0 ? { kind: "string", parts: [body.left.name] } : body.left;
    return [{ key, value: body.right }];
  }
  throw new YqSyntaxError("bad expression, expected a 'key: value' in '{...}'");
}

/** A string's text with yq's escapes applied, and its `\(expression)` parts parsed. */
function stringParts(raw: string): (string | YqNode)[] {
  const parts: (string | YqNode)[] = [];
  let text = "";
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === "\\" && i + 1 < raw.length) {
      const n = raw[i + 1];
      if (n === "(") {
        let depth = 0;
        let j = i + 2;
        for (; j < raw.length; j++) {
          if (raw[j] === "(") depth++;
          else if (raw[j] === ")") {
            if (depth === 0) break;
            depth--;
          }
        }
        if (j >= raw.length) {
          text += raw.slice(i);
          break;
        }
        if (text) parts.push(text);
        text = "";
        const inner = parseYq(raw.slice(i + 2, j));
        parts.push(inner ?? { kind: "self" });
        i = j;
        continue;
      }
      const escapes: Record<string, string> = { "\\": "\\", '"': '"', n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", "/": "/" };
      if (n in escapes) {
        text += escapes[n];
        i++;
        continue;
      }
      if (n === "u" && /^[0-9a-fA-F]{4}$/.test(raw.slice(i + 2, i + 6))) {
        text += String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16));
        i += 5;
        continue;
      }
    }
    text += c;
  }
  if (text || parts.length === 0) parts.push(text);
  return parts;
}
