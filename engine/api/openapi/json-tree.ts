import { isDocument, isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import { isPlainObject } from "../../util/json";
import { GO_YAML_OPTIONS } from "../go-yaml";

/**
 * A JSON document's shape with every object member kept in order, duplicates included —
 * JSON.parse keeps only the last of a repeated key, but strict field validation reports the
 * repeat (`duplicate field "spec.paused"`), interleaved with unknown fields in document order.
 * Scalar values are not needed for that and are not kept.
 */
export type JsonTree = { kind: "object"; entries: [string, JsonTree][] } | { kind: "array"; items: JsonTree[] } | { kind: "scalar" };

const SCALAR: JsonTree = { kind: "scalar" };

/** The tree of an already decoded value (no duplicates can be left in it). */
export function treeOf(value: unknown): JsonTree {
  if (Array.isArray(value)) return { kind: "array", items: value.map(treeOf) };
  if (isPlainObject(value)) return { kind: "object", entries: Object.entries(value).map(([k, v]) => [k, treeOf(v)]) };
  return SCALAR;
}

/** Parses JSON text into a tree; undefined when the text is not JSON (the decoder reports that). */
export function parseJsonTree(text: string): JsonTree | undefined {
  let at = 0;
  const space = () => {
    while (at < text.length && (text[at] === " " || text[at] === "\n" || text[at] === "\r" || text[at] === "\t")) at++;
  };
  const string = (): string => {
    const start = at;
    at++;
    while (at < text.length && text[at] !== '"') at += text[at] === "\\" ? 2 : 1;
    at++;
    return JSON.parse(text.slice(start, at)) as string;
  };
  const value = (): JsonTree => {
    space();
    const c = text[at];
    if (c === "{") {
      at++;
      const entries: [string, JsonTree][] = [];
      space();
      if (text[at] === "}") {
        at++;
        return { kind: "object", entries };
      }
      for (;;) {
        space();
        if (text[at] !== '"') throw new SyntaxError("key");
        const key = string();
        space();
        if (text[at++] !== ":") throw new SyntaxError(":");
        entries.push([key, value()]);
        space();
        const next = text[at++];
        if (next === "}") return { kind: "object", entries };
        if (next !== ",") throw new SyntaxError(",");
      }
    }
    if (c === "[") {
      at++;
      const items: JsonTree[] = [];
      space();
      if (text[at] === "]") {
        at++;
        return { kind: "array", items };
      }
      for (;;) {
        items.push(value());
        space();
        const next = text[at++];
        if (next === "]") return { kind: "array", items };
        if (next !== ",") throw new SyntaxError(",");
      }
    }
    if (c === '"') {
      string();
      return SCALAR;
    }
    const literal = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(at, at + 400));
    if (!literal) throw new SyntaxError("value");
    at += literal[0].length;
    return SCALAR;
  };
  try {
    const tree = value();
    space();
    return at === text.length ? tree : undefined;
  } catch {
    return undefined;
  }
}

/** Every repeated key of the document in order, as `path` strings (`spec.containers[0].image`). */
export function duplicatePaths(tree: JsonTree, path = "", out: string[] = []): string[] {
  if (tree.kind === "array") tree.items.forEach((item, i) => duplicatePaths(item, `${path}[${i}]`, out));
  if (tree.kind === "object") {
    const seen = new Set<string>();
    for (const [key, child] of tree.entries) {
      const childPath = path ? `${path}.${key}` : key;
      if (seen.has(key)) out.push(childPath);
      seen.add(key);
      duplicatePaths(child, childPath, out);
    }
  }
  return out;
}

/**
 * go-yaml's complaints about repeated mapping keys, in document order, as sigs.k8s.io/yaml's
 * strict YAML-to-JSON conversion lists them: `line 5: key "name" already set in map`.
 */
export function yamlDuplicateKeys(text: string): string[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { ...GO_YAML_OPTIONS, uniqueKeys: false, lineCounter: lines });
  const out: string[] = [];
  const visit = (node: unknown): void => {
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = pair.key as YamlNode | null;
        const keyValue = key && "value" in key ? (key as { value: unknown }).value : key;
        const id = JSON.stringify(keyValue);
        if (seen.has(id)) {
          const line = key?.range ? lines.linePos(key.range[0]).line : 0;
          out.push(`line ${line}: key ${typeof keyValue === "string" ? JSON.stringify(keyValue) : String(keyValue)} already set in map`);
        }
        seen.add(id);
        visit(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) visit(item);
    }
  };
  visit(isDocument(doc) ? doc.contents : undefined);
  return out;
}
