import { ContentCache } from "../../cluster/content-cache";
import type { ResourceMapping } from "./discovery";
import type { Kubeconfig } from "./kubeconfig";

/**
 * What the emulated kubectl would otherwise redo on every command: parsing the kubeconfig (the
 * same text each time, with its base64 certificates) and turning the discovery documents into
 * REST mappings. The real kubectl keeps discovery in ~/.kube/cache; here the documents are still
 * requested on every command (so `-v` logs and RBAC stay as they are) and only the work derived
 * from them is kept, by the documents' identity (the API server hands out the same frozen
 * documents until its resources change: cluster/discovery-cache.ts).
 */
const kubeconfigs = new ContentCache<Kubeconfig>();

/**
 * The kubeconfig a file's text describes, built by `build` once per text and shared (deeply frozen:
 * `kubectl config` edits a copy). Keyed by the whole text, so an edit of the file is seen on the
 * very next command.
 */
export function cachedKubeconfig(text: string, build: () => Kubeconfig): Kubeconfig {
  return kubeconfigs.get(text, build);
}

export interface DiscoveredMappings {
  mappings: ResourceMapping[];
  versions: string[];
}

const derived = new WeakMap<object, WeakMap<object, DiscoveredMappings>>();

/** The mappings derived from one pair of discovery documents, derived once per pair (frozen). */
export function mappingsFromDocuments(core: unknown, groups: unknown, derive: () => DiscoveredMappings): DiscoveredMappings {
  if (!isObject(core) || !isObject(groups) || !Object.isFrozen(core) || !Object.isFrozen(groups)) return derive();
  let byGroups = derived.get(core);
  if (!byGroups) derived.set(core, (byGroups = new WeakMap()));
  let result = byGroups.get(groups);
  if (!result) {
    const fresh = derive();
    for (const m of fresh.mappings) Object.freeze(m);
    result = { mappings: Object.freeze(fresh.mappings) as ResourceMapping[], versions: Object.freeze(fresh.versions) as string[] };
    byGroups.set(groups, result);
  }
  return result;
}

function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null;
}
