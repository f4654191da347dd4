import { isMap, isNode, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { z } from "zod";

/** One problem an author must fix, pointing at the file, line and field. */
export interface ValidationIssue {
  file: string;
  line?: number;
  column?: number;
  /** Dotted path of the field (`checks[2].points`). */
  field?: string;
  message: string;
}

export function formatIssue(issue: ValidationIssue): string {
  const where = [issue.file, issue.line, issue.column].filter((p) => p !== undefined).join(":");
  return `${where}: ${issue.field ? issue.field + ": " : ""}${issue.message}`;
}

export function fieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : out === "" ? String(part) : `.${String(part)}`;
  return out;
}

/** A parsed YAML file that can say where any of its fields is. */
export class YamlSource {
  readonly doc: Document;
  private readonly lines = new LineCounter();

  constructor(
    readonly file: string,
    text: string,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
  }

  get value(): unknown {
    return this.doc.toJS({ maxAliasCount: 100 });
  }

  syntaxIssues(): ValidationIssue[] {
    return [...this.doc.errors, ...this.doc.warnings].map((e) => {
      const pos = this.lines.linePos(e.pos[0]);
      return { file: this.file, line: pos.line, column: pos.col, message: e.message.split("\n")[0] };
    });
  }

  /** Position of the deepest existing node on the path (the key itself when `key` is set). */
  position(path: readonly PropertyKey[], key?: string): { line: number; column: number } | undefined {
    let node: unknown = this.doc.contents;
    for (const part of path) {
      const next = isNode(node) ? (node as { get?: (k: unknown, keep: boolean) => unknown }).get?.(part, true) : undefined;
      if (!isNode(next)) break;
      node = next;
    }
    if (key && isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
      if (pair && isNode(pair.key)) node = pair.key;
    }
    const range = (node as Node | undefined)?.range;
    if (!range) return undefined;
    const pos = this.lines.linePos(range[0]);
    return { line: pos.line, column: pos.col };
  }

  /** Turns schema errors into issues positioned in this file. */
  schemaIssues(error: z.ZodError, fieldPrefix = ""): ValidationIssue[] {
    return error.issues.flatMap((issue) => {
      const keys = issue.code === "unrecognized_keys" ? (issue as { keys: string[] }).keys : [undefined];
      return keys.map((key) => {
        const path = issue.path as PropertyKey[];
        const pos = this.position(path, key);
        const field = fieldPath(key ? [...path, key] : path);
        const message = key ? "is not a known field here" : issue.message;
        return { file: this.file, ...(pos ? { line: pos.line, column: pos.column } : {}), ...(field || fieldPrefix ? { field: fieldPrefix + field } : {}), message };
      });
    });
  }
}
