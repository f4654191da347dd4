import { NoResourceMatchError, StatusError } from "../cli/errors";
import type { Transport } from "./transport";
import { ConnectionRefused } from "./transport";
import { mappingsFromDocuments } from "./cache";

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

interface DiscoveryDoc {
  items?: {
    metadata?: { name?: string };
    versions?: {
      version: string;
      resources?: {
        resource: string;
        responseKind?: { kind?: string };
        scope?: string;
        singularResource?: string;
        verbs?: string[];
        shortNames?: string[];
        categories?: string[];
        subresources?: { subresource: string }[];
      }[];
    }[];
  }[];
}

/** How many times client-go's memcached discovery retries a failing group list before kubectl gives up. */
const DISCOVERY_ATTEMPTS = 5;

/**
 * Discovery and REST mapping as kubectl's DeferredDiscoveryRESTMapper + shortcut expander do it:
 * two aggregated-discovery requests give every resource; arguments resolve by plural, singular,
 * kind, short name, `resource.group` and `resource.version.group`, case-insensitively.
 */
export class Discovery {
  private mappings?: ResourceMapping[];
  private groupVersions?: string[];

  constructor(
    private readonly transport: Transport,
    /** Where discovery warnings go (kubectl prints them on stderr). */
    private readonly warn?: (text: string) => void,
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

  private fetch(path: string): DiscoveryDoc {
    const response = this.transport.request({ method: "GET", path, query: { timeout: "32s" }, headers: { accept: AGGREGATED_ACCEPT } });
    if (response.status >= 400) throw new StatusError(response.body as StatusError["status"]);
    return response.body as DiscoveryDoc;
  }

  private load(): void {
    let core: DiscoveryDoc;
    let groups: DiscoveryDoc;
    try {
      core = this.fetch("/api");
      groups = this.fetch("/apis");
    } catch (e) {
      if (e instanceof ConnectionRefused) {
        // client-go logs each failed attempt of its memcached discovery before kubectl reports the error.
        for (let i = 0; i < DISCOVERY_ATTEMPTS; i++) {
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
    const derived = mappingsFromDocuments(core, groups, () => {
      const mappings: ResourceMapping[] = [];
      const versions: string[] = [];
      for (const doc of [core, groups]) {
        for (const group of doc.items ?? []) {
          const groupName = group.metadata?.name ?? "";
          (group.versions ?? []).forEach((v, index) => {
            versions.push(groupName ? `${groupName}/${v.version}` : v.version);
            for (const r of v.resources ?? []) {
              mappings.push({
                group: groupName,
                version: v.version,
                resource: r.resource,
                kind: r.responseKind?.kind ?? "",
                singular: r.singularResource ?? "",
                namespaced: r.scope === "Namespaced",
                shortNames: r.shortNames ?? [],
                categories: r.categories ?? [],
                verbs: r.verbs ?? [],
                subresources: (r.subresources ?? []).map((s) => s.subresource),
                preferred: index === 0,
              });
            }
          });
        }
      }
      return { mappings, versions };
    });
    this.mappings = derived.mappings;
    this.groupVersions = derived.versions;
  }

  /** Resolves a resource argument (`po`, `deployments.apps`, `Deployment`, `cronjobs.v1.batch`). */
  resolve(arg: string): ResourceMapping {
    const found = this.tryResolve(arg);
    if (found) return found;
    // kubectl names only the resource part, whatever group or version was asked for.
    throw new NoResourceMatchError(splitResourceArg(arg).resource);
  }

  tryResolve(arg: string): ResourceMapping | undefined {
    const all = this.all();
    // Short names match as typed; plurals, singulars and kinds match case-insensitively.
    const candidates: { resource: string; group?: string; version?: string }[] = [{ resource: arg }];
    const parts = arg.split(".");
    if (parts.length >= 3) candidates.push({ resource: parts[0], version: parts[1], group: parts.slice(2).join(".") });
    if (parts.length >= 2) candidates.push({ resource: parts[0], group: parts.slice(1).join(".") });
    for (const c of candidates) {
      const expanded = this.expandShortName(c.resource, c.group).toLowerCase();
      const match = (m: ResourceMapping) =>
        (c.group === undefined || m.group === c.group) &&
        (c.version === undefined ? m.preferred : m.version === c.version) &&
        (m.resource === expanded || m.singular === expanded || m.kind.toLowerCase() === expanded);
      const hit = all.find(match);
      if (hit) return hit;
    }
    return undefined;
  }

  /** kubectl's shortcut expander: a short name stands for its resource's plural. */
  private expandShortName(name: string, group?: string): string {
    const hits = this.all().filter((m) => m.preferred && (group === undefined || m.group === group) && m.shortNames.includes(name));
    if (hits.length > 1) {
      const others = hits.slice(1).map((m) => (m.group ? `${m.resource}.${m.group}` : m.resource));
      this.warn?.(`Warning: short name "${name}" could also match lower priority resource ${others.join(", ")}\n`);
    }
    return hits[0]?.resource ?? name;
  }

  /** Resources in a category (`all`), as kubectl's category expander lists them. */
  category(name: string): ResourceMapping[] {
    return this.all().filter((m) => m.preferred && m.categories.includes(name));
  }

  /** The mapping for a kind in an apiVersion (objects read from manifests). */
  forKind(apiVersion: string, kind: string): ResourceMapping | undefined {
    const [group, version] = apiVersion.includes("/") ? apiVersion.split("/", 2) : ["", apiVersion];
    return this.all().find((m) => m.group === group && m.version === version && m.kind === kind);
  }

  hasGroupVersion(apiVersion: string): boolean {
    return this.versions().includes(apiVersion);
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
