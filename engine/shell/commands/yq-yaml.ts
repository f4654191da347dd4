import { Document, isAlias, isMap, isScalar, isSeq, LineCounter, Pair, parseAllDocuments, Scalar, visit, YAMLMap, YAMLSeq, type Node, type ScalarTag } from "yaml";

/**
 * The YAML side of yq: documents read with the `yaml` library (comments, key order and scalar
 * styles kept on its nodes), their values handed to jq as JSON, and results printed back as yq v4
 * prints them (go-yaml v3: 2-space indent, sequences indented under their key, no line folding).
 *
 * A result that is a node of the input (a path expression: `.spec`, `.items[0]`, `.`) is printed
 * from that node. A computed result (an update such as `.a = 1`, `del(.b)`) is built from its JSON
 * value, reusing every node of the input whose value did not change, so that the parts an update
 * did not touch keep their comments and styles: what `yq -i` writes back differs from the file only
 * where the expression changed it. Strings yq creates are quoted as go-yaml quotes them: double
 * quotes when the plain text would read as another type (`"true"`, `"1"`, `""`), single quotes when
 * plain text cannot hold them, a literal block when they span lines.
 */
export interface SourceDocument {
  document: Document.Parsed;
  value: unknown;
  text: string;
  /** Line starts of the text, when the expression reads nodes' lines and columns. */
  lines?: LineCounter;
}

export class YamlReadError extends Error {}

export interface ReadLimits {
  maxAliasCount: number;
}

/** Every document of a YAML (or JSON) text; a blank text has none. */
export function readDocuments(text: string, withLines = false): SourceDocument[] {
  const lines = withLines ? new LineCounter() : undefined;
  const documents = parseAllDocuments(text, { keepSourceTokens: false, uniqueKeys: false, merge: true, lineCounter: lines });
  const list = Array.isArray(documents) ? documents : [];
  const out: SourceDocument[] = [];
  for (const document of list) {
    const error = document.errors[0];
    if (error) {
      const line = error.linePos?.[0]?.line;
      const first = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
      throw new YamlReadError(`yaml: ${line ? `line ${line}: ` : ""}${first}`);
    }
    // A stream's trailing comment-only document holds no value: yq reads no document from it.
    if (document.contents === null && list.length > 1) continue;
    let value: unknown;
    try {
      value = valueOf(document.contents, document);
    } catch (err) {
      // Alias expansion past the bound, or a merge key (`<<`) of something that is not a map.
      throw new YamlReadError(err instanceof Error ? err.message : String(err));
    }
    keepNumberTexts(document);
    out.push({ document, value, text, lines });
  }
  return out;
}

/**
 * go-yaml prints an unchanged scalar with the text it was read from: `mode: 0644` stays `0644`,
 * `1_000` and `True` stay as written, where the `yaml` library would print the value it read
 * (`644`). Such scalars get the format SOURCE_TEXT prints them by.
 */
function keepNumberTexts(document: Document.Parsed): void {
  visit(document, {
    Scalar(_, node) {
      if ((typeof node.value === "number" || typeof node.value === "boolean") && node.type === Scalar.PLAIN && node.source !== undefined && node.source !== String(node.value)) {
        node.format = SOURCE_TEXT.format;
      }
    },
  });
}

const SOURCE_TEXT: ScalarTag = {
  tag: "tag:kubecoach,2026:source-text",
  format: "SOURCE",
  default: true,
  // Only chosen by format when printing; never when reading.
  test: /(?!)/,
  identify: (value) => typeof value === "number" || typeof value === "boolean",
  resolve: (text) => text,
  stringify: (item) => (item as Scalar).source ?? String((item as Scalar).value),
};

/**
 * What yq reads a node as, in JSON (what jq receives): an alias reads as its anchor's node, a map's
 * `<<` pairs as yq v4's traversal reads them by default (the entries of each merged map, and of each
 * map of a merged sequence in turn, set in document order, a later entry overriding an earlier one
 * in its place: `c: x` before `<<: *a` is overridden by a's `c`), which is not the YAML merge spec's
 * rule the `yaml` library follows. Alias expansion is bounded, as go-yaml bounds it.
 */
export function valueOf(node: unknown, doc: Document.Parsed, budget = { nodes: 0 }): unknown {
  if (++budget.nodes > MAX_EXPANDED_NODES) throw new YamlReadError("yaml: document contains excessive aliasing");
  if (isAlias(node)) return valueOf(node.resolve(doc), doc, budget);
  if (isSeq(node)) return node.items.map((item) => valueOf(item, doc, budget));
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      if (!isMergeKey(pair.key)) {
        out[keyOf(pair.key, doc, budget)] = valueOf(pair.value, doc, budget);
        continue;
      }
      const target = isAlias(pair.value) ? pair.value.resolve(doc) : pair.value;
      const sources = isSeq(target) ? target.items.map((i) => (isAlias(i) ? i.resolve(doc) : i)) : [target];
      for (const source of sources) {
        if (!isMap(source)) throw new YamlReadError("can only use merge anchors with maps (!!map) or sequences (!!seq) of maps");
        Object.assign(out, valueOf(source, doc, budget));
      }
    }
    return out;
  }
  if (isScalar(node)) {
    // A custom tag (`!horse 1.2`) keeps the value its plain text has: yq computes with it as such.
    if (node.tag && !node.tag.startsWith("tag:yaml.org,2002:") && typeof node.value === "string" && node.type === Scalar.PLAIN) return plainValue(node.value);
    return toJson(node.toJS(doc));
  }
  return null;
}

/** The value go-yaml's resolver gives a plain text: a number, a boolean, null or the string. */
function plainValue(text: string): unknown {
  if (/^(?:true|True|TRUE)$/.test(text)) return true;
  if (/^(?:false|False|FALSE)$/.test(text)) return false;
  if (/^(?:null|Null|NULL|~|)$/.test(text)) return null;
  if (/^[-+]?(?:[0-9]+|[0-9]*\.[0-9]+(?:[eE][-+]?[0-9]+)?)$/.test(text)) return Number(text);
  return text;
}

const MAX_EXPANDED_NODES = 1_000_000;

/** A map key as JSON names it: a scalar's text, anything else as its JSON. */
function keyOf(key: unknown, doc: Document.Parsed, budget: { nodes: number }): string {
  if (isAlias(key)) return keyOf(key.resolve(doc), doc, budget);
  if (isScalar(key)) return key.value === null ? "null" : String(key.value);
  return JSON.stringify(valueOf(key, doc, budget));
}

/** What yq's line, column, anchor, alias and style read of one node. */
export interface NodeFacts {
  line: number;
  column: number;
  anchor?: string;
  alias?: string;
  style?: string;
}

/**
 * The facts of every node of a document by the JSON text of its path (a key node's path ends with
 * "\u0000key"), for the operators that read them. Entries a map gets from `<<` have none (0, "").
 */
export function nodeFacts(source: SourceDocument): Record<string, NodeFacts> {
  const facts: Record<string, NodeFacts> = {};
  const at = (node: Node | undefined): { line: number; column: number } => {
    const offset = node?.range?.[0];
    if (offset === undefined || !source.lines) return { line: 0, column: 0 };
    const { line, col } = source.lines.linePos(offset);
    return { line, column: col };
  };
  const visitNode = (node: unknown, path: (string | number)[]) => {
    const key = JSON.stringify(path);
    if (isAlias(node)) {
      facts[key] = { ...at(node), alias: node.source };
      return;
    }
    if (!isMap(node) && !isSeq(node) && !isScalar(node)) return;
    facts[key] = { ...at(node), anchor: node.anchor, style: styleOf(node) };
    if (isSeq(node)) node.items.forEach((item, i) => visitNode(item, [...path, i]));
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isMergeKey(pair.key)) continue;
        const name = keyText(pair.key);
        if (name === undefined) continue;
        visitNode(pair.key, [...path, name, "\u0000key"]);
        visitNode(pair.value, [...path, name]);
      }
    }
  };
  visitNode(source.document.contents, []);
  return facts;
}

const SCALAR_STYLES: Record<string, string> = { QUOTE_DOUBLE: "double", QUOTE_SINGLE: "single", BLOCK_LITERAL: "literal", BLOCK_FOLDED: "folded" };

/** yq's style names: double, single, literal, folded, flow, or "" (plain, block). */
function styleOf(node: Node): string {
  if (isScalar(node)) return SCALAR_STYLES[node.type ?? ""] ?? "";
  return (isMap(node) || isSeq(node)) && node.flow ? "flow" : "";
}

/** JSON's view of a YAML value (what jq receives). */
function toJson(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "number" && !Number.isFinite(value)) return Number.isNaN(value) ? ".nan" : value > 0 ? ".inf" : "-.inf";
  if (Array.isArray(value)) return value.map(toJson);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toJson(v);
    return out;
  }
  return value;
}

export interface PrintOptions {
  indent: number;
  /** -P: every collection in block style, every scalar as plain as go-yaml allows. */
  pretty: boolean;
  unwrapScalar: boolean;
  compactSequences: boolean;
}

/**
 * How results are built from their JSON values: `doc` is the input document the reused nodes come
 * from (aliases and merge keys resolve against it); `explode` (yq's explode()) prints aliases and
 * merge keys expanded and drops anchors.
 */
export interface BuildContext {
  doc?: Document.Parsed;
  explode?: boolean;
}

/** The canonical JSON of a node's value (aliases and merge keys resolved), computed once per node. */
const canonical = new WeakMap<Node, string>();
function canonicalOf(node: Node, doc: Document.Parsed | undefined): string {
  let text = canonical.get(node);
  if (text === undefined) {
    try {
      text = JSON.stringify(doc ? valueOf(node, doc) : toJson(node.toJSON()));
    } catch {
      // An alias or merge key that does not resolve here: never taken as unchanged.
      text = "\u0000unresolved";
    }
    canonical.set(node, text);
  }
  return text;
}

/** An alias or a merge key anywhere in the node: what explode() expands. */
function containsAlias(node: unknown): boolean {
  if (isAlias(node)) return true;
  if (isMap(node)) return node.items.some((p) => isMergeKey(p.key) || containsAlias(p.key) || containsAlias(p.value));
  if (isSeq(node)) return node.items.some(containsAlias);
  return false;
}

/** A `<<` key (the yaml library reads it as a scalar holding Symbol(<<)). */
function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (typeof key.value === "symbol" ? key.value.description === "<<" : key.value === "<<" && (!key.type || key.type === Scalar.PLAIN));
}

/**
 * A node for `value`, reusing `source` (and, inside it, every unchanged child) where the value
 * is the same: an unchanged alias stays an alias (printed `*name` even when its anchor is not in
 * the output, as yq prints it) and a map whose merged entries are unchanged keeps its `<<` pairs.
 */
export function buildNode(value: unknown, source: unknown, context: BuildContext = {}): Node {
  const node = build(value, source, context);
  if (context.explode) dropAnchors(node);
  return node;
}

function build(value: unknown, source: unknown, context: BuildContext): Node {
  const { doc, explode } = context;
  const text = JSON.stringify(value);
  if (isAlias(source)) {
    const target = doc ? source.resolve(doc) : undefined;
    if (!explode && target && canonicalOf(target, doc) === text) return source.clone() as Node;
    source = undefined;
  }
  if (source && (isMap(source) || isSeq(source) || isScalar(source))) {
    if (canonicalOf(source as Node, doc) === text && !(explode && containsAlias(source))) return (source as Node).clone() as Node;
  }
  if (Array.isArray(value)) {
    const seq = new YAMLSeq();
    const items = isSeq(source) ? source.items : [];
    if (isSeq(source)) copyDecorations(seq, source);
    const used = new Set<number>();
    seq.items = value.map((v, i) => {
      // An element found unchanged elsewhere (after a deletion or insertion) keeps its own node.
      const itemText = JSON.stringify(v);
      const same = items.findIndex((n, j) => !used.has(j) && !isAlias(n) && n && canonicalOf(n as Node, doc) === itemText);
      const j = same >= 0 ? same : !used.has(i) ? i : -1;
      if (j >= 0) used.add(j);
      return build(v, j >= 0 ? items[j] : undefined, context);
    });
    return seq;
  }
  if (value !== null && typeof value === "object") {
    const map = new YAMLMap();
    const pairs = isMap(source) ? source.items : [];
    if (isMap(source)) copyDecorations(map, source);
    const values = value as Record<string, unknown>;
    // A map with `<<` pairs is compared entry by entry with what yq reads from it (own entries and
    // merged ones); the `<<` pairs stay while every entry they alone give is still there, unchanged.
    const hasMerge = pairs.some((p) => isMergeKey(p.key));
    const effective = hasMerge && doc ? (valueOf(source, doc) as Record<string, unknown>) : undefined;
    const own = new Set(pairs.filter((p) => !isMergeKey(p.key)).map((p) => keyText(p.key)));
    const mergedOnly = effective ? Object.keys(effective).filter((k) => !own.has(k)) : [];
    const unchanged = (k: string) => effective !== undefined && k in values && JSON.stringify(values[k]) === JSON.stringify(effective[k]);
    const keepMerge = effective !== undefined && !explode && mergedOnly.every(unchanged);
    let mergeWritten = false;
    for (const [k, v] of Object.entries(values)) {
      if (keepMerge && !own.has(k)) {
        if (!mergeWritten) for (const pair of pairs.filter((p) => isMergeKey(p.key))) map.items.push(pair.clone() as Pair);
        mergeWritten = true;
        continue;
      }
      const old = pairs.find((p) => !isMergeKey(p.key) && keyText(p.key) === k);
      if (old && keepMerge && unchanged(k)) {
        map.items.push(old.clone() as Pair);
        continue;
      }
      const key = old && isScalar(old.key) ? (old.key.clone() as Scalar) : newScalar(k);
      map.items.push(new Pair(key, build(v, old?.value, context)));
    }
    if (keepMerge && !mergeWritten) {
      // Every merged entry is overridden by the map's own: the `<<` pairs stay where they were.
      const at = Math.min(pairs.findIndex((p) => isMergeKey(p.key)), map.items.length);
      map.items.splice(at, 0, ...pairs.filter((p) => isMergeKey(p.key)).map((p) => p.clone() as Pair));
    }
    return map;
  }
  const scalar = newScalar(value);
  if (isScalar(source)) {
    // An assignment keeps the node's quoting or block style while its type stays (yq's UpdateFrom).
    const sameType = typeof source.value === typeof value && (source.value === null) === (value === null);
    if (sameType && source.type && source.type !== Scalar.PLAIN) scalar.type = source.type;
    scalar.anchor = source.anchor;
    scalar.commentBefore = source.commentBefore;
    scalar.comment = source.comment;
  }
  return scalar;
}

function dropAnchors(node: unknown): void {
  if (isMap(node) || isSeq(node) || isScalar(node)) node.anchor = undefined;
  if (isMap(node)) for (const pair of node.items) [pair.key, pair.value].forEach(dropAnchors);
  if (isSeq(node)) node.items.forEach(dropAnchors);
}

function copyDecorations(target: YAMLMap | YAMLSeq, source: YAMLMap | YAMLSeq): void {
  // An empty `{}` or `[]` that gains entries is printed in block style, as yq does.
  target.flow = source.flow && source.items.length > 0;
  target.anchor = source.anchor;
  target.commentBefore = source.commentBefore;
  target.comment = source.comment;
  target.spaceBefore = source.spaceBefore;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return key.value === null ? "null" : String(key.value);
  return undefined;
}

// Plain texts go-yaml's resolver reads as another type than a string: a string node holding one is
// force-quoted when encoded (YAML 1.1's yes/no/on/off are strings to it, so they stay plain).
const NON_STRING = [
  /^(?:true|True|TRUE|false|False|FALSE)$/,
  /^(?:null|Null|NULL|~)$/,
  /^[-+]?(?:0|[1-9][0-9_]*)$/,
  /^[-+]?0[0-7_]+$/,
  /^0o[0-7]+$/,
  /^[-+]?0x[0-9a-fA-F_]+$/,
  /^[-+]?0b[01_]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$/,
  /^[-+]?\.(?:inf|Inf|INF)$/,
  /^\.(?:nan|NaN|NAN)$/,
  /^\d{4}-\d{1,2}-\d{1,2}(?:[Tt ].*)?$/,
];

/** A scalar yq creates, in the style go-yaml's encoder gives it. */
export function newScalar(value: unknown): Scalar {
  const scalar = new Scalar(value);
  if (typeof value === "string") {
    if (value === "" || NON_STRING.some((re) => re.test(value))) scalar.type = Scalar.QUOTE_DOUBLE;
    else if (value.includes("\n")) scalar.type = Scalar.BLOCK_LITERAL;
    else scalar.type = Scalar.PLAIN;
  }
  return scalar;
}

/** -P: block collections, and scalars restyled as new ones (comments stay). */
export function prettify(node: unknown): void {
  if (isMap(node) || isSeq(node)) {
    node.flow = false;
    for (const item of node.items) {
      if (isMap(node)) {
        const pair = item as Pair;
        prettify(pair.key);
        prettify(pair.value);
      } else prettify(item);
    }
  } else if (isScalar(node)) {
    node.type = newScalar(node.value).type;
  }
}

export interface Output {
  node: Node;
  /** The input document it came from, whose top comments it keeps when it is that document's root. */
  from?: SourceDocument;
  root: boolean;
}

/** One result as yq prints it in YAML (with its final newline). */
export function printYaml(output: Output, options: PrintOptions): string {
  const { node } = output;
  if (options.pretty) prettify(node);
  if (isScalar(node) && options.unwrapScalar) return `${scalarText(node, output.from)}\n`;
  const document = new Document(null, { customTags: [SOURCE_TEXT], merge: true });
  document.contents = node as never;
  if (output.root && output.from) {
    document.commentBefore = output.from.document.commentBefore;
    document.comment = output.from.document.comment;
  }
  let text = document.toString({
    indent: options.indent,
    indentSeq: !options.compactSequences,
    lineWidth: 0,
    minContentWidth: 0,
    flowCollectionPadding: false,
    singleQuote: true,
    // yq prints an alias whose anchor is not part of the result (`.b` of `b: *a`) as it is.
    verifyAliasOrder: false,
  });
  if (!text.endsWith("\n")) text += "\n";
  return text;
}

/** A scalar's text as yq prints it unwrapped: a number or boolean as written in the file. */
function scalarText(node: Scalar, from: SourceDocument | undefined): string {
  if (node.value === null) {
    return from && node.range && node.source !== undefined ? sourceText(node, from) || "null" : "null";
  }
  if (typeof node.value === "string") return node.value;
  if (from && node.range && (node.type === Scalar.PLAIN || node.type === undefined)) {
    const text = sourceText(node, from);
    if (text) return text;
  }
  return String(node.value);
}

function sourceText(node: Scalar, from: SourceDocument): string {
  const [start, end] = node.range!;
  return from.text.slice(start, end).trim();
}

/** yq's JSON output: `indent` spaces (0: one line), no HTML escaping (as Go's encoder is set). */
export function printJson(value: unknown, indent: number, unwrapScalar: boolean): string {
  if (unwrapScalar && typeof value === "string") return `${value}\n`;
  return `${JSON.stringify(value, null, indent > 0 ? indent : undefined)}\n`;
}
