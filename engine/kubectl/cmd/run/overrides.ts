import type { KubeObject } from "../../../api/types";
import { applyJsonPatch } from "../../../api/patch/json-patch";
import { applyMergePatch } from "../../../api/patch/merge-patch";
import { applyStrategicMergePatch } from "../../../api/patch/strategic";
import { DEFINITIONS, definitionName, type PropertySchema } from "../../../api/openapi/definitions";
import type { CommandContext } from "../../cli/command";
import { typedRoundTrip } from "../../resource/typed";

/**
 * `--overrides` / `--override-type` of run and expose (kubectl's cmdutil.Overrider): the generated
 * object is encoded to JSON, patched (merge by default, or json / strategic), and decoded back into
 * its Go type, so fields the type does not know are dropped and the key order is the struct's.
 */
export function applyOverrides(c: CommandContext, obj: KubeObject): KubeObject {
  const text = c.flags.string("overrides");
  if (!text) return obj;
  const type = c.flags.string("override-type") || "merge";
  if (!["json", "merge", "strategic"].includes(type)) throw new Error(`invalid override type: ${type}`);
  let patch: unknown;
  try {
    patch = JSON.parse(text);
  } catch (e) {
    // evanphx/json-patch and strategicpatch word an undecodable document their way; JSON patches fail in encoding/json.
    throw new Error(type === "merge" ? "Invalid JSON Patch" : type === "strategic" ? "invalid JSON document" : goSyntaxError(text, e as Error));
  }
  let patched: unknown;
  if (type === "json") {
    if (!Array.isArray(patch)) throw new Error(`json: cannot unmarshal ${goJsonType(patch)} into Go value of type jsonpatch.Patch`);
    patched = applyJsonPatch(obj, patch);
  } else if (type === "merge") {
    if (patch === null || typeof patch !== "object" || Array.isArray(patch)) throw new Error("Invalid JSON Patch");
    patched = applyMergePatch(obj, patch);
  } else patched = applyStrategicMergePatch(obj, patch, obj.kind);
  const result = patched as KubeObject;
  if (!result.kind) throw new Error(`Object 'Kind' is missing in '${JSON.stringify(result)}'`);
  const [group, version] = result.apiVersion?.includes("/") ? result.apiVersion.split("/") : ["", result.apiVersion ?? ""];
  return typedRoundTrip(pruneUnknown(result, definitionName(group, version, result.kind)) as KubeObject);
}

/** encoding/json's syntax error for the commonest mistakes (a bad key or value, a cut-off document). */
function goSyntaxError(text: string, e: Error): string {
  const at = /position (\d+)/.exec(e.message);
  const pos = at ? Number(at[1]) : text.length;
  if (pos >= text.trimEnd().length) return "unexpected end of JSON input";
  const before = text.slice(0, pos).trimEnd().slice(-1);
  const ch = JSON.stringify(text[pos]).slice(1, -1).replace(/'/g, "\\'");
  return `invalid character '${ch}' ${before === "{" ? "looking for beginning of object key string" : "looking for beginning of value"}`;
}

function goJsonType(v: unknown): string {
  if (v === null) return "null";
  if (typeof v === "object") return "object";
  return typeof v === "string" ? "string" : typeof v === "number" ? "number" : "bool";
}

/** Drops what decoding into the Go type would drop: members the type's schema does not define. */
function pruneUnknown(value: unknown, definition: string | undefined): unknown {
  const def = definition ? DEFINITIONS[definition] : undefined;
  if (!def?.properties || value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const property = def.properties[key];
    if (property) out[key] = pruneProperty(child, property);
  }
  return out;
}

function pruneProperty(value: unknown, schema: PropertySchema): unknown {
  if (schema.$ref) return pruneUnknown(value, schema.$ref);
  if (schema.items && Array.isArray(value)) return value.map((item) => pruneProperty(item, schema.items!));
  if (schema.additionalProperties && value !== null && typeof value === "object" && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, pruneProperty(v, schema.additionalProperties!)]));
  }
  return value;
}
