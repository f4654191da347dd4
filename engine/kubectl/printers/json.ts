/**
 * JSON as kubectl prints it (encoding/json MarshalIndent with four spaces over unstructured maps):
 * object keys sorted, HTML-sensitive characters escaped as \u003c \u003e \u0026, one trailing newline.
 */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** Go's encoding/json escapes <, >, & and the line/paragraph separators. */
function goEscape(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export function toJson(value: unknown, indent = "    ", sorted = true): string {
  const text = JSON.stringify(sorted ? sortKeys(value) : value, null, indent) ?? "null";
  // Go prints empty containers as {} and [] like JSON.stringify; only the escaping differs.
  return goEscape(text) + "\n";
}

/** Compact JSON with Go's escaping and sorted keys (annotations such as last-applied-configuration). */
export function toCompactJson(value: unknown): string {
  return goEscape(JSON.stringify(sortKeys(value)) ?? "null");
}
