import { badRequest } from "../errors";

/** RFC 6902 JSON Patch, as `kubectl patch --type=json` sends it. Operates on a private copy. */
interface Operation {
  op: string;
  path: string;
  value?: unknown;
  from?: string;
}

function parsePointer(pointer: string): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw badRequest(`the server rejected our request due to an error in our request`);
  return pointer
    .slice(1)
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
}

type Container = Record<string, unknown> | unknown[];

function resolveParent(doc: unknown, tokens: string[], path: string): { parent: Container; key: string } {
  let cur: unknown = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(t)];
    else if (cur && typeof cur === "object") cur = (cur as Record<string, unknown>)[t];
    else cur = undefined;
    if (cur === undefined) throw badRequest(`doc is missing path: "${path}": missing value`);
  }
  if (!cur || typeof cur !== "object") throw badRequest(`doc is missing path: "${path}": missing value`);
  return { parent: cur as Container, key: tokens[tokens.length - 1] };
}

function getAt(doc: unknown, path: string): unknown {
  let cur = doc;
  for (const t of parsePointer(path)) {
    if (Array.isArray(cur)) cur = cur[Number(t)];
    else if (cur && typeof cur === "object") cur = (cur as Record<string, unknown>)[t];
    else cur = undefined;
    if (cur === undefined) throw badRequest(`doc is missing path: "${path}": missing value`);
  }
  return cur;
}

function arrayIndex(key: string, length: number, forAdd: boolean, path: string): number {
  if (forAdd && key === "-") return length;
  const n = Number(key);
  if (!/^\d+$/.test(key) || n > length || (!forAdd && n >= length)) {
    throw badRequest(`unable to access invalid index: ${key}: ${path}`);
  }
  return n;
}

function add(doc: unknown, path: string, value: unknown): unknown {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return value;
  const { parent, key } = resolveParent(doc, tokens, path);
  if (Array.isArray(parent)) parent.splice(arrayIndex(key, parent.length, true, path), 0, value);
  else parent[key] = value;
  return doc;
}

function remove(doc: unknown, path: string): unknown {
  const tokens = parsePointer(path);
  const { parent, key } = resolveParent(doc, tokens, path);
  if (Array.isArray(parent)) parent.splice(arrayIndex(key, parent.length, false, path), 1);
  else {
    if (!(key in parent)) throw badRequest(`Unable to remove nonexistent key: ${key}: missing value`);
    delete parent[key];
  }
  return doc;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function applyJsonPatch(target: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch)) throw badRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
  let doc = JSON.parse(JSON.stringify(target));
  for (const raw of patch as Operation[]) {
    const value = raw.value === undefined ? undefined : JSON.parse(JSON.stringify(raw.value));
    switch (raw.op) {
      case "add":
        doc = add(doc, raw.path, value);
        break;
      case "remove":
        doc = remove(doc, raw.path);
        break;
      case "replace": {
        getAt(doc, raw.path);
        doc = remove(doc, raw.path);
        doc = add(doc, raw.path, value);
        break;
      }
      case "move": {
        const moved = getAt(doc, raw.from ?? "");
        doc = remove(doc, raw.from ?? "");
        doc = add(doc, raw.path, moved);
        break;
      }
      case "copy":
        doc = add(doc, raw.path, JSON.parse(JSON.stringify(getAt(doc, raw.from ?? ""))));
        break;
      case "test":
        if (!deepEqual(getAt(doc, raw.path), value)) throw badRequest(`testing value ${raw.path} failed: test failed`);
        break;
      default:
        throw badRequest(`Unexpected kind: ${raw.op}`);
    }
  }
  return doc;
}
