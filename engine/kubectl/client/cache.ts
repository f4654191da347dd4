import { parse as parseYaml } from "yaml";
import { ContentCache } from "../../cluster/content-cache";
import type { ResourceMapping } from "./discovery";

/**
 * What the emulated kubectl would otherwise redo on every command: parsing the kubeconfig (the
 * same text each time, with its base64 certificates) and turning the discovery documents into
 * REST mappings. The real kubectl keeps discovery in ~/.kube/cache; here the documents are still
 * requested on every command (so `-v` logs and RBAC stay as they are) and only the work derived
 * from them is kept, by the documents' identity (the API server hands out the same frozen
 * documents until its resources change: cluster/discovery-cache.ts).
 */
const kubeconfigYaml = new ContentCache<unknown>();

/** `yaml.parse(text)` for a kubeconfig file, as a fresh copy the caller may change. */
export function parseKubeconfigYaml(text: string): unknown {
  const parsed = kubeconfigYaml.get(text, () => parseYaml(text) as unknown);
  return parsed === null || typeof parsed !== "object" ? parsed : structuredClone(parsed);
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
