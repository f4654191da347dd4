import { parseAllDocuments } from "yaml";
import { applyJsonPatch } from "../../api/patch/json-patch";
import { applyStrategicMergePatch } from "../../api/patch/strategic";
import { groupVersion, kindOf, KustomizeError, namespaceOf, nameOf, resId, type Json, type KResource } from "./resource";
import type { RootLoader } from "./loader";

export interface PatchTarget {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

export interface PatchEntry {
  path?: string;
  patch?: string;
  target?: PatchTarget;
}

function parseYamlDocs(text: string, what: string): unknown[] {
  const out: unknown[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new KustomizeError(`trouble configuring builtin PatchTransformer with config: \`\n${what}\n\`: ${doc.errors[0].message.split("\n")[0]}`);
    const value = doc.toJS() as unknown;
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}

/** Equality selectors (`a=b,c!=d,e`) against a map. */
function selects(selector: string | undefined, map: Json | undefined): boolean {
  if (!selector) return true;
  const m = map ?? {};
  for (const term of selector.split(",").map((t) => t.trim()).filter(Boolean)) {
    const eq = /^([^!=]+?)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (eq) {
      const same = m[eq[1]] !== undefined && String(m[eq[1]]) === eq[3];
      if (eq[2] === "!=" ? same : !same) return false;
    } else if (term.startsWith("!")) {
      if (term.slice(1) in m) return false;
    } else if (!(term in m)) return false;
  }
  return true;
}

function anchored(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return pattern === value;
  }
}

function matchesTarget(r: KResource, t: PatchTarget): boolean {
  const { group, version } = groupVersion(r.obj);
  if (t.group !== undefined && t.group !== "" && t.group !== group) return false;
  if (t.version && t.version !== version) return false;
  if (t.kind && t.kind !== kindOf(r.obj)) return false;
  if (t.name && !r.names.some((n) => anchored(t.name!, n))) return false;
  if (t.namespace && !anchored(t.namespace, namespaceOf(r.obj))) return false;
  const meta = (r.obj.metadata ?? {}) as Json;
  return selects(t.labelSelector, meta.labels as Json) && selects(t.annotationSelector, meta.annotations as Json);
}

function applySmp(resources: KResource[], r: KResource, patch: Json): void {
  const result = applyStrategicMergePatch(r.obj, patch, kindOf(r.obj)) as Json | undefined;
  if (result === undefined) resources.splice(resources.indexOf(r), 1);
  else r.obj = result;
}

/** A strategic merge patch without a target applies to the object its own kind and name identify. */
function applyIdentifiedSmp(resources: KResource[], patch: Json): void {
  const kind = kindOf(patch);
  const name = nameOf(patch);
  const ns = namespaceOf(patch);
  const { group } = groupVersion(patch);
  // kustomize compares namespaces with "" and "default" as one: a patch without a namespace misses objects placed elsewhere.
  const sameNs = (a: string, b: string) => (a || "default") === (b || "default");
  const matches = resources.filter((r) => kindOf(r.obj) === kind && groupVersion(r.obj).group === group && r.names.includes(name) && sameNs(ns, namespaceOf(r.obj)));
  const current = matches.filter((r) => nameOf(r.obj) === name);
  const chosen = current.length === 1 ? current : matches;
  if (chosen.length !== 1) {
    const id = resId(patch);
    const why = chosen.length === 0 ? `no matches for Id ${id}` : `multiple matches for Id ${id}`;
    throw new KustomizeError(`no resource matches strategic merge patch "${id}": ${why}; failed to find unique target for patch ${id}`);
  }
  const body = JSON.parse(JSON.stringify(patch)) as Json;
  (body.metadata as Json).name = nameOf(chosen[0].obj);
  applySmp(resources, chosen[0], body);
}

function applyJson6902(r: KResource, ops: unknown): void {
  try {
    r.obj = applyJsonPatch(r.obj, ops) as Json;
  } catch (e) {
    throw new KustomizeError((e as Error).message);
  }
}

/** The `patches:` field: strategic merge or JSON 6902 patches, inline or from a file, with an optional target. */
export function applyPatches(resources: KResource[], entries: PatchEntry[] | undefined, loader: RootLoader): void {
  for (const entry of entries ?? []) {
    if (entry.path && entry.patch) throw new KustomizeError("patch and path can't be set at the same time");
    const text = entry.path ? loader.readFile(entry.path) : (entry.patch ?? "");
    if (!text.trim()) throw new KustomizeError("must specify one of patch and path in\n" + JSON.stringify(entry));
    const docs = parseYamlDocs(text, text);
    const isJson6902 = docs.length === 1 && Array.isArray(docs[0]);
    if (isJson6902) {
      if (!entry.target) throw new KustomizeError("unable to find patch target: must specify a target for patch " + text.trim());
      for (const r of resources.filter((x) => matchesTarget(x, entry.target!))) applyJson6902(r, docs[0]);
      continue;
    }
    for (const doc of docs) {
      const patch = doc as Json;
      if (entry.target) {
        for (const r of resources.filter((x) => matchesTarget(x, entry.target!))) {
          const body = JSON.parse(JSON.stringify(patch)) as Json;
          body.metadata = { ...((body.metadata as Json) ?? {}), name: nameOf(r.obj) };
          applySmp(resources, r, body);
        }
      } else applyIdentifiedSmp(resources, patch);
    }
  }
}

/** The deprecated `patchesStrategicMerge:` field: file paths or inline patches. */
export function applyPatchesStrategicMerge(resources: KResource[], entries: string[] | undefined, loader: RootLoader): void {
  for (const entry of entries ?? []) {
    const inline = entry.includes("\n") || /^\s*(apiVersion|kind):/m.test(entry);
    const text = inline ? entry : loader.readFile(entry);
    for (const doc of parseYamlDocs(text, text)) applyIdentifiedSmp(resources, doc as Json);
  }
}

/** The deprecated `patchesJson6902:` field: a target and a JSON patch (YAML or JSON). */
export function applyPatchesJson6902(resources: KResource[], entries: PatchEntry[] | undefined, loader: RootLoader): void {
  for (const entry of entries ?? []) {
    if (!entry.target) throw new KustomizeError("must specify the target field in patchesJson6902");
    const text = entry.path ? loader.readFile(entry.path) : (entry.patch ?? "");
    const ops = parseYamlDocs(text, text)[0];
    for (const r of resources.filter((x) => matchesTarget(x, entry.target!))) applyJson6902(r, ops);
  }
}
