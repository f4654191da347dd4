import type { FieldError } from "../errors";

/**
 * Field paths and error constructors after k8s.io/apimachinery/pkg/util/validation/field:
 * `spec.containers[0].ports[1]`, `metadata.labels[app]`, and Required/Invalid/NotSupported/…
 * errors whose text matches field.Error.Error().
 */
export class Path {
  private constructor(readonly text: string) {}

  static root(name: string, ...more: string[]): Path {
    return more.reduce((p, m) => p.child(m), new Path(name));
  }

  child(name: string, ...more: string[]): Path {
    const first = new Path(this.text ? `${this.text}.${name}` : name);
    return more.reduce((p, m) => p.child(m), first);
  }

  index(i: number): Path {
    return new Path(`${this.text}[${i}]`);
  }

  key(k: string): Path {
    return new Path(`${this.text}[${k}]`);
  }

  toString(): string {
    return this.text;
  }
}

export const required = (path: Path, detail = ""): FieldError => ({ type: "FieldValueRequired", field: path.toString(), detail });
export const forbidden = (path: Path, detail = ""): FieldError => ({ type: "FieldValueForbidden", field: path.toString(), detail });
export const invalid = (path: Path, value: unknown, detail = ""): FieldError => ({ type: "FieldValueInvalid", field: path.toString(), value, detail });
/** An Invalid error whose value is printed as Go's %#v would print it. */
export const invalidGo = (path: Path, rendered: string, detail = ""): FieldError => ({ type: "FieldValueInvalid", field: path.toString(), rendered, detail });
export const notSupported = (path: Path, value: unknown, allowed: string[]): FieldError => ({ type: "FieldValueNotSupported", field: path.toString(), value, allowed });
export const duplicate = (path: Path, value: unknown): FieldError => ({ type: "FieldValueDuplicate", field: path.toString(), value });
export const notFound = (path: Path, value: unknown): FieldError => ({ type: "FieldValueNotFound", field: path.toString(), value });
export const tooLong = (path: Path, max: number): FieldError => ({ type: "FieldValueTooLong", field: path.toString(), detail: `may not be more than ${max} ${max === 1 ? "byte" : "bytes"}` });
export const tooMany = (path: Path, actual: number, max: number): FieldError => ({ type: "FieldValueTooMany", field: path.toString(), detail: `${actual}: must have at most ${max} items` });

export const FIELD_IMMUTABLE = "field is immutable";
export const IS_NEGATIVE = "must be greater than or equal to 0";

// ---------- Go %#v renderings for the values validation errors quote ----------

const goString = (s: string) => JSON.stringify(s);

/** `map[string]string{"a":"1", "b":"2"}` (keys sorted, as fmt prints maps). */
export function goStringMap(map: Record<string, string> | undefined | null): string {
  if (map === undefined || map === null) return "map[string]string(nil)";
  const keys = Object.keys(map).sort();
  return `map[string]string{${keys.map((k) => `${goString(k)}:${goString(map[k])}`).join(", ")}}`;
}

/** `[]string{"a", "b"}` or `[]string(nil)`. */
export function goStringSlice(values: string[] | undefined | null, type = "[]string"): string {
  if (values === undefined || values === null) return `${type}(nil)`;
  return `${type}{${values.map(goString).join(", ")}}`;
}

interface SelectorLike {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: { key: string; operator: string; values?: string[] | null }[] | null;
}

/** A metav1.LabelSelector printed with %#v (what immutable-selector errors show). */
export function goLabelSelector(selector: SelectorLike | undefined | null): string {
  if (!selector) return "null";
  const labels = selector.matchLabels === undefined || selector.matchLabels === null ? "map[string]string(nil)" : goStringMap(selector.matchLabels);
  let expressions = "[]v1.LabelSelectorRequirement(nil)";
  if (selector.matchExpressions) {
    expressions = `[]v1.LabelSelectorRequirement{${selector.matchExpressions
      .map((e) => `v1.LabelSelectorRequirement{Key:${goString(e.key)}, Operator:${goString(e.operator)}, Values:${goStringSlice(e.values)}}`)
      .join(", ")}}`;
  }
  return `v1.LabelSelector{MatchLabels:${labels}, MatchExpressions:${expressions}}`;
}
