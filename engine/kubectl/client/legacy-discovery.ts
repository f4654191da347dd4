/**
 * The discovery documents as kubectl keeps them on disk: client-go turns the aggregated documents
 * (`GET /api`, `GET /apis`, apidiscovery.k8s.io/v2) into the older APIGroupList (servergroups.json)
 * and one APIResourceList per group/version (<gv>/serverresources.json), as its
 * discovery/aggregated_discovery.go does, and its disk cache writes those.
 */

export interface GroupVersionForDiscovery {
  groupVersion: string;
  version: string;
}

export interface LegacyGroup {
  name: string;
  versions: GroupVersionForDiscovery[];
  preferredVersion?: GroupVersionForDiscovery;
}

export interface LegacyGroupList {
  kind: "APIGroupList";
  apiVersion: "v1";
  groups: LegacyGroup[];
}

/** metav1.APIResource; a subresource is named `<resource>/<subresource>`. */
export interface LegacyResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  group?: string;
  version?: string;
  kind: string;
  verbs: string[] | null;
  shortNames?: string[];
  categories?: string[];
}

export interface LegacyResourceList {
  kind: "APIResourceList";
  apiVersion: "v1";
  groupVersion: string;
  resources: LegacyResource[];
}

/** What one pair of aggregated documents says, in the on-disk form. */
export interface LegacyDiscovery {
  groups: LegacyGroupList;
  /** By "group/version" ("v1" for the core group). */
  resources: Map<string, LegacyResourceList>;
}

interface AggregatedKind {
  group?: string;
  version?: string;
  kind?: string;
}

export interface AggregatedDocument {
  items?: {
    metadata?: { name?: string };
    versions?: {
      version: string;
      freshness?: string;
      resources?: {
        resource: string;
        responseKind?: AggregatedKind;
        scope?: string;
        singularResource?: string;
        verbs?: string[];
        shortNames?: string[];
        categories?: string[];
        subresources?: { subresource: string; responseKind?: AggregatedKind; verbs?: string[] }[];
      }[];
    }[];
  }[];
}

/** Go's omitempty on a string. */
function withKind(target: LegacyResource, kind: AggregatedKind | undefined): LegacyResource {
  if (!kind) return target;
  // Built field by field: JSON keeps metav1.APIResource's field order.
  const out = { name: target.name, singularName: target.singularName, namespaced: target.namespaced } as LegacyResource;
  if (kind.group) out.group = kind.group;
  if (kind.version) out.version = kind.version;
  out.kind = kind.kind ?? "";
  out.verbs = target.verbs;
  if (target.shortNames) out.shortNames = target.shortNames;
  if (target.categories) out.categories = target.categories;
  return out;
}

/** The groups (core first) and each group/version's resources, as client-go converts them. */
export function legacyFromAggregated(core: AggregatedDocument, named: AggregatedDocument): LegacyDiscovery {
  const groups: LegacyGroup[] = [];
  const resources = new Map<string, LegacyResourceList>();
  for (const doc of [core, named]) {
    for (const item of doc.items ?? []) {
      const name = item.metadata?.name ?? "";
      const group: LegacyGroup = { name, versions: [] };
      for (const v of item.versions ?? []) {
        // client-go leaves out versions whose discovery is stale.
        if (v.freshness === "Stale") continue;
        const groupVersion = name ? `${name}/${v.version}` : v.version;
        const gv = { groupVersion, version: v.version };
        group.versions.push(gv);
        group.preferredVersion ??= gv;
        const list: LegacyResource[] = [];
        for (const r of v.resources ?? []) {
          const base: LegacyResource = { name: r.resource, singularName: r.singularResource ?? "", namespaced: r.scope === "Namespaced", kind: "", verbs: r.verbs ?? null };
          if (r.shortNames?.length) base.shortNames = r.shortNames;
          if (r.categories?.length) base.categories = r.categories;
          list.push(withKind(base, r.responseKind));
          for (const s of r.subresources ?? []) {
            const sub: LegacyResource = { name: `${r.resource}/${s.subresource}`, singularName: base.singularName, namespaced: base.namespaced, kind: "", verbs: s.verbs ?? null };
            list.push(withKind(sub, s.responseKind));
          }
        }
        resources.set(groupVersion, { kind: "APIResourceList", apiVersion: "v1", groupVersion, resources: list });
      }
      groups.push(group);
    }
  }
  return { groups: { kind: "APIGroupList", apiVersion: "v1", groups }, resources };
}

/** Whether a parsed file is a document of the kind expected (a wrong or damaged file is refetched). */
export function isGroupList(value: unknown): value is LegacyGroupList {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "APIGroupList" && Array.isArray((value as { groups?: unknown }).groups);
}

export function isResourceList(value: unknown): value is LegacyResourceList {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "APIResourceList" && Array.isArray((value as { resources?: unknown }).resources);
}
