import { badRequest, invalid } from "../errors";
import type { ResourceDefinition } from "../resource";
import { DEFINITIONS, definitionName, type PropertySchema } from "./definitions";
import { customUnknownFields } from "../crd/definition";
import { duplicatePaths, parseJsonTree, treeOf, yamlDuplicateKeys, type JsonTree } from "./json-tree";

/**
 * Server-side field validation (`?fieldValidation=Strict|Warn|Ignore`): fields the kind's schema
 * does not know are an error under Strict (what kubectl sends), a `Warning:` under Warn (the
 * server's default), and silently dropped under Ignore. Paths are written as the strict JSON
 * decoder writes them: `spec.template.spec.containers[0].imagee`.
 */
export type FieldValidation = "Strict" | "Warn" | "Ignore";

export function fieldValidationOf(query: URLSearchParams): FieldValidation {
  const value = query.get("fieldValidation");
  if (value === null || value === "") return "Warn";
  if (value === "Strict" || value === "Warn" || value === "Ignore") return value;
  throw badRequest(`fieldValidation must be one of "Ignore", "Warn", or "Strict", got "${value}"`);
}

/** Where a strict walk writes: messages in document order, each once (the decoder dedupes them). */
class StrictIssues {
  readonly messages: string[] = [];
  private readonly seen = new Set<string>();

  add(message: string): void {
    if (this.seen.has(message)) return;
    this.seen.add(message);
    this.messages.push(message);
  }
}

interface WalkOptions {
  /** Strategic-merge directives (`$patch`, `$setElementOrder/…`) are not fields. */
  skipDirectives: boolean;
  /** Visit object members in key order: what reaches the decoder was re-encoded from a Go map (YAML bodies, patches). */
  sorted: boolean;
  /** Report repeated keys of known fields (typed JSON bodies). */
  duplicates: boolean;
}

function membersOf(tree: JsonTree & { kind: "object" }, options: WalkOptions): [string, JsonTree][] {
  return options.sorted ? [...tree.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : tree.entries;
}

function walkProperty(schema: PropertySchema, tree: JsonTree, path: string, out: StrictIssues, options: WalkOptions): void {
  if (schema.$ref) return walkDefinition(schema.$ref, tree, path, out, options);
  if (schema.items && tree.kind === "array") {
    tree.items.forEach((item, i) => walkProperty(schema.items!, item, `${path}[${i}]`, out, options));
    return;
  }
  if (schema.additionalProperties && tree.kind === "object") {
    const seen = new Set<string>();
    for (const [key, child] of membersOf(tree, options)) {
      if (options.duplicates && seen.has(key)) out.add(`duplicate field "${path}.${key}"`);
      seen.add(key);
      walkProperty(schema.additionalProperties, child, `${path}.${key}`, out, options);
    }
  }
}

function walkDefinition(name: string, tree: JsonTree, path: string, out: StrictIssues, options: WalkOptions): void {
  const def = DEFINITIONS[name];
  // Free-form types (RawExtension, JSON) and scalars accept anything here.
  if (!def?.properties || tree.kind !== "object") return;
  const seen = new Set<string>();
  for (const [key, child] of membersOf(tree, options)) {
    if (options.skipDirectives && key.startsWith("$")) continue;
    const property = def.properties[key];
    const childPath = path ? `${path}.${key}` : key;
    // The decoder skips an unknown member's value, so nothing inside it (not even a repeat) is reported.
    if (!property) {
      out.add(`unknown field "${childPath}"`);
      continue;
    }
    if (options.duplicates && seen.has(key)) out.add(`duplicate field "${childPath}"`);
    seen.add(key);
    walkProperty(property, child, childPath, out, options);
  }
}

function typedIssues(def: ResourceDefinition, version: string, body: unknown, tree: JsonTree, out: StrictIssues, options: WalkOptions): void {
  if (def.custom) {
    for (const path of customUnknownFields(def, body)) out.add(`unknown field "${path}"`);
    return;
  }
  const name = definitionName(def.group, version, def.kind);
  if (DEFINITIONS[name]) walkDefinition(name, tree, "", out, options);
}

/** The raw request body, when the request came over HTTP (in-process callers pass objects). */
export interface RawBody {
  body: unknown;
  contentType: string | undefined;
}

function rawText(raw: RawBody | undefined): string | undefined {
  if (!raw) return undefined;
  if (typeof raw.body === "string") return raw.body;
  if (raw.body instanceof Uint8Array) return new TextDecoder().decode(raw.body);
  return undefined;
}

function isYaml(contentType: string | undefined): boolean {
  return (contentType ?? "").split(";")[0].trim().endsWith("yaml");
}

/**
 * What strict decoding finds in a body, in the decoder's order, each an error under Strict and a
 * warning under Warn. JSON: repeated and unknown fields interleaved in document order (a field
 * both unknown and repeated is reported once, as unknown; custom resources and patches list every
 * repeat first, as they are decoded as plain maps). YAML: go-yaml's repeated-key lines first,
 * as one error, then the unknown fields in key order (the YAML went through a Go map to JSON).
 */
function strictIssues(def: ResourceDefinition, version: string, body: unknown, raw: RawBody | undefined, patch: boolean): { errors: string[]; warnings: string[] } {
  const text = rawText(raw);
  const out = new StrictIssues();
  const base = { skipDirectives: patch, sorted: false, duplicates: false };
  if (text !== undefined && isYaml(raw?.contentType)) {
    const repeats = yamlDuplicateKeys(text);
    typedIssues(def, version, body, treeOf(body), out, { ...base, sorted: true });
    const errors = repeats.length > 0 ? [`yaml: unmarshal errors:\n  ${repeats.join("\n  ")}`, ...out.messages] : out.messages;
    return { errors, warnings: [...repeats, ...out.messages] };
  }
  const tree = (text !== undefined ? parseJsonTree(text) : undefined) ?? treeOf(body);
  if (patch || def.custom) {
    for (const path of duplicatePaths(tree)) out.add(`duplicate field "${path}"`);
    typedIssues(def, version, body, tree, out, { ...base, sorted: patch });
  } else {
    typedIssues(def, version, body, tree, out, { ...base, duplicates: true });
  }
  return { errors: out.messages, warnings: out.messages };
}

/**
 * Applies the request's field-validation directive: throws the strict decoding error, or returns
 * the warnings to send back. `kind`/`version` name the body's type as the decoder reports it;
 * `raw` is the body as it came (repeated keys are only visible there).
 */
export function validateFields(
  def: ResourceDefinition,
  version: string,
  body: unknown,
  query: URLSearchParams,
  options: { patch?: boolean; raw?: RawBody } = {},
): string[] {
  const directive = fieldValidationOf(query);
  if (directive === "Ignore") return [];
  const { errors, warnings } = strictIssues(def, version, body, options.raw, options.patch ?? false);
  if (errors.length === 0) return [];
  if (directive === "Warn") return warnings;
  const strict = `strict decoding error: ${errors.join(", ")}`;
  if (options.patch) throw badRequest(strict);
  throw badRequest(`${def.kind} in version "${version}" cannot be handled as a ${def.kind}: ${strict}`);
}

/** The ops of a JSON patch may carry only these members; others are strict errors of their own. */
const JSON_PATCH_OP_FIELDS = new Set(["op", "path", "from", "value"]);

/** A JSON patch's own strict errors (kjson.UnmarshalStrict into []jsonPatchOp), in document order. */
function jsonPatchOpIssues(tree: JsonTree | undefined, out: StrictIssues): void {
  if (tree?.kind !== "array") return;
  tree.items.forEach((op, i) => {
    if (op.kind !== "object") return;
    const seen = new Set<string>();
    for (const [key] of op.entries) {
      if (!JSON_PATCH_OP_FIELDS.has(key)) out.add(`json patch unknown field "[${i}].${key}"`);
      else if (seen.has(key)) out.add(`json patch duplicate field "[${i}].${key}"`);
      seen.add(key);
    }
  });
}

/**
 * Field validation of a merge, JSON or strategic merge patch. The patcher decodes the patch
 * strictly (its own repeats, or a JSON patch op's unknown members), then the patched object
 * (its unknown fields, in key order: the object was re-encoded from a Go map). Under Strict the
 * answer is 422 with a single `patch` cause whose value is the patched object's JSON (merge, JSON
 * patch) or the patch map as Go's %v prints it (strategic merge), exactly as patch.go builds it.
 */
export function validatePatchFields(
  def: ResourceDefinition,
  version: string,
  type: "json" | "merge" | "strategic",
  patch: unknown,
  patched: unknown,
  query: URLSearchParams,
  raw: RawBody,
): string[] {
  const directive = fieldValidationOf(query);
  if (directive === "Ignore") return [];
  let messages: string[];
  if (type === "strategic") {
    messages = strictIssues(def, version, patch, raw, true).errors;
  } else {
    const out = new StrictIssues();
    const text = rawText(raw);
    const tree = (text !== undefined ? parseJsonTree(text) : undefined) ?? treeOf(patch);
    if (type === "json") jsonPatchOpIssues(tree, out);
    else for (const path of duplicatePaths(tree)) out.add(`duplicate field "${path}"`);
    typedIssues(def, version, patched, treeOf(patched), out, { skipDirectives: false, sorted: true, duplicates: false });
    messages = out.messages;
  }
  if (messages.length === 0 || directive === "Warn") return messages;
  const value = type === "strategic" ? goMapText(patch) : JSON.stringify(sortedKeys(patched));
  throw invalid("", "", "", [{ type: "FieldValueInvalid", field: "patch", value, detail: `strict decoding error: ${messages.join(", ")}` }]);
}

/** A value decoded into Go's map[string]interface{} as fmt's %v prints it: `map[spec:map[replicas:3]]`. */
export function goMapText(value: unknown): string {
  if (value === null || value === undefined) return "<nil>";
  if (Array.isArray(value)) return `[${value.map(goMapText).join(" ")}]`;
  if (typeof value === "object") {
    const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${keys.map((k) => `${k}:${goMapText((value as Record<string, unknown>)[k])}`).join(" ")}]`;
  }
  // Integral JSON numbers decode to int64; others are float64, whose %v pads the exponent to two digits.
  if (typeof value === "number") return String(value).replace(/e([+-])(\d)$/, "e$10$2");
  return String(value);
}

/** JSON as evanphx/json-patch writes a patched document back: object keys in sorted order. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== "object") return value;
  const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((k) => [k, sortedKeys((value as Record<string, unknown>)[k])]));
}

/**
 * Server-side apply reads its YAML strictly first: repeated keys are go-yaml's errors (fields the
 * schema lacks are the apply machinery's to report).
 */
export function validateApplyYaml(query: URLSearchParams, raw: RawBody): string[] {
  const directive = fieldValidationOf(query);
  const text = rawText(raw);
  if (directive === "Ignore" || text === undefined) return [];
  const repeats = yamlDuplicateKeys(text);
  if (repeats.length === 0 || directive === "Warn") return repeats;
  throw badRequest(`error strict decoding YAML: error converting YAML to JSON: yaml: unmarshal errors:\n  ${repeats.join("\n  ")}`);
}

/** The `Warning` header value for warnings (code 299, agent "-", each text quoted). */
export function warningHeader(warnings: string[]): Record<string, string> {
  if (warnings.length === 0) return {};
  return { warning: warnings.map((w) => `299 - ${JSON.stringify(w)}`).join(", ") };
}
