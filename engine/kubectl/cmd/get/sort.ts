import { tryQuantity } from "../../../api/quantity";
import { JsonPath, relaxedJsonPath } from "../../printers/jsonpath";

/**
 * `--sort-by`: kubectl's sorter compares the first value the JSONPath finds in each object:
 * numbers numerically, strings that are both quantities by quantity, other strings by bytes.
 * Objects without the field sort first.
 */
export function sortKey(expression: string): (obj: unknown) => unknown[] {
  const path = new JsonPath(true).parse(relaxedJsonPath(expression));
  return (obj) => path.findAll(JSON.parse(JSON.stringify(obj ?? null))).flat();
}

function less(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") return a < b;
  if (typeof a === "string" && typeof b === "string") {
    const qa = tryQuantity(a);
    const qb = tryQuantity(b);
    if (qa && qb) return qa.cmp(qb) < 0;
    return a < b;
  }
  if (typeof a === "boolean" && typeof b === "boolean") return !a && b;
  return false;
}

/** Stable sort of items by the sort-by field. */
export function sortBy<T>(list: T[], expression: string, objectOf: (item: T) => unknown): T[] {
  const key = sortKey(expression);
  const keyed = list.map((item, index) => ({ item, index, values: key(objectOf(item)) }));
  keyed.sort((x, y) => {
    const a = x.values[0];
    const b = y.values[0];
    if (x.values.length === 0 && y.values.length === 0) return x.index - y.index;
    if (x.values.length === 0) return -1;
    if (y.values.length === 0) return 1;
    if (less(a, b)) return -1;
    if (less(b, a)) return 1;
    return x.index - y.index;
  });
  return keyed.map((k) => k.item);
}

/** Whether any object has the field (kubectl refuses to sort by a field no object has). */
export function anyHasField(objects: unknown[], expression: string): boolean {
  const key = sortKey(expression);
  return objects.length === 0 || objects.some((o) => key(o).length > 0);
}
