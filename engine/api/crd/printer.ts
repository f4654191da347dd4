import { age, column, NAME_COLUMN, type ColumnDefinition, type TablePrinter } from "../table";
import { isPlainObject } from "../../util/json";
import type { KubeObject } from "../types";

export interface PrinterColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

const AGE_DESCRIPTION =
  "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

/**
 * Follows the simple JSONPath the CRD API allows in additionalPrinterColumns: `.a.b`, `.a[0]`,
 * `.a[*].b` and filters such as `.status.conditions[?(@.type=="Ready")].status`.
 */
export function evaluateColumnPath(obj: unknown, path: string): unknown[] {
  const tokens = path.match(/\.[^.[\]]+|\[[^\]]*\]/g) ?? [];
  let current: unknown[] = [obj];
  for (const token of tokens) {
    const next: unknown[] = [];
    for (const value of current) {
      if (token.startsWith(".")) {
        if (isPlainObject(value) && value[token.slice(1)] !== undefined) next.push(value[token.slice(1)]);
        continue;
      }
      if (!Array.isArray(value)) continue;
      const inner = token.slice(1, -1);
      const filter = /^\?\(@\.([\w.-]+)\s*==\s*["']([^"']*)["']\)$/.exec(inner);
      if (inner === "*") next.push(...value);
      else if (filter) next.push(...value.filter((v) => isPlainObject(v) && String(v[filter[1]]) === filter[2]));
      else if (/^-?\d+$/.test(inner)) {
        const i = Number(inner);
        const item = value[i < 0 ? value.length + i : i];
        if (item !== undefined) next.push(item);
      }
    }
    current = next;
  }
  return current;
}

function cell(type: string, value: unknown, now: number): unknown {
  switch (type) {
    case "date":
      return typeof value === "string" && !Number.isNaN(Date.parse(value)) ? age(value, now) : null;
    case "integer":
    case "number":
      return typeof value === "number" ? value : null;
    case "boolean":
      return typeof value === "boolean" ? value : null;
    default:
      if (typeof value === "string") return value;
      return typeof value === "object" ? JSON.stringify(value) : String(value);
  }
}

/**
 * The table of a custom resource: Name, then the CRD's additionalPrinterColumns, or an Age column
 * when it declares none (apiextensions-apiserver's table convertor).
 */
export function customResourcePrinter(columns: PrinterColumn[] | undefined): TablePrinter {
  const specs: PrinterColumn[] =
    columns && columns.length > 0 ? columns : [{ name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp", description: AGE_DESCRIPTION }];
  const definitions: ColumnDefinition[] = [
    NAME_COLUMN,
    ...specs.map((c) => column(c.name, c.type as ColumnDefinition["type"], c.description ?? "", { priority: c.priority ?? 0, format: c.format ?? "" })),
  ];
  return {
    columns: definitions,
    rows: (obj: KubeObject, ctx) => [
      [obj.metadata.name, ...specs.map((c) => {
        const found = evaluateColumnPath(obj, c.jsonPath);
        return found.length === 0 ? null : cell(c.type, found[0], ctx.now);
      })],
    ],
  };
}
