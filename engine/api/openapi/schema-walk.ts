import type { PropertySchema } from "./definitions";

type Json = Record<string, unknown>;

function isMap(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Copy-on-write through one property's value by its schema: a struct goes to `struct`, list items
 * and map values are walked in turn; the same value comes back when nothing below it changed.
 * The decoding walks (unknown-field pruning, empty-map dropping) differ only in what they do to a struct.
 */
export function mapBySchema(schema: PropertySchema, value: unknown, depth: number, struct: (typeName: string, value: Json, depth: number) => Json): unknown {
  if (schema.$ref) return isMap(value) ? struct(schema.$ref, value, depth) : value;
  if (schema.items && Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const after = mapBySchema(schema.items!, item, depth + 1, struct);
      if (after !== item) (copy ??= [...value])[i] = after;
    });
    return copy ?? value;
  }
  if (schema.additionalProperties && isMap(value)) {
    let copy: Json | undefined;
    for (const [key, item] of Object.entries(value)) {
      const after = mapBySchema(schema.additionalProperties, item, depth + 1, struct);
      if (after !== item) (copy ??= { ...value })[key] = after;
    }
    return copy ?? value;
  }
  return value;
}
