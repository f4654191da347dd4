import { deepFreeze } from "../../util/freeze";
import { NoResourceMatchError, StatusError } from "../cli/errors";
import type { Transport } from "./transport";
import { ConnectionRefused } from "./transport";
import { mappingsFromDocuments, type DiscoveredMappings } from "./cache";
import type { DiskDiscoveryCache } from "./disk-cache";
import { isGroupList, isResourceList, legacyFromAggregated, type AggregatedDocument, type LegacyDiscovery, type LegacyGroupList, type LegacyResourceList } from "./legacy-discovery";

/** One resource type as aggregated discovery reports it, with the group/version serving it. */
export interface ResourceMapping {
  group: string;
  version: string;
  resource: string;
  kind: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  subresources: string[];
  /** Whether this is the group's preferred version. */
  preferred: boolean;
}

const AGGREGATED_ACCEPT = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

/**
 * How many times client-go's memcached discovery logs a failing group list before kubectl gives
 * up: with nothing cached, and after a resource was not found in what was cached (observed with
 * kubectl 1.33 against a stopped server).
 */
const DISCOVERY_ATTEMPTS_COLD = 5;
const DISCOVERY_ATTEMPTS_AFTER_MISS = 3;

export interface DiscoveryOptions {
  /** Where discovery warnings go (kubectl prints them on stderr). */
  warn?: (text: string) => void;
  /** kubectl's disk cache for this server; without it every command asks the server. */
  cache?: DiskDiscoveryCache;
  /** klog at a verbosity (the REST mapper says when it invalidates at -v=5). */
  log?: (level: number, message: string, source: string) => void;
}

/**
 * Discovery and REST mapping as kubectl's cached discovery client, DeferredDiscoveryRESTMapper and
 * shortcut expander do it: the groups and each group/version's resources come from the disk cache
 * while it is fresh, else from the two aggregated-discovery requests (and are written back); a
 * resource not found in cached data invalidates the cache and asks the server once more. Arguments
 * resolve by plural, singular, kind, short name, `resource.group` and `resource.version.group`.
 */
export class Discovery {
  private mappings?: ResourceMapping[];
  private groupVersions?: string[];
  /** What the server said during this invocation (client-go's memory cache in front of the disk). */
  private live?: LegacyDiscovery;
  /** Set once a miss in cached data made this invocation ask the server again. */
  private retrying = false;

  constructor(
    private readonly transport: Transport,
    private readonly options: DiscoveryOptions = {},
  ) {}

  /** Every served resource type, core group first, preferred versions first. */
  all(): ResourceMapping[] {
    if (!this.mappings) this.load();
    return this.mappings!;
  }

  /** "group/version" strings in discovery order (`kubectl api-versions` sorts them). */
  versions(): string[] {
    if (!this.groupVersions) this.load();
    return this.groupVersions!;
  }

  /** Ignores cached files from earlier commands (api-resources and api-versions always ask the server). */
  invalidate(): void {
    this.options.cache?.invalidate();
    this.live = undefined;
    this.mappings = undefined;
    this.groupVersions = undefined;
  }

  /**
   * DeferredDiscoveryRESTMapper: when a lookup fails on data read from earlier commands' files,
   * reset and look again with what the server says now (a CRD created since is found).
   */
  private retry<T>(lookup: () => T | undefined): T | undefined {
    const found = lookup();
    if (found !== undefined && (!Array.isArray(found) || found.length > 0)) return found;
    if (!this.options.cache || this.options.cache.fresh) return found;
    this.options.log?.(5, "Invalidating discovery information", "discovery.go:214");
    this.invalidate();
    this.retrying = true;
    return lookup();
  }

  private fetch(path: string): AggregatedDocument {
    const response = this.transport.request({ method: "GET", path, query: { timeout: "32s" }, headers: { accept: AGGREGATED_ACCEPT } });
    if (response.status >= 400) throw new StatusError(response.body as StatusError["status"]);
    return response.body as AggregatedDocument;
  }

  /** Both aggregated documents, once per invocation, in the on-disk form. */
  private fromServer(): LegacyDiscovery {
    if (this.live) return this.live;
    let core: AggregatedDocument;
    let groups: AggregatedDocument;
    try {
      core = this.fetch("/api");
      groups = this.fetch("/apis");
    } catch (e) {
      if (e instanceof ConnectionRefused) {
        const attempts = this.retrying ? DISCOVERY_ATTEMPTS_AFTER_MISS : DISCOVERY_ATTEMPTS_COLD;
        // client-go logs each failed attempt of its memcached discovery before kubectl reports the error.
        for (let i = 0; i < attempts; i++) {
          const url = this.transport.url("/api", { timeout: "32s" });
          this.transport.log(
            `"Unhandled Error" err="couldn't get current server API group list: Get \\"${url}\\": ${e.dialError}"`,
            "memcache.go:265",
            "E",
          );
        }
      }
      throw e;
    }
    this.live = legacyDocuments(core, groups);
    return this.live;
  }

  private load(): void {
    const cache = this.options.cache;
    const recalled = cache?.recall<DiscoveredMappings>();
    if (recalled) {
      this.mappings = recalled.mappings;
      this.groupVersions = recalled.versions;
      return;
    }
    cache?.begin();
    const cached = cache?.read("servergroups.json");
    let groups: LegacyGroupList;
    if (isGroupList(cached)) groups = cached;
    else {
      groups = this.fromServer().groups;
      cache?.write("servergroups.json", groups);
    }
    const lists: LegacyResourceList[] = [];
    for (const group of groups.groups) {
      for (const v of group.versions) {
        const file = `${v.groupVersion}/serverresources.json`;
        const read = cache?.read(file);
        let list = isResourceList(read) ? read : undefined;
        if (!list) {
          list = this.fromServer().resources.get(v.groupVersion);
          // client-go caches a group/version only when it has resources.
          if (list && list.resources.length > 0) cache?.write(file, list);
        }
        if (list) lists.push(list);
      }
    }
    const derived = mappingsFromDocuments([groups, ...lists], () => deriveMappings(groups, lists));
    this.mappings = derived.mappings;
    this.groupVersions = derived.versions;
    // Kept only when it all came from disk: what the server said is not what the files say.
    if (!this.live) cache?.remember(derived);
  }

  /** Resolves a resource argument (`po`, `deployments.apps`, `Deployment`, `cronjobs.v1.batch`). */
  resolve(arg: string): ResourceMapping {
    const found = this.tryResolve(arg);
    if (found) return found;
    // kubectl names only the resource part, whatever group or version was asked for.
    throw new NoResourceMatchError(splitResourceArg(arg).resource);
  }

  tryResolve(arg: string): ResourceMapping | undefined {
    return this.retry(() => this.resolveIn(arg));
  }

  private resolveIn(arg: string): ResourceMapping | undefined {
    const all = this.all();
    const index = lookupIndex(all);
    // Short names match as typed; plurals, singulars and kinds match case-insensitively.
    const dot = arg.indexOf(".");
    const hit = this.firstMatch(all, index, arg);
    if (hit || dot < 0) return hit;
    const parts = arg.split(".");
    if (parts.length >= 3) {
      const versioned = this.firstMatch(all, index, parts[0], parts.slice(2).join("."), parts[1]);
      if (versioned) return versioned;
    }
    return this.firstMatch(all, index, parts[0], parts.slice(1).join("."));
  }

  /** The first mapping, in discovery order, named `resource` (after short-name expansion) in the group and version. */
  private firstMatch(all: ResourceMapping[], index: LookupIndex, resource: string, group?: string, version?: string): ResourceMapping | undefined {
    const expanded = this.expandShortName(index, resource, group).toLowerCase();
    for (const i of index.byName.get(expanded) ?? []) {
      const m = all[i];
      if ((group === undefined || m.group === group) && (version === undefined ? m.preferred : m.version === version)) return m;
    }
    return undefined;
  }

  /** kubectl's shortcut expander: a short name stands for its resource's plural. */
  private expandShortName(index: LookupIndex, name: string, group?: string): string {
    const named = index.byShortName.get(name);
    if (!named) return name;
    const hits = group === undefined ? named : named.filter((m) => m.group === group);
    if (hits.length > 1) {
      const others = hits.slice(1).map((m) => (m.group ? `${m.resource}.${m.group}` : m.resource));
      this.options.warn?.(`Warning: short name "${name}" could also match lower priority resource ${others.join(", ")}\n`);
    }
    return hits[0]?.resource ?? name;
  }

  /** Resources in a category (`all`), as kubectl's category expander lists them. */
  category(name: string): ResourceMapping[] {
    return this.retry(() => this.all().filter((m) => m.preferred && m.categories.includes(name))) ?? [];
  }

  /** The mapping for a kind in an apiVersion (objects read from manifests). */
  forKind(apiVersion: string, kind: string): ResourceMapping | undefined {
    const [group, version] = apiVersion.includes("/") ? apiVersion.split("/", 2) : ["", apiVersion];
    return this.retry(() => this.all().find((m) => m.group === group && m.version === version && m.kind === kind));
  }

  hasGroupVersion(apiVersion: string): boolean {
    return this.retry(() => (this.versions().includes(apiVersion) ? true : undefined)) ?? false;
  }
}

export function splitResourceArg(arg: string): { resource: string; group: string; version: string } {
  const parts = arg.split(".");
  if (parts.length === 1) return { resource: arg, group: "", version: "" };
  return { resource: parts[0], group: parts.slice(1).join("."), version: "" };
}

/** kubectl's `-o name` prefix: `pod`, `deployment.apps`. */
export function kindPrefix(mapping: Pick<ResourceMapping, "kind" | "group">): string {
  return mapping.group ? `${mapping.kind.toLowerCase()}.${mapping.group}` : mapping.kind.toLowerCase();
}

/** The REST path of a collection or object. */
export function resourcePath(mapping: Pick<ResourceMapping, "group" | "version" | "resource" | "namespaced">, namespace?: string, name?: string, subresource?: string): string {
  const base = mapping.group ? `/apis/${mapping.group}/${mapping.version}` : `/api/${mapping.version}`;
  const ns = mapping.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : "";
  return `${base}${ns}/${mapping.resource}${name !== undefined ? "/" + encodeURIComponent(name) : ""}${subresource ? "/" + subresource : ""}`;
}

/** The on-disk form of one pair of server documents, converted once per pair (the server hands out the same frozen ones). */
const legacyByDocuments = new WeakMap<object, WeakMap<object, LegacyDiscovery>>();

function legacyDocuments(core: AggregatedDocument, groups: AggregatedDocument): LegacyDiscovery {
  if (!Object.isFrozen(core) || !Object.isFrozen(groups)) return legacyFromAggregated(core, groups);
  let byGroups = legacyByDocuments.get(core);
  if (!byGroups) legacyByDocuments.set(core, (byGroups = new WeakMap()));
  let legacy = byGroups.get(groups);
  if (!legacy) {
    legacy = legacyFromAggregated(core, groups);
    // Frozen, so what is derived from them is kept too (a Map's entries are frozen one by one).
    deepFreeze(legacy.groups);
    for (const list of legacy.resources.values()) deepFreeze(list);
    byGroups.set(groups, legacy);
  }
  return legacy;
}

/** The mappings a group list and its resource lists describe: a subresource is a `name/sub` entry after its resource. */
function deriveMappings(groups: LegacyGroupList, lists: LegacyResourceList[]): DiscoveredMappings {
  const byGroupVersion = new Map(lists.map((l) => [l.groupVersion, l]));
  const mappings: ResourceMapping[] = [];
  const versions: string[] = [];
  for (const group of groups.groups) {
    const preferred = group.preferredVersion?.version ?? group.versions[0]?.version;
    for (const v of group.versions) {
      versions.push(v.groupVersion);
      const list = byGroupVersion.get(v.groupVersion);
      const byName = new Map<string, ResourceMapping>();
      for (const r of list?.resources ?? []) {
        const slash = r.name.indexOf("/");
        if (slash >= 0) {
          byName.get(r.name.slice(0, slash))?.subresources.push(r.name.slice(slash + 1));
          continue;
        }
        const mapping: ResourceMapping = {
          group: group.name,
          version: v.version,
          resource: r.name,
          kind: r.kind,
          singular: r.singularName ?? "",
          namespaced: r.namespaced === true,
          shortNames: r.shortNames ?? [],
          categories: r.categories ?? [],
          verbs: r.verbs ?? [],
          subresources: [],
          preferred: v.version === preferred,
        };
        byName.set(r.name, mapping);
        mappings.push(mapping);
      }
    }
  }
  return { mappings, versions };
}

interface LookupIndex {
  /** Positions of the mappings a lower-case plural, singular or kind names, in discovery order. */
  byName: Map<string, number[]>;
  /** Preferred-version mappings by short name, in discovery order. */
  byShortName: Map<string, ResourceMapping[]>;
}

/** Lookups by name, built once per (frozen, shared) list of mappings instead of a scan per argument. */
const lookupIndexes = new WeakMap<ResourceMapping[], LookupIndex>();

function lookupIndex(all: ResourceMapping[]): LookupIndex {
  let index = lookupIndexes.get(all);
  if (index) return index;
  index = { byName: new Map(), byShortName: new Map() };
  all.forEach((m, i) => {
    for (const name of new Set([m.resource, m.singular, m.kind.toLowerCase()])) {
      const at = index.byName.get(name);
      if (at) at.push(i);
      else index.byName.set(name, [i]);
    }
    if (!m.preferred) return;
    for (const short of m.shortNames) {
      const named = index.byShortName.get(short);
      if (named) named.push(m);
      else index.byShortName.set(short, [m]);
    }
  });
  lookupIndexes.set(all, index);
  return index;
}
