/**
 * The API server's read path: one object by name, and lists with label/field selectors and
 * limit/continue paging.
 */
import { badRequest, notFound } from "../errors";
import { apiVersionOf, groupResource, type ResourceDefinition } from "../resource";
import { checkFieldSelector, COMMON_FIELDS, matchesFields, parseFieldSelector, type FieldGetter } from "../selectors/fields";
import { matches, parseSelector, SelectorParseError } from "../selectors/labels";
import type { KubeList, KubeObject } from "../types";
import type { ServerContext } from "./context";
import { toVersion, typeKey, type ResourceCall } from "./rest";

export function getObject(server: ServerContext, call: ResourceCall): KubeObject {
  const obj = server.store.get(typeKey(call.def), call.namespace, call.name!);
  if (!obj) throw notFound(groupResource(call.def), call.name!);
  return toVersion(call.def, call.version, obj);
}

export interface ListFilter {
  labels: ReturnType<typeof parseSelector>;
  fields: ReturnType<typeof parseFieldSelector>;
  supported: Record<string, FieldGetter>;
}

export function listFilter(def: ResourceDefinition, query: URLSearchParams): ListFilter {
  let labels;
  try {
    labels = parseSelector(query.get("labelSelector") ?? "");
  } catch (e) {
    if (e instanceof SelectorParseError) throw badRequest(`unable to parse requirement: ${e.message.replace(/^unable to parse requirement: /, "")}`);
    throw e;
  }
  const fields = parseFieldSelector(query.get("fieldSelector") ?? "");
  const supported = { ...COMMON_FIELDS, ...(def.fieldSelectors ?? {}) };
  checkFieldSelector(fields, supported);
  return { labels, fields, supported };
}

export function filterMatches(filter: ListFilter, obj: KubeObject): boolean {
  return matches(filter.labels, obj.metadata.labels) && matchesFields(obj, filter.fields, filter.supported);
}

export interface ListResult {
  items: KubeObject[];
  resourceVersion: string;
  continueToken?: string;
  remaining?: number;
}

/**
 * Lists with selectors and `limit`/`continue` paging; the token encodes where the next page starts.
 * One pass over the store's sorted list: a 1,000-object list used to be copied four times (filter,
 * slice, slice, map), all garbage a moment later.
 */
export function listObjects(server: ServerContext, call: ResourceCall): ListResult {
  const filter = listFilter(call.def, call.query);
  const all = server.store.list(typeKey(call.def), call.namespace);
  const limit = Number(call.query.get("limit") ?? "0");
  const token = call.query.get("continue");
  // Objects up to and including this key were on earlier pages (compared as the old code did, even
  // for a hand-made token whose start is missing: then nothing is after it).
  let after = "";
  let paged = false;
  let revision = String(server.store.currentRevision);
  if (token) {
    try {
      const decoded = JSON.parse(Buffer.from(token, "base64").toString("utf8")) as { rv: string; start: string };
      revision = decoded.rv;
      after = decoded.start;
      paged = true;
    } catch {
      throw badRequest("continue key is not valid: illegal base64 data at input byte 0");
    }
  }
  const unfiltered = filter.labels.length === 0 && filter.fields.length === 0;
  const converts = call.version !== call.def.version || !!call.def.storedAs;
  // The whole list as stored (a plain `kubectl get`): the store's copy is the answer.
  if (unfiltered && !paged && !(limit > 0) && !converts) return { items: all, resourceVersion: revision, continueToken: undefined, remaining: undefined };
  const items: KubeObject[] = [];
  let remaining = 0;
  let last: KubeObject | undefined;
  // The store lists in key order, which is continueKey order: the page starts where a binary search says.
  const first = paged ? firstAfter(all, after) : 0;
  for (let i = first; i < all.length; i++) {
    const o = all[i];
    if (!unfiltered && !filterMatches(filter, o)) continue;
    if (limit > 0 && items.length >= limit) {
      remaining++;
      continue;
    }
    items.push(converts ? toVersion(call.def, call.version, o) : o);
    last = o;
  }
  if (remaining === 0) return { items, resourceVersion: revision, continueToken: undefined, remaining: undefined };
  const continueToken = Buffer.from(JSON.stringify({ rv: revision, start: continueKey(last!) })).toString("base64");
  return { items, resourceVersion: revision, continueToken, remaining };
}

/** The index of the first object whose continueKey sorts after `after` (all.length when none does). */
function firstAfter(all: KubeObject[], after: string): number {
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (continueKey(all[mid]) > after) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function continueKey(obj: KubeObject): string {
  return `${obj.metadata.namespace ?? ""}/${obj.metadata.name}`;
}

export function listKind(def: ResourceDefinition): string {
  return `${def.kind}List`;
}

export function asList(def: ResourceDefinition, version: string, result: ListResult): KubeList {
  const metadata: KubeList["metadata"] = { resourceVersion: result.resourceVersion };
  if (result.continueToken) metadata.continue = result.continueToken;
  if (result.remaining !== undefined) metadata.remainingItemCount = result.remaining;
  return { kind: listKind(def), apiVersion: apiVersionOf(def, version), metadata, items: result.items };
}
