import { ContentCache } from "../../cluster/content-cache";
import type { ResourceMapping } from "./discovery";
import type { Kubeconfig } from "./kubeconfig";

/**
 * What the emulated kubectl would otherwise redo on every command: parsing the kubeconfig (the
 * same text each time, with its base64 certificates) and turning the discovery documents into
 * REST mappings. Discovery comes from kubectl's disk cache (disk-cache.ts) or the server; the
 * mappings derived from its documents are kept by the documents' identity (a file's parse is
 * shared per text, and the API server hands out the same frozen documents until its resources
 * change: cluster/discovery-cache.ts).
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

interface DerivedNode {
  next: WeakMap<object, DerivedNode>;
  result?: DiscoveredMappings;
}

const derivedRoot: DerivedNode = { next: new WeakMap() };

/**
 * The mappings derived from a sequence of discovery documents (the group list and each
 * group/version's resources), derived once per sequence of the same frozen documents (frozen).
 */
export function mappingsFromDocuments(documents: readonly unknown[], derive: () => DiscoveredMappings): DiscoveredMappings {
  let node = derivedRoot;
  for (const doc of documents) {
    if (!isObject(doc) || !Object.isFrozen(doc)) return derive();
    let child = node.next.get(doc);
    if (!child) node.next.set(doc, (child = { next: new WeakMap() }));
    node = child;
  }
  if (!node.result) {
    const fresh = derive();
    for (const m of fresh.mappings) {
      Object.freeze(m.subresources);
      Object.freeze(m);
    }
    node.result = { mappings: Object.freeze(fresh.mappings) as ResourceMapping[], versions: Object.freeze(fresh.versions) as string[] };
  }
  return node.result;
}

function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null;
}
