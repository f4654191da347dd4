import { PushStream } from "../../util/stream";
import { gone } from "../errors";
import type { StoreEvent } from "../store";
import type { KubeObject, WatchEvent } from "../types";
import type { ServerContext } from "./context";
import { filterMatches, listFilter, toVersion, typeKey, type ResourceCall } from "./rest";
import { toTable, type IncludeObject } from "./table-response";

export interface WatchOptions {
  table?: { include: IncludeObject };
}

/**
 * A watch as the apiserver's cacher serves it: optional initial ADDED events, then every change
 * that matches the selectors. An object that stops matching is reported as DELETED, one that
 * starts matching as ADDED, so a client's view stays consistent with its selector.
 */
export function startWatch(server: ServerContext, call: ResourceCall, options: WatchOptions): PushStream<WatchEvent> {
  const { def } = call;
  const stream = new PushStream<WatchEvent>();
  const filter = listFilter(def, call.query);
  const key = typeKey(def);
  const matched = new Set<string>();
  let first = true;
  const objectKey = (o: KubeObject) => `${o.metadata.namespace ?? ""}/${o.metadata.name}`;
  const inScope = (o: KubeObject) =>
    (!call.namespace || o.metadata.namespace === call.namespace) && (!call.name || o.metadata.name === call.name);

  const encode = (obj: KubeObject): unknown => {
    const versioned = toVersion(def, call.version, obj);
    if (!options.table) return versioned;
    const table = toTable(def, [versioned], { now: server.clock.now(), include: options.table.include, withColumns: first });
    first = false;
    return table;
  };

  const deliver = (event: StoreEvent) => {
    if (event.typeKey !== key || !inScope(event.object)) return;
    const k = objectKey(event.object);
    const nowMatches = event.type !== "DELETED" && filterMatches(filter, event.object);
    const wasMatched = matched.has(k);
    if (event.type === "DELETED") {
      if (!wasMatched && !filterMatches(filter, event.object)) return;
      matched.delete(k);
      stream.push({ type: "DELETED", object: encode(event.object) });
    } else if (nowMatches) {
      matched.add(k);
      stream.push({ type: wasMatched ? "MODIFIED" : "ADDED", object: encode(event.object) });
    } else if (wasMatched) {
      matched.delete(k);
      stream.push({ type: "DELETED", object: encode(event.object) });
    }
  };

  const rv = call.query.get("resourceVersion") ?? "";
  const sendInitial = rv === "" || rv === "0" || call.query.get("sendInitialEvents") === "true";
  if (sendInitial) {
    for (const obj of server.store.list(key, call.namespace)) {
      if (!inScope(obj) || !filterMatches(filter, obj)) continue;
      matched.add(objectKey(obj));
      stream.push({ type: "ADDED", object: encode(obj) });
    }
  } else {
    const since = Number(rv);
    const history = server.store.eventsSince(key, since);
    if (!history) {
      stream.push({ type: "ERROR", object: gone(`too old resource version: ${rv} (${server.store.oldestWatchableRevision})`).status });
      stream.end();
      return stream;
    }
    // Objects that matched at `rv` are those that match now and were not created after it.
    for (const obj of server.store.list(key, call.namespace)) {
      if (inScope(obj) && filterMatches(filter, obj) && Number(obj.metadata.resourceVersion) <= since) matched.add(objectKey(obj));
    }
    for (const event of history) deliver(event);
  }
  const unsubscribe = server.store.subscribe(deliver);
  stream.onClose(unsubscribe);
  return stream;
}
