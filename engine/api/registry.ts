import { STANDARD_VERBS, type ResourceDefinition } from "./resource";

/**
 * The set of resource types one API server serves. Built-in kinds are registered at start-up;
 * CustomResourceDefinitions add and remove entries while the cluster runs.
 */
export class ResourceRegistry {
  private byGroupResource = new Map<string, ResourceDefinition>();
  private order: string[] = [];
  private generation = 0;

  register(def: ResourceDefinition): void {
    const key = `${def.group}/${def.resource}`;
    if (!this.byGroupResource.has(key)) this.order.push(key);
    this.byGroupResource.set(key, { verbs: STANDARD_VERBS, ...def });
    this.generation++;
  }

  unregister(group: string, resource: string): void {
    const key = `${group}/${resource}`;
    this.byGroupResource.delete(key);
    this.order = this.order.filter((k) => k !== key);
    this.generation++;
  }

  /** Bumped on every change so discovery documents can be cached between changes. */
  get version(): number {
    return this.generation;
  }

  get(group: string, resource: string): ResourceDefinition | undefined {
    return this.byGroupResource.get(`${group}/${resource}`);
  }

  /** The definition serving `resource` at group/version, or undefined if that version is not served. */
  lookup(group: string, version: string, resource: string): ResourceDefinition | undefined {
    const def = this.get(group, resource);
    if (!def) return undefined;
    if (def.version === version || def.otherVersions?.some((v) => v.version === version)) return def;
    return undefined;
  }

  byKind(group: string, kind: string): ResourceDefinition | undefined {
    // Every typed create and update asks this: walk the order without building the list.
    for (const key of this.order) {
      const def = this.byGroupResource.get(key)!;
      if (def.group === group && def.kind === kind) return def;
    }
    return undefined;
  }

  all(): ResourceDefinition[] {
    return this.order.map((k) => this.byGroupResource.get(k)!);
  }

  /** Groups in registration order, each with the versions it serves (preferred first). */
  groups(): { name: string; versions: string[] }[] {
    const groups = new Map<string, string[]>();
    for (const def of this.all()) {
      const versions = groups.get(def.group) ?? [];
      for (const v of [def.version, ...(def.otherVersions ?? []).map((o) => o.version)]) {
        if (!versions.includes(v)) versions.push(v);
      }
      groups.set(def.group, versions);
    }
    return [...groups.entries()].map(([name, versions]) => ({ name, versions }));
  }
}
