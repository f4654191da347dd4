import type { ResourceRegistry } from "../api/registry";
import { deepFreeze } from "../util/freeze";
import { AttachedState } from "./attached-state";

/**
 * Aggregated discovery (`GET /api`, `GET /apis`) is asked for by every kubectl command and
 * describes every served resource, yet changes only when the set of resources does (a CRD is
 * established or removed, an aggregated API appears). So each registry keeps its two documents
 * until its generation moves. The documents are frozen: clients read them, and the kubectl
 * emulator remembers what it derived from them by their identity (kubectl/client/cache.ts).
 */
interface Documents {
  generation: number;
  core?: unknown;
  groups?: unknown;
}

// Not a WeakMap: its values would outlive a dropped registry in young-generation collections (attached-state.ts).
const byRegistry = new AttachedState<ResourceRegistry, Documents>("aggregated discovery");

export function cachedAggregatedDiscovery(registry: ResourceRegistry, core: boolean, build: () => unknown): unknown {
  let docs = byRegistry.get(registry);
  if (!docs || docs.generation !== registry.version) {
    docs = { generation: registry.version };
    byRegistry.set(registry, docs);
  }
  const field = core ? "core" : "groups";
  return (docs[field] ??= deepFreeze(build()));
}
