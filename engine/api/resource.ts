import type { FieldError } from "./errors";
import type { KubeObject, UserInfo } from "./types";
import type { TablePrinter } from "./table";
import type { NameRule } from "./validation/names";

/** Context handed to per-resource hooks: who asks, and what time it is on the cluster clock. */
export interface StrategyContext {
  user: UserInfo;
  now: () => string;
  /** Read another object through the store (admission and validation sometimes must look around). */
  lookup: (group: string, resource: string, namespace: string | undefined, name: string) => KubeObject | undefined;
  /** Every stored object of a type (in one namespace when given), for allocators that must see all uses. */
  list: (group: string, resource: string, namespace?: string) => KubeObject[];
  /** Deterministic randomness (generated names, allocated IPs). */
  random: () => number;
}

/**
 * What makes a resource behave like its real counterpart. Mirrors the REST "strategy" of each
 * kind in kubernetes/pkg/registry: defaulting, create/update preparation, validation.
 * Hooks mutate the object passed in (a private copy); validation returns field errors.
 */
export interface ResourceStrategy {
  /** Fills defaults exactly as the real scheme's defaulters would (run on create and update). */
  defaults?(obj: KubeObject, ctx: StrategyContext): void;
  prepareForCreate?(obj: KubeObject, ctx: StrategyContext): void;
  prepareForUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void;
  validate?(obj: KubeObject, ctx: StrategyContext): FieldError[];
  validateUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): FieldError[];
  /** Validation of a write to the status subresource (spec and metadata are kept from `old`). */
  validateStatusUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): FieldError[];
  /** WarningsOnCreate (old undefined) / WarningsOnUpdate: texts the client prints as "Warning: …". */
  warnings?(obj: KubeObject, old: KubeObject | undefined, ctx: StrategyContext): string[];
}

/** How the `scale` subresource reads and writes a workload, like a CRD's scale subresource spec. */
export interface ScaleSpec {
  specReplicasPath: string[];
  statusReplicasPath: string[];
  /** Path to the label selector: a string (serialised selector) or a LabelSelector object. */
  labelSelectorPath?: string[];
}

/** A served API version other than the storage version, with conversions both ways. */
export interface VersionConversion {
  version: string;
  toStorage(obj: KubeObject): KubeObject;
  fromStorage(obj: KubeObject): KubeObject;
}

/** Everything the server knows about one resource type (one entry of discovery). */
export interface ResourceDefinition {
  group: string;
  /** The storage version; served, and preferred unless `preferredVersion` says otherwise. */
  version: string;
  otherVersions?: VersionConversion[];
  resource: string;
  kind: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs?: string[];
  subresources?: string[];
  /** Resources such as reviews are created and answered but never stored. */
  virtual?: boolean;
  strategy?: ResourceStrategy;
  printer?: TablePrinter;
  /** Field selectors this kind supports beyond metadata.name and metadata.namespace. */
  fieldSelectors?: Record<string, (obj: KubeObject) => string | undefined>;
  scale?: ScaleSpec;
  /**
   * Objects live in another resource's storage, converted on the way in and out (events.k8s.io
   * Events are core Events: one object seen through two APIs).
   */
  storedAs?: { typeKey: string; toStorage(obj: KubeObject): KubeObject; fromStorage(obj: KubeObject): KubeObject };
  /** Keys live under /registry/<etcdPrefix>/… in the simulated etcd. */
  etcdPrefix?: string;
  /** True for resources served from a CustomResourceDefinition. */
  custom?: boolean;
  /** The metadata.name rule of the kind's ValidateObjectMeta call, when it is not the usual DNS subdomain. */
  nameRule?: NameRule;
  /** Per served version: the Warning every request to a deprecated API version carries. */
  deprecationWarnings?: Record<string, string>;
}

export const STANDARD_VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

export function apiVersionOf(def: Pick<ResourceDefinition, "group" | "version">, version = def.version): string {
  return def.group ? `${def.group}/${version}` : version;
}

export function groupResource(def: Pick<ResourceDefinition, "group" | "resource">): { group: string; resource: string } {
  return { group: def.group, resource: def.resource };
}
