import { badRequest } from "../errors";
import { goJsonKind, goJsonSyntaxError } from "./go-json";

/**
 * Decodes the body of a JSON, merge or strategic merge patch and refuses one the real API server
 * would refuse before applying it, with its status (400 BadRequest) and words, from
 * k8s.io/apiserver/pkg/endpoints/handlers/patch.go:
 *
 * - strategic: the body must decode into a map — the decoder's error as it is;
 * - merge: under fieldValidation Strict or Warn (the server's default) the same check, prefixed
 *   `error decoding patch: `; a body that is not JSON, or null, is `Invalid JSON Patch`;
 * - json: under Strict or Warn, a list of operations (`error decoding patch: ` and the decoder's
 *   error, naming the handler's own jsonPatchOp type); under Ignore the json-patch library's decode.
 *
 * In-process callers pass objects rather than text: only the shape checks apply to them.
 */
export type JsonPatchKind = "json" | "merge" | "strategic";

const MAP_TYPE = "map[string]interface {}";

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parse(body: string | Uint8Array, onSyntaxError: (message: string) => never): unknown {
  const syntax = goJsonSyntaxError(body);
  if (syntax) onSyntaxError(syntax);
  return JSON.parse(typeof body === "string" ? body : new TextDecoder().decode(body));
}

/** The first type error decoding into []jsonPatchOp (Go reports the first in document order). */
function jsonPatchOpError(patch: unknown, strict: boolean): string | undefined {
  const sliceType = strict ? "[]handlers.jsonPatchOp" : "jsonpatch.Patch";
  const itemType = strict ? "handlers.jsonPatchOp" : "jsonpatch.Operation";
  if (patch === null) return undefined;
  if (!Array.isArray(patch)) return `json: cannot unmarshal ${goJsonKind(patch)} into Go value of type ${sliceType}`;
  for (const op of patch) {
    if (op === null) continue;
    if (!isObject(op)) return `json: cannot unmarshal ${goJsonKind(op)} into Go value of type ${itemType}`;
    if (!strict) continue;
    for (const field of ["op", "path", "from"]) {
      const value = op[field];
      if (value !== undefined && value !== null && typeof value !== "string") {
        return `json: cannot unmarshal ${goJsonKind(value)} into Go struct field jsonPatchOp.${field} of type string`;
      }
    }
  }
  return undefined;
}

export function decodePatchBody(kind: JsonPatchKind, body: unknown, fieldValidation: "Strict" | "Warn" | "Ignore"): unknown {
  if (body === undefined || body === "") return undefined;
  const text = typeof body === "string" || body instanceof Uint8Array ? body : undefined;
  const strict = fieldValidation !== "Ignore";
  switch (kind) {
    case "strategic": {
      const patch = text === undefined ? body : parse(text, (m) => {
        throw badRequest(m);
      });
      if (patch !== null && !isObject(patch)) throw badRequest(`json: cannot unmarshal ${goJsonKind(patch)} into Go value of type ${MAP_TYPE}`);
      return patch;
    }
    case "merge": {
      const patch = text === undefined ? body : parse(text, (m) => {
        throw badRequest(strict ? `error decoding patch: ${m}` : "Invalid JSON Patch");
      });
      if (strict && patch !== null && !isObject(patch)) throw badRequest(`error decoding patch: json: cannot unmarshal ${goJsonKind(patch)} into Go value of type ${MAP_TYPE}`);
      // json-patch's MergePatch: a null patch, or one that is neither an object nor a list, is not a patch.
      if (patch === null || (!isObject(patch) && !Array.isArray(patch))) throw badRequest("Invalid JSON Patch");
      return patch;
    }
    case "json": {
      const patch = text === undefined ? body : parse(text, (m) => {
        throw badRequest(strict ? `error decoding patch: ${m}` : m);
      });
      const error = jsonPatchOpError(patch, strict);
      if (error) throw badRequest(strict ? `error decoding patch: ${error}` : error);
      return patch;
    }
  }
}
